package relay

import "testing"

// FuzzParse: any string is a global id of a type and a positive id, or
// ErrInvalidID; the ids ID issues parse back to what they encode.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"", "Q2l0aXplbjox", ID("Citizen", 1), ID("Case", 1<<62), "Q2l0aXplbjow", "Q2l0aXplbjot", "!!", "Og", "Q2l0aXplbjox\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, gid string) {
		typ, id, err := Parse(gid)
		if err != nil {
			return
		}
		if typ == "" || id <= 0 {
			t.Fatalf("%q parsed as %q %d", gid, typ, id)
		}
		if t2, id2, err := Parse(ID(typ, id)); len(typ) < 40 && (err != nil || t2 != typ || id2 != id) {
			t.Fatalf("ID(%q, %d) parses as %q %d %v", typ, id, t2, id2, err)
		}
	})
}
