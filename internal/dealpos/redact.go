package dealpos

import (
	"context"
	"errors"
	"strings"

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

func redact(err error, secrets []string) error {
	msg := err.Error()
	if clean := redactString(msg, secrets); clean != msg {
		return errors.New(clean)
	}
	return err
}

// truncate cuts s to n bytes. It runs after redaction, so that a cut never
// leaves the beginning of a secret that redaction would no longer match.
func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "..."
	}
	return s
}
