package dealpos

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"strings"
)

// APIError is an error answer of the API: its HTTP status and its Message.
type APIError struct {
	Method     string
	Path       string
	StatusCode int
	Message    string

	// apiBody: the body was JSON, the API's own error form, rather than a
	// page from a web server or proxy in front of it.
	apiBody bool
	// wrongEndpoint: a 404 that is not about a record (an HTML page, or the
	// framework's "No HTTP resource was found" answer): the base URL or the
	// route is wrong, so nothing may be concluded about the record.
	wrongEndpoint bool
	// hint is added to Error(): what the user should do about it.
	hint string
}

func (e *APIError) Error() string {
	msg := e.Message
	if msg == "" {
		msg = http.StatusText(e.StatusCode)
	}
	s := fmt.Sprintf("DealPOS API %s %s answered HTTP %d: %s", e.Method, e.Path, e.StatusCode, msg)
	if e.hint != "" {
		s = strings.TrimRight(s, ". ") + ". " + e.hint
	}
	return s
}

// StatusCode returns the HTTP status of an *APIError in err's chain, or 0.
func StatusCode(err error) int {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr.StatusCode
	}
	return 0
}

// IsNotFound tells whether err is the API's answer that the record does
// not exist: a 404 that is not plainly another server's (a web server's or
// proxy's HTML page, or the framework's answer for an unknown route). Its
// body may be JSON, plain text or empty: the reference shows none of them.
// Removing a record from state on a page that is not the API's would forget
// every customer, so a client believes a not-found only from a base URL it
// has checked (confirmNotFound).
func IsNotFound(err error) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusNotFound && !apiErr.wrongEndpoint
}

// routeNotFound matches the answers of routing layers rather than of the
// API's handlers: ASP.NET Web API's unknown route and action, and common
// gateways' "no route".
var routeNotFound = regexp.MustCompile(`(?i)no http resource was found|no action was found|no route matched|no route found`)

// classify fills in what an error answer's body says about its origin.
func (e *APIError) classify(contentType string, data []byte, baseURL string) {
	mt, _, _ := mime.ParseMediaType(contentType)
	trimmed := bytes.TrimSpace(data)
	e.apiBody = json.Valid(trimmed) && len(trimmed) > 0 && (mt == "" || strings.HasSuffix(mt, "json") || mt == "text/plain")
	if e.StatusCode != http.StatusNotFound {
		return
	}
	var what string
	switch {
	case markup(mt, trimmed):
		what = "a page that is not the DealPOS API's (" + describeBody(mt, trimmed) + ")"
	case routeNotFound.MatchString(e.Message):
		what = "the framework's answer for an unknown route"
	default:
		return
	}
	e.wrongEndpoint = true
	e.hint = fmt.Sprintf("This is %s, so it says nothing about the record: the base URL %s is probably wrong. "+
		"It must be the API root, ending in /api/v3 (e.g. https://mystore.dealpos.net/api/v3): check base_url or subdomain", what, baseURL)
}

// markup tells an HTML or XML page (a web server's, a proxy's) from the
// API's answers, which are JSON, plain text or empty.
func markup(mediaType string, body []byte) bool {
	return strings.Contains(mediaType, "html") || strings.Contains(mediaType, "xml") || bytes.HasPrefix(body, []byte("<"))
}

func describeBody(mediaType string, body []byte) string {
	switch {
	case len(body) == 0:
		return "an empty body"
	case mediaType != "":
		return mediaType
	}
	return "not JSON"
}

// redirectError is a 3xx answer. Redirects are never followed: the bearer
// token, a client secret or a PIN would travel to wherever Location points.
func redirectError(method, path string, status int, location, baseURL string) *APIError {
	if location == "" {
		location = "(no Location header)"
	}
	return &APIError{
		Method: method, Path: path, StatusCode: status,
		Message: "redirect to " + location,
		hint: fmt.Sprintf("The provider never follows redirects, so that credentials go only to %s. "+
			"Set base_url (or subdomain) to the API root the tenant really answers at", baseURL),
	}
}

// errorMessage extracts the API's message from an error answer: a
// {"Message": ...} object, a bare JSON string, or the text itself.
func errorMessage(data []byte) string {
	var m struct {
		Message  string `json:"Message"`
		Message2 string `json:"message"`
		Error    string `json:"error"`
	}
	if json.Unmarshal(data, &m) == nil {
		for _, s := range []string{m.Message, m.Message2, m.Error} {
			if s != "" {
				return s
			}
		}
	}
	var s string
	if json.Unmarshal(data, &s) == nil {
		return s
	}
	return strings.TrimSpace(string(data))
}

// notSentError is a failure before the request left: waiting for the quota
// or for a token. Nothing reached the server, so a create did not happen.
type notSentError struct{ err error }

func (e *notSentError) Error() string { return e.err.Error() }
func (e *notSentError) Unwrap() error { return e.err }

// outcomeUnknown tells whether a failed write may still have been applied:
// the answer was lost (transport error, timeout) or a gateway failed
// (502/503/504, or a 500 that is not the API's own JSON error). Any other
// answer is the API's, and final.
func outcomeUnknown(err error) bool {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		switch apiErr.StatusCode {
		case http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
			return true
		case http.StatusInternalServerError:
			return !apiErr.apiBody
		}
		return false
	}
	var authErr *authError
	var notSent *notSentError
	if errors.As(err, &authErr) || errors.As(err, &notSent) || unreachable(err) {
		return false
	}
	// A bare context error comes from the wait between two attempts, after
	// an answer that refused the request (429); one inside a *url.Error
	// interrupted a request on the wire.
	var urlErr *url.Error
	if !errors.As(err, &urlErr) && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)) {
		return false
	}
	return true
}

// duplicateWording matches the API's refusal of a taken code, email or
// mobile, whichever way it is phrased ("Customer with Code 'X' already
// exists.", "Code X has been registered.", "Email is already used by another
// customer"), and not messages that merely contain "exist" or "registered"
// ("Outlet X does not exist", "Referral code X is not registered").
var duplicateWording = regexp.MustCompile(`(?i)already\s+(been\s+)?(exists?|taken|in\s+use|used|registered)|duplicate|\bis\s+taken\b|\b(has|have)\s+been\s+(taken|registered|used)\b`)

// IsAlreadyExists tells whether err is the API's refusal of a duplicate
// code, email or mobile number.
func IsAlreadyExists(err error) bool {
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusBadRequest {
		return false
	}
	return duplicateWording.MatchString(apiErr.Message)
}

// ConflictField names the field ("code", "email" or "mobile") that an
// "already exists" refusal is about, or "" when the message does not say:
// the first of those words the message holds as a word of its own, outside
// quoted values, so "Customer with Email 'code@example.com' already exists."
// is about the email.
func ConflictField(err error) string {
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		return ""
	}
	m := conflictWord.FindStringSubmatch(quotedValue.ReplaceAllString(apiErr.Message, "''"))
	if m == nil {
		return ""
	}
	return strings.ReplaceAll(strings.ToLower(m[1]), "-", "")
}

var (
	conflictWord = regexp.MustCompile(`(?i)\b(code|e-?mail|mobile)\b`)
	quotedValue  = regexp.MustCompile(`'[^']*'|"[^"]*"`)
)

// shapeError is a success answer of another shape than the client reads
// (want, when known): an answer that does not decode, or a list the
// reference names only, answered some other way.
type shapeError struct {
	r    request
	want string
	err  error
}

func (e *shapeError) Error() string {
	if e.want == "" {
		return fmt.Sprintf("DealPOS API %s %s: decoding answer: %v", e.r.method, e.r.path, e.err)
	}
	s := fmt.Sprintf("DealPOS API %s %s answered something other than %s", e.r.method, e.r.path, e.want)
	if e.err != nil {
		s += ": " + e.err.Error()
	}
	return s
}

func (e *shapeError) Unwrap() error { return e.err }

// IsUnserved tells whether err says a request is not served as it was
// sent, so a caller that can do without it (a list standing in for reads
// of single records) should: an unknown route or record (404), method
// (405, 501) or form (400, 415), a role the token lacks (403), or an answer
// of another shape.
func IsUnserved(err error) bool {
	var shape *shapeError
	if errors.As(err, &shape) {
		return true
	}
	switch StatusCode(err) {
	case http.StatusBadRequest, http.StatusForbidden, http.StatusNotFound, http.StatusMethodNotAllowed,
		http.StatusUnsupportedMediaType, http.StatusNotImplemented:
		return true
	}
	return false
}
