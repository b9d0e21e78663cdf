package dealpos

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestStaticTokenSentAsBearer(t *testing.T) {
	t.Parallel()
	f := newFakeAPI(t)
	f.handle("GET /Customer/id/{id}", okCustomer)
	c := f.client(nil)
	for range 2 {
		if _, err := c.GetCustomer(context.Background(), "c1"); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range f.requests() {
		if got := r.Header.Get("Authorization"); got != "Bearer "+testToken {
			t.Errorf("%s %s: Authorization %q, want the static bearer token", r.Method, r.Path, got)
		}
	}
	if n := f.count(http.MethodPost, "/Token/OAuth2"); n != 0 {
		t.Errorf("a static token asked the token endpoint %d times", n)
	}
}

func TestOAuth2TokenRequestedOnceAndCached(t *testing.T) {
	t.Parallel()
	f := newFakeAPI(t)
	tokens := &tokenEndpoint{expiresIn: 3600}
	f.handle("POST /Token/OAuth2", tokens.ServeHTTP)
	f.handle("GET /Customer/id/{id}", okCustomer)
	c := f.oauthClient(nil)
	for range 3 {
		if _, err := c.GetCustomer(context.Background(), "c1"); err != nil {
			t.Fatal(err)
		}
	}
	if n := f.count(http.MethodPost, "/Token/OAuth2"); n != 1 {
		t.Fatalf("%d token requests for three calls, want 1 (the token is cached)", n)
	}
	reqs := f.requests()
	tokenReq := reqs[0]
	if tokenReq.Method != http.MethodPost || tokenReq.Path != "/Token/OAuth2" {
		t.Fatalf("first request %s %s, want POST /Token/OAuth2", tokenReq.Method, tokenReq.Path)
	}
	if got := tokenReq.Header.Get("Authorization"); got != "" {
		t.Errorf("the token request carries Authorization %q", got)
	}
	if got := tokenReq.Header.Get("Content-Type"); got != "application/json" {
		t.Errorf("the token request has Content-Type %q", got)
	}
	var body map[string]string
	if err := json.Unmarshal(tokenReq.Body, &body); err != nil {
		t.Fatalf("token request body %s: %v", tokenReq.Body, err)
	}
	want := map[string]string{"client_id": testClientID, "client_secret": testClientSecret}
	if len(body) != len(want) || body["client_id"] != want["client_id"] || body["client_secret"] != want["client_secret"] {
		t.Errorf("token request body %v, want %v", body, want)
	}
	for _, r := range reqs[1:] {
		if got := r.Header.Get("Authorization"); got != "Bearer access-1" {
			t.Errorf("%s %s: Authorization %q, want the issued token", r.Method, r.Path, got)
		}
	}
}

func TestOAuth2RenewsBeforeExpiry(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name      string
		expiresIn int
		renewAt   time.Duration // a fifth of the lifetime early, at most a minute
	}{
		{name: "ten minutes", expiresIn: 600, renewAt: 540 * time.Second},
		{name: "one hour", expiresIn: 3600, renewAt: 3540 * time.Second},
		{name: "short lifetime", expiresIn: 100, renewAt: 80 * time.Second},
		{name: "no expires_in assumes ten minutes", expiresIn: 0, renewAt: 540 * time.Second},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeAPI(t)
			tokens := &tokenEndpoint{expiresIn: tc.expiresIn}
			f.handle("POST /Token/OAuth2", tokens.ServeHTTP)
			f.handle("GET /Customer/id/{id}", okCustomer)
			c := f.oauthClient(nil)
			clock := newFakeClock()
			c.tokens.now = clock.now
			start := clock.now()

			steps := []struct {
				at        time.Duration
				wantToken string
			}{
				{0, "access-1"},
				{tc.renewAt - time.Second, "access-1"},
				{tc.renewAt + time.Second, "access-2"},
				{tc.renewAt + 2*time.Second, "access-2"},
			}
			for _, step := range steps {
				clock.advance(start.Add(step.at).Sub(clock.now()))
				if _, err := c.GetCustomer(context.Background(), "c1"); err != nil {
					t.Fatal(err)
				}
				reqs := f.requests()
				if got := reqs[len(reqs)-1].bearer(); got != step.wantToken {
					t.Errorf("at %s the request carried %q, want %q", step.at, got, step.wantToken)
				}
			}
			if n := f.count(http.MethodPost, "/Token/OAuth2"); n != 2 {
				t.Errorf("%d token requests, want 2", n)
			}
		})
	}
}

func TestOAuth2RenewsOnceAfter401(t *testing.T) {
	t.Parallel()
	f := newFakeAPI(t)
	tokens := &tokenEndpoint{expiresIn: 3600}
	f.handle("POST /Token/OAuth2", tokens.ServeHTTP)
	// The first token is revoked server side before it expires.
	f.handle("PUT /Customer/ByID", func(w http.ResponseWriter, r *http.Request) {
		if bearer(r) == "access-1" {
			writeJSON(w, http.StatusUnauthorized, map[string]string{"Message": "Authorization has been denied for this request."})
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"Message": "Record updated"})
	})
	c := f.oauthClient(nil)
	if err := c.UpdateCustomerByID(context.Background(), CustomerUpdate{ID: "c1", Name: ptr("Hendry")}); err != nil {
		t.Fatalf("the request was not retried with a renewed token: %v", err)
	}
	if n := f.count(http.MethodPost, "/Token/OAuth2"); n != 2 {
		t.Errorf("%d token requests, want 2 (the first and one renewal)", n)
	}
	var puts []recorded
	for _, r := range f.requests() {
		if r.Method == http.MethodPut {
			puts = append(puts, r)
		}
	}
	if len(puts) != 2 {
		t.Fatalf("%d PUT attempts, want 2", len(puts))
	}
	if !bytes.Equal(puts[0].Body, puts[1].Body) || len(puts[1].Body) == 0 {
		t.Errorf("the retried request lost its body: %q then %q", puts[0].Body, puts[1].Body)
	}
	if got := puts[1].Header.Get("Authorization"); got != "Bearer access-2" {
		t.Errorf("the retry carried %q, want the renewed token", got)
	}
}

func TestOAuth2Second401IsAnError(t *testing.T) {
	t.Parallel()
	f := newFakeAPI(t)
	tokens := &tokenEndpoint{expiresIn: 3600}
	f.handle("POST /Token/OAuth2", tokens.ServeHTTP)
	f.handle("GET /Customer/id/{id}", answer(http.StatusUnauthorized, map[string]string{"Message": "Authorization has been denied for this request."}))
	c := f.oauthClient(nil)
	_, err := c.GetCustomer(context.Background(), "c1")
	if StatusCode(err) != http.StatusUnauthorized {
		t.Fatalf("got %v, want the API's 401", err)
	}
	if !strings.Contains(err.Error(), "Authorization has been denied") {
		t.Errorf("the error %q lost the API's message", err)
	}
	if n := f.count(http.MethodGet, "/Customer/id/c1"); n != 2 {
		t.Errorf("%d attempts, want 2 (one retry with a renewed token)", n)
	}
	if n := f.count(http.MethodPost, "/Token/OAuth2"); n != 2 {
		t.Errorf("%d token requests, want 2", n)
	}
}

func TestStaticToken401IsNotRetried(t *testing.T) {
	t.Parallel()
	f := newFakeAPI(t)
	f.handle("GET /Customer/id/{id}", answer(http.StatusUnauthorized, map[string]string{"Message": "denied"}))
	_, err := f.client(nil).GetCustomer(context.Background(), "c1")
	if StatusCode(err) != http.StatusUnauthorized {
		t.Fatalf("got %v, want 401", err)
	}
	if n := len(f.requests()); n != 1 {
		t.Errorf("%d attempts with a static token, want 1: it cannot be renewed", n)
	}
}

func TestOAuth2ConcurrentCallersShareOneToken(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name        string
		revokeFirst bool // the API refuses access-1: everyone renews, once
		wantTokens  int
	}{
		{name: "first token", wantTokens: 1},
		{name: "renewal after concurrent 401s", revokeFirst: true, wantTokens: 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeAPI(t)
			tokens := &tokenEndpoint{expiresIn: 3600, delay: 20 * time.Millisecond}
			f.handle("POST /Token/OAuth2", tokens.ServeHTTP)
			f.handle("GET /Customer/id/{id}", func(w http.ResponseWriter, r *http.Request) {
				if tc.revokeFirst && bearer(r) == "access-1" {
					writeJSON(w, http.StatusUnauthorized, map[string]string{"Message": "denied"})
					return
				}
				okCustomer(w, r)
			})
			c := f.oauthClient(nil)
			const callers = 20
			var wg sync.WaitGroup
			errs := make(chan error, callers)
			for range callers {
				wg.Go(func() {
					_, err := c.GetCustomer(context.Background(), "c1")
					errs <- err
				})
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				if err != nil {
					t.Fatal(err)
				}
			}
			if n := f.count(http.MethodPost, "/Token/OAuth2"); n != tc.wantTokens {
				t.Errorf("%d concurrent callers made %d token requests, want %d", callers, n, tc.wantTokens)
			}
		})
	}
}

func TestOAuth2WrongSecret(t *testing.T) {
	t.Parallel()
	f := newFakeAPI(t)
	tokens := &tokenEndpoint{expiresIn: 3600}
	f.handle("POST /Token/OAuth2", tokens.ServeHTTP)
	f.handle("GET /Customer/id/{id}", okCustomer)
	const wrong = "wrong-secret-93f1c7"
	ctx, logs := logContext(t)
	c := f.oauthClient(func(cfg *Config) { cfg.ClientSecret = wrong })
	_, err := c.GetCustomer(ctx, "c1")
	if err == nil {
		t.Fatal("a wrong client secret was accepted")
	}
	if !strings.Contains(err.Error(), testClientID) {
		t.Errorf("the error %q does not name the client ID", err)
	}
	if StatusCode(err) != http.StatusUnauthorized {
		t.Errorf("the error %q does not carry the token endpoint's 401", err)
	}
	for where, text := range map[string]string{"error": err.Error(), "log": logs.String()} {
		if strings.Contains(text, wrong) {
			t.Errorf("the %s reveals the client secret: %s", where, text)
		}
	}
	if n := f.count(http.MethodPost, "/Token/OAuth2"); n != 1 {
		t.Errorf("refused credentials were tried %d times, want 1", n)
	}
	if n := f.count(http.MethodGet, "/Customer/id/c1"); n != 0 {
		t.Errorf("the request was sent %d times without a token", n)
	}
}

func TestOAuth2AnswerWithoutToken(t *testing.T) {
	t.Parallel()
	f := newFakeAPI(t)
	f.handle("POST /Token/OAuth2", answer(http.StatusOK, map[string]any{"token_type": "Bearer"}))
	_, err := f.oauthClient(nil).GetCustomer(context.Background(), "c1")
	if err == nil || !strings.Contains(err.Error(), "without an access_token") {
		t.Fatalf("got %v, want an error about the missing access_token", err)
	}
}

// TestTokenWaitHonoursContext: a caller waiting for another caller's token
// request gives up when its own context ends.
func TestTokenWaitHonoursContext(t *testing.T) {
	t.Parallel()
	f := newFakeAPI(t)
	release := make(chan struct{})
	tokens := &tokenEndpoint{expiresIn: 3600}
	f.handle("POST /Token/OAuth2", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
			return
		}
		tokens.ServeHTTP(w, r)
	})
	f.handle("GET /Customer/id/{id}", okCustomer)
	c := f.oauthClient(nil)

	leader := make(chan error, 1)
	go func() {
		_, err := c.GetCustomer(context.Background(), "c1")
		leader <- err
	}()
	// Wait until the leader's token request reached the server.
	for deadline := time.Now().Add(5 * time.Second); f.count(http.MethodPost, "/Token/OAuth2") == 0; {
		if time.Now().After(deadline) {
			t.Fatal("the token request never came")
		}
		time.Sleep(time.Millisecond)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.GetCustomer(ctx, "c2")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("got %v, want the caller's deadline", err)
	}
	if waited := time.Since(start); waited > time.Second {
		t.Errorf("the caller waited %s for another caller's token request", waited)
	}

	close(release)
	if err := <-leader; err != nil {
		t.Fatalf("the leader failed: %v", err)
	}
	if n := f.count(http.MethodPost, "/Token/OAuth2"); n != 1 {
		t.Errorf("%d token requests, want 1", n)
	}
}

// TestTokenWaiterRetriesWhenLeaderGivesUp: when the caller fetching the
// token is cancelled, a waiting caller fetches it itself.
func TestTokenWaiterRetriesWhenLeaderGivesUp(t *testing.T) {
	t.Parallel()
	f := newFakeAPI(t)
	tokens := &tokenEndpoint{expiresIn: 3600}
	first := make(chan struct{})
	var once sync.Once
	f.handle("POST /Token/OAuth2", func(w http.ResponseWriter, r *http.Request) {
		isFirst := false
		once.Do(func() { isFirst = true; close(first) })
		if isFirst {
			<-r.Context().Done() // hang until the leader gives up
			return
		}
		tokens.ServeHTTP(w, r)
	})
	f.handle("GET /Customer/id/{id}", okCustomer)
	c := f.oauthClient(nil)

	leaderCtx, cancelLeader := context.WithCancel(context.Background())
	leader := make(chan error, 1)
	go func() {
		_, err := c.GetCustomer(leaderCtx, "c1")
		leader <- err
	}()
	<-first
	waiter := make(chan error, 1)
	go func() {
		_, err := c.GetCustomer(context.Background(), "c2")
		waiter <- err
	}()
	time.Sleep(5 * time.Millisecond) // let the waiter queue behind the leader
	cancelLeader()
	if err := <-leader; !errors.Is(err, context.Canceled) {
		t.Errorf("leader: got %v, want context.Canceled", err)
	}
	select {
	case err := <-waiter:
		if err != nil {
			t.Fatalf("the waiter inherited the leader's cancellation: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the waiter never got a token")
	}
}

// TestRefusedCredentialSaysWhichAndWhatToCheck: a 401 names the credential
// used and where it was set (CredentialsFrom), and what to check, never
// the token itself, with no doubled period after the API's message.
func TestRefusedCredentialSaysWhichAndWhatToCheck(t *testing.T) {
	t.Parallel()
	denied := answer(http.StatusUnauthorized, map[string]string{"Message": "Authorization has been denied for this request."})
	cases := []struct {
		name   string
		client func(*fakeAPI) *Client
		want   []string
	}{
		{
			name: "static token",
			client: func(f *fakeAPI) *Client {
				return f.client(func(cfg *Config) { cfg.CredentialsFrom = "the environment variable DEALPOS_TOKEN" })
			},
			want: []string{"denied for this request. DealPOS refused the static token (set by the environment variable DEALPOS_TOKEN): " +
				"check that it is a current API token of the tenant at " + "BASE"},
		},
		{
			name: "client credentials",
			client: func(f *fakeAPI) *Client {
				return f.oauthClient(func(cfg *Config) { cfg.CredentialsFrom = "the provider block's client_id argument" })
			},
			want: []string{`DealPOS refused the token it issued for client ID "` + testClientID + `" (set by the provider block's client_id argument): ` +
				"check that this API client may use the tenant at BASE"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeAPI(t)
			tokens := &tokenEndpoint{expiresIn: 3600}
			f.handle("POST /Token/OAuth2", tokens.ServeHTTP)
			f.handle("GET /Customer/id/{id}", denied)
			_, err := tc.client(f).GetCustomer(context.Background(), "c1")
			if StatusCode(err) != http.StatusUnauthorized {
				t.Fatalf("got %v, want the 401", err)
			}
			for _, want := range tc.want {
				want = strings.ReplaceAll(want, "BASE", f.srv.URL+"/api/v3")
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error\n%s\ndoes not say\n%s", err, want)
				}
			}
			for _, secret := range []string{testToken, testClientSecret, "access-1", "access-2", ".."} {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("error %q contains %q", err, secret)
				}
			}
		})
	}
}
