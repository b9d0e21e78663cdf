package dealpos

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// APIError is an error answer of the API: its HTTP status and its Message.
type APIError struct {
	Method     string
	Path       string
	StatusCode int
	Message    string
}

func (e *APIError) Error() string {
	msg := e.Message
	if msg == "" {
		msg = http.StatusText(e.StatusCode)
	}
	return fmt.Sprintf("DealPOS API %s %s answered HTTP %d: %s", e.Method, e.Path, e.StatusCode, msg)
}

// StatusCode returns the HTTP status of an *APIError in err's chain, or 0.
func StatusCode(err error) int {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr.StatusCode
	}
	return 0
}

// IsNotFound tells whether err is the API's 404 answer.
func IsNotFound(err error) bool { return StatusCode(err) == http.StatusNotFound }

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

// outcomeUnknown tells whether a failed write may still have been applied:
// the answer was lost (transport error, timeout) or the server failed (5xx).
func outcomeUnknown(err error) bool {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr.StatusCode >= 500
	}
	var authErr *authError
	return !errors.As(err, &authErr)
}

// IsAlreadyExists tells whether err is the API's refusal of a duplicate
// code, email or mobile number.
func IsAlreadyExists(err error) bool {
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusBadRequest {
		return false
	}
	msg := strings.ToLower(apiErr.Message)
	return strings.Contains(msg, "already") || strings.Contains(msg, "exist") || strings.Contains(msg, "duplicate")
}

// ConflictField names the field ("code", "email" or "mobile") that an
// "already exists" refusal is about, or "" when the message does not say.
func ConflictField(err error) string {
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		return ""
	}
	msg := strings.ToLower(apiErr.Message)
	for _, field := range []string{"code", "email", "mobile"} {
		if strings.Contains(msg, field) {
			return field
		}
	}
	return ""
}
