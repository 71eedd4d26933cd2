package limits

import (
	"context"
	"fmt"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/siso-project/siso/internal/apperr"
)

// AnonymousKey is the budget key of callers for whom the key function
// returns "".
const AnonymousKey = "anonymous"

// extensionName names the extension in gqlgen and keys its report in the
// operation's stats.
const extensionName = "SisoLimits"

// Extension is the gqlgen handler extension that enforces the limits:
//
//   - before parsing (MutateOperationParameters) it refuses query text longer
//     than MaxQueryBytes with BAD_USER_INPUT;
//   - after validation and before any resolver (MutateOperationContext) it
//     measures the operation ([Analyze]), refuses it with
//     COST_LIMIT_EXCEEDED when the depth, root fields, aliases or cost exceed
//     their limits, and otherwise charges the cost to the client's budget,
//     refusing it with RATE_LIMITED when the budget is exhausted;
//   - on the way out (InterceptResponse) it adds `extensions.cost` =
//     {requested, maxCost, remainingBudget} to the response of every operation
//     it measured, refused or not.
//
// Add it with srv.Use(ext). Its state (the client budgets) belongs to the
// value, and it is safe for concurrent use.
type Extension struct {
	cfg     Config
	now     func() time.Time
	key     func(context.Context) string
	budgets *budgets
	// shared, when set (Share), exchanges the budgets' spending with the
	// other processes.
	shared *shared
}

var (
	_ graphql.HandlerExtension          = (*Extension)(nil)
	_ graphql.OperationParameterMutator = (*Extension)(nil)
	_ graphql.OperationContextMutator   = (*Extension)(nil)
	_ graphql.ResponseInterceptor       = (*Extension)(nil)
)

// New returns an Extension enforcing cfg (zero fields mean their defaults;
// an invalid cfg makes Validate, hence gqlgen's srv.Use, fail). clock tells
// the time for the budgets (nil means time.Now). keyFunc names the client
// an operation is charged to, such as "op:12" for an operator or "client:5"
// for an API client; "" (or a nil keyFunc) charges [AnonymousKey], a budget
// that all such callers share.
func New(cfg Config, clock func() time.Time, keyFunc func(ctx context.Context) string) *Extension {
	cfg = cfg.withDefaults()
	if clock == nil {
		clock = time.Now
	}
	return &Extension{
		cfg:     cfg,
		now:     clock,
		key:     keyFunc,
		budgets: newBudgets(cfg.BudgetPerMinute, cfg.MaxClients),
	}
}

// Config returns the limits in force, defaults filled in.
func (e *Extension) Config() Config { return e.cfg }

// ExtensionName implements graphql.HandlerExtension.
func (e *Extension) ExtensionName() string { return extensionName }

// Validate implements graphql.HandlerExtension: it reports an invalid
// configuration.
func (e *Extension) Validate(graphql.ExecutableSchema) error { return e.cfg.Validate() }

// CheckQueryLength refuses query text longer than MaxQueryBytes with a
// BAD_USER_INPUT error; it returns nil for text within the limit.
func (e *Extension) CheckQueryLength(query string) *gqlerror.Error {
	if len(query) <= e.cfg.MaxQueryBytes {
		return nil
	}
	return &gqlerror.Error{
		Message: fmt.Sprintf("query text larger than %d bytes", e.cfg.MaxQueryBytes),
		Extensions: map[string]any{
			"code":          string(apperr.BadUserInput),
			"maxQueryBytes": e.cfg.MaxQueryBytes,
		},
	}
}

// MutateOperationParameters implements graphql.OperationParameterMutator:
// gqlgen calls it before parsing the query text.
func (e *Extension) MutateOperationParameters(_ context.Context, params *graphql.RawParams) *gqlerror.Error {
	return e.CheckQueryLength(params.Query)
}

// MutateOperationContext implements graphql.OperationContextMutator: gqlgen
// calls it after parsing, validating and coercing the variables, and runs no
// resolver when it returns an error.
func (e *Extension) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	a := Analyze(oc.Doc, oc.Operation, oc.Variables, e.cfg)
	key := e.clientKey(ctx)
	now := e.now()
	report := &Report{Requested: a.Cost, MaxCost: e.cfg.MaxCost}
	oc.Stats.SetExtension(extensionName, report)
	if err := e.check(a); err != nil {
		report.RemainingBudget = e.budgets.remaining(key, now)
		return err
	}
	remaining, retryAfter, ok := e.budgets.charge(key, a.Cost, now)
	e.maybeExchange(now)
	report.RemainingBudget = remaining
	if !ok {
		return &gqlerror.Error{
			Message: fmt.Sprintf("cost budget exhausted: the operation costs %d and %d of %d units per minute are left; retry in %d seconds",
				a.Cost, remaining, e.cfg.BudgetPerMinute, retryAfter),
			Extensions: map[string]any{
				"code":              string(apperr.RateLimited),
				"retryAfterSeconds": retryAfter,
				"cost":              a.Cost,
				"remainingBudget":   remaining,
				"budgetPerMinute":   e.cfg.BudgetPerMinute,
			},
		}
	}
	return nil
}

// check returns the error for the first limit a exceeds, or nil.
func (e *Extension) check(a Analysis) *gqlerror.Error {
	c := e.cfg
	switch {
	case a.Depth > c.MaxDepth:
		return costError(fmt.Sprintf("query depth %d exceeds the limit of %d", a.Depth, c.MaxDepth),
			"depth", map[string]any{"depth": a.Depth, "maxDepth": c.MaxDepth})
	case a.RootFields > c.MaxRootFields:
		return costError(fmt.Sprintf("query selects %d root fields; at most %d are allowed", a.RootFields, c.MaxRootFields),
			"rootFields", map[string]any{"rootFields": a.RootFields, "maxRootFields": c.MaxRootFields})
	case a.Aliases > c.MaxAliases:
		return costError(fmt.Sprintf("query uses %d aliases; at most %d are allowed", a.Aliases, c.MaxAliases),
			"aliases", map[string]any{"aliases": a.Aliases, "maxAliases": c.MaxAliases})
	case a.Cost > c.MaxCost:
		return costError(fmt.Sprintf("query cost %d exceeds the limit of %d; ask for smaller pages (first/last) or fewer nested lists", a.Cost, c.MaxCost),
			"cost", map[string]any{"cost": a.Cost, "maxCost": c.MaxCost})
	}
	return nil
}

func costError(msg, limit string, ext map[string]any) *gqlerror.Error {
	ext["code"] = string(apperr.CostLimitExceeded)
	ext["limit"] = limit
	return &gqlerror.Error{Message: msg, Extensions: ext}
}

func (e *Extension) clientKey(ctx context.Context) string {
	if e.key != nil {
		if k := e.key(ctx); k != "" {
			return k
		}
	}
	return AnonymousKey
}

// InterceptResponse implements graphql.ResponseInterceptor: it adds
// `extensions.cost` to the response of an operation the extension measured.
func (e *Extension) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	if resp == nil {
		return nil
	}
	if r, ok := ReportFrom(ctx); ok {
		if resp.Extensions == nil {
			resp.Extensions = map[string]any{}
		}
		resp.Extensions["cost"] = r
	}
	return resp
}

// Report is what `extensions.cost` of a response says.
type Report struct {
	// Requested is the static cost of the operation.
	Requested int `json:"requested"`
	// MaxCost is the cost limit of one operation.
	MaxCost int `json:"maxCost"`
	// RemainingBudget is what is left of the client's budget after the
	// operation was charged (or, when it was refused, without charging it).
	RemainingBudget int `json:"remainingBudget"`
}

// ReportFrom returns the cost report of the operation ctx belongs to, for
// logs and metrics; ok is false when no Extension measured it (for example
// when its text did not parse).
func ReportFrom(ctx context.Context) (r Report, ok bool) {
	if !graphql.HasOperationContext(ctx) {
		return Report{}, false
	}
	p, ok := graphql.GetOperationContext(ctx).Stats.GetExtension(extensionName).(*Report)
	if !ok || p == nil {
		return Report{}, false
	}
	return *p, true
}
