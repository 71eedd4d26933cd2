// Package limits bounds what one GraphQL operation and one client may ask of
// SISO (DESIGN.md section 5, "Limits"): a static cost for every operation, a
// maximum depth, caps on aliases and root fields, a size limit on the query
// text and a per-client budget of cost units per minute. Every response of a
// costed operation reports its cost in `extensions.cost`.
//
// The checks run in a gqlgen handler extension ([Extension]) after the
// operation has been parsed and validated and before any resolver runs, so a
// refused operation never touches the database. Refusals are GraphQL errors
// with `extensions.code` COST_LIMIT_EXCEEDED (cost, depth, aliases, root
// fields), RATE_LIMITED (budget exhausted, with `retryAfterSeconds`) or
// BAD_USER_INPUT (query text too large).
//
// # Cost model
//
// The cost is computed from the operation text, the variables and the schema
// types the validator attached to every field ([Analyze]); nothing is
// executed:
//
//   - every selected field costs 1 (including __typename);
//   - a field whose definition has a `first` or `last` argument (a Relay
//     connection) multiplies the cost of its whole sub-tree once by the
//     page size: the larger of `first` and `last` (literal or variable), or
//     [Config.DefaultListSize] (20) when neither is given. The `edges`,
//     `node`, `pageInfo` and `totalCount` below it are not multiplied again;
//   - a list field without paging arguments multiplies its sub-tree by the
//     number of ids when it has an `ids` argument (`nodes(ids:)`), and by
//     [Config.PlainListSize] (10) otherwise (`zones`, `municipalities`,
//     `Zone.offices`, `Access.referrals`, the code lists, ...). Lists that are
//     fields of a connection type (a type with a `pageInfo` field, i.e.
//     `edges`) are not multiplied: the paged field already was;
//   - fragments and inline fragments are expanded where they are spread, so
//     a fragment cannot hide cost; selections of every type condition count
//     (an upper bound for abstract types); fields excluded by a literal or
//     variable `@skip(if: true)` / `@include(if: false)` cost nothing;
//   - introspection (the sub-trees of `__schema` and `__type`) costs 1 per
//     selected field and is never multiplied, and fields of the introspection
//     types do not add depth: it is answered from the in-memory schema, and
//     its fan-out is already bounded by gqlparser's MaxIntrospectionDepth
//     validation rule (which gqlgen runs by default) and by
//     [Config.MaxQueryBytes].
//
// So `citizens { edges { node { id } } }` costs 1 + 20×(1 + (1 + 1)) = 61, and
// `citizens(first: 100)` over `accesses(first: 100)` over `cases(first: 100)`
// costs about 100×100×100 (3,030,301 with `id` leaves), far above the default
// [Config.MaxCost] of 50,000.
//
// # Budget
//
// Each client (the key returned by the key function given to [New]; callers
// without one share the key "anonymous") has a token bucket holding at most
// [Config.BudgetPerMinute] cost units and refilled continuously at
// BudgetPerMinute per minute, so an idle minute restores the full budget.
// An accepted operation is charged its static cost before it runs; refused
// operations are not charged. Buckets idle for more than two minutes are
// dropped (a dropped bucket is full anyway), and at most [Config.MaxClients]
// buckets are kept (the least recently used is dropped first).
package limits

import (
	"fmt"
	"os"
	"strconv"
	"strings"
)

// Defaults of [Config].
const (
	DefaultMaxCost         = 50000
	DefaultMaxDepth        = 12
	DefaultMaxAliases      = 30
	DefaultMaxRootFields   = 10
	DefaultMaxQueryBytes   = 20000
	DefaultBudgetPerMinute = 500000
	DefaultListSize        = 20
	DefaultPlainListSize   = 10
	DefaultMaxClients      = 100000
)

// maxSetting bounds every setting so that cost arithmetic never overflows.
const maxSetting = 1_000_000_000

// Config holds the limits. A zero field means its default.
type Config struct {
	// MaxCost is the highest static cost of one operation (default 50000).
	MaxCost int
	// MaxDepth is the deepest nesting of field selections, fragments
	// expanded (default 12). `{ viewer { username } }` has depth 2.
	MaxDepth int
	// MaxAliases caps the fields whose alias differs from their name,
	// counted over the operation with fragments expanded (default 30).
	MaxAliases int
	// MaxRootFields caps the distinct root fields (response keys at the top
	// of the operation, fragments expanded) (default 10).
	MaxRootFields int
	// MaxQueryBytes caps the length of the query text in bytes (default
	// 20000).
	MaxQueryBytes int
	// BudgetPerMinute is the number of cost units each client may spend per
	// minute (default 500000). It must be at least MaxCost.
	BudgetPerMinute int
	// DefaultListSize is the page size assumed for a connection field when
	// neither `first` nor `last` is given (default 20, the server's default
	// page size).
	DefaultListSize int
	// PlainListSize is the size assumed for a list field without paging
	// arguments and without an `ids` argument (default 10).
	PlainListSize int
	// MaxClients caps the number of client budgets kept in memory (default
	// 100000).
	MaxClients int
}

// DefaultConfig returns the default limits.
func DefaultConfig() Config {
	return Config{
		MaxCost:         DefaultMaxCost,
		MaxDepth:        DefaultMaxDepth,
		MaxAliases:      DefaultMaxAliases,
		MaxRootFields:   DefaultMaxRootFields,
		MaxQueryBytes:   DefaultMaxQueryBytes,
		BudgetPerMinute: DefaultBudgetPerMinute,
		DefaultListSize: DefaultListSize,
		PlainListSize:   DefaultPlainListSize,
		MaxClients:      DefaultMaxClients,
	}
}

// withDefaults returns c with every zero field set to its default.
func (c Config) withDefaults() Config {
	d := DefaultConfig()
	set := func(v *int, def int) {
		if *v == 0 {
			*v = def
		}
	}
	set(&c.MaxCost, d.MaxCost)
	set(&c.MaxDepth, d.MaxDepth)
	set(&c.MaxAliases, d.MaxAliases)
	set(&c.MaxRootFields, d.MaxRootFields)
	set(&c.MaxQueryBytes, d.MaxQueryBytes)
	set(&c.BudgetPerMinute, d.BudgetPerMinute)
	set(&c.DefaultListSize, d.DefaultListSize)
	set(&c.PlainListSize, d.PlainListSize)
	set(&c.MaxClients, d.MaxClients)
	return c
}

// Validate reports a setting that is not positive or too large, or a budget
// smaller than the cost limit (an operation within MaxCost could then never
// be afforded). Zero fields are read as their defaults.
func (c Config) Validate() error {
	c = c.withDefaults()
	for _, s := range []struct {
		name string
		v    int
	}{
		{"MaxCost", c.MaxCost},
		{"MaxDepth", c.MaxDepth},
		{"MaxAliases", c.MaxAliases},
		{"MaxRootFields", c.MaxRootFields},
		{"MaxQueryBytes", c.MaxQueryBytes},
		{"BudgetPerMinute", c.BudgetPerMinute},
		{"DefaultListSize", c.DefaultListSize},
		{"PlainListSize", c.PlainListSize},
		{"MaxClients", c.MaxClients},
	} {
		if s.v < 1 || s.v > maxSetting {
			return fmt.Errorf("limits: %s must be between 1 and %d, got %d", s.name, maxSetting, s.v)
		}
	}
	if c.BudgetPerMinute < c.MaxCost {
		return fmt.Errorf("limits: BudgetPerMinute (%d) must be at least MaxCost (%d)", c.BudgetPerMinute, c.MaxCost)
	}
	return nil
}

// The environment variables read by [ConfigFromEnv].
const (
	EnvMaxCost         = "SISO_MAX_COST"
	EnvMaxDepth        = "SISO_MAX_DEPTH"
	EnvMaxAliases      = "SISO_MAX_ALIASES"
	EnvMaxRootFields   = "SISO_MAX_ROOT_FIELDS"
	EnvMaxQueryBytes   = "SISO_MAX_QUERY_BYTES"
	EnvBudgetPerMinute = "SISO_COST_BUDGET_PER_MINUTE"
)

// ConfigFromEnv returns the default limits overridden by the variables
// SISO_MAX_COST, SISO_MAX_DEPTH, SISO_MAX_ALIASES, SISO_MAX_ROOT_FIELDS,
// SISO_MAX_QUERY_BYTES and SISO_COST_BUDGET_PER_MINUTE. Unset or empty
// variables keep the default; a value that is not a positive integer, or a
// budget below the cost limit, is an error naming the variable.
func ConfigFromEnv() (Config, error) {
	return configFromLookup(os.LookupEnv)
}

func configFromLookup(lookup func(string) (string, bool)) (Config, error) {
	c := DefaultConfig()
	for _, s := range []struct {
		env string
		dst *int
	}{
		{EnvMaxCost, &c.MaxCost},
		{EnvMaxDepth, &c.MaxDepth},
		{EnvMaxAliases, &c.MaxAliases},
		{EnvMaxRootFields, &c.MaxRootFields},
		{EnvMaxQueryBytes, &c.MaxQueryBytes},
		{EnvBudgetPerMinute, &c.BudgetPerMinute},
	} {
		raw, ok := lookup(s.env)
		raw = strings.TrimSpace(raw)
		if !ok || raw == "" {
			continue
		}
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > maxSetting {
			return Config{}, fmt.Errorf("%s: must be an integer between 1 and %d, got %q", s.env, maxSetting, raw)
		}
		*s.dst = n
	}
	if c.BudgetPerMinute < c.MaxCost {
		return Config{}, fmt.Errorf("%s (%d) must be at least %s (%d)", EnvBudgetPerMinute, c.BudgetPerMinute, EnvMaxCost, c.MaxCost)
	}
	return c, nil
}
