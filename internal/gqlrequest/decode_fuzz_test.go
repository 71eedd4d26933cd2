package gqlrequest

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/siso-project/siso/internal/apperr"
)

// FuzzDecode: any body either decodes to an operation with a query, from
// valid UTF-8 with no lone surrogate, or is refused as BAD_USER_INPUT;
// never a panic. Seeds in testdata/fuzz/FuzzDecode.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		``, `{}`, `[]`, `null`, `{"query":"{ __typename }"}`, `{"query":"{ __typename }"} x`,
		`{"query":1}`, `{"query":"q","variables":{"a":[1,2.5,"\u0000",true,null]}}`,
		`{"query":"q","variables":{"s":"\ud83d\ude00"}}`, `{"query":"q","variables":{"s":"\ud800"}}`,
		`{"query":"{ f(a:\"\\ud800\") }"}`, "{\"query\":\"\xff\"}", `{"query":"q","operationName":null,"extensions":{}}`,
		`{"query":"q","variables":"x"}`, `{"query":"q\\`, `"\u`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		p, err := Decode(body)
		if err != nil {
			if apperr.CodeOf(err) != apperr.BadUserInput {
				t.Fatalf("refused with %v", err)
			}
			return
		}
		if p.Query == "" || !utf8.Valid(body) || checkSurrogates(body, false) != nil {
			t.Fatalf("accepted %q as %+v", body, p)
		}
		if strings.ContainsRune(p.Query, utf8.RuneError) && !strings.ContainsRune(string(body), utf8.RuneError) &&
			!strings.Contains(strings.ToLower(string(body)), `\ufffd`) {
			t.Fatalf("a replacement character appeared in %q", p.Query)
		}
	})
}
