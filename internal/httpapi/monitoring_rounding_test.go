package httpapi_test

import (
	"context"
	"testing"

	"github.com/siso-project/siso/internal/store"
	"github.com/siso-project/siso/internal/testenv"
)

// TestCoverageAndOverlapsCannotBeDifferenced: the analyst asks coverage and
// overlaps for every zone pooled and then for each zone. Were the figures
// exact, the pooled cell minus the published zones under it would give a
// suppressed zone's count; every published figure is a multiple of the
// rounding base (amounts of theirs), so any such difference is one too,
// never the 1 to 4 people a suppressed cell stands for. The same cell asked
// again gives the same figures.
func TestCoverageAndOverlapsCannotBeDifferenced(t *testing.T) {
	env := testenv.New(t)
	analyst := env.SignIn("regione")
	var zones []string
	if err := env.DB.NewRaw(`SELECT code FROM zone ORDER BY code`).Scan(context.Background(), &zones); err != nil {
		t.Fatal(err)
	}
	const base, amountBase = store.RoundingBase, store.AmountRoundingBase
	multiple := func(what string, v *int, b int) {
		t.Helper()
		if v != nil && *v%b != 0 {
			t.Errorf("%s = %d is published, not a multiple of %d", what, *v, b)
		}
	}
	period := map[string]any{"from": "2025-11-20", "to": "2026-11-20"}
	filters := []map[string]any{period}
	for _, z := range zones {
		filters = append(filters, map[string]any{"from": period["from"], "to": period["to"], "zoneCode": z})
	}
	published := 0
	for _, f := range filters {
		vars := map[string]any{"f": f}
		var cov, again coverageData
		mustOK(t, "coverage", analyst.Do(coverageQ, vars)).Decode(t, &cov)
		mustOK(t, "coverage again", analyst.Do(coverageQ, vars)).Decode(t, &again)
		for i, a := range cov.Coverage.ByArea {
			if a.Suppressed {
				continue
			}
			published++
			zone, _ := f["zoneCode"].(string)
			where := "coverage " + a.Area.Code + " in zone " + zone
			for name, v := range map[string]*int{"needs": a.NeedsExpressed, "answered": a.Answered,
				"answeredLate": a.AnsweredLate, "pending": a.Pending, "uncovered": a.Uncovered} {
				multiple(where+" "+name, v, base)
			}
			if b := again.Coverage.ByArea[i]; *b.NeedsExpressed != *a.NeedsExpressed || *b.Uncovered != *a.Uncovered {
				t.Errorf("%s: %+v, then %+v", where, a, b)
			}
		}
		var ov overlapsData
		mustOK(t, "overlaps", analyst.Do(overlapsQ, vars)).Decode(t, &ov)
		for _, c := range ov.Overlaps.Summary {
			if c.Suppressed {
				continue
			}
			published++
			multiple("overlaps people", c.People, base)
			multiple("overlaps interventions", c.Interventions, base)
			if c.AmountCents != nil {
				cents := int(*c.AmountCents)
				multiple("overlaps amount", &cents, amountBase)
			}
		}
	}
	if published == 0 {
		t.Fatal("no published cell to check")
	}
}
