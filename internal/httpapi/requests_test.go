package httpapi_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"strings"
	"testing"

	"github.com/siso-project/siso/internal/seed"
	"github.com/siso-project/siso/internal/testenv"
)

// rawClient posts bodies byte for byte (testenv's client marshals them,
// which would repair the very bytes these tests send).
type rawClient struct {
	env  *testenv.Env
	http *http.Client
}

func newRawClient(t *testing.T, env *testenv.Env, username string) *rawClient {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &rawClient{env: env, http: &http.Client{Jar: jar}}
	if username != "" {
		body, _ := json.Marshal(map[string]any{
			"query":     `mutation($u:String!,$p:String!){signIn(input:{username:$u,password:$p}){viewer{username}}}`,
			"variables": map[string]any{"u": username, "p": seed.DefaultPassword},
		})
		if status, r := c.post(t, string(body)); status != http.StatusOK || len(r.Errors) > 0 {
			t.Fatalf("sign in as %s: %d %+v", username, status, r.Errors)
		}
	}
	return c
}

func (c *rawClient) post(t *testing.T, body string) (int, testenv.Response) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, c.env.Server.URL+"/graphql", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		t.Fatalf("post: %v", err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var r testenv.Response
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatalf("status %d, undecodable answer %q: %v", resp.StatusCode, raw, err)
	}
	return resp.StatusCode, r
}

// A request the GraphQL layer refuses before it has an operation is a 4xx
// with BAD_USER_INPUT, never a panic or an INTERNAL.
func TestRequestsRefusedBeforeAnOperation(t *testing.T) {
	env := testenv.New(t)
	c := newRawClient(t, env, "sportello.perugia")
	const muni = `query($s:String){ municipalities(search:$s){ name } }`
	huge := `{"query":"{ __typename }","variables":{"x":"` + strings.Repeat("a", 1<<20) + `"}}`
	for _, tc := range []struct {
		name   string
		body   string
		status int
	}{
		{"empty body", ``, http.StatusBadRequest},
		{"white space", " \n ", http.StatusBadRequest},
		{"truncated JSON", `{"query":"{ __typename }"`, http.StatusBadRequest},
		{"query is a number", `{"query": 1}`, http.StatusBadRequest},
		{"query is null", `{"query": null}`, http.StatusBadRequest},
		{"not an object", `"{ __typename }"`, http.StatusBadRequest},
		{"variables not an object", `{"query":"{ __typename }","variables":[1]}`, http.StatusBadRequest},
		{"operationName a number", `{"query":"{ __typename }","operationName":1}`, http.StatusBadRequest},
		{"trailing garbage", `{"query":"{ __typename }"} garbage`, http.StatusBadRequest},
		{"two bodies", `{"query":"{ __typename }"}{"query":"{ __typename }"}`, http.StatusBadRequest},
		{"invalid UTF-8 in a variable", `{"query":"` + muni + `","variables":{"s":"Per\xffugia"}}`, http.StatusBadRequest},
		{"invalid UTF-8 in the query", "{\"query\":\"{ __typename } # \xc3\x28\"}", http.StatusBadRequest},
		{"lone high surrogate", `{"query":"` + muni + `","variables":{"s":"Per\ud800ugia"}}`, http.StatusBadRequest},
		{"lone low surrogate", `{"query":"` + muni + `","variables":{"s":"\udc00"}}`, http.StatusBadRequest},
		{"reversed surrogate pair", `{"query":"` + muni + `","variables":{"s":"\ude00\ud83d"}}`, http.StatusBadRequest},
		{"lone surrogate in a query literal", `{"query":"{ municipalities(search:\"Per\\ud800ugia\"){ name } }"}`, http.StatusBadRequest},
		{"body over the limit", huge, http.StatusRequestEntityTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, r := c.post(t, tc.body)
			if status != tc.status || len(r.Errors) != 1 || r.Errors[0].Code() != "BAD_USER_INPUT" {
				t.Fatalf("status %d, errors %+v; want %d and one BAD_USER_INPUT", status, r.Errors, tc.status)
			}
			if len(r.Data) > 0 && string(r.Data) != "null" {
				t.Errorf("data %s", r.Data)
			}
		})
	}
	// A well-formed body still works, surrogate pairs included.
	status, r := c.post(t, `{"query":"`+muni+`","variables":{"s":"\ud83d\ude00"}}`)
	if status != http.StatusOK || len(r.Errors) > 0 {
		t.Fatalf("a valid surrogate pair: %d %+v", status, r.Errors)
	}
}

// The same strictness for GET: URL parameters the layer cannot take are a
// 400 BAD_USER_INPUT, not a bare 400 without a code or a 422.
func TestGetParametersRefusedBeforeAnOperation(t *testing.T) {
	env := testenv.New(t)
	c := newRawClient(t, env, "sportello.perugia")
	for _, tc := range []struct{ name, query string }{
		{"no query", ``},
		{"empty query", `query=`},
		{"variables not JSON", `query=%7B__typename%7D&variables=notjson`},
		{"variables not an object", `query=%7B__typename%7D&variables=%5B1%5D`},
		{"variables with trailing garbage", `query=%7B__typename%7D&variables=%7B%7Dx`},
		{"extensions not JSON", `query=%7B__typename%7D&extensions=x`},
		{"invalid UTF-8 in the query", `query=%7B__typename%7D%23%C3%28`},
		{"lone surrogate in a variable", `query=%7B__typename%7D&variables=%7B%22s%22:%22%5Cud800%22%7D`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := c.http.Get(env.Server.URL + "/graphql?" + tc.query)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var r testenv.Response
			raw, _ := io.ReadAll(resp.Body)
			if err := json.Unmarshal(raw, &r); err != nil {
				t.Fatalf("status %d, undecodable %q", resp.StatusCode, raw)
			}
			if resp.StatusCode != http.StatusBadRequest || len(r.Errors) != 1 || r.Errors[0].Code() != "BAD_USER_INPUT" {
				t.Fatalf("status %d, errors %+v; want 400 and one BAD_USER_INPUT", resp.StatusCode, r.Errors)
			}
		})
	}
	resp, err := c.http.Get(env.Server.URL + `/graphql?query=%7B__typename%7D&variables=%7B%7D`)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("a valid GET: %d", resp.StatusCode)
	}
}
