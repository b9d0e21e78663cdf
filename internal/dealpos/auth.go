package dealpos

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// tokenSource hands out the bearer token: a static one, or an OAuth2
// client-credentials token that it caches and renews shortly before it
// expires. One token request runs at a time: concurrent callers wait for
// it instead of starting their own, each for no longer than its own
// context allows.
type tokenSource struct {
	static string

	clientID, clientSecret string
	fetch                  func(ctx context.Context, clientID, clientSecret string) (tokenAnswer, error)
	now                    func() time.Time

	mu       sync.Mutex
	current  string
	renewAt  time.Time
	inflight *tokenFetch // the token request under way, if any
	issued   []string    // the latest tokens obtained, masked in errors
}

// tokenFetch is one token request that concurrent callers share.
type tokenFetch struct {
	done  chan struct{} // closed when token and err are set
	token string
	err   error
	// abandoned: the request failed because the caller that made it gave
	// up, which says nothing to the callers waiting for it.
	abandoned bool
}

// rememberedTokens is how many issued tokens are masked in errors: the
// current one and a few it replaced, which a late answer may still echo.
const rememberedTokens = 4

type tokenAnswer struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int64  `json:"expires_in"`
}

// defaultTokenLifetime is assumed when the token answer gives no expiry.
const defaultTokenLifetime = 10 * time.Minute

func (t *tokenSource) clock() time.Time {
	if t.now != nil {
		return t.now()
	}
	return time.Now()
}

func (t *tokenSource) token(ctx context.Context) (string, error) {
	if t.static != "" {
		return t.static, nil
	}
	for {
		t.mu.Lock()
		if t.current != "" && t.clock().Before(t.renewAt) {
			token := t.current
			t.mu.Unlock()
			return token, nil
		}
		f := t.inflight
		if f == nil {
			f = &tokenFetch{done: make(chan struct{})}
			t.inflight = f
			t.mu.Unlock()
			t.renew(ctx, f)
			return f.token, f.err
		}
		t.mu.Unlock()
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case <-f.done:
		}
		if f.abandoned {
			continue // ask again on this caller's behalf
		}
		return f.token, f.err
	}
}

// renew makes the token request f stands for and publishes its outcome.
func (t *tokenSource) renew(ctx context.Context, f *tokenFetch) {
	answer, err := t.fetch(ctx, t.clientID, t.clientSecret)
	t.mu.Lock()
	defer t.mu.Unlock()
	defer close(f.done)
	t.inflight = nil
	if err != nil {
		f.err, f.abandoned = err, ctx.Err() != nil
		return
	}
	lifetime := time.Duration(answer.ExpiresIn) * time.Second
	if lifetime <= 0 {
		lifetime = defaultTokenLifetime
	}
	// Renew a fifth of the lifetime early (at most a minute), so a token
	// never expires between being handed out and reaching the server.
	margin := min(lifetime/5, time.Minute)
	t.current = answer.AccessToken
	t.renewAt = t.clock().Add(lifetime - margin)
	t.issued = append(t.issued, answer.AccessToken)
	if len(t.issued) > rememberedTokens {
		t.issued = t.issued[len(t.issued)-rememberedTokens:]
	}
	f.token = t.current
}

// issuedTokens returns the latest access tokens obtained, to be masked.
func (t *tokenSource) issuedTokens() []string {
	if t.static != "" {
		return nil
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]string(nil), t.issued...)
}

// invalidate drops the cached token after the API refused it, unless another
// caller has already replaced it.
func (t *tokenSource) invalidate(used string) {
	if t.static != "" {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.current == used {
		t.current = ""
	}
}

// fetchToken calls POST /Token/OAuth2 with the client credentials.
func (c *Client) fetchToken(ctx context.Context, clientID, clientSecret string) (tokenAnswer, error) {
	var answer tokenAnswer
	err := c.do(ctx, request{
		method:     http.MethodPost,
		path:       "/Token/OAuth2",
		body:       map[string]string{"client_id": clientID, "client_secret": clientSecret},
		idempotent: true, // asking twice only yields two tokens
		noAuth:     true,
	}, &answer)
	if err != nil {
		if code := StatusCode(err); code == http.StatusUnauthorized || code == http.StatusBadRequest || code == http.StatusForbidden {
			return answer, fmt.Errorf("DealPOS refused the client credentials for client ID %q (check client_id and client_secret): %w", clientID, err)
		}
		return answer, fmt.Errorf("obtaining an OAuth2 token: %w", err)
	}
	if answer.AccessToken == "" {
		return answer, errors.New("the DealPOS token endpoint answered without an access_token")
	}
	return answer, nil
}

type noAuthKey struct{}

// authError carries a failure to obtain a token through the HTTP stack; it
// is final, never retried as a transport error.
type authError struct{ err error }

func (e *authError) Error() string { return e.err.Error() }
func (e *authError) Unwrap() error { return e.err }
