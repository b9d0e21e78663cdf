package simulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"time"
)

// Faults configures misbehaviour; see the package doc for the order in which
// each knob applies. The zero value is a well-behaved server.
type Faults struct {
	QuotaLimit     int           // >0: at most QuotaLimit requests per QuotaWindow, then 429
	QuotaWindow    time.Duration // default 180s when QuotaLimit > 0
	P429           float64       // probability of a random 429
	P429RetryAfter bool          // random 429s carry "Retry-After: 1"
	P5xx           float64       // probability of a random 502, 503 or 504
	PLostCreate    float64       // probability a stored POST /Customer loses its answer
	LostCreateMode string        // "502" (default) or "drop"
	Latency        time.Duration // added to every API request
}

// Lost-create modes.
const (
	LostCreate502  = "502"
	LostCreateDrop = "drop"
)

const (
	defaultWindow = 180 * time.Second
	// advertised when no quota is configured: large enough that a client
	// pacing itself by the headers never waits.
	unlimited = 1000000
)

// SetFaults replaces the fault configuration and starts a fresh quota window.
func (s *Server) SetFaults(f Faults) {
	if f.QuotaLimit > 0 && f.QuotaWindow <= 0 {
		f.QuotaWindow = defaultWindow
	}
	if f.LostCreateMode == "" {
		f.LostCreateMode = LostCreate502
	}
	s.ctl.Lock()
	s.faults = f
	s.winStart = time.Time{}
	s.winCount = 0
	s.ctl.Unlock()
}

// Faults returns the current fault configuration.
func (s *Server) Faults() Faults {
	s.ctl.Lock()
	defer s.ctl.Unlock()
	return s.faults
}

// roll draws against probability p; callers hold ctl. Nothing is drawn for a
// zero probability so that enabling one knob does not reshuffle the others.
func (s *Server) roll(p float64) bool {
	return p > 0 && s.rng.Float64() < p
}

// admit applies the quota and the random refusals, and sets the rate-limit
// headers on h. It answers (reply, true) when the request is refused.
func (s *Server) admit(h http.Header) (reply, bool) {
	s.ctl.Lock()
	defer s.ctl.Unlock()
	f := s.faults
	limit, window := f.QuotaLimit, f.QuotaWindow
	if limit <= 0 {
		limit, window = unlimited, defaultWindow
	}
	now := s.now()
	if s.winStart.IsZero() || !now.Before(s.winStart.Add(window)) {
		s.winStart, s.winCount = now, 0
	}
	secs := int(window / time.Second)
	h.Set("RateLimit-Limit", strconv.Itoa(limit))
	h.Set("RateLimit-Policy", fmt.Sprintf("%d;w=%d", limit, secs))
	remaining := func() {
		left := limit - s.winCount
		if f.QuotaLimit <= 0 {
			left = max(left, 1)
		}
		h.Set("RateLimit-Remaining", strconv.Itoa(max(left, 0)))
	}

	if f.QuotaLimit > 0 && s.winCount >= limit {
		remaining()
		wait := int(math.Ceil(s.winStart.Add(window).Sub(now).Seconds()))
		return quotaReply(limit, secs, max(wait, 1)), true
	}
	if s.roll(f.P429) {
		remaining()
		rep := quotaReply(limit, secs, 1)
		if f.P429RetryAfter {
			rep.header = http.Header{"Retry-After": {"1"}}
		}
		return rep, true
	}
	s.winCount++
	remaining()
	if s.roll(f.P5xx) {
		switch s.rng.IntN(3) {
		case 0:
			return badGateway(), true
		case 1:
			return msg(http.StatusServiceUnavailable, "The service is unavailable."), true
		default:
			return reply{status: http.StatusGatewayTimeout, raw: "<html><body><h1>504 Gateway Time-out</h1></body></html>", contentType: "text/html"}, true
		}
	}
	return reply{}, false
}

func quotaReply(limit, windowSecs, wait int) reply {
	return msg(http.StatusTooManyRequests,
		"API calls quota exceeded! maximum admitted %d per %d seconds. Try again in %d seconds.", limit, windowSecs, wait)
}

// lostCreate decides whether a stored create loses its answer, and how.
func (s *Server) lostCreate() (lost bool, mode string) {
	s.ctl.Lock()
	defer s.ctl.Unlock()
	return s.roll(s.faults.PLostCreate), s.faults.LostCreateMode
}

// faultsJSON is the wire form of Faults: durations as Go duration strings.
type faultsJSON struct {
	QuotaLimit     int
	QuotaWindow    jsonDuration
	P429           float64
	P429RetryAfter bool
	P5xx           float64
	PLostCreate    float64
	LostCreateMode string
	Latency        jsonDuration
}

// MarshalJSON writes durations as Go duration strings.
func (f Faults) MarshalJSON() ([]byte, error) {
	return json.Marshal(faultsJSON{
		f.QuotaLimit, jsonDuration(f.QuotaWindow), f.P429, f.P429RetryAfter,
		f.P5xx, f.PLostCreate, f.LostCreateMode, jsonDuration(f.Latency),
	})
}

// UnmarshalJSON reads durations as duration strings or nanoseconds, refuses
// unknown fields and validates the values.
func (f *Faults) UnmarshalJSON(b []byte) error {
	var w faultsJSON
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&w); err != nil {
		return err
	}
	out := Faults{
		w.QuotaLimit, time.Duration(w.QuotaWindow), w.P429, w.P429RetryAfter,
		w.P5xx, w.PLostCreate, w.LostCreateMode, time.Duration(w.Latency),
	}
	if err := out.validate(); err != nil {
		return err
	}
	*f = out
	return nil
}

func (f Faults) validate() error {
	for name, p := range map[string]float64{"P429": f.P429, "P5xx": f.P5xx, "PLostCreate": f.PLostCreate} {
		if p < 0 || p > 1 {
			return fmt.Errorf("%s must be within [0, 1], got %v", name, p)
		}
	}
	if f.QuotaLimit < 0 || f.QuotaWindow < 0 || f.Latency < 0 {
		return fmt.Errorf("QuotaLimit, QuotaWindow and Latency must not be negative")
	}
	switch f.LostCreateMode {
	case "", LostCreate502, LostCreateDrop:
		return nil
	}
	return fmt.Errorf("LostCreateMode must be %q or %q, got %q", LostCreate502, LostCreateDrop, f.LostCreateMode)
}

type jsonDuration time.Duration

func (d jsonDuration) MarshalJSON() ([]byte, error) {
	return json.Marshal(time.Duration(d).String())
}

func (d *jsonDuration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		v, err := time.ParseDuration(s)
		*d = jsonDuration(v)
		return err
	}
	var n int64
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("duration must be a string like \"180s\" or integer nanoseconds")
	}
	*d = jsonDuration(n)
	return nil
}
