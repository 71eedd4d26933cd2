package httpapi_test

import (
	"encoding/base64"
	"testing"

	"github.com/siso-project/siso/internal/testenv"
)

// Cursors the server never issued are BAD_USER_INPUT on after (or before)
// and never reach SQL as a value its column cannot take.
func TestForgedCursorsAreBadInput(t *testing.T) {
	env := testenv.New(t)
	c := env.SignIn("as.perugia")
	cursor := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	for _, tc := range []struct {
		name, query, cursor, field string
	}{
		{"not base64", `query($c:String){ citizens(first:2, after:$c){ totalCount } }`, "!!!", "after"},
		{"invalid UTF-8 in a text key", `query($c:String){ citizens(first:2, after:$c){ totalCount } }`, cursor("\xff\xfe\x001"), "after"},
		{"a word for a relevance", `query($c:String){ citizens(filter:{search:"Rossi"}, first:2, after:$c){ totalCount } }`, cursor("high\x001"), "after"},
		{"a word for a timestamp", `query($c:String){ accesses(first:2, after:$c){ totalCount } }`, cursor("yesterday\x001"), "after"},
		{"month 13", `query($c:String){ accesses(first:2, after:$c){ totalCount } }`, cursor("2026-13-01 10:00:00+00\x001"), "after"},
		{"year zero", `query($c:String){ accesses(first:2, after:$c){ totalCount } }`, cursor("0000-01-01 10:00:00+00\x001"), "after"},
		{"before, forged", `query($c:String){ accesses(last:2, before:$c){ totalCount } }`, cursor("soon\x001"), "before"},
		{"id out of range", `query($c:String){ accesses(first:2, after:$c){ totalCount } }`, cursor("2026-01-01 10:00:00+00\x0099999999999999999999"), "after"},
		{"a word for a date", `query($c:String){ interventions(first:2, after:$c){ totalCount } }`, cursor("lots\x001"), "after"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := c.Do(tc.query, map[string]any{"c": tc.cursor})
			if len(r.Errors) != 1 || r.Errors[0].Code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != tc.field {
				t.Fatalf("errors %+v; want one BAD_USER_INPUT on %s", r.Errors, tc.field)
			}
		})
	}
	// Cursors the server issued still page.
	var page struct {
		Accesses struct{ Edges []struct{ Cursor string } }
	}
	mustOK(t, "first page", c.Do(`{ accesses(first:2){ edges { cursor } } }`, nil)).Decode(t, &page)
	if len(page.Accesses.Edges) != 2 {
		t.Fatalf("edges %+v", page.Accesses.Edges)
	}
	mustOK(t, "next page", c.Do(`query($c:String){ accesses(first:2, after:$c){ totalCount } }`, map[string]any{"c": page.Accesses.Edges[1].Cursor}))
}
