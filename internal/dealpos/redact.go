package dealpos

import (
	"context"
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// masked lists what must never reach a log line or an error: the client's
// credentials, the access tokens issued so far, and extra.
func (c *Client) masked(extra ...string) []string {
	out := append(append([]string(nil), c.secrets...), extra...)
	return append(out, c.tokens.issuedTokens()...)
}

// maskSecrets makes tflog replace every secret in messages and fields.
func maskSecrets(ctx context.Context, secrets ...string) context.Context {
	nonEmpty := make([]string, 0, len(secrets))
	for _, s := range secrets {
		if s != "" {
			nonEmpty = append(nonEmpty, s)
		}
	}
	if len(nonEmpty) == 0 {
		return ctx
	}
	ctx = tflog.MaskAllFieldValuesStrings(ctx, nonEmpty...)
	return tflog.MaskMessageStrings(ctx, nonEmpty...)
}

func redactString(s string, secrets []string) string {
	for _, secret := range secrets {
		if secret != "" {
			s = strings.ReplaceAll(s, secret, "***")
		}
	}
	return s
}

// redact masks the secrets in err's text and makes it printable and short
// (a transport error may quote a whole header line the server sent), while
// keeping err's chain for errors.As.
func redact(err error, secrets []string) error {
	msg := err.Error()
	clean := truncate(printable(userInfo.ReplaceAllString(redactString(msg, secrets), "//***@")), maxTransportEcho)
	if clean != msg {
		return &redacted{msg: clean, err: err}
	}
	return err
}

// maxTransportEcho caps the text of a transport error.
const maxTransportEcho = 500

// redacted is an error whose text was cleaned; its chain is the original's.
type redacted struct {
	msg string
	err error
}

func (e *redacted) Error() string { return e.msg }
func (e *redacted) Unwrap() error { return e.err }

// truncate cuts s to n bytes. It runs after redaction, so that a cut never
// leaves the beginning of a secret that redaction would no longer match.
func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "..."
	}
	return s
}

// maxEcho caps what an error repeats of a text that came from the server
// (a Location header) or from the configuration (a base URL).
const maxEcho = 200

// printable replaces what a terminal would act on in a text from the
// server: line breaks and tabs become spaces, other control characters and
// invalid bytes a question mark.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			return ' '
		case unicode.IsControl(r) || r == utf8.RuneError:
			return '?'
		}
		return r
	}, s)
}

// displayURL is a URL as an error may show it: without user info or query
// values (either may hold a credential), printable and cut short.
func displayURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return truncate(printable(userInfo.ReplaceAllString(strings.SplitN(raw, "?", 2)[0], "//***@")), maxEcho)
	}
	if u.User != nil {
		u.User = url.User("***")
	}
	if u.RawQuery != "" {
		q := u.Query()
		for k := range q {
			q[k] = []string{"***"}
		}
		u.RawQuery = q.Encode()
	}
	u.Fragment, u.RawFragment = "", ""
	return truncate(printable(u.String()), maxEcho)
}

// userInfo matches the user info of a URL that does not parse.
var userInfo = regexp.MustCompile(`//[^/?#]*@`)
