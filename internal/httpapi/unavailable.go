package httpapi

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/siso-project/siso/internal/apperr"
	"github.com/siso-project/siso/internal/database"
)

// retryAfterOutage is the Retry-After of an answer given while the
// database is unreachable.
const retryAfterOutage = 5 * time.Second

// unavailableMessage is what the client reads with UNAVAILABLE.
const unavailableMessage = "the service is temporarily unavailable: try again shortly"

// writeUnavailable answers 503 UNAVAILABLE with Retry-After, for a request
// refused before the GraphQL layer (its session could not be looked up,
// the process is shutting down).
func writeUnavailable(w http.ResponseWriter, retryAfter time.Duration, msg string) {
	w.Header().Set("Retry-After", retryAfterSeconds(retryAfter))
	writeGraphQLError(w, http.StatusServiceUnavailable, msg, string(apperr.Unavailable))
}

func retryAfterSeconds(d time.Duration) string {
	s := int((d + time.Second - 1) / time.Second)
	if s < 1 {
		s = 1
	}
	return strconv.Itoa(s)
}

// credentialFailure answers a request whose session or token could not be
// checked for a reason other than its being invalid: 503 when the database
// is unreachable or the check ran out of the request's time (the
// credential may well be valid: the client keeps it and tries again),
// INTERNAL otherwise. Never UNAUTHENTICATED.
func (s *Server) credentialFailure(ctx context.Context, w http.ResponseWriter, what string, err error) {
	if database.Unavailable(err) {
		s.logger.WarnContext(ctx, what+": database unavailable", "request_id", RequestID(ctx), "error", err.Error())
		writeUnavailable(w, retryAfterOutage, unavailableMessage)
		return
	}
	if timedOut(ctx, err) {
		// The credential may be valid: it could not be checked in time.
		s.logger.WarnContext(ctx, what+": timed out", "request_id", RequestID(ctx), "error", err.Error())
		writeUnavailable(w, retryAfterOutage, timeLimitMessage(ctx))
		return
	}
	s.logger.ErrorContext(ctx, what, "request_id", RequestID(ctx), "error", err.Error())
	writeGraphQLError(w, http.StatusInternalServerError, "internal error", string(apperr.Internal))
}

// unavailableStatus makes a GraphQL response that carries an UNAVAILABLE
// error an HTTP 503 with Retry-After, so that clients and balancers see a
// retryable failure.
func unavailableStatus(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	if resp == nil {
		return resp
	}
	for _, e := range resp.Errors {
		if e.Extensions["code"] != string(apperr.Unavailable) {
			continue
		}
		if w, ok := ctx.Value(responseKey{}).(http.ResponseWriter); ok {
			w.Header().Set("Retry-After", retryAfterSeconds(retryAfterOutage))
			w.WriteHeader(http.StatusServiceUnavailable)
		}
		break
	}
	return resp
}
