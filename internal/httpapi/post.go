package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/siso-project/siso/internal/apperr"
	"github.com/siso-project/siso/internal/gqlrequest"
)

// strictPOST is gqlgen's POST transport behind a strict reading of the body
// (gqlrequest.Decode): a body over the size limit is 413, one that is not
// exactly one well-formed request object is 400, both BAD_USER_INPUT through
// the error presenter. A body it accepts goes to gqlgen unchanged.
type strictPOST struct{ transport.POST }

// Do implements graphql.Transport.
func (t strictPOST) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	raw, err := io.ReadAll(r.Body)
	if err != nil {
		if tooBig := (*http.MaxBytesError)(nil); errors.As(err, &tooBig) {
			refuse(w, r, exec, http.StatusRequestEntityTooLarge,
				apperr.BadInput("", "the request body is larger than %d bytes", tooBig.Limit))
			return
		}
		refuse(w, r, exec, http.StatusBadRequest, &apperr.Error{Code: apperr.BadUserInput, Message: "the request body could not be read", Err: err})
		return
	}
	if _, err := gqlrequest.Decode(raw); err != nil {
		refuse(w, r, exec, http.StatusBadRequest, err)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(raw))
	t.POST.Do(w, r, exec)
}

// strictGET is gqlgen's GET transport behind the same strict reading of the
// URL parameters (gqlrequest.DecodeQuery): parameters it cannot take are a
// 400 BAD_USER_INPUT, never a bare 400 without a code.
type strictGET struct{ transport.GET }

// Do implements graphql.Transport.
func (t strictGET) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	if _, err := gqlrequest.DecodeQuery(r.URL.Query()); err != nil {
		refuse(w, r, exec, http.StatusBadRequest, err)
		return
	}
	t.GET.Do(w, r, exec)
}

// refuse answers a request that has no operation with err, presented like
// every other error.
func refuse(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor, status int, err error) {
	resp := exec.DispatchError(r.Context(), gqlerror.List{gqlerror.WrapPath(nil, err)})
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(resp)
}
