package store

import (
	"testing"

	"github.com/siso-project/siso/internal/apperr"
)

// FuzzCursor: any cursor text, for any sort type, is a key and id or
// BAD_USER_INPUT; never a panic. (The keys it accepts PostgreSQL casts:
// TestForgedCursorsAreBadInput in internal/httpapi checks that through the
// API.)
func FuzzCursor(f *testing.F) {
	types := []string{"text", "int", "bigint", "real", "date", "timestamptz"}
	for i, k := range []string{"Rossi", "2026-11-20 10:00:00+00", "2026-11-20 10:00:00.5+01:00", "2026-11-20", "0.5", "1e-50",
		"12", "yesterday", "0000-01-01", "2026-01-01 00:00:00+20", "\xff", "NaN", "0x1p-2"} {
		f.Add(encodeCursor(k, int64(i)), types[i%len(types)])
	}
	f.Add("!!", "text")
	f.Fuzz(func(t *testing.T, c, sqlType string) {
		_, _, err := decodeCursorAs(c, sqlType, "after")
		if err != nil && apperr.CodeOf(err) != apperr.BadUserInput {
			t.Fatalf("%q as %s: %v", c, sqlType, err)
		}
	})
}
