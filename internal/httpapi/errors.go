package httpapi

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/siso-project/siso/internal/apperr"
	"github.com/siso-project/siso/internal/database"
)

// presentError is the one boundary where errors become GraphQL errors:
// application errors keep their code (and field or policy); parse and
// validation errors keep gqlgen's; a database that cannot be reached is
// UNAVAILABLE (retryable, HTTP 503: see unavailableStatus); work cut by the
// request's time limit is COST_LIMIT_EXCEEDED with limit "time"; anything else
// is INTERNAL with no detail for the client and the cause in the log.
func presentError(logger *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gerr := graphql.DefaultErrorPresenter(ctx, err)
		if apperr.CodeOf(err) == apperr.Internal && timedOut(ctx, err) {
			logger.WarnContext(ctx, "request timed out", "request_id", RequestID(ctx), "error", err.Error())
			gerr.Message = timeLimitMessage(ctx)
			gerr.Extensions = map[string]any{"code": string(apperr.CostLimitExceeded), "limit": "time"}
			return gerr
		}
		if apperr.CodeOf(err) == apperr.Internal && database.Unavailable(err) {
			logger.WarnContext(ctx, "database unavailable", "request_id", RequestID(ctx), "error", err.Error())
			gerr.Message = unavailableMessage
			gerr.Extensions = map[string]any{"code": string(apperr.Unavailable)}
			return gerr
		}
		if e, ok := apperr.As(err); ok {
			gerr.Message = e.Message
			ext := map[string]any{"code": string(e.Code)}
			if e.Field != "" {
				ext["field"] = e.Field
			} else if f := inputField(ctx, gerr.Path); f != "" {
				ext["field"] = f // refused by a scalar, before any resolver
			}
			if e.Policy != "" {
				ext["policy"] = e.Policy
			}
			gerr.Extensions = ext
			if e.Code == apperr.Internal {
				logger.ErrorContext(ctx, "internal error", "request_id", RequestID(ctx), "error", err.Error())
			}
			return gerr
		}
		var ge *gqlerror.Error
		if errors.As(err, &ge) && ge.Extensions != nil && ge.Extensions["code"] != nil {
			return gerr // parse, validation, variable and limit errors
		}
		if errors.As(err, &ge) && len(ge.Path) == 0 && ge.Err == nil {
			// A request the transport could not read (malformed JSON and the
			// like): say so without echoing the body.
			gerr.Message = "malformed request"
			gerr.Extensions = map[string]any{"code": string(apperr.BadUserInput)}
			return gerr
		}
		logger.ErrorContext(ctx, "internal error", "request_id", RequestID(ctx), "error", err.Error())
		gerr.Message = "internal error"
		gerr.Extensions = map[string]any{"code": string(apperr.Internal)}
		return gerr
	}
}

// recoverPanic logs a panic and answers INTERNAL without a stack trace.
func recoverPanic(logger *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, p any) error {
		logger.ErrorContext(ctx, "panic in resolver", "request_id", RequestID(ctx), "panic", p)
		return &apperr.Error{Code: apperr.Internal, Message: "internal error"}
	}
}

// timedOut reports whether err is the end of work that the request's time
// limit (SISO_REQUEST_TIMEOUT) cut: the deadline itself, or what the
// database or a wait answered once the deadline had passed.
func timedOut(ctx context.Context, err error) bool {
	return errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded)
}

// timeLimitMessage tells the client that the request ran out of time and
// what to do about it.
func timeLimitMessage(ctx context.Context) string {
	msg := "the request took longer than its time limit and was cancelled: ask for less (a smaller first:, fewer fields or a shorter period) or try again later"
	if d, ok := ctx.Value(timeLimitKey{}).(time.Duration); ok {
		msg = fmt.Sprintf("the request took longer than its time limit of %s and was cancelled: ask for less (a smaller first:, fewer fields or a shorter period) or try again later", d)
	}
	return msg
}

// timeLimitKey holds the request's time limit in its context.
type timeLimitKey struct{}
