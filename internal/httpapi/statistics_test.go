package httpapi_test

import (
	"context"
	"testing"

	"github.com/siso-project/siso/internal/testenv"
)

const statsQ = `query($f: StatisticsFilter!, $g: [StatisticsDimension!]!){ statistics(filter:$f, groupBy:$g){
	suppressionThreshold totals { people accesses cases interventions suppressed }
	cells { zone { code } month sex people accesses cases interventions amountCents suppressed } } }`

type statsCell struct {
	Zone                                   *struct{ Code string }
	Month, Sex                             *string
	People, Accesses, Cases, Interventions *int
	AmountCents                            *float64
	Suppressed                             bool
}

// Rule 7: aggregates never point at a person.
func TestStatisticsSuppressSmallCells(t *testing.T) {
	env := testenv.New(t)
	vars := map[string]any{"f": map[string]any{"from": "2025-11-20", "to": "2026-11-20"}, "g": []string{"ZONE", "MONTH", "SEX"}}
	var d struct {
		Statistics struct {
			SuppressionThreshold int
			Totals               statsCell
			Cells                []statsCell
		}
	}
	mustOK(t, "statistics as the analyst", env.SignIn("regione").Do(statsQ, vars)).Decode(t, &d)
	s := d.Statistics
	if len(s.Cells) < 100 {
		t.Fatalf("only %d cells", len(s.Cells))
	}
	suppressed := 0
	zones := map[string]bool{}
	for _, c := range s.Cells {
		if c.Suppressed {
			suppressed++
			if c.People != nil || c.Accesses != nil || c.AmountCents != nil {
				t.Errorf("a suppressed cell shows counts: %+v", c)
			}
			continue
		}
		if c.People == nil || *c.People < s.SuppressionThreshold {
			t.Errorf("a cell with fewer than %d people is shown: %+v", s.SuppressionThreshold, c)
		}
		zones[c.Zone.Code] = true
	}
	if suppressed == 0 {
		t.Error("no cell was suppressed: the breakdown by zone, month and sex should have small cells")
	}
	if len(zones) != 12 {
		t.Errorf("the analyst sees %d zones", len(zones))
	}
	var people int
	if err := env.DB.NewRaw(`SELECT count(DISTINCT citizen_id) FROM (
		SELECT citizen_id FROM access WHERE occurred_at >= '2025-11-20' AND occurred_at < '2026-11-21'
		UNION ALL SELECT citizen_id FROM care_case WHERE opened_at >= '2025-11-20' AND opened_at < '2026-11-21'
		UNION ALL SELECT citizen_id FROM intervention WHERE status IN ('AUTHORIZED','ACTIVE','CLOSED')
			AND start_date <= '2026-11-20' AND (end_date IS NULL OR end_date >= '2025-11-20')) e`).Scan(context.Background(), &people); err != nil {
		t.Fatal(err)
	}
	// Published figures are rounded to multiples of 5 (README, Privacy).
	if p := s.Totals.People; p == nil || *p%5 != 0 || *p <= people-5 || *p >= people+5 {
		t.Errorf("totals.people = %v, want %d rounded to a multiple of 5", s.Totals.People, people)
	}

	// A zone manager sees the zone managed, and no other.
	manager := env.SignIn("resp.perugia")
	mustOK(t, "statistics as the zone manager", manager.Do(statsQ, vars)).Decode(t, &d)
	for _, c := range d.Statistics.Cells {
		if c.Zone != nil && c.Zone.Code != "2" {
			t.Fatalf("the zone-2 manager sees zone %s", c.Zone.Code)
		}
	}
	other := map[string]any{"f": map[string]any{"from": "2025-11-20", "to": "2026-11-20", "zoneCode": "10"}, "g": []string{"ZONE"}}
	if r := manager.Do(statsQ, other); len(r.Errors) == 0 || r.Errors[0].Code() != "FORBIDDEN" {
		t.Errorf("the zone-2 manager read zone 10: %+v", r.Errors)
	}
	// Social workers, the DPO and administrators get no aggregates.
	for _, u := range []string{"as.perugia", "dpo", "admin"} {
		if r := env.SignIn(u).Do(statsQ, vars); len(r.Errors) == 0 || r.Errors[0].Code() != "FORBIDDEN" {
			t.Errorf("%s read statistics: %+v", u, r.Errors)
		}
	}
}
