package dealpos

import (
	"context"
	"fmt"
)

// KeptError is a delete that did not remove its record: DealPOS still
// holds it when read back, whatever the delete answered.
type KeptError struct {
	What    string // the record, e.g. "category Food/Snack (ID ...)"
	Request string // the delete sent, e.g. "DELETE /Category"
	Answer  error  // the delete's error answer, or nil when it answered success
}

func (e *KeptError) Error() string {
	answered := "answered success"
	if e.Answer != nil {
		answered = "answered: " + e.Answer.Error()
	}
	return fmt.Sprintf("DealPOS still holds %s: %s %s, but reading it back finds it there, so it was not deleted", e.What, e.Request, answered)
}

func (e *KeptError) Unwrap() error { return e.Answer }

// deleteConfirmed sends the delete r for the record what. A success is
// believed where the reference documents the request's form; a not-found,
// and any answer to a form that is a guess (guessed), is confirmed with one
// read: gone tells whether the record is gone. A delete answered "not
// found" for a record that stays would otherwise drop it from state while
// DealPOS keeps it.
func (c *Client) deleteConfirmed(ctx context.Context, r request, what string, guessed bool, gone func(context.Context) (bool, error)) error {
	r.idempotent = true
	err := c.do(ctx, r, nil)
	if err != nil && !IsNotFound(err) {
		return err
	}
	if err == nil && !guessed {
		return nil
	}
	isGone, readErr := gone(ctx)
	switch {
	case readErr != nil:
		return fmt.Errorf("%s %s for %s: reading it back to confirm the delete failed: %w", r.method, r.path, what, readErr)
	case isGone:
		return nil
	}
	return &KeptError{What: what, Request: r.method + " " + r.path, Answer: err}
}

// goneBy is what a read-back after a delete tells: gone on a not-found,
// there on success, and any other error as it is.
func goneBy(err error) (bool, error) {
	if IsNotFound(err) {
		return true, nil
	}
	return false, err
}
