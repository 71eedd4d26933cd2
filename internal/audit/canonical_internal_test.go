package audit

import (
	"context"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"github.com/siso-project/siso/internal/testdb"
)

func TestCanonicalNumber(t *testing.T) {
	for in, want := range map[string]string{
		"0": "0", "-0": "0", "-0.0": "0", "0.000": "0", "1": "1", "10": "10", "100": "100", "1.50": "1.5",
		"1.5e2": "150", "1E2": "100", "1e+2": "100", "1e-3": "0.001", "-12.3400e-2": "-0.1234",
		"123456789012345678901234567890": "123456789012345678901234567890", "1e21": "1000000000000000000000",
		"0.1": "0.1", "5e-324": "0." + strings.Repeat("0", 323) + "5", "-1.0": "-1", "0.00100": "0.001",
	} {
		got, err := canonicalNumber(in)
		if err != nil || got != want {
			t.Errorf("canonicalNumber(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"1e99999", "", "-", "1.2.3", "e5"} {
		if got, err := canonicalNumber(bad); err == nil {
			t.Errorf("canonicalNumber(%q) = %q, want an error", bad, got)
		}
	}
}

func TestCanonicalJSON(t *testing.T) {
	for in, want := range map[string]string{
		`{"b": 1, "a": [true, false, null, "x"]}`: `{"a":[true,false,null,"x"],"b":1}`,
		`{"a": 1, "a": 2}`:                        `{"a":2}`,
		`"tab\there \"q\" \\ \u00e8 \u0001 <&>"`:  "\"tab\\u0009here \\\"q\\\" \\\\ è \\u0001 <&>\"",
		`{"é": 1, "z": 2, "aa": 3, "b": 4}`:       `{"aa":3,"b":4,"z":2,"é":1}`,
		` 1.50e1 `:                                `15`,
		`null`:                                    ``,
		``:                                        ``,
		`"\ud83d\ude00"`:                          `"😀"`,
	} {
		got, err := canonicalJSON([]byte(in))
		if err != nil || string(got) != want {
			t.Errorf("canonicalJSON(%s) = %s, %v; want %s", in, got, err, want)
		}
	}
	for _, bad := range []string{`{`, `1 2`, `{"a":}`} {
		if _, err := canonicalJSON([]byte(bad)); err == nil {
			t.Errorf("canonicalJSON(%s): no error", bad)
		}
	}
}

// The canonical text is a fixed point of a round trip through jsonb:
// what Verify reads back canonicalizes to what Append hashed.
func TestCanonicalJSONSurvivesJSONB(t *testing.T) {
	db := testdb.New(t, nil)
	ctx := context.Background()
	for _, in := range []string{
		`{"b": 1, "a": [true, false, null, "x"], "c": {"z": 1e2, "y": -0.0, "x": 1.50}}`,
		`{"text": "line\nbreak \"quoted\" back\\slash tab\t é 😀 \u007f \u001f", "': '": "'"}`,
		`[1e-7, 123456789012345678901234567890.000100, -5, 0.5E+1]`,
		`{"aa": 1, "b": 2, "a": 3, "ab": {"": []}, "A": {}}`,
		`"just a string"`, `12.5`, `true`,
	} {
		c, err := canonicalJSON([]byte(in))
		if err != nil {
			t.Fatal(err)
		}
		var back string
		if err := db.QueryRowContext(ctx, "SELECT ?::jsonb::text", string(c)).Scan(&back); err != nil {
			t.Fatalf("%s: %v", c, err)
		}
		again, err := canonicalJSON([]byte(back))
		if err != nil {
			t.Fatal(err)
		}
		if string(again) != string(c) {
			t.Errorf("round trip through jsonb changed the canonical text:\n in  %s\n out %s (jsonb %s)", c, again, back)
		}
	}
}

// The serialization is pinned: changing it would break every stored chain.
func TestSerializationIsStable(t *testing.T) {
	op, cit := int64(7), int64(42)
	reason := "ragione"
	r := row{
		At:              time.Date(2026, 11, 20, 10, 0, 0, 123456789, time.FixedZone("CET", 3600)),
		ActorOperatorID: &op, ActorLabel: "as.perugia", SessionKind: "SESSION", RequestID: "req-1",
		Action: "READ", CitizenID: &cit, Tiers: []string{"IDENTITY", "CONTACT"}, Reason: &reason,
		Before: []byte(`{"a":1}`),
	}
	got := string(r.serialize(nil))
	want := "siso-audit-v1" +
		"\x01\x00\x00\x00\x1b2026-11-20T09:00:00.123456Z" +
		"\x01\x00\x00\x00\x017" + "\x00" +
		"\x01\x00\x00\x00\x0aas.perugia" + "\x01\x00\x00\x00\x07SESSION" + "\x01\x00\x00\x00\x05req-1" +
		"\x00" + "\x01\x00\x00\x00\x04READ" + "\x01\x00\x00\x00\x0242" + "\x00" + "\x00" + "\x00" +
		"\x01\x00\x00\x00\x1b" + "\x00\x00\x00\x02" + "\x00\x00\x00\x08IDENTITY" + "\x00\x00\x00\x07CONTACT" +
		"\x01\x00\x00\x00\x07ragione" + "\x01\x00\x00\x00\x05false" + "\x00" +
		"\x01\x00\x00\x00\x07{\"a\":1}" + "\x00"
	if got != want {
		t.Errorf("serialization\n got %q\nwant %q", got, want)
	}
	// Computed independently (Python's hashlib over the documented format).
	h, _ := chainHash(GenesisHash, &r, nil)
	if got, want := hex.EncodeToString(h), "ef4aef7e647d48eef7c8a4864b31137f4b414aad4cd5d41fba76d9fcae210c28"; got != want {
		t.Errorf("hash %s, want %s", got, want)
	}
}
