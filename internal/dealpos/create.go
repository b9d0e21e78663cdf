package dealpos

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// creation describes a non-idempotent create for createOrAdopt.
type creation[T any] struct {
	// what names the record in errors and logs ("customer HW001").
	what string
	// create sends the create once.
	create func(context.Context) (T, error)
	// lookups find what a create may have stored, one request each, in
	// order. Each answers found=false when the record is not there or is
	// not the one sent; a lookup's not-found is not an error.
	lookups []func(context.Context) (rec T, found bool, err error)
}

// mayExistError is a create whose outcome stayed unknown: the record may be
// stored although the create failed.
type mayExistError struct{ err error }

func (e *mayExistError) Error() string { return e.err.Error() }
func (e *mayExistError) Unwrap() error { return e.err }

// MayExist tells whether err is a failed create whose record may have been
// stored all the same (its answer was lost and no lookup found it), so that
// the caller can say how to adopt it rather than create it again.
func MayExist(err error) bool {
	var e *mayExistError
	return errors.As(err, &e)
}

// mayExist wraps fmt.Errorf(format, args...) as a mayExistError.
func mayExist(format string, args ...any) error {
	return &mayExistError{fmt.Errorf(format, args...)}
}

// maxCreateLookups bounds the lookups of one create: with the create sent
// at most twice, a failing create costs at most four requests.
const maxCreateLookups = 2

// interruptedLookupTimeout bounds the lookup after an interrupted create.
const interruptedLookupTimeout = 30 * time.Second

// createOrAdopt runs a non-idempotent create. It is never blindly retried:
// only when its outcome is unknown (the answer was lost, a gateway answered
// 502/503/504 or a 500 that is not the API's own JSON error; see
// outcomeUnknown) are the lookups run, and the record they find adopted;
// when none finds it the create is sent once more (unless MaxRetries is 0).
// Any answer of the API itself is final. So a failing create costs at most
// four requests: the create, its lookups, one re-send and, after an unknown
// outcome of the re-send, the lookups that the budget of maxCreateLookups
// still allows (a customer's two lookups use it up; a catalog record's one
// lookup runs again). An "already exists" refusal of the re-send is the first
// attempt landing late: the last lookup adopts it. When the caller gives
// up (Ctrl-C, a timeout) while a create is in flight, the lookups still run
// on a short context of their own.
func createOrAdopt[T any](ctx context.Context, c *Client, op creation[T]) (T, error) {
	var zero T
	out, err := op.create(ctx)
	if err == nil || !outcomeUnknown(err) {
		return out, err
	}
	if ctx.Err() != nil {
		return op.interrupted(ctx, err)
	}
	tflog.Warn(ctx, "The outcome of a DealPOS create is unknown; looking the record up before sending it again",
		map[string]any{"record": op.what, "error": err.Error()})
	lookups := op.lookups[:min(len(op.lookups), maxCreateLookups)]
	found, ok, lookupErr := op.find(ctx, lookups)
	switch {
	case lookupErr != nil:
		return zero, mayExist("creating %s: the outcome is unknown (%v) and looking it up failed: %w", op.what, err, lookupErr)
	case ok:
		return found, nil
	case c.maxRetries == 0:
		return zero, mayExist("creating %s: the outcome is unknown, it was not found, and max_retries is 0: %w", op.what, err)
	}
	if sleepErr := sleepContext(ctx, jitteredBackoff(c.waitMin, c.waitMax, 0)); sleepErr != nil {
		return zero, mayExist("creating %s: interrupted before sending it again (its first attempt's outcome was unknown, %v, and a lookup did not find it): %w",
			op.what, err, sleepErr)
	}
	out, again := op.create(ctx)
	switch {
	case again == nil:
		return out, nil
	case IsAlreadyExists(again) && len(op.lookups) > 0:
		// The first attempt landed after the lookups missed it.
		if found, ok, lookupErr := op.find(ctx, op.lookups[len(op.lookups)-1:]); lookupErr == nil && ok {
			return found, nil
		}
		return zero, again
	case !outcomeUnknown(again):
		return zero, again
	case ctx.Err() != nil:
		return op.interrupted(ctx, again)
	}
	if left := maxCreateLookups - len(lookups); left > 0 {
		if found, ok, lookupErr := op.find(ctx, op.lookups[:min(left, len(op.lookups))]); lookupErr == nil && ok {
			return found, nil
		}
	}
	return zero, mayExist("creating %s: the outcome of both attempts is unknown (%v, then %w)", op.what, err, again)
}

// find runs lookups in order until one finds the record.
func (op creation[T]) find(ctx context.Context, lookups []func(context.Context) (T, bool, error)) (T, bool, error) {
	var zero T
	// A lookup's not-found only means "send it again"; it is never
	// reported, so it needs no check of the base URL.
	ctx = withoutBaseCheck(ctx)
	for _, lookup := range lookups {
		rec, found, err := lookup(ctx)
		if err != nil {
			return zero, false, err
		}
		if found {
			tflog.Info(ctx, "Adopted a DealPOS record whose create answer was lost", map[string]any{"record": op.what})
			return rec, true, nil
		}
	}
	return zero, false, nil
}

// interrupted looks for the record a create interrupted in flight may have
// stored, on a fresh short context: the caller's is done, and without the
// lookup the record could exist unknown to Terraform.
func (op creation[T]) interrupted(ctx context.Context, cause error) (T, error) {
	var zero T
	lookupCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), interruptedLookupTimeout)
	defer cancel()
	found, ok, err := op.find(lookupCtx, op.lookups[:min(len(op.lookups), maxCreateLookups)])
	switch {
	case err != nil:
		return zero, mayExist("creating %s was interrupted (%w) while its outcome was unknown (%v), and looking it up failed (%v)",
			op.what, ctx.Err(), cause, err)
	case ok:
		return found, nil
	}
	return zero, mayExist("creating %s was interrupted (%w) while its outcome was unknown (%v); a lookup did not find it, "+
		"but the server may still store it", op.what, ctx.Err(), cause)
}

// notThere turns a lookup's not-found into "not there" for createOrAdopt.
func notThere[T any](v T, err error) (T, bool, error) {
	if IsNotFound(err) {
		var zero T
		return zero, false, nil
	}
	return v, err == nil, err
}
