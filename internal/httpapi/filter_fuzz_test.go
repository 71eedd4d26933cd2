package httpapi_test

import (
	"testing"

	"github.com/siso-project/siso/internal/testenv"
)

// FuzzCitizenFilter sends any filter text through the API: a panic or an
// INTERNAL is a failure, whatever the input. Seeds in
// testdata/fuzz/FuzzCitizenFilter.
func FuzzCitizenFilter(f *testing.F) {
	for _, s := range [][4]string{
		{"Rossi", "", "", ""}, {"%_\\", "", "", ""}, {"", "RSSMRA85T10A562S", "054039", "2"}, {"a\x00b", "", "", ""},
		{"", "rssmra85t10a562s\u00e0", "", "13"}, {"'; DROP TABLE citizen; --", "", "999999", "-1"}, {"\xff", "", "", ""},
	} {
		f.Add(s[0], s[1], s[2], s[3])
	}
	env := testenv.New(f)
	c := env.SignIn("regione")
	const q = `query($s:String,$f:String,$m:String,$z:String){
		citizens(filter:{search:$s, fiscalCode:$f, municipalityIstatCode:$m, zoneCode:$z}, first:2){ totalCount } }`
	f.Fuzz(func(t *testing.T, search, fiscalCode, municipality, zone string) {
		vars := map[string]any{}
		for k, v := range map[string]string{"s": search, "f": fiscalCode, "m": municipality, "z": zone} {
			if v != "" {
				vars[k] = v
			}
		}
		r := c.DoIn(t, q, vars)
		for _, e := range r.Errors {
			if e.Code() == "INTERNAL" || e.Code() == "" {
				t.Fatalf("%q: %+v", vars, r.Errors)
			}
		}
	})
}
