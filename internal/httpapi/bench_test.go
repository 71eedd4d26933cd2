package httpapi_test

import (
	"context"
	"testing"

	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/httpapi"
	"github.com/siso-project/siso/internal/limits"
	"github.com/siso-project/siso/internal/testenv"
)

// BenchmarkCitizenPage measures the citizen page query of DESIGN.md
// section 8 (citizen, household, 20 accesses, cases with teams, 20
// interventions with providers) on the demo data, as a social worker of the
// zone, through the whole HTTP and GraphQL stack, audit included.
func BenchmarkCitizenPage(b *testing.B) { benchCitizenPage(b, nil) }

// benchCitizenPage runs the benchmark with an extra query hook.
func benchCitizenPage(b *testing.B, hook bun.QueryHook) {
	env := testenv.New(b, httpapi.WithLimits(limits.Config{BudgetPerMinute: 1_000_000_000}))
	if hook != nil {
		env.DB.AddQueryHook(hook)
	}
	var id int64
	if err := env.DB.NewRaw(`SELECT c.id FROM citizen c JOIN care_case k ON k.citizen_id = c.id
		WHERE c.residence_zone_id = 2 AND NOT c.protected_address
		ORDER BY (SELECT count(*) FROM access a WHERE a.citizen_id = c.id) DESC LIMIT 1`).Scan(context.Background(), &id); err != nil {
		b.Fatal(err)
	}
	c := env.SignIn("as.perugia")
	const q = `query Cartella($id: ID!) { citizen(id: $id) {
		id fiscalCode firstName lastName birthDate residence { municipality { name } address } phone
		household { size members { id firstName lastName } }
		accesses(first: 20) { totalCount edges { node { occurredAt office { name } needs { category { labelIt } } outcome { labelIt } } } }
		cases(first: 10) { edges { node { id status userArea { labelIt } responsible { displayName } members { edges { node { role operator { displayName } } } } } } }
		interventions(first: 20) { edges { node { status type { labelIt } provider { name } startDate amountCents } } } } }`
	vars := map[string]any{"id": globalID("Citizen", id)}
	if r := c.Do(q, vars); len(r.Errors) > 0 {
		b.Fatal(r.Errors)
	}
	env.Queries.Reset()
	b.ResetTimer()
	for range b.N {
		if r := c.Do(q, vars); len(r.Errors) > 0 {
			b.Fatal(r.Errors)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(env.Queries.Count())/float64(b.N), "statements/op")
}
