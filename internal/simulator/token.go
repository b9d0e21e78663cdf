package simulator

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"time"
)

// tokenAnswer is the OAuth2 token answer real integrations read.
type tokenAnswer struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int    `json:"expires_in"`
}

// token is POST /Token/OAuth2 (client credentials as a JSON body).
func (s *Server) token(r *request) reply {
	denied := msg(http.StatusUnauthorized, "invalid client credentials")
	if s.opts.ClientID == "" {
		return denied
	}
	b := bind(r)
	id, secret := b.required("client_id"), b.required("client_secret")
	if b.err != nil {
		return bad(b.err)
	}
	// Constant-time, like a real credential check; both must match.
	idOK := subtle.ConstantTimeCompare([]byte(id), []byte(s.opts.ClientID))
	secretOK := subtle.ConstantTimeCompare([]byte(secret), []byte(s.opts.ClientSecret))
	if idOK&secretOK != 1 {
		return denied
	}
	var raw [32]byte
	_, _ = rand.Read(raw[:])
	tok := hex.EncodeToString(raw[:])

	s.ctl.Lock()
	now := s.now()
	for t, exp := range s.issued {
		if !now.Before(exp) {
			delete(s.issued, t) // expired tokens never come back to life
		}
	}
	s.issued[tok] = now.Add(s.opts.TokenTTL)
	s.ctl.Unlock()

	return jsonReply(http.StatusOK, tokenAnswer{tok, "Bearer", max(int(s.opts.TokenTTL/time.Second), 1)})
}
