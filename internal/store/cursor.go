package store

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/siso-project/siso/internal/apperr"
)

// decodeCursorAs decodes a cursor whose sort key is cast to sqlType in
// SQL, refusing one the server cannot have issued: a forged key that
// PostgreSQL would not cast (or would read as something else, such as
// 'yesterday' for a timestamp) is BAD_USER_INPUT on field, never an SQL
// error.
func decodeCursorAs(c, sqlType, field string) (string, int64, error) {
	key, id, err := decodeCursor(c)
	if err != nil || !sortKeyOK(key, sqlType) {
		return "", 0, apperr.BadInput(field, "malformed cursor")
	}
	return key, id, nil
}

// cursorField is the argument a page's cursor came in.
func cursorField(pg Page) string {
	if pg.Backward {
		return "before"
	}
	return "after"
}

var decimal = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$`)

// sortKeyOK reports whether key is a value of sqlType as PostgreSQL writes
// it in text (the form cursors carry).
func sortKeyOK(key, sqlType string) bool {
	switch sqlType {
	case "text":
		return utf8.ValidString(key) && !strings.ContainsRune(key, 0)
	case "int":
		_, err := strconv.ParseInt(key, 10, 32)
		return err == nil
	case "bigint":
		_, err := strconv.ParseInt(key, 10, 64)
		return err == nil
	case "real":
		if !decimal.MatchString(key) {
			return false
		}
		f, err := strconv.ParseFloat(key, 32)
		// a zero from a non-zero text is an underflow, which PostgreSQL refuses
		return err == nil && !math.IsInf(f, 0) && (f != 0 || strings.Trim(strings.Split(strings.ToLower(key), "e")[0], "-0.") == "")
	case "date":
		t, err := time.Parse(time.DateOnly, key)
		return err == nil && t.Year() >= 1
	case "timestamptz":
		for _, layout := range []string{"2006-01-02 15:04:05-07", "2006-01-02 15:04:05-07:00", "2006-01-02 15:04:05-07:00:00"} {
			if t, err := time.Parse(layout, key); err == nil {
				_, offset := t.Zone()
				return t.Year() >= 1 && offset > -16*3600 && offset < 16*3600
			}
		}
	}
	return false
}
