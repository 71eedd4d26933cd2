package limits

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestRefusedBeforeResolvers posts operations over the limits to SISO's
// schema over a zero Resolver: any resolver that ran would panic on its nil
// Store. The refusal must come before any resolver.
func TestRefusedBeforeResolvers(t *testing.T) {
	tests := []struct {
		name  string
		query string
		vars  map[string]any
		limit string
		ext   map[string]float64
	}{
		{"100×100×100", citizenPages100, nil, "cost", map[string]float64{"cost": 3030301, "maxCost": 50000}},
		{"100×100×100 in fragments", citizenPagesFragments, nil, "cost", map[string]float64{"cost": 3030301, "maxCost": 50000}},
		{"100×100×100 by variable", citizenPages, map[string]any{"n": 100}, "cost", map[string]float64{"cost": 3030301, "maxCost": 50000}},
		{"30×30×30 by variable", citizenPages, map[string]any{"n": 30}, "cost", map[string]float64{"cost": 83791, "maxCost": 50000}},
		{"depth 13", chainQuery(13), nil, "depth", map[string]float64{"depth": 13, "maxDepth": 12}},
		{"31 aliases", aliasQuery(31), nil, "aliases", map[string]float64{"aliases": 31, "maxAliases": 30}},
		{"11 root fields", rootQuery(11), nil, "rootFields", map[string]float64{"rootFields": 11, "maxRootFields": 10}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := newTestServer(t, Config{}, newTestClock().Now)
			resp := ts.post(t, "op:1", tt.query, tt.vars)
			if resp.status != http.StatusOK || len(resp.Errors) != 1 {
				t.Fatalf("status %d, errors %+v", resp.status, resp.Errors)
			}
			if resp.code() != "COST_LIMIT_EXCEEDED" || resp.Errors[0].Extensions["limit"] != tt.limit {
				t.Errorf("error %+v, want COST_LIMIT_EXCEEDED for %s", resp.Errors[0], tt.limit)
			}
			for k, v := range tt.ext {
				if got := resp.ext(k); got != v {
					t.Errorf("extensions.%s = %v, want %v", k, got, v)
				}
			}
			if string(resp.Data) != "" && string(resp.Data) != "null" {
				t.Errorf("data %s", resp.Data)
			}
			if n, p := ts.resolvers.Load(), ts.panics.Load(); n != 0 || p != 0 {
				t.Errorf("%d fields resolved, %d panics", n, p)
			}
			if c := resp.Extensions.Cost; c == nil || c.MaxCost != 50000 || c.RemainingBudget != 500000 {
				t.Errorf("extensions.cost %+v, want maxCost 50000 and the budget untouched", c)
			}
		})
	}
}

func TestMessagesNameTheLimit(t *testing.T) {
	ts := newTestServer(t, Config{}, nil)
	for query, want := range map[string]string{
		citizenPages100: "query cost 3030301 exceeds the limit of 50000",
		chainQuery(13):  "query depth 13 exceeds the limit of 12",
		aliasQuery(31):  "query uses 31 aliases; at most 30 are allowed",
		rootQuery(11):   "query selects 11 root fields; at most 10 are allowed",
	} {
		resp := ts.post(t, "", query, nil)
		if len(resp.Errors) != 1 || !strings.HasPrefix(resp.Errors[0].Message, want) {
			t.Errorf("errors %+v, want a message starting %q", resp.Errors, want)
		}
	}
}

// TestAcceptedOperationRuns: pages of 20 (cost 25261) pass the limits, so
// the resolvers run (and, without a database, fail); the response reports
// the cost and the charge.
func TestAcceptedOperationRuns(t *testing.T) {
	ts := newTestServer(t, Config{}, newTestClock().Now)
	resp := ts.post(t, "op:1", citizenPages, map[string]any{"n": 20})
	if resp.code() == "COST_LIMIT_EXCEEDED" || resp.code() == "RATE_LIMITED" {
		t.Fatalf("refused: %+v", resp.Errors)
	}
	if ts.resolvers.Load() == 0 {
		t.Error("no resolver ran")
	}
	want := Report{Requested: 25261, MaxCost: 50000, RemainingBudget: 500000 - 25261}
	if c := resp.Extensions.Cost; c == nil || *c != want {
		t.Errorf("extensions.cost %+v, want %+v", c, want)
	}
}

func TestCostExtensionOnSuccess(t *testing.T) {
	ts := newTestServer(t, Config{}, newTestClock().Now)
	resp := ts.post(t, "op:1", `{ __typename }`, nil)
	if len(resp.Errors) != 0 || string(resp.Data) != `{"__typename":"Query"}` {
		t.Fatalf("data %s, errors %+v", resp.Data, resp.Errors)
	}
	want := Report{Requested: 1, MaxCost: 50000, RemainingBudget: 499999}
	if c := resp.Extensions.Cost; c == nil || *c != want {
		t.Errorf("extensions.cost %+v, want %+v", c, want)
	}
}

func TestGraphiQLIntrospectionPassesDefaults(t *testing.T) {
	ts := newTestServer(t, Config{}, newTestClock().Now)
	resp := ts.post(t, "op:1", introspectionQuery(t), nil)
	if len(resp.Errors) != 0 {
		t.Fatalf("errors %+v", resp.Errors)
	}
	var data struct {
		Schema struct {
			QueryType struct{ Name string }
			Types     []json.RawMessage
		} `json:"__schema"`
	}
	if err := json.Unmarshal(resp.Data, &data); err != nil || data.Schema.QueryType.Name != "Query" || len(data.Schema.Types) < 50 {
		t.Fatalf("unexpected data (%v): %.200s", err, resp.Data)
	}
	want := Report{Requested: 227, MaxCost: 50000, RemainingBudget: 500000 - 227}
	if c := resp.Extensions.Cost; c == nil || *c != want {
		t.Errorf("extensions.cost %+v, want %+v", c, want)
	}
}

// TestBudget: a budget of 1000 per minute pays for four introspections
// (227 each); the fifth is refused until enough is refilled.
func TestBudget(t *testing.T) {
	clock := newTestClock()
	ts := newTestServer(t, Config{MaxCost: 1000, BudgetPerMinute: 1000}, clock.Now)
	q := introspectionQuery(t)
	for i, left := range []int{773, 546, 319, 92} {
		resp := ts.post(t, "op:1", q, nil)
		if len(resp.Errors) != 0 || resp.Extensions.Cost == nil || resp.Extensions.Cost.RemainingBudget != left {
			t.Fatalf("request %d: errors %+v, cost %+v, want %d left", i+1, resp.Errors, resp.Extensions.Cost, left)
		}
	}
	before := ts.resolvers.Load()
	resp := ts.post(t, "op:1", q, nil)
	if resp.code() != "RATE_LIMITED" {
		t.Fatalf("fifth request: %+v", resp.Errors)
	}
	// (227 - 92) × 60 / 1000 = 8.1 seconds.
	if got := resp.ext("retryAfterSeconds"); got != 9 {
		t.Errorf("retryAfterSeconds %v, want 9", got)
	}
	if string(resp.Data) != "" && string(resp.Data) != "null" {
		t.Errorf("data %s", resp.Data)
	}
	if ts.resolvers.Load() != before {
		t.Error("a refused operation ran resolvers")
	}
	if c := resp.Extensions.Cost; c == nil || c.Requested != 227 || c.RemainingBudget != 92 {
		t.Errorf("extensions.cost %+v", c)
	}

	// Other clients have their own budgets; callers without a key share one.
	if resp := ts.post(t, "op:2", q, nil); len(resp.Errors) != 0 || resp.Extensions.Cost.RemainingBudget != 773 {
		t.Errorf("another client: %+v %+v", resp.Errors, resp.Extensions.Cost)
	}
	for _, left := range []int{773, 546} {
		if resp := ts.post(t, "", q, nil); len(resp.Errors) != 0 || resp.Extensions.Cost.RemainingBudget != left {
			t.Errorf("anonymous: %+v %+v, want %d left", resp.Errors, resp.Extensions.Cost, left)
		}
	}

	// 8 s refill 133.3: not yet; 9 s refill 150: 92 + 150 - 227 = 15 left.
	clock.Advance(8 * time.Second)
	if resp := ts.post(t, "op:1", q, nil); resp.code() != "RATE_LIMITED" || resp.ext("retryAfterSeconds") != 1 {
		t.Errorf("after 8 s: %+v", resp.Errors)
	}
	clock.Advance(time.Second)
	if resp := ts.post(t, "op:1", q, nil); len(resp.Errors) != 0 || resp.Extensions.Cost.RemainingBudget != 15 {
		t.Errorf("after 9 s: %+v %+v", resp.Errors, resp.Extensions.Cost)
	}
	// A minute refills the whole budget.
	clock.Advance(time.Minute)
	if resp := ts.post(t, "op:1", q, nil); len(resp.Errors) != 0 || resp.Extensions.Cost.RemainingBudget != 773 {
		t.Errorf("after a minute: %+v %+v", resp.Errors, resp.Extensions.Cost)
	}
}

func TestBudgetRecoversAfterAMinute(t *testing.T) {
	clock := newTestClock()
	ts := newTestServer(t, Config{MaxCost: 100, BudgetPerMinute: 100}, clock.Now)
	// 1 + 20 × (1 + 1 + 1) = 61: the first passes the limits (and then
	// fails without a database), the second is over budget.
	q := `{ citizens { edges { node { id } } } }`
	if resp := ts.post(t, "client:5", q, nil); resp.code() == "RATE_LIMITED" || resp.Extensions.Cost.RemainingBudget != 39 {
		t.Fatalf("first: %+v %+v", resp.Errors, resp.Extensions.Cost)
	}
	if resp := ts.post(t, "client:5", q, nil); resp.code() != "RATE_LIMITED" || resp.ext("retryAfterSeconds") != 14 {
		t.Fatalf("second: %+v", resp.Errors)
	}
	clock.Advance(time.Minute)
	if resp := ts.post(t, "client:5", q, nil); resp.code() == "RATE_LIMITED" || resp.Extensions.Cost.RemainingBudget != 39 {
		t.Fatalf("a minute later: %+v %+v", resp.Errors, resp.Extensions.Cost)
	}
}

// TestBudgetConcurrent: with the clock stopped, a budget of 1000 admits
// exactly 1000 operations of cost 1 among 1200 concurrent ones.
func TestBudgetConcurrent(t *testing.T) {
	ts := newTestServer(t, Config{MaxCost: 1000, BudgetPerMinute: 1000}, newTestClock().Now)
	var ok, limited atomic.Int64
	var wg sync.WaitGroup
	for range 12 {
		wg.Go(func() {
			for range 100 {
				switch resp := ts.post(t, "op:7", `{ __typename }`, nil); resp.code() {
				case "":
					ok.Add(1)
				case "RATE_LIMITED":
					limited.Add(1)
				default:
					t.Errorf("unexpected %+v", resp.Errors)
				}
			}
		})
	}
	wg.Wait()
	if ok.Load() != 1000 || limited.Load() != 200 {
		t.Errorf("%d accepted, %d limited; want 1000 and 200", ok.Load(), limited.Load())
	}
}

func TestQueryTooLarge(t *testing.T) {
	ts := newTestServer(t, Config{}, newTestClock().Now)
	body := "\n{ __typename }"
	pad := func(n int) string { return "#" + strings.Repeat("x", n-1-len(body)) + body }

	if resp := ts.post(t, "", pad(20000), nil); len(resp.Errors) != 0 {
		t.Errorf("20000 bytes refused: %+v", resp.Errors)
	}
	resp := ts.post(t, "", pad(20001), nil)
	if resp.code() != "BAD_USER_INPUT" || len(resp.Errors) != 1 || resp.Errors[0].Message != "query text larger than 20000 bytes" {
		t.Errorf("20001 bytes: %+v", resp.Errors)
	}
	if resp.Extensions.Cost != nil {
		t.Errorf("an unparsed query reports a cost: %+v", resp.Extensions.Cost)
	}
	if ts.resolvers.Load() != 0 {
		t.Error("resolvers ran")
	}
}

// TestBatchRejected: gqlgen's POST transport decodes the body into one
// operation, so a JSON array (HTTP batching) is a 400 before any parsing.
func TestBatchRejected(t *testing.T) {
	ts := newTestServer(t, Config{}, newTestClock().Now)
	resp := ts.postRaw(t, "", []byte(`[{"query":"{ __typename }"},{"query":"{ __typename }"}]`))
	if resp.status != http.StatusBadRequest || len(resp.Errors) != 1 ||
		!strings.Contains(resp.Errors[0].Message, "could not be decoded") {
		t.Errorf("status %d, errors %+v", resp.status, resp.Errors)
	}
	if string(resp.Data) != "" && string(resp.Data) != "null" {
		t.Errorf("data %s", resp.Data)
	}
	if ts.resolvers.Load() != 0 {
		t.Error("resolvers ran")
	}
}

func TestValidateRejectsBadConfig(t *testing.T) {
	if err := New(Config{}, nil, nil).Validate(nil); err != nil {
		t.Errorf("defaults: %v", err)
	}
	if err := New(Config{MaxDepth: -1}, nil, nil).Validate(nil); err == nil || !strings.Contains(err.Error(), "MaxDepth") {
		t.Errorf("negative depth: %v", err)
	}
	if err := New(Config{MaxCost: 1000, BudgetPerMinute: 999}, nil, nil).Validate(nil); err == nil {
		t.Error("budget below the cost limit accepted")
	}
}

// TestIntrospectionFanOutRefused: introspection is not multiplied, because
// gqlgen's default validation rules include gqlparser's MaxIntrospectionDepth,
// which refuses `fields`/`interfaces`/`possibleTypes`/`inputFields` nested
// three deep. This test fails if that rule stops running.
func TestIntrospectionFanOutRefused(t *testing.T) {
	ts := newTestServer(t, Config{}, newTestClock().Now)
	resp := ts.post(t, "", `{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }`, nil)
	if resp.code() != "GRAPHQL_VALIDATION_FAILED" || !strings.Contains(resp.Errors[0].Message, "introspection depth") {
		t.Errorf("errors %+v", resp.Errors)
	}
}
