package httpapi_test

import (
	"context"
	"testing"

	"github.com/siso-project/siso/internal/testenv"
)

const coverageQ = `query($f: MonitoringFilter!){ coverage(filter:$f){ uncoveredAfterDays
	byArea { area { code } needsExpressed answered answeredLate pending uncovered suppressed }
	uncovered(first: 100) { totalCount edges { node { citizen { id } need { code } daysWaiting } } } } }`

const overlapsQ = `query($f: MonitoringFilter!){ overlaps(filter:$f){
	summary { zone { code } area { code } people interventions amountCents suppressed }
	items(first: 100) { totalCount edges { node { citizen { id } area { code } interventions { id } organizations { name } amountCents } } } } }`

type coverageData struct {
	Coverage struct {
		ByArea []struct {
			Area                                   struct{ Code string }
			NeedsExpressed, Answered, AnsweredLate *int
			Pending, Uncovered                     *int
			Suppressed                             bool
		}
		Uncovered struct {
			TotalCount int
			Edges      []struct {
				Node struct{ Citizen *struct{ ID string } }
			}
		}
	}
}

type overlapsData struct {
	Overlaps struct {
		Summary []struct {
			People, Interventions *int
			AmountCents           *float64
			Suppressed            bool
		}
		Items struct {
			TotalCount int
			Edges      []struct {
				Node struct {
					Citizen       *struct{ ID string }
					Interventions []struct{ ID string }
					Organizations []struct{ Name string }
				}
			}
		}
	}
}

// Coverage and overlaps find what the demo data plants, within the viewer's scope.
func TestCoverageAndOverlapsWithinScope(t *testing.T) {
	env := testenv.New(t)
	period := map[string]any{"f": map[string]any{"from": "2025-11-20", "to": "2026-11-20"}}
	worker := env.SignIn("as.perugia")

	var cov coverageData
	mustOK(t, "coverage", worker.Do(coverageQ, period)).Decode(t, &cov)
	if cov.Coverage.Uncovered.TotalCount == 0 {
		t.Fatal("no uncovered need in zone 2")
	}
	for _, a := range cov.Coverage.ByArea {
		if a.Suppressed {
			continue
		}
		// Each figure is rounded to a multiple of 5 (monitoring_rounding.go),
		// so the four outcomes add up to the needs within the roundings.
		if d := *a.Answered + *a.AnsweredLate + *a.Pending + *a.Uncovered - *a.NeedsExpressed; d <= -25 || d >= 25 {
			t.Errorf("area %s does not add up: %+v", a.Area.Code, a)
		}
	}
	var ids []int64
	for _, e := range cov.Coverage.Uncovered.Edges {
		if e.Node.Citizen == nil {
			t.Fatal("an uncovered need whose citizen the viewer cannot read")
		}
		ids = append(ids, dbID(t, e.Node.Citizen.ID))
	}
	for id, zones := range zonesOf(t, env, ids) {
		if !containsInt(zones, 2) {
			t.Errorf("citizen %d of zones %v listed to a zone-2 social worker", id, zones)
		}
	}

	var ov overlapsData
	mustOK(t, "overlaps", worker.Do(overlapsQ, period)).Decode(t, &ov)
	if ov.Overlaps.Items.TotalCount == 0 {
		t.Fatal("the planted double funding in zone 2 is not found")
	}
	var want int
	if err := env.DB.NewRaw(`SELECT count(DISTINCT a.citizen_id) FROM intervention a JOIN intervention b
		ON a.citizen_id = b.citizen_id AND a.id < b.id
		JOIN intervention_type ta ON ta.code = a.type_code JOIN intervention_type tb ON tb.code = b.type_code AND tb.area_code = ta.area_code
		WHERE a.status IN ('AUTHORIZED','ACTIVE','CLOSED') AND b.status IN ('AUTHORIZED','ACTIVE','CLOSED')
		  AND coalesce(a.provider_organization_id, -a.zone_id) <> coalesce(b.provider_organization_id, -b.zone_id)
		  AND a.start_date <= coalesce(b.end_date, 'infinity') AND b.start_date <= coalesce(a.end_date, 'infinity')
		  AND greatest(a.start_date, b.start_date) <= '2026-11-20' AND least(coalesce(a.end_date, 'infinity'), coalesce(b.end_date, 'infinity')) >= '2025-11-20'
		  AND (a.zone_id = 2 OR b.zone_id = 2)`).Scan(context.Background(), &want); err != nil {
		t.Fatal(err)
	}
	if want == 0 || ov.Overlaps.Items.TotalCount > want {
		t.Errorf("overlaps in zone 2: %d listed, at most %d exist", ov.Overlaps.Items.TotalCount, want)
	}
	for _, e := range ov.Overlaps.Items.Edges {
		if len(e.Node.Interventions) < 2 || len(e.Node.Organizations) < 2 {
			t.Errorf("an overlap with %d interventions from %d organizations", len(e.Node.Interventions), len(e.Node.Organizations))
		}
	}

	// Terni's social worker sees none of zone 2's; the analyst sees aggregates and no one.
	var terni overlapsData
	mustOK(t, "overlaps as.terni", env.SignIn("as.terni").Do(overlapsQ, period)).Decode(t, &terni)
	for _, e := range terni.Overlaps.Items.Edges {
		for _, o := range ov.Overlaps.Items.Edges {
			if e.Node.Citizen != nil && o.Node.Citizen != nil && e.Node.Citizen.ID == o.Node.Citizen.ID {
				t.Errorf("as.terni sees zone 2's overlap of %s", e.Node.Citizen.ID)
			}
		}
	}
	// The analyst's region-wide summary: a suppressed cell carries no number (null, never 0), the
	// others all of theirs.
	var region overlapsData
	mustOK(t, "overlaps as the analyst", env.SignIn("regione").Do(overlapsQ, period)).Decode(t, &region)
	suppressed := 0
	for _, c := range region.Overlaps.Summary {
		if c.Suppressed {
			suppressed++
			if c.People != nil || c.Interventions != nil || c.AmountCents != nil {
				t.Errorf("a suppressed overlap cell shows numbers: %+v", c)
			}
		} else if c.People == nil || *c.People < 5 || c.Interventions == nil || c.AmountCents == nil {
			t.Errorf("an overlap cell that is not suppressed: %+v", c)
		}
	}
	if suppressed == 0 {
		t.Error("the demo data has no suppressed overlap cell to check")
	}
	var analyst coverageData
	mustOK(t, "coverage as the analyst", env.SignIn("regione").Do(coverageQ, period)).Decode(t, &analyst)
	if analyst.Coverage.Uncovered.TotalCount != 0 || len(analyst.Coverage.ByArea) == 0 {
		t.Errorf("the analyst: %d names listed, %d areas", analyst.Coverage.Uncovered.TotalCount, len(analyst.Coverage.ByArea))
	}
	// A front desk and a provider do not monitor.
	for _, u := range []string{"sportello.perugia", "coop.perugia"} {
		if r := env.SignIn(u).Do(coverageQ, period); !containsCode(r, "FORBIDDEN") {
			t.Errorf("%s read coverage: %s", u, r.Data)
		}
	}
}

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
