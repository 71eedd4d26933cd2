// Package apperr defines the errors the application reports to clients. The
// GraphQL layer turns them into `extensions.code` (and `field` or `policy`)
// at one boundary; any other error is reported as INTERNAL with no detail.
package apperr

import (
	"errors"
	"fmt"
)

// Code is an error code of the API contract.
type Code string

// The error codes of DESIGN.md section 5.
const (
	Unauthenticated   Code = "UNAUTHENTICATED"
	Forbidden         Code = "FORBIDDEN"
	NotFound          Code = "NOT_FOUND"
	BadUserInput      Code = "BAD_USER_INPUT"
	Conflict          Code = "CONFLICT"
	CostLimitExceeded Code = "COST_LIMIT_EXCEEDED"
	RateLimited       Code = "RATE_LIMITED"
	Internal          Code = "INTERNAL"
	// Unavailable: the service cannot answer for now (the database is
	// unreachable, the process is shutting down); the same request may be
	// tried again later (HTTP 503 with Retry-After).
	Unavailable Code = "UNAVAILABLE"
)

// Error is an error with a code that is safe to show to the client.
type Error struct {
	Code    Code
	Message string
	// Field names the offending input field (BAD_USER_INPUT), as a path
	// inside the mutation's input such as "fiscalCode" or "residence.postcode".
	Field string
	// Policy names the rule that denied a field (FORBIDDEN).
	Policy string
	// Err is the cause, kept for logs; never shown to the client.
	Err error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// As returns the *Error in err's chain, if any.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// CodeOf returns the code of err, or Internal.
func CodeOf(err error) Code {
	if e, ok := As(err); ok {
		return e.Code
	}
	return Internal
}

// NewNotFound reports an object that does not exist for the viewer; the
// message is the same whether it never existed or is out of scope.
func NewNotFound(what string) *Error {
	return &Error{Code: NotFound, Message: what + " not found"}
}

// NewForbidden reports a denial by the named policy.
func NewForbidden(policy, message string) *Error {
	return &Error{Code: Forbidden, Message: message, Policy: policy}
}

// NewUnauthenticated reports a request without a valid session or token.
func NewUnauthenticated(message string) *Error {
	return &Error{Code: Unauthenticated, Message: message}
}

// BadInput reports a problem with one input field.
func BadInput(field, format string, args ...any) *Error {
	return &Error{Code: BadUserInput, Field: field, Message: fmt.Sprintf(format, args...)}
}

// NewConflict reports a stale version or a concurrent change.
func NewConflict(message string) *Error {
	return &Error{Code: Conflict, Message: message}
}
