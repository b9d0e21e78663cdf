// Package simulator is an in-memory, stateful, concurrency-safe HTTP server
// that implements the DealPOS v3 customer API as the public API reference
// describes it. It exists to judge a client (the Terraform provider) against
// the reference rather than against the client's own assumptions, so it is
// deliberately strict: wrong types, wrong date forms and missing required
// fields are refused the way the reference says they must be.
//
// Mount a Server (it is an http.Handler) and point a client at
// "<server>/api/v3". Static bearer tokens come from Options.Tokens; OAuth2
// client credentials issue expiring tokens at POST /api/v3/Token/OAuth2.
// Options.Now injects the clock used for join dates, token expiry and the
// quota window, so tests can move time without sleeping.
//
// # Faults
//
// Faults (SetFaults, or PUT /_sim/faults) make the server misbehave the way a
// real deployment does, so client retry and recovery code can be exercised.
// They are applied in this order, before authentication:
//
//   - Latency: added to every request; a cancelled request context ends the
//     wait and nothing is answered.
//   - QuotaLimit/QuotaWindow: a fixed window of QuotaLimit requests per
//     QuotaWindow (default 180s) across all endpoints, the token endpoint
//     included. The window starts at the first request after the previous
//     window ended. Exhaustion answers 429 with the live API's message
//     ("... Try again in N seconds.") and no Retry-After. Every API answer
//     carries RateLimit-Limit, RateLimit-Remaining and RateLimit-Policy
//     (IETF draft 06); without a quota they advertise 1000000 per 180s and a
//     remaining of at least 1, so header-paced clients are not slowed.
//   - P429 (with P429RetryAfter adding "Retry-After: 1"): random 429s. No 429
//     consumes quota.
//   - P5xx: random 502 (HTML body), 503 (JSON body) or 504 (HTML body).
//   - PLostCreate/LostCreateMode: POST /Customer stores the record and then
//     loses the answer, either as a 502 ("502") or by closing the connection
//     without answering ("drop"), so the client must find the record it made.
//
// Randomness comes from Options.Seed, so a given request sequence meets the
// same faults on every run.
//
// # Control endpoints
//
// Outside /api/v3, without authentication, quota or stats, for local tooling:
//
//	GET  /_sim/stats        Stats as JSON (Status keys are decimal strings)
//	POST /_sim/stats/reset  zero the stats
//	GET  /_sim/faults       the fault configuration
//	PUT  /_sim/faults       replace the fault configuration
//	GET  /_sim/customers    every stored record, in list order
//
// The faults JSON uses the Faults field names. Durations (Latency,
// QuotaWindow) are written as Go duration strings ("180s") and read as either
// a duration string or an integer count of nanoseconds. Unknown fields are
// refused so a typo does not silently disable a fault.
//
// # Decisions where the reference is silent
//
// Route matching and JSON property names are case-insensitive, as in the
// ASP.NET stack behind the live API. A request body must be sent as
// application/json (415 otherwise). Code and Mobile are matched exactly,
// Email case-insensitively. Name, Code, Email and Mobile cannot be cleared by
// an update (400), because create requires them. The older PUT /Customer
// (update by Email) keeps the reference's required fields. Lookups by phone
// (/Customer/MobilePhone, Suspend's Phone) match Mobile or Phone, first in
// list order.
package simulator
