package audit

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The hash chain
//
// Every audit_event row stores
//
//	hash = SHA-256(prev_hash || serialization)
//
// where prev_hash is the hash of the row before it in id order (32 zero bytes
// for the first row, GenesisHash) and serialization is the canonical
// serialization of the row's content: the ASCII bytes "siso-audit-v1"
// followed by these 18 fields, in this order:
//
//	 1 at                   UTC, RFC 3339 with the fraction of a second to the
//	                        microsecond and its trailing zeros removed (Go's
//	                        time.RFC3339Nano of the value truncated to µs),
//	                        e.g. 2026-11-20T10:00:00.1234Z, 2026-11-20T10:00:00Z
//	 2 actor_operator_id    decimal ASCII, e.g. 42
//	 3 actor_api_client_id  decimal ASCII
//	 4 actor_label          the text
//	 5 session_kind         SESSION, API_CLIENT or SYSTEM
//	 6 request_id           the text
//	 7 operation_name       the text
//	 8 action               e.g. READ
//	 9 citizen_id           decimal ASCII
//	10 zone_id              decimal ASCII
//	11 object_type          the text
//	12 object_id            decimal ASCII
//	13 tiers                the array as stored: a 4-byte big-endian element
//	                        count, then each element as a 4-byte big-endian
//	                        length and its UTF-8 bytes
//	14 reason               the text
//	15 emergency            true or false
//	16 search_shape         canonical JSON (below)
//	17 before               canonical JSON
//	18 after                canonical JSON
//
// A field that is SQL NULL is the single byte 0x00. A field with a value is
// the byte 0x01, the 4-byte big-endian length of its encoding, then the
// encoding (UTF-8 text as listed above). Text is taken exactly as stored
// (no trimming, no Unicode normalization).
//
// Canonical JSON is what is left of a JSON value after a round trip through
// PostgreSQL's jsonb, written without any freedom of choice: no whitespace;
// object members sorted by the bytes of their UTF-8 keys (a duplicated key
// keeps its last value, as jsonb does); strings with `"` and `\` escaped as
// \" and \\, the control characters U+0000 to U+001F as \u00XX (lowercase
// hex) and every other character as its UTF-8 bytes; numbers as their exact
// decimal value with no exponent, no leading zeros, no trailing fractional
// zeros, no "+" and no negative zero (1.50e2 is 150, -0.0 is 0, 1e-3 is
// 0.001); true, false and null. A JSON null at the top level is stored as SQL
// NULL. Append stores the canonical text itself, so the stored jsonb holds
// exactly the value that was hashed, and Verify re-canonicalizes the jsonb
// text it reads back.

// GenesisHash is the prev_hash of the first row of the chain.
var GenesisHash = make([]byte, sha256.Size)

// serializationTag starts every serialization (a version of this format).
const serializationTag = "siso-audit-v1"

// row is an audit_event row in its stored form, as hashed.
type row struct {
	At               time.Time
	ActorOperatorID  *int64
	ActorAPIClientID *int64
	ActorLabel       string
	SessionKind      string
	RequestID        string
	OperationName    *string
	Action           string
	CitizenID        *int64
	ZoneID           *int64
	ObjectType       *string
	ObjectID         *int64
	Tiers            []string
	Reason           *string
	Emergency        bool
	SearchShape      []byte // canonical JSON or nil (SQL NULL)
	Before           []byte
	After            []byte
}

// serialize appends the canonical serialization of r to buf.
func (r *row) serialize(buf []byte) []byte {
	buf = append(buf, serializationTag...)
	text := func(s string) { buf = appendField(buf, s) }
	optText := func(p *string) {
		if p == nil {
			buf = append(buf, 0)
		} else {
			text(*p)
		}
	}
	optInt := func(p *int64) {
		if p == nil {
			buf = append(buf, 0)
		} else {
			text(strconv.FormatInt(*p, 10))
		}
	}
	optJSON := func(b []byte) {
		if b == nil {
			buf = append(buf, 0)
		} else {
			buf = appendField(buf, string(b))
		}
	}
	text(formatAt(r.At))
	optInt(r.ActorOperatorID)
	optInt(r.ActorAPIClientID)
	text(r.ActorLabel)
	text(r.SessionKind)
	text(r.RequestID)
	optText(r.OperationName)
	text(r.Action)
	optInt(r.CitizenID)
	optInt(r.ZoneID)
	optText(r.ObjectType)
	optInt(r.ObjectID)
	var arr []byte
	arr = binary.BigEndian.AppendUint32(arr, uint32(len(r.Tiers)))
	for _, t := range r.Tiers {
		arr = binary.BigEndian.AppendUint32(arr, uint32(len(t)))
		arr = append(arr, t...)
	}
	buf = appendField(buf, string(arr))
	optText(r.Reason)
	text(strconv.FormatBool(r.Emergency))
	optJSON(r.SearchShape)
	optJSON(r.Before)
	optJSON(r.After)
	return buf
}

func appendField(buf []byte, s string) []byte {
	buf = append(buf, 1)
	buf = binary.BigEndian.AppendUint32(buf, uint32(len(s)))
	return append(buf, s...)
}

// chainHash returns sha256(prev || serialization of r); buf is scratch space.
func chainHash(prev []byte, r *row, buf []byte) ([]byte, []byte) {
	buf = append(buf[:0], prev...)
	buf = r.serialize(buf)
	sum := sha256.Sum256(buf)
	return sum[:], buf
}

// formatAt is the text of `at` in the serialization.
func formatAt(t time.Time) string {
	return t.UTC().Truncate(time.Microsecond).Format(time.RFC3339Nano)
}

// maxExponent bounds the decimal exponent of a JSON number accepted by
// canonicalJSON (PostgreSQL's numeric would refuse far larger ones anyway;
// the bound keeps a hostile value from expanding into a huge string).
const maxExponent = 4000

// canonicalJSON returns the canonical JSON text of the JSON document b, or
// nil when b is empty or the literal null.
func canonicalJSON(b []byte) ([]byte, error) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("audit: invalid JSON: %w", err)
	}
	if dec.More() {
		return nil, errors.New("audit: invalid JSON: data after the value")
	}
	if v == nil {
		return nil, nil
	}
	var out bytes.Buffer
	if err := writeCanonical(&out, v); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// marshalCanonical marshals v (nil: SQL NULL) and canonicalizes the result.
func marshalCanonical(v any) ([]byte, error) {
	if v == nil {
		return nil, nil
	}
	var b []byte
	switch x := v.(type) {
	case json.RawMessage:
		b = x
	case []byte:
		b = x
	default:
		var err error
		if b, err = json.Marshal(v); err != nil {
			return nil, fmt.Errorf("audit: marshal: %w", err)
		}
	}
	return canonicalJSON(b)
}

func writeCanonical(w *bytes.Buffer, v any) error {
	switch x := v.(type) {
	case nil:
		w.WriteString("null")
	case bool:
		w.WriteString(strconv.FormatBool(x))
	case json.Number:
		s, err := canonicalNumber(string(x))
		if err != nil {
			return err
		}
		w.WriteString(s)
	case string:
		writeString(w, x)
	case []any:
		w.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				w.WriteByte(',')
			}
			if err := writeCanonical(w, e); err != nil {
				return err
			}
		}
		w.WriteByte(']')
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		w.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				w.WriteByte(',')
			}
			writeString(w, k)
			w.WriteByte(':')
			if err := writeCanonical(w, x[k]); err != nil {
				return err
			}
		}
		w.WriteByte('}')
	default:
		return fmt.Errorf("audit: unexpected JSON value %T", v)
	}
	return nil
}

const hexDigits = "0123456789abcdef"

func writeString(w *bytes.Buffer, s string) {
	w.WriteByte('"')
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			w.WriteByte('\\')
			w.WriteByte(c)
			i++
		case c < 0x20:
			w.WriteString(`\u00`)
			w.WriteByte(hexDigits[c>>4])
			w.WriteByte(hexDigits[c&0xf])
			i++
		case c < utf8.RuneSelf:
			w.WriteByte(c)
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				w.WriteString("\ufffd") // cannot happen after json decoding
			} else {
				w.WriteString(s[i : i+size])
			}
			i += size
		}
	}
	w.WriteByte('"')
}

// canonicalNumber rewrites a JSON number as its exact decimal value without
// exponent, leading zeros, trailing fractional zeros or negative zero.
func canonicalNumber(s string) (string, error) {
	bad := func() (string, error) { return "", fmt.Errorf("audit: invalid JSON number %q", s) }
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	mant, exp := s, 0
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		mant = s[:i]
		e, err := strconv.Atoi(strings.TrimPrefix(s[i+1:], "+"))
		if err != nil || e > maxExponent || e < -maxExponent {
			return bad()
		}
		exp = e
	}
	intPart, frac, _ := strings.Cut(mant, ".")
	if intPart == "" || strings.Trim(intPart, "0123456789") != "" || strings.Trim(frac, "0123456789") != "" {
		return bad()
	}
	// value = 0.digits × 10^point
	digits := intPart + frac
	point := len(intPart) + exp
	lead := len(digits) - len(strings.TrimLeft(digits, "0"))
	digits = digits[lead:]
	point -= lead
	digits = strings.TrimRight(digits, "0")
	if digits == "" {
		return "0", nil
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	switch {
	case point <= 0:
		b.WriteString("0.")
		b.WriteString(strings.Repeat("0", -point))
		b.WriteString(digits)
	case point >= len(digits):
		b.WriteString(digits)
		b.WriteString(strings.Repeat("0", point-len(digits)))
	default:
		b.WriteString(digits[:point])
		b.WriteByte('.')
		b.WriteString(digits[point:])
	}
	return b.String(), nil
}
