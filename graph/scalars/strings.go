package scalars

import (
	"encoding/json"
	"strings"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"

	"github.com/siso-project/siso/internal/apperr"
)

// The String and ID scalars replace gqlgen's, which coerce numbers and
// booleans into strings (the GraphQL spec calls a non-string value for a
// String input a request error) and pass on what PostgreSQL cannot store.
// Every string input of the API goes through here, so a NUL character or
// invalid UTF-8 is refused once for all fields; the error names no field,
// the presenter takes it from the input path.

// MarshalString writes a String.
func MarshalString(s string) graphql.Marshaler { return graphql.MarshalString(s) }

// UnmarshalString reads a String input: a JSON or GraphQL string only.
func UnmarshalString(v any) (string, error) {
	s, ok := v.(string)
	if !ok {
		return "", apperr.BadInput("", "a string is expected, not %s", kindOf(v))
	}
	return s, checkText(s)
}

// MarshalID writes an ID.
func MarshalID(s string) graphql.Marshaler { return graphql.MarshalID(s) }

// UnmarshalID reads an ID input: a string, or an integer as the spec
// allows (never a fraction or a boolean).
func UnmarshalID(v any) (string, error) {
	switch v := v.(type) {
	case string:
		return v, checkText(v)
	case json.Number:
		if strings.ContainsAny(string(v), ".eE") {
			return "", apperr.BadInput("", "an id is a string or an integer, not %s", v)
		}
		return string(v), nil
	case int, int32, int64:
		return graphql.UnmarshalID(v)
	}
	return "", apperr.BadInput("", "an id is a string or an integer, not %s", kindOf(v))
}

// checkText refuses what a text column cannot hold or would hold changed.
func checkText(s string) error {
	if strings.IndexByte(s, 0) >= 0 {
		return apperr.BadInput("", "the text contains a NUL character (U+0000)")
	}
	if !utf8.ValidString(s) {
		return apperr.BadInput("", "the text is not valid UTF-8")
	}
	return nil
}

// kindOf names the JSON kind of a decoded value for an error message.
func kindOf(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case json.Number, int, int32, int64, float32, float64:
		return "a number"
	case bool:
		return "a boolean"
	case map[string]any:
		return "an object"
	case []any:
		return "a list"
	}
	return "a value of another type"
}
