package audit

import (
	"encoding"
	"reflect"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// VerbatimKeys are the filter keys whose values Shape keeps as they are:
// reference data (zones, municipalities, offices, organizations, code-list
// codes, statuses) and page sizes, which say nothing about a person. Every
// other string is reduced to its kind and length. Cursors (after, before)
// are not verbatim: a keyset cursor can carry a sort key such as a name.
var VerbatimKeys = map[string]bool{
	"zone": true, "zoneCode": true, "zoneCodes": true, "zoneId": true, "zoneIds": true,
	"municipality": true, "municipalityIstatCode": true, "municipalityIstatCodes": true,
	"municipalityId": true, "municipalityIds": true,
	"officeId": true, "officeIds": true, "organizationId": true, "organizationIds": true,
	"status": true, "statuses": true, "areaCode": true, "areaCodes": true, "userAreaCode": true,
	"userAreaCodes": true, "typeCode": true, "typeCodes": true, "needCode": true, "needCodes": true,
	"outcomeCode": true, "outcomeCodes": true, "kind": true, "kinds": true, "channel": true,
	"channels": true, "role": true, "roles": true, "purpose": true, "orderBy": true,
	"first": true, "last": true,
}

// Verbatim marks a filter value that Shape keeps as it is (for reference
// data under a key that is not in VerbatimKeys).
type Verbatim struct{ Value any }

var (
	fiscalCodeRe  = regexp.MustCompile(`^[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$`)
	temporaryIDRe = regexp.MustCompile(`^TMP-[A-Z0-9]{1,20}$`)
	dateRe        = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}`)
	digitsRe      = regexp.MustCompile(`^\+?[0-9 ()./-]+$`)
)

// Shape reduces a search filter (a map, or a struct such as a GraphQL
// input, possibly with pointer fields) to its shape, which is what a SEARCH
// event stores: the keys that were given, and for each value
//
//   - a string: {"kind": K, "length": N}, K one of fiscalCode, temporaryId,
//     date, digits, email, name (letters, spaces, ' - .), text or empty, N
//     its length in characters (after trimming spaces): never the text;
//   - a number: {"kind": "number"}; a time: {"kind": "date"};
//   - a boolean: kept; a nil value: left out;
//   - a map or struct: its shape; a list: {"kind": "list", "length": N} or,
//     when every element is a map or struct, the list of their shapes;
//   - a value under one of VerbatimKeys, a Verbatim value, or a value of a
//     named string type (a GraphQL enum such as CaseStatus): kept as it is.
//
// Struct fields are named by their json tag, else by the field name;
// unexported fields, fields tagged "-" and empty omitempty fields are
// skipped. Example:
//
//	Shape(map[string]any{"search": "Rossi", "zoneCode": "2"})
//	  == {"search": {"kind": "name", "length": 5}, "zoneCode": "2"}
func Shape(filter any) map[string]any {
	out, _ := shapeValue(reflect.ValueOf(filter), false).(map[string]any)
	if out == nil {
		out = map[string]any{}
	}
	return out
}

var (
	timeType       = reflect.TypeOf(time.Time{})
	verbatimType   = reflect.TypeOf(Verbatim{})
	textMarshaller = reflect.TypeOf((*encoding.TextMarshaler)(nil)).Elem()
)

func shapeValue(v reflect.Value, verbatim bool) any {
	for v.IsValid() && (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	if !v.IsValid() {
		return nil
	}
	if v.Type() == verbatimType {
		return keep(reflect.ValueOf(v.Interface().(Verbatim).Value))
	}
	if v.Type() == timeType {
		return map[string]any{"kind": "date"}
	}
	switch v.Kind() {
	case reflect.Bool:
		return v.Bool()
	case reflect.String:
		if verbatim || v.Type() != reflect.TypeOf("") {
			return v.String()
		}
		return stringShape(v.String())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		if verbatim {
			return v.Interface()
		}
		return map[string]any{"kind": "number"}
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String {
			return map[string]any{"kind": "map", "length": v.Len()}
		}
		out := map[string]any{}
		iter := v.MapRange()
		for iter.Next() {
			k := iter.Key().String()
			if s := shapeValue(iter.Value(), VerbatimKeys[k]); s != nil {
				out[k] = s
			}
		}
		return out
	case reflect.Struct:
		if v.Type().Implements(textMarshaller) || reflect.PointerTo(v.Type()).Implements(textMarshaller) {
			return map[string]any{"kind": "text"}
		}
		out := map[string]any{}
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name := f.Name
			if tag, ok := f.Tag.Lookup("json"); ok {
				n, opts, _ := strings.Cut(tag, ",")
				if n == "-" && opts == "" {
					continue
				}
				if n != "" {
					name = n
				}
				if strings.Contains(","+opts+",", ",omitempty,") && v.Field(i).IsZero() {
					continue
				}
			}
			if s := shapeValue(v.Field(i), VerbatimKeys[name]); s != nil {
				out[name] = s
			}
		}
		return out
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			return nil
		}
		if verbatim {
			return keep(v)
		}
		var items []any
		for i := range v.Len() {
			e := v.Index(i)
			for e.Kind() == reflect.Pointer || e.Kind() == reflect.Interface {
				if e.IsNil() {
					break
				}
				e = e.Elem()
			}
			if e.Kind() != reflect.Map && e.Kind() != reflect.Struct || e.Type() == timeType {
				return map[string]any{"kind": "list", "length": v.Len()}
			}
			items = append(items, shapeValue(e, false))
		}
		if items == nil {
			return map[string]any{"kind": "list", "length": 0}
		}
		return items
	}
	return map[string]any{"kind": v.Kind().String()}
}

// keep returns a verbatim value in a JSON-friendly form.
func keep(v reflect.Value) any {
	for v.IsValid() && (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	if !v.IsValid() {
		return nil
	}
	switch v.Kind() {
	case reflect.String:
		return v.String()
	case reflect.Slice, reflect.Array:
		out := make([]any, 0, v.Len())
		for i := range v.Len() {
			out = append(out, keep(v.Index(i)))
		}
		return out
	case reflect.Map, reflect.Struct:
		return shapeValue(v, true)
	}
	return v.Interface()
}

// stringShape is the kind and length of a string, never its text.
func stringShape(s string) map[string]any {
	s = strings.TrimSpace(s)
	return map[string]any{"kind": stringKind(s), "length": utf8.RuneCountInString(s)}
}

func stringKind(s string) string {
	up := strings.ToUpper(s)
	switch {
	case s == "":
		return "empty"
	case fiscalCodeRe.MatchString(up):
		return "fiscalCode"
	case temporaryIDRe.MatchString(up):
		return "temporaryId"
	case dateRe.MatchString(s):
		return "date"
	case digitsRe.MatchString(s):
		return "digits"
	case strings.Contains(s, "@"):
		return "email"
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && r != ' ' && r != '\'' && r != '’' && r != '-' && r != '.' {
			return "text"
		}
	}
	return "name"
}
