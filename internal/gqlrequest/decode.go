// Package gqlrequest reads the JSON body of a GraphQL request strictly,
// before gqlgen sees it: a body it accepts means one operation exactly as
// the client wrote it, and anything else is refused with BAD_USER_INPUT
// rather than repaired (encoding/json turns invalid UTF-8 and lone
// surrogates into U+FFFD, ignores what follows the first value, and leaves
// a missing query for the executor to trip over).
package gqlrequest

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"

	"github.com/siso-project/siso/internal/apperr"
)

// body is the request object of GraphQL over HTTP. Typed fields make
// encoding/json refuse a query, operation name, variables or extensions of
// the wrong JSON type; unknown members are ignored, as the protocol allows.
type body struct {
	Query         string         `json:"query"`
	OperationName string         `json:"operationName"`
	Variables     map[string]any `json:"variables"`
	Extensions    map[string]any `json:"extensions"`
}

// Decode returns the operation of a POST body, or an *apperr.Error with
// code BAD_USER_INPUT (no field: the request as a whole) saying what is
// wrong with it. Numbers in variables stay json.Number, as gqlgen expects.
func Decode(raw []byte) (*graphql.RawParams, error) {
	if !utf8.Valid(raw) {
		return nil, apperr.BadInput("", "the request body is not valid UTF-8")
	}
	if err := checkSurrogates(raw, false); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var b body
	if err := dec.Decode(&b); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, apperr.BadInput("", "the request body is empty")
		}
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) && typeErr.Field != "" {
			return nil, apperr.BadInput("", "%s in the request body has the wrong type (a %s)", typeErr.Field, typeErr.Value)
		}
		if errors.As(err, &typeErr) {
			return nil, apperr.BadInput("", "the request body must be a JSON object")
		}
		return nil, apperr.BadInput("", "the request body is not well-formed JSON")
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, apperr.BadInput("", "the request body goes on after its JSON object")
	}
	if b.Query == "" {
		return nil, apperr.BadInput("", "the request body has no query")
	}
	if err := checkSurrogates(b.Query, true); err != nil {
		return nil, err
	}
	return &graphql.RawParams{
		Query:         b.Query,
		OperationName: b.OperationName,
		Variables:     b.Variables,
		Extensions:    b.Extensions,
	}, nil
}

// DecodeQuery returns the operation of a GET request's URL parameters
// (query, operationName, and variables and extensions as JSON text), or an
// *apperr.Error with code BAD_USER_INPUT saying what is wrong, with the same
// strictness as Decode: valid UTF-8 without lone surrogates, a query, and
// variables and extensions that are each exactly one JSON object.
func DecodeQuery(values url.Values) (*graphql.RawParams, error) {
	p := &graphql.RawParams{Query: values.Get("query"), OperationName: values.Get("operationName")}
	for _, s := range []string{p.Query, p.OperationName} {
		if !utf8.ValidString(s) {
			return nil, apperr.BadInput("", "the request's parameters are not valid UTF-8")
		}
	}
	if p.Query == "" {
		return nil, apperr.BadInput("", "the request has no query parameter")
	}
	if err := checkSurrogates(p.Query, true); err != nil {
		return nil, err
	}
	for _, param := range []struct {
		name string
		into *map[string]any
	}{{"variables", &p.Variables}, {"extensions", &p.Extensions}} {
		text := values.Get(param.name)
		if text == "" {
			continue
		}
		obj, err := decodeObject(text)
		if err != nil {
			return nil, apperr.BadInput("", "the %s parameter %s", param.name, err.Error())
		}
		*param.into = obj
	}
	return p, nil
}

// decodeObject reads text that must be exactly one JSON object.
func decodeObject(text string) (map[string]any, error) {
	if !utf8.ValidString(text) {
		return nil, errors.New("is not valid UTF-8")
	}
	if err := checkSurrogates(text, false); err != nil {
		return nil, errors.New("holds a lone surrogate")
	}
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var obj map[string]any
	if err := dec.Decode(&obj); err != nil || obj == nil {
		return nil, errors.New("must be a JSON object")
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("goes on after its JSON object")
	}
	return obj, nil
}
