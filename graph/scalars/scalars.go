// Package scalars implements the custom GraphQL scalars of the schema.
package scalars

import (
	"io"
	"strconv"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/siso-project/siso/internal/apperr"
)

// DateLayout is the wire form of the Date scalar.
const DateLayout = "2006-01-02"

// MarshalDate writes a date as "YYYY-MM-DD".
func MarshalDate(t time.Time) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		_, _ = io.WriteString(w, strconv.Quote(t.Format(DateLayout)))
	})
}

// UnmarshalDate reads a "YYYY-MM-DD" date between the years 1890 and 2200.
func UnmarshalDate(v any) (time.Time, error) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, apperr.BadInput("", "a date must be a string like 2026-11-25")
	}
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return time.Time{}, apperr.BadInput("", "%q is not a date like 2026-11-25", s)
	}
	if t.Year() < 1890 || t.Year() > 2200 {
		return time.Time{}, apperr.BadInput("", "date %s is out of range", s)
	}
	return t, nil
}
