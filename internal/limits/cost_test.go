package limits

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// citizenPages is three nested pages of `first: $n` (or 100): about n³.
const citizenPages = `query($n: Int) {
  citizens(first: $n) { edges { node {
    cases(first: $n) { edges { node {
      activities(first: $n) { edges { node { id } } }
    } } }
  } } }
}`

const citizenPages100 = `{
  citizens(first: 100) { edges { node {
    cases(first: 100) { edges { node {
      activities(first: 100) { edges { node { id } } }
    } } }
  } } }
}`

// citizenPagesFragments is citizenPages100 with its levels hidden in named
// and inline fragments.
const citizenPagesFragments = `query {
  citizens(first: 100) { ...CitizenPage }
}
fragment CitizenPage on CitizenConnection {
  edges { node { ...CitizenCases } }
}
fragment CitizenCases on Citizen {
  cases(first: 100) {
    edges { node { ... on Case { activities(first: 100) { ...ActivityIDs } } } }
  }
}
fragment ActivityIDs on ActivityConnection {
  edges { ... { node { id } } }
}`

func TestAnalyzeCost(t *testing.T) {
	tests := []struct {
		name    string
		query   string
		vars    map[string]any
		cost    int
		depth   int
		aliases int
		roots   int
	}{
		{"typename", `{ __typename }`, nil, 1, 1, 0, 1},
		{"object fields", `{ viewer { username displayName } }`, nil, 3, 2, 0, 1},
		// 1 + 20 × (edges 1 + node 1 + id 1)
		{"connection default page", `{ citizens { edges { node { id } } } }`, nil, 61, 4, 0, 1},
		// 1 + 5 × (totalCount 1 + pageInfo 3 + edges(1 + cursor 1 + node 3))
		{"connection first, whole page multiplied once",
			`{ citizens(first: 5) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id fiscalCode } } } }`,
			nil, 46, 4, 0, 1},
		{"connection last", `{ citizens(last: 7) { edges { node { id } } } }`, nil, 22, 4, 0, 1},
		{"first and last: the larger", `{ citizens(first: 3, last: 8) { edges { node { id } } } }`, nil, 25, 4, 0, 1},
		{"first below 1 counts as the default", `{ citizens(first: 0) { edges { node { id } } } }`, nil, 61, 4, 0, 1},
		// 1 + 100 × (2 + 1 + 100 × (2 + 1 + 100 × 3))
		{"three nested pages of 100", citizenPages100, nil, 3030301, 10, 0, 1},
		{"fragments cannot hide cost", citizenPagesFragments, nil, 3030301, 10, 0, 1},
		// Access.referrals is a plain list (×10): 1 + 100 × (2 + 1 + 100 × (2 + 1 + 10 × 1))
		{"pages over a plain list",
			`{ citizens(first: 100) { edges { node { accesses(first: 100) { edges { node { needs { notes } } } } } } } }`,
			nil, 130301, 8, 0, 1},
		// 1 + 10 × (code 1 + municipalities (1 + 10 × name 1))
		{"plain lists", `{ zones { code municipalities { name } } }`, nil, 121, 3, 0, 1},
		{"nodes by ids", `{ nodes(ids: ["a", "b", "c"]) { id } }`, nil, 4, 2, 0, 1},
		// 1 + 2 × (id 1 + accesses (1 + 10 × 3))
		{"nodes with an inline fragment",
			`{ nodes(ids: ["a", "b"]) { id ... on Citizen { accesses(first: 10) { edges { node { id } } } } } }`,
			nil, 65, 5, 0, 1},
		// citizen 1 + household (1 + members (1 + 10 × 1))
		{"list under an object", `{ citizen(id: "x") { household { members { id } } } }`, nil, 13, 4, 0, 1},
		{"mutation", `mutation { signOut { signedOut } }`, nil, 2, 2, 0, 1},
		{"introspection type", `{ __type(name: "Citizen") { name fields { name type { name } } } }`, nil, 6, 1, 0, 1},
		{"aliases", `{ a: viewer { username } b: viewer { u: username } }`, nil, 4, 2, 3, 2},
		{"same root field twice is one root field", `{ viewer { username } viewer { displayName } }`, nil, 4, 2, 0, 1},
		{"root fields through a fragment",
			`query { ...Roots zones { code } } fragment Roots on Query { viewer { username } __typename }`,
			nil, 1 + 2 + 11, 2, 0, 3},

		// Variables.
		{"variable first", `query($n: Int) { citizens(first: $n) { edges { node { id } } } }`, map[string]any{"n": 50}, 151, 4, 0, 1},
		{"variable first omitted", `query($n: Int) { citizens(first: $n) { edges { node { id } } } }`, nil, 61, 4, 0, 1},
		{"variable first null", `query($n: Int) { citizens(first: $n) { edges { node { id } } } }`, map[string]any{"n": nil}, 61, 4, 0, 1},
		{"variable default", `query($n: Int = 4) { citizens(first: $n) { edges { node { id } } } }`, nil, 13, 4, 0, 1},
		// 1 + 10 × (2 + 1 + 10 × (2 + 1 + 10 × 3))
		{"variable pages of 10", citizenPages, map[string]any{"n": 10}, 3331, 10, 0, 1},
		{"variable pages of 100", citizenPages, map[string]any{"n": 100}, 3030301, 10, 0, 1},
		{"variable ids", `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, map[string]any{"ids": []any{"a", "b", "c", "d", "e"}}, 6, 2, 0, 1},
		{"skip", `query($s: Boolean!) { viewer { username } citizens @skip(if: $s) { edges { node { id } } } }`,
			map[string]any{"s": true}, 2, 2, 0, 1},
		{"not skipped", `query($s: Boolean!) { viewer { username } citizens @skip(if: $s) { edges { node { id } } } }`,
			map[string]any{"s": false}, 63, 4, 0, 2},
		{"include a fragment", `query($i: Boolean!) { viewer { username ...X @include(if: $i) } } fragment X on Viewer { displayName }`,
			map[string]any{"i": true}, 3, 2, 0, 1},
		{"exclude a fragment", `query($i: Boolean!) { viewer { username ...X @include(if: $i) } } fragment X on Viewer { displayName }`,
			map[string]any{"i": false}, 2, 2, 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := analyze(t, Config{}, tt.query, tt.vars)
			want := Analysis{Cost: tt.cost, Depth: tt.depth, Aliases: tt.aliases, RootFields: tt.roots}
			if got != want {
				t.Errorf("got %+v, want %+v", got, want)
			}
		})
	}
}

func TestAnalyzeListSizesAreConfigurable(t *testing.T) {
	cfg := Config{DefaultListSize: 50, PlainListSize: 3}
	if got := analyze(t, cfg, `{ citizens { edges { node { id } } } }`, nil).Cost; got != 151 {
		t.Errorf("default page of 50: cost %d, want 151", got)
	}
	// 1 + 3 × (1 + 1 + 3 × 1)
	if got := analyze(t, cfg, `{ zones { code municipalities { name } } }`, nil).Cost; got != 16 {
		t.Errorf("plain lists of 3: cost %d, want 16", got)
	}
}

func TestAnalyzeGraphiQLIntrospection(t *testing.T) {
	got := analyze(t, Config{}, introspectionQuery(t), nil)
	// TypeRef 2 + 9×3 = 29; InputValue 5 + 30 = 35; FullType 3 + fields 71 +
	// inputFields 36 + interfaces 30 + enumValues 5 + possibleTypes 30 = 175;
	// __schema 1 + description 1 + 3 root types × 3 + types 176 + directives 40.
	want := Analysis{Cost: 227, Depth: 1, Aliases: 0, RootFields: 1}
	if got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
	if err := New(Config{}, nil, nil).check(got); err != nil {
		t.Errorf("refused with the default limits: %v", err)
	}
}

// TestAnalyzeDepth checks the depth on a chain of single objects
// (zone.leadMunicipality.zone...), whose cost equals its depth.
func TestAnalyzeDepth(t *testing.T) {
	ext := New(Config{}, nil, nil)
	for depth := 2; depth <= 14; depth++ {
		a := analyze(t, Config{}, chainQuery(depth), nil)
		if a.Depth != depth || a.Cost != depth {
			t.Fatalf("chain of %d: got %+v", depth, a)
		}
		err := ext.check(a)
		if (err != nil) != (depth > DefaultMaxDepth) {
			t.Errorf("depth %d: error %v", depth, err)
		}
	}
}

// chainQuery nests depth fields: zone, then leadMunicipality and zone in
// turn, and name.
func chainQuery(depth int) string {
	var b strings.Builder
	b.WriteString(`{ zone(code: "1") {`)
	for i := 2; i < depth; i++ {
		if i%2 == 0 {
			b.WriteString(" leadMunicipality {")
		} else {
			b.WriteString(" zone {")
		}
	}
	b.WriteString(" name")
	b.WriteString(strings.Repeat(" }", depth-1))
	b.WriteString(" }")
	return b.String()
}

// aliasQuery selects the viewer's username under n aliases.
func aliasQuery(n int) string {
	var b strings.Builder
	b.WriteString("{ viewer {")
	for i := range n {
		fmt.Fprintf(&b, " u%d: username", i)
	}
	b.WriteString(" } }")
	return b.String()
}

// rootQuery selects n distinct root fields (n <= 11) without aliases.
func rootQuery(n int) string {
	fields := []string{
		"__typename", "viewer { username }", "zones { code }", "municipalities { name }",
		"offices { totalCount }", "organizations { totalCount }", "operators { totalCount }",
		"citizens { totalCount }", "accesses { totalCount }", "cases { totalCount }",
		"interventions { totalCount }",
	}
	return "{ " + strings.Join(fields[:n], " ") + " }"
}

func TestCheckLimits(t *testing.T) {
	ext := New(Config{}, nil, nil)
	tests := []struct {
		name  string
		query string
		vars  map[string]any
		limit string // "" when accepted
	}{
		{"depth 12", chainQuery(12), nil, ""},
		{"depth 13", chainQuery(13), nil, "depth"},
		{"30 aliases", aliasQuery(30), nil, ""},
		{"31 aliases", aliasQuery(31), nil, "aliases"},
		{"10 root fields", rootQuery(10), nil, ""},
		{"11 root fields", rootQuery(11), nil, "rootFields"},
		{"pages of 20", citizenPages, map[string]any{"n": 20}, ""},
		{"pages of 30", citizenPages, map[string]any{"n": 30}, "cost"},
		{"pages of 100", citizenPages100, nil, "cost"},
		{"GraphiQL introspection", introspectionQuery(t), nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ext.check(analyze(t, Config{}, tt.query, tt.vars))
			switch {
			case tt.limit == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tt.limit != "" && err == nil:
				t.Errorf("accepted, want refused for %s", tt.limit)
			case tt.limit != "":
				if err.Extensions["code"] != "COST_LIMIT_EXCEEDED" || err.Extensions["limit"] != tt.limit {
					t.Errorf("extensions %v, want COST_LIMIT_EXCEEDED for %s", err.Extensions, tt.limit)
				}
			}
		})
	}
}

// TestAnalyzeFragmentFanOut: each of 40 fragments spreads the next one twice,
// so the expanded operation has 2^40 copies of the last one. Analyze
// measures each fragment once and saturates instead of overflowing.
func TestAnalyzeFragmentFanOut(t *testing.T) {
	const n = 40
	var b strings.Builder
	b.WriteString("query { citizen(id: \"x\") { ...F0 } }\n")
	for i := range n {
		fmt.Fprintf(&b, "fragment F%d on Citizen { household { members { ...F%d } } other: household { members { ...F%d } } }\n", i, i+1, i+1)
	}
	fmt.Fprintf(&b, "fragment F%d on Citizen { id }\n", n)
	start := time.Now()
	a := analyze(t, Config{}, b.String(), nil)
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
	if a.Cost != ceiling || a.Depth != 2+2*n {
		t.Errorf("got %+v, want cost %d and depth %d", a, ceiling, 2+2*n)
	}
	if a.Aliases != ceiling {
		t.Errorf("aliases %d, want saturated at %d", a.Aliases, ceiling)
	}
}

func TestSaturatingArithmetic(t *testing.T) {
	if got := mul(ceiling, 2); got != ceiling {
		t.Errorf("mul overflowed: %d", got)
	}
	if got := add(ceiling, ceiling); got != ceiling {
		t.Errorf("add overflowed: %d", got)
	}
	if got := mul(1000, 1000); got != 1000000 {
		t.Errorf("mul(1000, 1000) = %d", got)
	}
}
