package inps

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestFasce(t *testing.T) {
	for age, want := range map[int]string{0: "1", 2: "1", 3: "2", 5: "2", 6: "3", 9: "4", 12: "5", 15: "6", 17: "6", 18: "", -1: ""} {
		if got := fasciaEta(age); got != want {
			t.Errorf("fasciaEta(%d) = %q, want %q", age, got, want)
		}
	}
	for cents, want := range map[int64]string{0: "1", 1: "2", 300000: "2", 300001: "3", 1500000: "6", 2000000: "7", 2000001: "8"} {
		if got := fasciaISEE(cents); got != want {
			t.Errorf("fasciaISEE(%d) = %q, want %q", cents, got, want)
		}
	}
	for age, want := range map[int]string{0: "1", 3: "4", 6: "5", 10: "5", 11: "6", 13: "6", 14: "7", 17: "7"} {
		if got := scuolaPerEta(age); got != want {
			t.Errorf("scuolaPerEta(%d) = %q, want %q", age, got, want)
		}
	}
	for c, want := range map[int]string{1: "1", 4: "4", 5: "5", 8: "5", 9: ""} {
		if got := invCivSINBA(c); got != want {
			t.Errorf("invCivSINBA(%d) = %q, want %q", c, got, want)
		}
	}
}

func TestFormats(t *testing.T) {
	for cents, want := range map[int64]string{0: "0.00", 5: "0.05", 12345: "123.45", -150: "-1.50"} {
		if got := euro(cents); got != want {
			t.Errorf("euro(%d) = %q, want %q", cents, got, want)
		}
	}
	if got := truncate("  Maria Giuseppina Antonietta Francesca Letizia  ", 36); len([]rune(got)) > 36 || !strings.HasPrefix(got, "Maria") {
		t.Errorf("truncate: %q", got)
	}
	if got := truncate("Niccolò", 36); got != "Niccolò" {
		t.Errorf("truncate: %q", got)
	}
	if got := ageOn(time.Date(2008, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 2, 28, 0, 0, 0, 0, time.UTC)); got != 17 {
		t.Errorf("ageOn = %d", got)
	}
	if got := monthsBetween(time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)); got != 3 {
		t.Errorf("monthsBetween = %d", got)
	}
}

func TestFiscalCodePattern(t *testing.T) {
	for code, ok := range map[string]bool{
		"RSSMRA80A01G478U": true,
		"00220910541":      true,  // an entity's tax number
		"RSSMRAULALMG4TMU": false, // omocodia: not accepted by the schema's pattern
		"RSSMRA80A01G478":  false,
		"TMP-ABCDEFGH":     false,
	} {
		if fiscalCodePattern.MatchString(code) != ok {
			t.Errorf("%s: match %v", code, !ok)
		}
	}
}

func TestPseudonym(t *testing.T) {
	key := []byte("0123456789abcdef")
	a := Pseudonym(key, "RSSMRA80A01G478U", "")
	if a != Pseudonym(key, "rssmra80a01g478u", "") {
		t.Error("the pseudonym depends on the case of the codice fiscale")
	}
	if !regexp.MustCompile(`^[A-Z2-7]{20}$`).MatchString(a) {
		t.Errorf("pseudonym %q is not 20 base32 characters", a)
	}
	if a == Pseudonym([]byte("another key 16by"), "RSSMRA80A01G478U", "") || a == Pseudonym(key, "", "TMP-RSSMRA80A01G478U") {
		t.Error("pseudonyms collide across keys or identifier kinds")
	}
	if strings.Contains(a, "RSS") && strings.Contains(a, "478") {
		t.Errorf("pseudonym %q looks like the code", a)
	}
}

func TestFonteDaAccesso(t *testing.T) {
	s := func(v string) *string { return &v }
	for _, c := range []struct {
		kind           string
		name, relation *string
		want           string
	}{
		{"CITIZEN", nil, nil, "6"},
		{"RELATIVE", s("Anna Rossi"), s("madre"), "8"},
		{"OTHER_SERVICE", s("Istituto comprensivo di Spoleto"), nil, "13"},
		{"OTHER_SERVICE", s("Consultorio familiare – USL Umbria 1"), nil, "2"},
		{"OTHER_SERVICE", s("Medico di medicina generale"), nil, "3"},
		{"OTHER_SERVICE", s("Comunità educativa per minori"), nil, "4"},
		{"OTHER_SERVICE", s("Centro per l'impiego di Terni"), nil, "2"},
		{"OTHER", s("Luigi Bianchi"), s("tutore"), "7"},
		{"OTHER", s("Maria Verdi"), s("vicina di casa"), "14"},
		{"OTHER", s("X"), s("amico"), ""},
	} {
		if got := fonteDaAccesso(c.kind, c.name, c.relation); got != c.want {
			t.Errorf("fonteDaAccesso(%s, %v, %v) = %q, want %q", c.kind, deref(c.name), deref(c.relation), got, c.want)
		}
	}
}

func TestIstatStates(t *testing.T) {
	seen := map[string]string{}
	for iso, code := range istatStates {
		if !regexp.MustCompile(`^[0-9]{3}$`).MatchString(code) || !regexp.MustCompile(`^[A-Z]{2}$`).MatchString(iso) {
			t.Errorf("%s: %s", iso, code)
		}
		if other, dup := seen[code]; dup {
			t.Errorf("%s and %s share the ISTAT code %s", iso, other, code)
		}
		seen[code] = iso
	}
	for iso, want := range map[string]string{"IT": "100", "RO": "235", "AL": "201", "MA": "436", "UA": "243", "NG": "443",
		"CN": "314", "EC": "609", "PH": "323", "MK": "253", "MD": "254", "IN": "330", "PL": "233", "TN": "460"} {
		if got := istatState(&iso); got != want {
			t.Errorf("istatState(%s) = %q, want %q", iso, got, want)
		}
	}
}
