package dealpos

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestAPIErrors: an error answer becomes an *APIError with the status and
// the API's message, whatever shape the body has.
func TestAPIErrors(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("x", 400)
	cases := []struct {
		name    string
		answer  http.HandlerFunc
		status  int
		message string
	}{
		{name: "Message object", answer: answer(http.StatusBadRequest, map[string]string{"Message": "Customer code already exists"}), status: 400, message: "Customer code already exists"},
		{name: "lower-case message", answer: answer(http.StatusForbidden, map[string]string{"message": "You must have VIEW role"}), status: 403, message: "You must have VIEW role"},
		{name: "error field", answer: answer(http.StatusUnauthorized, map[string]string{"error": "invalid_client"}), status: 401, message: "invalid_client"},
		{name: "bare JSON string", answer: answer(http.StatusNotFound, "Customer not found"), status: 404, message: "Customer not found"},
		{name: "plain text", answer: raw(http.StatusInternalServerError, "  Internal failure\n"), status: 500, message: "Internal failure"},
		{name: "HTML page", answer: raw(http.StatusBadGateway, "<html><body>Bad gateway</body></html>"), status: 502, message: "<html><body>Bad gateway</body></html>"},
		{name: "empty body", answer: raw(http.StatusConflict, ""), status: 409, message: ""},
		{name: "long text is cut", answer: raw(http.StatusInternalServerError, long), status: 500, message: long[:300] + "..."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeAPI(t)
			f.handle("GET /Customer/id/{id}", tc.answer)
			_, err := f.client(func(cfg *Config) { cfg.MaxRetries = 0 }).GetCustomer(context.Background(), "c1")
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("got %T %v, want an *APIError", err, err)
			}
			if apiErr.StatusCode != tc.status || apiErr.Message != tc.message {
				t.Errorf("status %d message %q, want %d %q", apiErr.StatusCode, apiErr.Message, tc.status, tc.message)
			}
			if apiErr.Method != http.MethodGet || apiErr.Path != "/Customer/id/c1" {
				t.Errorf("the error names %s %s", apiErr.Method, apiErr.Path)
			}
			if StatusCode(err) != tc.status {
				t.Errorf("StatusCode = %d, want %d", StatusCode(err), tc.status)
			}
			if IsNotFound(err) != (tc.status == http.StatusNotFound) {
				t.Errorf("IsNotFound = %v for HTTP %d", IsNotFound(err), tc.status)
			}
			wantText := tc.message
			if wantText == "" {
				wantText = http.StatusText(tc.status)
			}
			if msg := err.Error(); !strings.Contains(msg, fmt.Sprintf("HTTP %d", tc.status)) || !strings.Contains(msg, wantText) {
				t.Errorf("Error() = %q, want the status and %q", msg, wantText)
			}
		})
	}
}

func TestGetCustomerNotFound(t *testing.T) {
	t.Parallel()
	f := newFakeAPI(t)
	f.handle("GET /Customer/id/{id}", answer(http.StatusNotFound, map[string]string{"Message": "Customer not found"}))
	got, err := f.client(nil).GetCustomer(context.Background(), "gone")
	if got != nil || !IsNotFound(err) {
		t.Fatalf("got %v, %v; want a not-found error", got, err)
	}
	// Besides the read, only the one check of the base URL (client.go).
	if n := f.count(http.MethodGet, "/Customer/id/gone"); n != 1 {
		t.Errorf("a 404 was tried %d times, want 1", n)
	}
}

func TestStatusCodeHelpers(t *testing.T) {
	t.Parallel()
	notFound := &APIError{Method: "GET", Path: "/Customer/id/x", StatusCode: http.StatusNotFound}
	cases := []struct {
		name     string
		err      error
		status   int
		notFound bool
	}{
		{"nil", nil, 0, false},
		{"plain error", errors.New("boom"), 0, false},
		{"APIError", notFound, 404, true},
		{"wrapped APIError", fmt.Errorf("reading: %w", notFound), 404, true},
		{"other status", &APIError{StatusCode: http.StatusBadRequest}, 400, false},
	}
	for _, tc := range cases {
		if got := StatusCode(tc.err); got != tc.status {
			t.Errorf("%s: StatusCode = %d, want %d", tc.name, got, tc.status)
		}
		if got := IsNotFound(tc.err); got != tc.notFound {
			t.Errorf("%s: IsNotFound = %v, want %v", tc.name, got, tc.notFound)
		}
	}
	if got, want := notFound.Error(), "DealPOS API GET /Customer/id/x answered HTTP 404: Not Found"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestAlreadyExistsAndConflictField(t *testing.T) {
	t.Parallel()
	cases := []struct {
		err    error
		exists bool
		field  string
	}{
		{&APIError{StatusCode: 400, Message: "Customer code already exists"}, true, "code"},
		{&APIError{StatusCode: 400, Message: "Email is already used by another customer"}, true, "email"},
		{&APIError{StatusCode: 400, Message: "Duplicate mobile phone"}, true, "mobile"},
		{&APIError{StatusCode: 400, Message: "Name is required"}, false, ""},
		{&APIError{StatusCode: 400, Message: "The mobile number has been taken"}, true, "mobile"},
		// The simulator's second wording (DuplicateWording "registered") and its kin.
		{&APIError{StatusCode: 400, Message: "Code HW001 has been registered."}, true, "code"},
		{&APIError{StatusCode: 400, Message: "Email h@example.com has already been registered"}, true, "email"},
		{&APIError{StatusCode: 400, Message: "Customer code HW001 is already used by another customer"}, true, "code"},
		// A field word inside a value is not the field.
		{&APIError{StatusCode: 400, Message: "Customer with Email 'code@example.com' already exists."}, true, "email"},
		{&APIError{StatusCode: 400, Message: "Email code@example.com has already been registered"}, true, "email"},
		{&APIError{StatusCode: 400, Message: "Customer with Code 'email-1' already exists."}, true, "code"},
		{&APIError{StatusCode: 400, Message: "Customer with Mobile \"0811 code\" already exists."}, true, "mobile"},
		{&APIError{StatusCode: 400, Message: "E-mail is already in use"}, true, "email"},
		{&APIError{StatusCode: 400, Message: "Outlet Gading is not registered."}, false, ""},
		{&APIError{StatusCode: 400, Message: "Outlet Gading has not been registered"}, false, ""},
		// "exist" alone is not a conflict: importing would not help.
		{&APIError{StatusCode: 400, Message: "Outlet Gading does not exist"}, false, ""},
		{&APIError{StatusCode: 400, Message: "Referrer customer 'x' does not exist."}, false, ""},
		{&APIError{StatusCode: 409, Message: "already exists"}, false, ""},
		{errors.New("already exists"), false, ""},
	}
	for _, tc := range cases {
		if got := IsAlreadyExists(tc.err); got != tc.exists {
			t.Errorf("IsAlreadyExists(%v) = %v", tc.err, got)
		}
		if got := ConflictField(tc.err); got != tc.field {
			t.Errorf("ConflictField(%v) = %q, want %q", tc.err, got, tc.field)
		}
	}
}

// TestErrorsEchoNothingTheyShouldNot: a redirect's Location comes into the
// error cut short, printable and without user info or query values; a base
// URL with credentials or a query is refused without repeating them.
func TestErrorsEchoNothingTheyShouldNot(t *testing.T) {
	t.Parallel()
	for _, location := range []string{
		"https://evil:s3cret@elsewhere.example/api/v3/x?token=k3y&a=" + strings.Repeat("A", 1<<19),
		"https://evil:s3cret@elsewhere.example/api/v3/x?token=k3y&a=\x1b[31m" + strings.Repeat("A", 1<<19),
	} {
		f := newFakeAPI(t)
		f.handle("GET /Customer/id/{id}", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Location", location)
			w.WriteHeader(http.StatusFound)
		})
		_, err := f.client(nil).GetCustomer(context.Background(), "c1")
		if err == nil {
			t.Fatal("a redirect was taken for success")
		}
		msg := err.Error()
		if len(msg) > 1000 || strings.ContainsAny(msg, "\x1b\r\n") || strings.Contains(msg, "s3cret") {
			t.Fatalf("the error repeats too much of the Location (%d bytes): %.300q", len(msg), msg)
		}
		if !strings.Contains(msg, "elsewhere.example") {
			t.Fatalf("the error %q no longer names where the redirect pointed", msg)
		}
	}
	for _, base := range []string{
		"https://admin:s3cret@mystore.dealpos.net/api/v3",
		"https://mystore.dealpos.net/api/v3?token=k3y",
		"http://admin:s3cret@mystore.dealpos.net/api/v3?token=k3y",
		"ftp://admin:s3cret@mystore.dealpos.net/api/v3",
	} {
		_, err := ResolveBaseURL(base, "")
		if err == nil || strings.Contains(err.Error(), "s3cret") || strings.Contains(err.Error(), "k3y") {
			t.Fatalf("ResolveBaseURL(%q) = %v, want a refusal that does not repeat the credential", base, err)
		}
	}
}

// TestAdviceFollowsTheMessageWithOnePeriod: a hint after an API message
// that ends with a period does not double it ("request URI.. This is").
func TestAdviceFollowsTheMessageWithOnePeriod(t *testing.T) {
	t.Parallel()
	e := &APIError{Method: "GET", Path: "/Customer/id/c1", StatusCode: http.StatusNotFound,
		Message: "No HTTP resource was found that matches the request URI 'https://x/Customer/id/c1'."}
	e.classify("application/json", []byte(`{"Message":"No HTTP resource was found"}`), "https://x")
	got := e.Error()
	if strings.Contains(got, "..") || !strings.Contains(got, "request URI 'https://x/Customer/id/c1'. This is the framework's answer for an unknown route") {
		t.Errorf("got %q", got)
	}
}
