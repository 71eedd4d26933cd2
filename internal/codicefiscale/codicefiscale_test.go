package codicefiscale

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// now is the reference date of the tests: years 00-26 are 20yy, 27-99 19yy.
var now = time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// withCheck appends the check character to 15 valid characters.
func withCheck(t testing.TB, first15 string) string {
	t.Helper()
	c, err := CheckChar(first15)
	if err != nil {
		t.Fatalf("CheckChar(%q): %v", first15, err)
	}
	return first15 + string(c)
}

// The check characters of these codes were computed by hand from the odd and
// even tables, independently of the implementation:
//
//	RSSMRA85T10A562S  Mario Rossi, M, 1985-12-10, San Giuliano Terme (A562); sum 122 → 18 → S
//	RSSMRA90B41H501Z  Maria Rossi, F, 1990-02-01, Roma (H501); sum 103 → 25 → Z
//	SCHNNA75C55Z112K  Anna Schmidt, F, 1975-03-15, Germany (Z112); sum 140 → 10 → K
//	BNCLCU84B29F205T  Luca Bianchi, M, 1984-02-29, Milano (F205); sum 123 → 19 → T
//	RSSMRA85T10A56NH  omocodic (15th char 2→N); sum 137 → 7 → H
//	RSSMRA85T10A5SNT  omocodic (14th 6→S, 15th 2→N); sum 149 → 19 → T
//	RSSMRAURTMLARSNL  all seven positions replaced; sum 167 → 11 → L
func TestCheckCharKnown(t *testing.T) {
	for _, code := range []string{
		"RSSMRA85T10A562S", "RSSMRA90B41H501Z", "SCHNNA75C55Z112K", "BNCLCU84B29F205T",
		"RSSMRA85T10A56NH", "RSSMRA85T10A5SNT", "RSSMRAURTMLARSNL",
	} {
		got, err := CheckChar(code[:15])
		if err != nil || got != code[15] {
			t.Errorf("CheckChar(%q) = %c, %v; want %c", code[:15], got, err, code[15])
		}
	}
	if got, err := CheckChar("  rssmra85t10a562 "); err != nil || got != 'S' {
		t.Errorf("CheckChar lower-case = %c, %v; want S", got, err)
	}
}

func TestCheckCharErrors(t *testing.T) {
	for _, tc := range []struct {
		in   string
		part string
		pos  int
	}{
		{"", PartLength, 0},
		{"RSSMRA85T10A56", PartLength, 0},
		{"RSSMRA85T10A562S", PartLength, 0},
		{"RSSMRA85T10A56-", PartCharacters, 15},
		{"RSSMRA85T1ÈA562", PartCharacters, 11},
	} {
		_, err := CheckChar(tc.in)
		var e *Error
		if !errors.As(err, &e) || !errors.Is(err, ErrInvalid) || e.Part != tc.part || e.Position != tc.pos {
			t.Errorf("CheckChar(%q) error = %#v; want part %s position %d", tc.in, err, tc.part, tc.pos)
		}
	}
}

func TestParseValid(t *testing.T) {
	y2k := withCheck(t, "RSSMRA00B29H501")
	for _, tc := range []struct {
		name      string
		in        string
		now       time.Time
		code      string
		birth     time.Time
		sex       string
		place     string
		foreign   bool
		omocodic  bool
		skipCheck bool
	}{
		{name: "mario rossi", in: "RSSMRA85T10A562S", code: "RSSMRA85T10A562S", birth: date(1985, 12, 10), sex: "M", place: "A562"},
		{name: "lower case and spaces", in: "  rssmra85t10a562s \t\n", code: "RSSMRA85T10A562S", birth: date(1985, 12, 10), sex: "M", place: "A562"},
		{name: "mixed case", in: "RssMra85t10A562s", code: "RSSMRA85T10A562S", birth: date(1985, 12, 10), sex: "M", place: "A562"},
		{name: "woman day+40", in: "RSSMRA90B41H501Z", code: "RSSMRA90B41H501Z", birth: date(1990, 2, 1), sex: "F", place: "H501"},
		{name: "foreign born woman", in: "SCHNNA75C55Z112K", code: "SCHNNA75C55Z112K", birth: date(1975, 3, 15), sex: "F", place: "Z112", foreign: true},
		{name: "29 feb leap year", in: "BNCLCU84B29F205T", code: "BNCLCU84B29F205T", birth: date(1984, 2, 29), sex: "M", place: "F205"},
		{name: "omocodic one letter", in: "RSSMRA85T10A56NH", code: "RSSMRA85T10A56NH", birth: date(1985, 12, 10), sex: "M", place: "A562", omocodic: true},
		{name: "omocodic two letters", in: "rssmra85t10a5snt", code: "RSSMRA85T10A5SNT", birth: date(1985, 12, 10), sex: "M", place: "A562", omocodic: true},
		{name: "omocodic all positions", in: "RSSMRAURTMLARSNL", code: "RSSMRAURTMLARSNL", birth: date(1985, 12, 10), sex: "M", place: "A562", omocodic: true},
		{name: "29 feb 2000", in: y2k, code: y2k, birth: date(2000, 2, 29), sex: "M", place: "H501"},
		{name: "31 dec woman", in: withCheck(t, "RSSMRA99T71H501"), birth: date(1999, 12, 31), sex: "F", place: "H501"},
		{name: "current year is 20yy", in: withCheck(t, "RSSMRA26A01H501"), birth: date(2026, 1, 1), sex: "M", place: "H501"},
		{name: "next year is 19yy", in: withCheck(t, "RSSMRA27A01H501"), birth: date(1927, 1, 1), sex: "M", place: "H501"},
		{name: "century before 2000", in: withCheck(t, "RSSMRA05A01H501"), now: date(1999, 6, 1), birth: date(1905, 1, 1), sex: "M", place: "H501"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			at := now
			if !tc.now.IsZero() {
				at = tc.now
			}
			info, err := ParseAt(tc.in, at)
			if err != nil {
				t.Fatalf("ParseAt(%q): %v", tc.in, err)
			}
			code := tc.code
			if code == "" {
				code = tc.in
			}
			if info.Code != code || !info.BirthDate.Equal(tc.birth) || info.BirthDate.Location() != time.UTC ||
				info.Sex != tc.sex || info.BirthPlaceCode != tc.place || info.Foreign != tc.foreign || info.Omocodic != tc.omocodic {
				t.Errorf("ParseAt(%q) = %+v; want code %s birth %s sex %s place %s foreign %v omocodic %v",
					tc.in, info, code, tc.birth.Format(time.DateOnly), tc.sex, tc.place, tc.foreign, tc.omocodic)
			}
		})
	}
}

func TestParseUsesCurrentTime(t *testing.T) {
	info, err := Parse(" rssmra85t10a562s ")
	if err != nil || info.Code != "RSSMRA85T10A562S" || !info.BirthDate.Equal(date(1985, 12, 10)) {
		t.Fatalf("Parse = %+v, %v", info, err)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		in   string
		now  time.Time
		part string
		pos  int
		msg  string // exact message when not empty
	}{
		{in: "", part: PartLength, msg: "codice fiscale must be 16 characters long, got 0"},
		{in: "   ", part: PartLength},
		{in: "RSSMRA85T10A562", part: PartLength, msg: "codice fiscale must be 16 characters long, got 15"},
		{in: "RSSMRA85T10A562SS", part: PartLength},
		{in: "RSS MRA 85T10A562S", part: PartLength},
		{in: "RSS MRA85T10A562", part: PartCharacters, pos: 4, msg: "character ' ' at position 4 is not a letter or a digit"},
		{in: "RSSMRA85T10-562S", part: PartCharacters, pos: 12},
		{in: "RSSMRA85T10A562È", part: PartCharacters, pos: 16},
		{in: "RSSMRÀ85T10A562S", part: PartCharacters, pos: 6},
		{in: "RSSMRA85T10A562\xff", part: PartCharacters, pos: 16},
		{in: "R5SMRA85T10A562S", part: PartSurname, pos: 2, msg: "surname code character 5 at position 2 must be a letter"},
		{in: "RSSM4A85T10A562S", part: PartName, pos: 5},
		{in: "RSSMRAA5T10A562S", part: PartYear, pos: 7, msg: "year character A at position 7 must be a digit or an omocodic letter (one of LMNPQRSTUV)"},
		{in: "RSSMRA8WT10A562S", part: PartYear, pos: 8},
		{in: "RSSMRA85Q10A562S", part: PartMonth, pos: 9, msg: "month letter Q is not one of ABCDEHLMPRST"},
		{in: "RSSMRA85510A562S", part: PartMonth, pos: 9},
		{in: "RSSMRA85TA0A562S", part: PartDay, pos: 10},
		{in: "RSSMRA85T1KA562S", part: PartDay, pos: 11},
		{in: "RSSMRA85T00A562S", part: PartDay, pos: 10, msg: "day 00 is out of range: expected 01-31 for men or 41-71 for women"},
		{in: "RSSMRA85T32A562S", part: PartDay, pos: 10},
		{in: "RSSMRA85T40A562S", part: PartDay, pos: 10},
		{in: "RSSMRA85T72A562S", part: PartDay, pos: 10},
		{in: "RSSMRA85BPLA562S", part: PartDay, pos: 10, msg: "day 30 does not exist in February 1985"}, // omocodic day 30
		{in: "RSSMRA85TQLA562S", part: PartDay, pos: 10, msg: "day 40 is out of range: expected 01-31 for men or 41-71 for women"},
		{in: "RSSMRA80D31A562S", part: PartDay, pos: 10, msg: "day 31 does not exist in April 1980"},
		{in: "RSSMRA80D71A562S", part: PartDay, pos: 10, msg: "day 31 (encoded as 71 for a woman) does not exist in April 1980"},
		{in: "RSSMRA85B29A562S", part: PartDay, pos: 10, msg: "day 29 does not exist in February 1985"},
		{in: "RSSMRA85B69A562S", part: PartDay, pos: 10, msg: "day 29 (encoded as 69 for a woman) does not exist in February 1985"},
		{in: "RSSMRA84B30A562S", part: PartDay, pos: 10, msg: "day 30 does not exist in February 1984"},
		{in: "RSSMRA00B29H501S", now: date(1999, 6, 1), part: PartDay, pos: 10, msg: "day 29 does not exist in February 1900"},
		{in: "RSSMRA85T101562S", part: PartBirthplace, pos: 12},
		{in: "RSSMRA85T10AA62S", part: PartBirthplace, pos: 13, msg: "birthplace code character A at position 13 must be a digit or an omocodic letter (one of LMNPQRSTUV)"},
		{in: "RSSMRA85T10A56WS", part: PartBirthplace, pos: 15},
		{in: "RSSMRA85T10A5625", part: PartCheck, pos: 16, msg: "check character 5 at position 16 must be a letter"},
		{in: "RSSMRA85T10A562K", part: PartCheck, pos: 16, msg: "check character is K, expected S"},
		{in: " rssmra85t10a562x ", part: PartCheck, pos: 16, msg: "check character is X, expected S"},
		{in: "RSSMRA85T10A56NS", part: PartCheck, pos: 16, msg: "check character is S, expected H"},
		{in: "RSSMRA90B41H501A", part: PartCheck, pos: 16, msg: "check character is A, expected Z"},
		// Order: per-position characters first, then the day, then the check character.
		{in: "R5SMRA85Q10A562K", part: PartSurname, pos: 2},
		{in: "RSSMRA85Q32A562K", part: PartMonth, pos: 9},
		{in: "RSSMRA85T32AA62K", part: PartBirthplace, pos: 13},
		{in: "RSSMRA85T32A5625", part: PartCheck, pos: 16},
		{in: "RSSMRA85T32A562K", part: PartDay, pos: 10},
		{in: "RSSMRA85T1-A562K", part: PartCharacters, pos: 11},
	} {
		at := now
		if !tc.now.IsZero() {
			at = tc.now
		}
		info, err := ParseAt(tc.in, at)
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("ParseAt(%q) = %+v, %v; want *Error", tc.in, info, err)
			continue
		}
		if !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseAt(%q): errors.Is(err, ErrInvalid) is false", tc.in)
		}
		if e.Part != tc.part || e.Position != tc.pos || (tc.msg != "" && e.Message != tc.msg) {
			t.Errorf("ParseAt(%q) error = {%s %d %q}; want {%s %d %q}", tc.in, e.Part, e.Position, e.Message, tc.part, tc.pos, tc.msg)
		}
		if err.Error() != e.Message || e.Message == "" {
			t.Errorf("ParseAt(%q): Error() = %q, Message = %q", tc.in, err.Error(), e.Message)
		}
		if info != (Info{}) {
			t.Errorf("ParseAt(%q) returned non-zero Info %+v with an error", tc.in, info)
		}
	}
}

func TestDayOfMonthEdges(t *testing.T) {
	for _, tc := range []struct {
		yymmdd string
		ok     bool
	}{
		{"84B29", true}, {"84B69", true}, {"84B30", false},
		{"85B28", true}, {"85B29", false}, {"85B69", false},
		{"00B29", true}, // 2000 is a leap year
		{"96B29", true}, {"97B29", false},
		{"85A31", true}, {"85D30", true}, {"85D31", false}, {"85E31", true},
		{"85H31", false}, {"85L31", true}, {"85M31", true}, {"85P31", false},
		{"85R31", true}, {"85S31", false}, {"85S70", true}, {"85S71", false}, {"85T71", true},
		{"85T01", true}, {"85T41", true},
	} {
		code := withCheck(t, "RSSMRA"+tc.yymmdd+"H501")
		_, err := ParseAt(code, now)
		if (err == nil) != tc.ok {
			t.Errorf("ParseAt(%s) error = %v; want ok %v", code, err, tc.ok)
		}
		if err != nil {
			if e := err.(*Error); e.Part != PartDay || e.Position != 10 {
				t.Errorf("ParseAt(%s) error = %+v; want day at position 10", code, e)
			}
		}
	}
}

func TestNameCodes(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Rossi", "RSS"}, {"Bianchi", "BNC"}, {"Schmidt", "SCH"},
		{"Fo", "FOX"}, {"Li", "LIX"}, {"O", "OXX"}, {"Bù", "BUX"}, {"Re", "REX"},
		{"De Luca", "DLC"}, {"D'Angelo", "DNG"}, {"D’Angelo", "DNG"}, {"dell'Acqua", "DLL"},
		{"Àlvarez", "LVR"}, {"Öztürk", "ZTR"}, {"Mc-Donald", "MCD"}, {"Ai", "AIX"},
		{"Gianfranco", "GNF"}, // surnames always take the first three consonants
	} {
		if got, err := surnameCode(tc.in); err != nil || got != tc.want {
			t.Errorf("surnameCode(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"Mario", "MRA"}, {"Maria", "MRA"}, {"Luca", "LCU"}, {"Anna", "NNA"},
		{"Gianfranco", "GFR"}, {"Alessandro", "LSN"}, {"Francesca", "FNC"},
		{"Anna Maria", "NMR"}, {"Jean-Pierre", "JPR"}, {"Roberto", "RRT"}, {"Paolo", "PLA"},
		{"Niccolò", "NCL"}, {"Nicolò", "NCL"}, {"Nicola", "NCL"}, {"Noè", "NOE"}, {"Nicolo\u0300", "NCL"}, {"Zoë", "ZOE"},
		{"Ugo", "GUO"}, {"Eva", "VEA"}, {"Al", "LAX"}, {"Io", "IOX"}, {"  luca  ", "LCU"},
	} {
		if got, err := nameCode(tc.in); err != nil || got != tc.want {
			t.Errorf("nameCode(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

func TestCompute(t *testing.T) {
	for _, tc := range []struct {
		surname, name string
		birth         time.Time
		sex, place    string
		want          string
	}{
		{"Rossi", "Mario", date(1985, 12, 10), "M", "A562", "RSSMRA85T10A562S"},
		{"ROSSI", "maria", date(1990, 2, 1), "f", " h501 ", "RSSMRA90B41H501Z"},
		{"Schmidt", "Anna", date(1975, 3, 15), "F", "Z112", "SCHNNA75C55Z112K"},
		{"Bianchi", "Luca", date(1984, 2, 29), "M", "F205", "BNCLCU84B29F205T"},
		// The date is taken in the location of the time value.
		{"Rossi", "Mario", time.Date(1985, 12, 10, 23, 30, 0, 0, time.FixedZone("CET", 3600)), "M", "A562", "RSSMRA85T10A562S"},
	} {
		got, err := Compute(tc.surname, tc.name, tc.birth, tc.sex, tc.place)
		if err != nil || got != tc.want {
			t.Errorf("Compute(%q, %q, %v, %q, %q) = %q, %v; want %q", tc.surname, tc.name, tc.birth, tc.sex, tc.place, got, err, tc.want)
		}
	}

	// Computed codes parse back to the same data.
	for _, tc := range []struct {
		surname, name string
		birth         time.Time
		sex, place    string
		prefix        string
	}{
		{"Fo", "Gianfranco", date(1960, 7, 4), "M", "L219", "FOXGFR60L04L219"},
		{"D'Angelo", "Niccolò", date(2001, 9, 30), "M", "F839", "DNGNCL01P30F839"},
		{"Li", "Zoë", date(2012, 11, 9), "F", "Z210", "LIXZOE12S49Z210"},
	} {
		got, err := Compute(tc.surname, tc.name, tc.birth, tc.sex, tc.place)
		if err != nil || got[:15] != tc.prefix {
			t.Errorf("Compute(%q, %q, ...) = %q, %v; want prefix %s", tc.surname, tc.name, got, err, tc.prefix)
			continue
		}
		info, err := ParseAt(got, now)
		if err != nil || !info.BirthDate.Equal(tc.birth) || info.Sex != tc.sex || info.BirthPlaceCode != tc.place || info.Omocodic {
			t.Errorf("ParseAt(%q) = %+v, %v", got, info, err)
		}
		if m := CheckAgainst(info, tc.surname, tc.name, tc.birth, tc.sex); m != nil {
			t.Errorf("CheckAgainst(%q) = %v; want no mismatch", got, m)
		}
	}
}

func TestComputeErrors(t *testing.T) {
	ok := date(1985, 12, 10)
	for _, tc := range []struct {
		surname, name string
		birth         time.Time
		sex, place    string
		contains      string
	}{
		{"", "Mario", ok, "M", "A562", "surname contains no letters"},
		{"' -", "Mario", ok, "M", "A562", "surname contains no letters"},
		{"Rossi2", "Mario", ok, "M", "A562", "surname contains the unsupported character '2'"},
		{"Rossi", "  ", ok, "M", "A562", "name contains no letters"},
		{"Rossi", "Марио", ok, "M", "A562", "unsupported character"},
		{"Rossi", "Mario", time.Time{}, "M", "A562", "birth date is missing"},
		{"Rossi", "Mario", ok, "X", "A562", "sex"},
		{"Rossi", "Mario", ok, "", "A562", "sex"},
		{"Rossi", "Mario", ok, "M", "A56", "birthplace code"},
		{"Rossi", "Mario", ok, "M", "5562", "birthplace code"},
		{"Rossi", "Mario", ok, "M", "A5N2", "birthplace code"},
	} {
		got, err := Compute(tc.surname, tc.name, tc.birth, tc.sex, tc.place)
		if err == nil || !errors.Is(err, ErrInvalidInput) || !strings.Contains(err.Error(), tc.contains) || got != "" {
			t.Errorf("Compute(%q, %q, %v, %q, %q) = %q, %v; want error containing %q", tc.surname, tc.name, tc.birth, tc.sex, tc.place, got, err, tc.contains)
		}
	}
}

func TestCheckAgainst(t *testing.T) {
	mario, err := ParseAt("RSSMRA85T10A562S", now)
	if err != nil {
		t.Fatal(err)
	}
	omocodic, err := ParseAt("RSSMRA85T10A5SNT", now)
	if err != nil {
		t.Fatal(err)
	}
	old, err := ParseAt(withCheck(t, "RSSMRA20A01H501"), now) // born 1920, decoded as 2020
	if err != nil {
		t.Fatal(err)
	}
	maria, err := ParseAt("RSSMRA90B41H501Z", now)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name           string
		info           Info
		surname, first string
		birth          time.Time
		sex            string
		want           []string // fields
	}{
		{"all match", mario, "Rossi", "Mario", date(1985, 12, 10), "M", nil},
		{"case and spaces", mario, " ROSSI ", "mario", date(1985, 12, 10), " m ", nil},
		{"nothing declared", mario, "", "  ", time.Time{}, "", nil},
		{"date in another location", mario, "Rossi", "Mario", time.Date(1985, 12, 10, 23, 0, 0, 0, time.FixedZone("X", -5*3600)), "M", nil},
		{"surname", mario, "Bianchi", "Mario", date(1985, 12, 10), "M", []string{FieldLastName}},
		{"first name", mario, "Rossi", "Luigi", date(1985, 12, 10), "M", []string{FieldFirstName}},
		{"same name code", mario, "Rossi", "Maria", date(1985, 12, 10), "M", nil},
		{"birth day", mario, "Rossi", "Mario", date(1985, 12, 11), "M", []string{FieldBirthDate}},
		{"birth month", mario, "Rossi", "Mario", date(1985, 11, 10), "M", []string{FieldBirthDate}},
		{"birth year", mario, "Rossi", "Mario", date(1986, 12, 10), "M", []string{FieldBirthDate}},
		{"sex", mario, "Rossi", "Mario", date(1985, 12, 10), "F", []string{FieldSex}},
		{"invalid sex", mario, "Rossi", "Mario", date(1985, 12, 10), "male", []string{FieldSex}},
		{"woman", maria, "Rossi", "Maria", date(1990, 2, 1), "F", nil},
		{"woman declared man", maria, "Rossi", "Maria", date(1990, 2, 1), "M", []string{FieldSex}},
		{"everything", mario, "Verdi", "Giuseppe", date(1813, 10, 10), "F", []string{FieldLastName, FieldFirstName, FieldBirthDate, FieldSex}},
		{"unencodable surname", mario, "1234", "Mario", date(1985, 12, 10), "M", []string{FieldLastName}},
		{"omocodic match", omocodic, "Rossi", "Mario", date(1985, 12, 10), "M", nil},
		{"omocodic mismatch", omocodic, "Rossi", "Mario", date(1985, 12, 20), "M", []string{FieldBirthDate}},
		{"century not encoded", old, "Rossi", "Mario", date(1920, 1, 1), "M", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := CheckAgainst(tc.info, tc.surname, tc.first, tc.birth, tc.sex)
			if len(got) != len(tc.want) {
				t.Fatalf("CheckAgainst = %+v; want fields %v", got, tc.want)
			}
			for i, m := range got {
				if m.Field != tc.want[i] || !strings.HasPrefix(m.Message, m.Field+" does not match the codice fiscale") || m.String() != m.Message {
					t.Errorf("mismatch %d = %+v; want field %s", i, m, tc.want[i])
				}
			}
		})
	}

	got := CheckAgainst(mario, "Bianchi", "Mario", date(1985, 12, 11), "F")
	want := []Mismatch{
		{FieldLastName, "BNC", "RSS", `lastName does not match the codice fiscale: "Bianchi" gives BNC, the code has RSS`},
		{FieldBirthDate, "1985-12-11", "1985-12-10", "birthDate does not match the codice fiscale: declared 1985-12-11, the code encodes 1985-12-10"},
		{FieldSex, "F", "M", "sex does not match the codice fiscale: declared F, the code encodes M"},
	}
	if len(got) != len(want) {
		t.Fatalf("CheckAgainst = %+v; want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("mismatch %d = %+v; want %+v", i, got[i], want[i])
		}
	}
}

// deomocode replaces omocodic letters at positions 7, 8, 10, 11, 13, 14, 15
// by their digits.
func deomocode(first15 string) string {
	b := []byte(first15)
	for _, i := range []int{6, 7, 9, 10, 12, 13, 14} {
		if k := strings.IndexByte("LMNPQRSTUV", b[i]); k >= 0 {
			b[i] = byte('0' + k)
		}
	}
	return string(b)
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"RSSMRA85T10A562S", " rssmra85t10a562s ", "RSSMRA90B41H501Z", "SCHNNA75C55Z112K",
		"BNCLCU84B29F205T", "RSSMRA85T10A56NH", "RSSMRA85T10A5SNT", "RSSMRAURTMLARSNL",
		"RSSMRA00B29H501S", "RSSMRA85T10A562K", "RSSMRA85B29A562S", "RSSMRA80D71A562S",
		"RSSMRA85Q10A562S", "RSSMRA85T32A562S", "R5SMRA85T10A562S", "RSSMRA85T10A562È",
		"RSSMRA85T10A562", "", "RSSMRA85T10A562SS", "\xff\xfe", "0000000000000000",
	} {
		f.Add(s)
	}
	parts := map[string]bool{
		PartLength: true, PartCharacters: true, PartSurname: true, PartName: true, PartYear: true,
		PartMonth: true, PartDay: true, PartBirthplace: true, PartCheck: true,
	}
	f.Fuzz(func(t *testing.T, s string) {
		_, _ = Parse(s)
		info, err := ParseAt(s, now)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || !errors.Is(err, ErrInvalid) {
				t.Fatalf("ParseAt(%q) error %v is not an *Error matching ErrInvalid", s, err)
			}
			if !parts[e.Part] || e.Message == "" || e.Error() != e.Message {
				t.Fatalf("ParseAt(%q) error %+v has a bad part or message", s, e)
			}
			if (e.Part == PartLength) != (e.Position == 0) || e.Position < 0 || e.Position > 16 {
				t.Fatalf("ParseAt(%q) error %+v has a bad position", s, e)
			}
			return
		}
		code := info.Code
		if len(code) != 16 || code != strings.ToUpper(strings.TrimSpace(s)) {
			t.Fatalf("ParseAt(%q).Code = %q", s, code)
		}
		again, err := ParseAt(code, now)
		if err != nil || again.Code != code || !again.BirthDate.Equal(info.BirthDate) || again.Sex != info.Sex ||
			again.BirthPlaceCode != info.BirthPlaceCode || again.Foreign != info.Foreign || again.Omocodic != info.Omocodic {
			t.Fatalf("re-parsing %q = %+v, %v; want %+v", code, again, err, info)
		}
		cc, err := CheckChar(code[:15])
		if err != nil || cc != code[15] {
			t.Fatalf("CheckChar(%q) = %c, %v; want %c", code[:15], cc, err, code[15])
		}
		if info.Sex != "M" && info.Sex != "F" || info.Foreign != (info.BirthPlaceCode[0] == 'Z') {
			t.Fatalf("ParseAt(%q) = %+v: inconsistent sex or foreign flag", s, info)
		}

		base15 := deomocode(code[:15])
		if info.Omocodic != (base15 != code[:15]) {
			t.Fatalf("ParseAt(%q).Omocodic = %v", s, info.Omocodic)
		}
		bc, err := CheckChar(base15)
		if err != nil {
			t.Fatal(err)
		}
		base := base15 + string(bc)

		// Positions 7-16 from the decoded data, with arbitrary names.
		computed, err := Compute("Rossi", "Mario", info.BirthDate, info.Sex, info.BirthPlaceCode)
		if err != nil {
			t.Fatalf("Compute from %+v: %v", info, err)
		}
		if computed[6:15] != base[6:15] {
			t.Fatalf("Compute from %+v = %s; positions 7-15 differ from %s", info, computed, base)
		}
		// The whole de-omocodized code, with the check character recomputed.
		y, m, d := info.BirthDate.Date()
		if full := compose(code[:3], code[3:6], y, m, d, info.Sex, info.BirthPlaceCode); full != base {
			t.Fatalf("compose from %+v = %s; want %s", info, full, base)
		}
		binfo, err := ParseAt(base, now)
		if err != nil || binfo.Omocodic || !binfo.BirthDate.Equal(info.BirthDate) || binfo.Sex != info.Sex || binfo.BirthPlaceCode != info.BirthPlaceCode {
			t.Fatalf("ParseAt(%q) = %+v, %v; want the data of %+v", base, binfo, err, info)
		}
		if mm := CheckAgainst(info, "", "", info.BirthDate, strings.ToLower(info.Sex)); mm != nil {
			t.Fatalf("CheckAgainst(%+v) with its own data = %+v", info, mm)
		}
	})
}
