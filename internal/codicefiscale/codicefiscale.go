// Package codicefiscale validates the Italian codice fiscale of natural
// persons and derives it from personal data.
//
// A codice fiscale has 16 characters, e.g. RSSMRA85T10A562S:
//
//	positions  1-3   surname code: consonants of the surname in order, then
//	                 its vowels, then X padding; the first three letters
//	positions  4-6   name code: as the surname, except that when the name has
//	                 four or more consonants the 1st, 3rd and 4th are taken
//	positions  7-8   last two digits of the year of birth
//	position   9     month letter: A B C D E H L M P R S T (January..December)
//	positions 10-11  day of birth, 01-31 for men and 41-71 (day+40) for women
//	positions 12-15  birthplace: cadastral code of the Italian comune (one
//	                 letter and three digits, e.g. H501 Roma) or Z and three
//	                 digits for a foreign state (e.g. Z112 Germany)
//	position  16     check character
//
// Names and surnames are reduced to the letters A-Z: spaces, apostrophes and
// hyphens are dropped and accented letters are folded to plain ones
// ("D'Angelo" → DNG, "Niccolò" → NCL). The vowels are A E I O U.
//
// The check character is computed over the first 15 characters: those at odd
// positions (1, 3, ..., 15) are converted with the "odd" table, those at even
// positions with the "even" table (0-9 → 0-9, A-Z → 0-25); the sum modulo 26
// is the check letter (0 = A).
//
// Omocodia: when two persons would get the same code, the digits at positions
// 7, 8, 10, 11, 13, 14 and 15 are replaced (normally from right to left) by
// the letters L M N P Q R S T U V (standing for 0..9) and the check character
// is recomputed over the code as written. Parse accepts any combination of
// replaced positions, decodes them before interpreting date and birthplace,
// and reports Info.Omocodic.
//
// Century: the code only holds two digits of the year. ParseAt interprets yy
// as 20yy when 20yy is not after the current year, else as 19yy; people born
// more than a century ago therefore get a birth date 100 years too late, and
// CheckAgainst compares only the last two digits of the year.
//
// Officially issued codes may not follow the name rules (the Agenzia delle
// Entrate keeps codes issued from wrong data valid), so Parse only checks that
// positions 1-6 are letters; CheckAgainst reports disagreements with the
// declared personal data.
package codicefiscale

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Values of Error.Part, naming the part of the code that is invalid.
const (
	PartLength     = "length"
	PartCharacters = "characters"
	PartSurname    = "surname"
	PartName       = "name"
	PartYear       = "year"
	PartMonth      = "month"
	PartDay        = "day"
	PartBirthplace = "birthplace"
	PartCheck      = "check"
)

// ErrInvalid is matched (with errors.Is) by every *Error returned by Parse,
// ParseAt and CheckChar.
var ErrInvalid = errors.New("invalid codice fiscale")

// ErrInvalidInput is wrapped by the errors Compute returns for personal data
// that cannot be encoded.
var ErrInvalidInput = errors.New("invalid personal data for codice fiscale")

// Error describes why a codice fiscale is invalid.
type Error struct {
	// Part is one of the Part* constants.
	Part string
	// Position is the 1-based index of the first offending character, or 0
	// for length errors.
	Position int
	// Message is a human-readable English explanation.
	Message string
}

// Error returns the message.
func (e *Error) Error() string { return e.Message }

// Is reports whether target is ErrInvalid.
func (e *Error) Is(target error) bool { return target == ErrInvalid }

// Info is the data decoded from a valid codice fiscale.
type Info struct {
	// Code is the normalized code (trimmed, upper case), as written,
	// including omocodic letters.
	Code string
	// BirthDate is the birth date at UTC midnight.
	BirthDate time.Time
	// Sex is "M" or "F".
	Sex string
	// BirthPlaceCode is the decoded birthplace code, e.g. "G478" or "Z112".
	BirthPlaceCode string
	// Foreign reports a birthplace abroad (a Z code).
	Foreign bool
	// Omocodic reports that some digits were replaced by letters.
	Omocodic bool
}

const (
	monthLetters    = "ABCDEHLMPRST"
	omocodicLetters = "LMNPQRSTUV"
)

// omocodicPositions are the 0-based indexes of the characters that omocodia
// may replace.
var omocodicPositions = [...]int{6, 7, 9, 10, 12, 13, 14}

// oddValues are the values of A..Z (and 0..9 as A..J) at odd positions.
var oddValues = [26]int{1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23}

func isLetter(c byte) bool { return c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }

// isDigitLike reports a digit or an omocodic letter.
func isDigitLike(c byte) bool { return isDigit(c) || strings.IndexByte(omocodicLetters, c) >= 0 }

// digitValue decodes a digit or omocodic letter; c must satisfy isDigitLike.
func digitValue(c byte) int {
	if isDigit(c) {
		return int(c - '0')
	}
	return strings.IndexByte(omocodicLetters, c)
}

// normalize trims spaces and upper-cases ASCII letters. Other characters are
// left alone so that they are reported as invalid rather than folded.
func normalize(s string) string {
	b := []byte(strings.TrimSpace(s))
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - ('a' - 'A')
		}
	}
	return string(b)
}

// charsetError checks that every character of the normalized s is A-Z or 0-9.
func charsetError(s string) *Error {
	pos := 0
	for _, r := range s {
		pos++
		if r >= utf8.RuneSelf || !(isLetter(byte(r)) || isDigit(byte(r))) {
			return &Error{PartCharacters, pos, fmt.Sprintf("character %q at position %d is not a letter or a digit", r, pos)}
		}
	}
	return nil
}

// checkChar computes the check character of 15 characters from A-Z0-9.
func checkChar(s string) byte {
	sum := 0
	for i := 0; i < 15; i++ {
		c := s[i]
		v := int(c - 'A')
		if isDigit(c) {
			v = int(c - '0')
		}
		if i%2 == 0 { // 1-based odd position
			v = oddValues[v]
		}
		sum += v
	}
	return byte('A' + sum%26)
}

// CheckChar returns the check character (position 16) for the first 15
// characters of a codice fiscale. Spaces around first15 are trimmed and
// lower-case letters accepted. It returns an *Error if first15 is not made of
// exactly 15 letters and digits; the structure is not otherwise validated.
func CheckChar(first15 string) (byte, error) {
	s := normalize(first15)
	if n := utf8.RuneCountInString(s); n != 15 {
		return 0, &Error{PartLength, 0, fmt.Sprintf("the check character is computed over 15 characters, got %d", n)}
	}
	if err := charsetError(s); err != nil {
		return 0, err
	}
	return checkChar(s), nil
}

// Parse validates a codice fiscale and decodes it, interpreting the year of
// birth relative to the current date. See ParseAt.
func Parse(code string) (Info, error) {
	return ParseAt(code, time.Now())
}

// ParseAt validates a codice fiscale and decodes it. The two-digit year yy is
// taken as 20yy if that is not after now's year, else as 19yy.
//
// Surrounding spaces are trimmed and letters upper-cased. Checks are made in
// this order: length, characters allowed at each position, day of birth, and
// finally the check character. Errors are of type *Error and match
// ErrInvalid.
func ParseAt(code string, now time.Time) (Info, error) {
	c := normalize(code)
	if n := utf8.RuneCountInString(c); n != 16 {
		return Info{}, &Error{PartLength, 0, fmt.Sprintf("codice fiscale must be 16 characters long, got %d", n)}
	}
	if err := charsetError(c); err != nil {
		return Info{}, err
	}
	// c is now 16 bytes of A-Z0-9.
	if err := structureError(c); err != nil {
		return Info{}, err
	}

	yy := digitValue(c[6])*10 + digitValue(c[7])
	month := time.Month(strings.IndexByte(monthLetters, c[8]) + 1)
	rawDay := digitValue(c[9])*10 + digitValue(c[10])
	day, sex := rawDay, "M"
	switch {
	case rawDay >= 1 && rawDay <= 31:
	case rawDay >= 41 && rawDay <= 71:
		day, sex = rawDay-40, "F"
	default:
		return Info{}, &Error{PartDay, 10, fmt.Sprintf("day %02d is out of range: expected 01-31 for men or 41-71 for women", rawDay)}
	}
	year := 2000 + yy
	if year > now.Year() {
		year = 1900 + yy
	}
	if day > daysIn(year, month) {
		msg := fmt.Sprintf("day %d does not exist in %s %d", day, month, year)
		if sex == "F" {
			msg = fmt.Sprintf("day %d (encoded as %d for a woman) does not exist in %s %d", day, rawDay, month, year)
		}
		return Info{}, &Error{PartDay, 10, msg}
	}

	if want := checkChar(c); c[15] != want {
		return Info{}, &Error{PartCheck, 16, fmt.Sprintf("check character is %c, expected %c", c[15], want)}
	}

	omocodic := false
	for _, i := range omocodicPositions {
		if !isDigit(c[i]) {
			omocodic = true
		}
	}
	place := []byte{c[11], '0' + byte(digitValue(c[12])), '0' + byte(digitValue(c[13])), '0' + byte(digitValue(c[14]))}
	return Info{
		Code:           c,
		BirthDate:      time.Date(year, month, day, 0, 0, 0, 0, time.UTC),
		Sex:            sex,
		BirthPlaceCode: string(place),
		Foreign:        c[11] == 'Z',
		Omocodic:       omocodic,
	}, nil
}

func daysIn(year int, month time.Month) int {
	return time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// structureError checks the characters allowed at each position of the
// normalized 16-character code c, in position order.
func structureError(c string) *Error {
	const digitLike = "a digit or an omocodic letter (one of " + omocodicLetters + ")"
	for i := 0; i < 16; i++ {
		ch, p := c[i], i+1
		switch {
		case i < 3:
			if !isLetter(ch) {
				return &Error{PartSurname, p, fmt.Sprintf("surname code character %c at position %d must be a letter", ch, p)}
			}
		case i < 6:
			if !isLetter(ch) {
				return &Error{PartName, p, fmt.Sprintf("name code character %c at position %d must be a letter", ch, p)}
			}
		case i < 8:
			if !isDigitLike(ch) {
				return &Error{PartYear, p, fmt.Sprintf("year character %c at position %d must be %s", ch, p, digitLike)}
			}
		case i == 8:
			if strings.IndexByte(monthLetters, ch) < 0 {
				if isLetter(ch) {
					return &Error{PartMonth, p, fmt.Sprintf("month letter %c is not one of %s", ch, monthLetters)}
				}
				return &Error{PartMonth, p, fmt.Sprintf("month character %c at position %d must be a letter, one of %s", ch, p, monthLetters)}
			}
		case i < 11:
			if !isDigitLike(ch) {
				return &Error{PartDay, p, fmt.Sprintf("day character %c at position %d must be %s", ch, p, digitLike)}
			}
		case i == 11:
			if !isLetter(ch) {
				return &Error{PartBirthplace, p, fmt.Sprintf("birthplace code character %c at position %d must be a letter (Z for a foreign state)", ch, p)}
			}
		case i < 15:
			if !isDigitLike(ch) {
				return &Error{PartBirthplace, p, fmt.Sprintf("birthplace code character %c at position %d must be %s", ch, p, digitLike)}
			}
		default:
			if !isLetter(ch) {
				return &Error{PartCheck, p, fmt.Sprintf("check character %c at position %d must be a letter", ch, p)}
			}
		}
	}
	return nil
}

// Compute returns the standard (non-omocodic) codice fiscale for the given
// personal data. sex is "M" or "F" (case-insensitive); birthPlaceCode is the
// cadastral code of the comune of birth or the Z code of the foreign state
// (e.g. "H501", "Z112"). The birth date is taken in birthDate's location.
// Errors wrap ErrInvalidInput.
func Compute(surname, name string, birthDate time.Time, sex string, birthPlaceCode string) (string, error) {
	sc, err := surnameCode(surname)
	if err != nil {
		return "", fmt.Errorf("%w: surname %v", ErrInvalidInput, err)
	}
	nc, err := nameCode(name)
	if err != nil {
		return "", fmt.Errorf("%w: name %v", ErrInvalidInput, err)
	}
	if birthDate.IsZero() {
		return "", fmt.Errorf("%w: birth date is missing", ErrInvalidInput)
	}
	y, m, d := birthDate.Date()
	if y < 1 || y > 9999 {
		return "", fmt.Errorf("%w: birth year %d is out of range", ErrInvalidInput, y)
	}
	sx := strings.ToUpper(strings.TrimSpace(sex))
	if sx != "M" && sx != "F" {
		return "", fmt.Errorf("%w: sex %q must be M or F", ErrInvalidInput, sex)
	}
	pl := normalize(birthPlaceCode)
	if len(pl) != 4 || !isLetter(pl[0]) || !isDigit(pl[1]) || !isDigit(pl[2]) || !isDigit(pl[3]) {
		return "", fmt.Errorf("%w: birthplace code %q must be a letter followed by three digits (e.g. H501, or Z112 for a foreign state)", ErrInvalidInput, birthPlaceCode)
	}
	return compose(sc, nc, y, m, d, sx, pl), nil
}

// compose assembles a code from already validated parts and appends the check
// character.
func compose(surnameCode, nameCode string, year int, month time.Month, day int, sex, place string) string {
	if sex == "F" {
		day += 40
	}
	s := fmt.Sprintf("%s%s%02d%c%02d%s", surnameCode, nameCode, year%100, monthLetters[month-1], day, place)
	return s + string(checkChar(s))
}

// fold maps upper-case accented and special Latin letters to A-Z.
var fold = func() map[rune]string {
	m := make(map[rune]string)
	for _, p := range [...][2]string{
		{"ÀÁÂÃÄÅĀĂĄǍ", "A"}, {"Æ", "AE"}, {"ÇĆĈĊČ", "C"}, {"ĎĐÐ", "D"},
		{"ÈÉÊËĒĔĖĘĚ", "E"}, {"ĜĞĠĢ", "G"}, {"ĤĦ", "H"}, {"ÌÍÎÏĨĪĬĮİǏ", "I"},
		{"Ĵ", "J"}, {"Ķ", "K"}, {"ĹĻĽĿŁ", "L"}, {"ÑŃŅŇ", "N"},
		{"ÒÓÔÕÖØŌŎŐǑ", "O"}, {"Œ", "OE"}, {"ŔŖŘ", "R"}, {"ŚŜŞŠȘ", "S"},
		{"ßẞ", "SS"}, {"ŢŤŦȚ", "T"}, {"Þ", "TH"}, {"ÙÚÛÜŨŪŬŮŰŲǓ", "U"},
		{"Ŵ", "W"}, {"ÝŸŶ", "Y"}, {"ŹŻŽ", "Z"},
	} {
		for _, r := range p[0] {
			m[r] = p[1]
		}
	}
	return m
}()

// ignorable are separators dropped from names besides white space and
// combining marks.
const ignorable = "'’‘`´ʼ-‐‑–—.,"

// letters reduces a name or surname to the letters A-Z.
func letters(s string) (string, error) {
	var b strings.Builder
	for _, r := range s {
		u := unicode.ToUpper(r)
		switch {
		case u >= 'A' && u <= 'Z':
			b.WriteRune(u)
		case unicode.IsSpace(r) || strings.ContainsRune(ignorable, r) || unicode.Is(unicode.Mn, r):
		default:
			f, ok := fold[u]
			if !ok {
				return "", fmt.Errorf("contains the unsupported character %q", r)
			}
			b.WriteString(f)
		}
	}
	if b.Len() == 0 {
		return "", errors.New("contains no letters")
	}
	return b.String(), nil
}

func isVowel(c byte) bool { return strings.IndexByte("AEIOU", c) >= 0 }

func splitLetters(l string) (consonants, vowels []byte) {
	for i := 0; i < len(l); i++ {
		if isVowel(l[i]) {
			vowels = append(vowels, l[i])
		} else {
			consonants = append(consonants, l[i])
		}
	}
	return consonants, vowels
}

// surnameCode returns positions 1-3 for a surname.
func surnameCode(surname string) (string, error) {
	l, err := letters(surname)
	if err != nil {
		return "", err
	}
	c, v := splitLetters(l)
	return string(append(append(c, v...), 'X', 'X', 'X')[:3]), nil
}

// nameCode returns positions 4-6 for a first name.
func nameCode(name string) (string, error) {
	l, err := letters(name)
	if err != nil {
		return "", err
	}
	c, v := splitLetters(l)
	if len(c) >= 4 {
		return string([]byte{c[0], c[2], c[3]}), nil
	}
	return string(append(append(c, v...), 'X', 'X', 'X')[:3]), nil
}

// Fields reported in Mismatch.Field.
const (
	FieldLastName  = "lastName"
	FieldFirstName = "firstName"
	FieldBirthDate = "birthDate"
	FieldSex       = "sex"
)

// Mismatch reports declared personal data that disagree with a codice
// fiscale.
type Mismatch struct {
	// Field is one of the Field* constants.
	Field string
	// Declared is the value obtained from the declared data: the surname or
	// name code, the date as YYYY-MM-DD, or the sex.
	Declared string
	// Encoded is the corresponding value in the codice fiscale.
	Encoded string
	// Message is a human-readable English explanation, e.g. "birthDate does
	// not match the codice fiscale: ...".
	Message string
}

// String returns the message.
func (m Mismatch) String() string { return m.Message }

// CheckAgainst reports which of the declared personal data disagree with info,
// as returned by Parse, in the order lastName, firstName, birthDate, sex. Empty
// strings and a zero birthDate are treated as not declared and skipped. Only
// the last two digits of the birth year are compared, since the century is not
// encoded; dates of omocodic codes are compared after decoding. sex is "M" or
// "F" (case-insensitive). It returns nil when everything matches.
func CheckAgainst(info Info, surname, name string, birthDate time.Time, sex string) []Mismatch {
	var out []Mismatch
	code := normalize(info.Code)
	nameField := func(field, value string, encode func(string) (string, error), from, to int) {
		if strings.TrimSpace(value) == "" || len(code) < to {
			return
		}
		enc := code[from:to]
		got, err := encode(value)
		switch {
		case err != nil:
			out = append(out, Mismatch{field, "", enc, fmt.Sprintf("%s does not match the codice fiscale: it %v", field, err)})
		case got != enc:
			out = append(out, Mismatch{field, got, enc, fmt.Sprintf("%s does not match the codice fiscale: %q gives %s, the code has %s", field, value, got, enc)})
		}
	}
	nameField(FieldLastName, surname, surnameCode, 0, 3)
	nameField(FieldFirstName, name, nameCode, 3, 6)

	if !birthDate.IsZero() && !info.BirthDate.IsZero() {
		dy, dm, dd := birthDate.Date()
		ey, em, ed := info.BirthDate.Date()
		if mod100(dy) != mod100(ey) || dm != em || dd != ed {
			decl, enc := birthDate.Format(time.DateOnly), info.BirthDate.Format(time.DateOnly)
			out = append(out, Mismatch{FieldBirthDate, decl, enc, fmt.Sprintf("birthDate does not match the codice fiscale: declared %s, the code encodes %s", decl, enc)})
		}
	}

	if s := strings.ToUpper(strings.TrimSpace(sex)); s != "" && info.Sex != "" {
		switch {
		case s != "M" && s != "F":
			out = append(out, Mismatch{FieldSex, s, info.Sex, fmt.Sprintf("sex does not match the codice fiscale: declared %q is not M or F, the code encodes %s", sex, info.Sex)})
		case s != info.Sex:
			out = append(out, Mismatch{FieldSex, s, info.Sex, fmt.Sprintf("sex does not match the codice fiscale: declared %s, the code encodes %s", s, info.Sex)})
		}
	}
	return out
}

func mod100(y int) int { return ((y % 100) + 100) % 100 }
