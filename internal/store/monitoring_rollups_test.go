package store_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/siso-project/siso/internal/audit"
	"github.com/siso-project/siso/internal/authz"
	"github.com/siso-project/siso/internal/care"
	"github.com/siso-project/siso/internal/store"
)

// The rollups of migration 0008 must give the answers of the raw rows
// (the *Exact functions, the SQL the dashboards ran before) after any
// series of writes, and rebuild_monitoring_rollups() must reproduce what
// the triggers maintained.

// checkRollups compares every dashboard answer computed from the rollups
// with the same answer computed from the raw rows, at now.
// Unless inPast (now is before some of the data), coverage must come from
// the rollups.
func (m *monitor) checkRollups(step string, now time.Time, full bool, inPast ...bool) {
	m.t.Helper()
	ctx := context.Background()
	day := func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }
	today := day(now.In(romeLocation))
	periods := [][2]time.Time{
		{time.Date(today.Year(), 1, 1, 0, 0, 0, 0, time.UTC), today}, // the dashboard's default
		{today.AddDate(0, -5, -3), today.AddDate(0, -1, 9)},          // partial months at both ends, in the past
		{today.AddDate(0, 0, -20), today.AddDate(0, 0, -1)},          // short, maybe within a month
	}
	zoneSets := [][]int{nil, {2}, {6}}
	if full {
		periods = append(periods, [2]time.Time{today.AddDate(-1, 0, 0), today},
			[2]time.Time{day(demoNow).AddDate(0, -7, 0), day(demoNow).AddDate(0, 2, 0)})
		zoneSets = append(zoneSets, []int{2, 10}, []int{})
	}

	// Statistics, by every grouping the rollups keep and one they do not.
	groupings := [][]string{nil, {"ZONE"}, {"MONTH"}, {"USER_AREA"}, {"ZONE", "MONTH"}, {"MONTH", "USER_AREA"},
		{"USER_AREA", "ZONE"}, {"ZONE", "USER_AREA", "MONTH"}, {"SEX", "MONTH"}}
	fast := 0
	for _, p := range periods {
		for _, zones := range zoneSets {
			for _, g := range groupings {
				q := store.StatsQuery{ZoneIDs: zones, From: p[0], To: p[1], GroupBy: g}
				wantCells, wantTotal, err := m.s.StatisticsExact(ctx, q)
				if err != nil {
					m.t.Fatalf("%s: exact statistics %+v: %v", step, q, err)
				}
				gotCells, gotTotal, ok, err := m.s.StatisticsFromRollups(ctx, q)
				if err != nil {
					m.t.Fatalf("%s: statistics from rollups %+v: %v", step, q, err)
				}
				if !ok {
					continue
				}
				fast++
				if !reflect.DeepEqual(gotTotal, wantTotal) {
					m.t.Errorf("%s: statistics %v %v %v: total %s, raw rows %s", step, zones, g, p, cellString(gotTotal), cellString(wantTotal))
				}
				if d := cellsDiff(gotCells, wantCells); d != "" {
					m.t.Errorf("%s: statistics %v %v %v: %s", step, zones, g, p, d)
				}
			}
		}
	}
	if fast == 0 {
		m.t.Errorf("%s: no statistics answered from the rollups", step)
	}

	// Coverage: the areas, and the whole list of a zone-2 social worker.
	as := m.viewer("as.perugia")
	for _, p := range periods {
		for _, zones := range zoneSets {
			for _, days := range []int{30, 7, 365} {
				q := store.CoverageQuery{ZoneIDs: zones, From: p[0], To: p[1], UncoveredAfterDays: days, Now: now}
				apply, err := m.s.CoverageRollupsApply(ctx, q)
				if err != nil {
					m.t.Fatal(err)
				}
				if !apply && len(zones) <= 1 && len(inPast) == 0 {
					m.t.Errorf("%s: coverage %v %v not from the rollups", step, zones, p)
				}
				got, err := m.s.CoverageByArea(ctx, q)
				if err != nil {
					m.t.Fatal(err)
				}
				want, err := m.s.CoverageByAreaExact(ctx, q)
				if err != nil {
					m.t.Fatal(err)
				}
				if !reflect.DeepEqual(got, want) && !(len(got) == 0 && len(want) == 0) {
					m.t.Errorf("%s: coverage %v %v %d days:\n rollups %+v\n raw     %+v", step, zones, p, days, got, want)
				}
			}
			q := store.CoverageQuery{ZoneIDs: zones, From: p[0], To: p[1], Now: now}
			if zones != nil && len(zones) == 1 {
				m.compareUncovered(step, as, q, 0)
			}
		}
	}
	m.compareUncovered(step, m.regionalManager(), store.CoverageQuery{From: periods[0][0], To: periods[0][1], Now: now}, 2)

	// Overlaps: summaries and every item.
	for _, p := range periods {
		for _, zones := range zoneSets {
			for _, by := range []string{"AREA", "TYPE"} {
				for _, across := range []bool{false, true} {
					q := store.OverlapQuery{ZoneIDs: zones, From: p[0], To: p[1], By: by, AcrossZones: across}
					got, err := m.s.OverlapSummaries(ctx, q)
					if err != nil {
						m.t.Fatal(err)
					}
					want, err := m.s.OverlapSummariesExact(ctx, q)
					if err != nil {
						m.t.Fatal(err)
					}
					if !reflect.DeepEqual(got, want) && !(len(got) == 0 && len(want) == 0) {
						m.t.Errorf("%s: overlap summary %+v:\n rollups %+v\n raw     %+v", step, q, got, want)
					}
				}
				q := store.OverlapQuery{ZoneIDs: zones, From: p[0], To: p[1], By: by}
				got := m.allOverlapItems(m.regionalManager(), q, false)
				want := m.allOverlapItems(m.regionalManager(), q, true)
				if !reflect.DeepEqual(got, want) {
					m.t.Errorf("%s: overlap items %+v:\n rollups %v\n raw     %v", step, q, got, want)
				}
			}
		}
	}
}

var romeLocation = func() *time.Location {
	l, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		panic(err)
	}
	return l
}()

// compareUncovered pages through v's uncovered needs of q both ways.
// (the first pages only when pages > 0).
func (m *monitor) compareUncovered(step string, v *authz.Viewer, q store.CoverageQuery, pages int) {
	m.t.Helper()
	ctx := context.Background()
	list := func(exact bool) ([]string, int) {
		var out []string
		total := -1
		pg := store.Page{Limit: 100}
		for n := 1; ; n++ {
			var c *store.Conn[store.UncoveredNeed]
			var err error
			if exact {
				c, err = m.s.UncoveredNeedsExact(ctx, v, q, pg)
			} else {
				c, err = m.s.UncoveredNeeds(ctx, v, q, pg)
			}
			if err != nil {
				m.t.Fatal(err)
			}
			if total == -1 {
				total = c.TotalCount
			}
			for _, r := range c.Rows {
				out = append(out, fmt.Sprintf("%d/%d/%s/%s/%d/%d/%s/%d/%d/%s", r.ID, r.CitizenID, r.NeedCode, r.AreaCode, r.ZoneID,
					r.OfficeID, r.OutcomeCode, r.DaysWaiting, r.Rel, r.AccessOccurredAt.UTC().Format(time.RFC3339Nano)))
			}
			if !c.HasNext || n == pages {
				return out, total
			}
			pg.Cursor = store.Cursor(&c.Rows[len(c.Rows)-1].RowMeta)
		}
	}
	got, gotTotal := list(false)
	want, wantTotal := list(true)
	if gotTotal != wantTotal || !reflect.DeepEqual(got, want) {
		m.t.Errorf("%s: uncovered needs %v %s..%s: %d rows (total %d) from the rollups, %d (total %d) from the raw rows",
			step, q.ZoneIDs, q.From.Format(time.DateOnly), q.To.Format(time.DateOnly), len(got), gotTotal, len(want), wantTotal)
	}
	// Backwards from the end gives the same last page.
	if len(got) > 3 {
		c, err := m.s.UncoveredNeeds(ctx, v, q, store.Page{Limit: 3, Backward: true})
		if err != nil {
			m.t.Fatal(err)
		}
		e, err := m.s.UncoveredNeedsExact(ctx, v, q, store.Page{Limit: 3, Backward: true})
		if err != nil {
			m.t.Fatal(err)
		}
		if len(c.Rows) != len(e.Rows) || c.HasPrevious != e.HasPrevious || c.HasNext != e.HasNext {
			m.t.Errorf("%s: last page: %d rows (previous %v next %v), raw rows %d (%v %v)", step, len(c.Rows), c.HasPrevious, c.HasNext,
				len(e.Rows), e.HasPrevious, e.HasNext)
		}
		for i := range min(len(c.Rows), len(e.Rows)) {
			if c.Rows[i].ID != e.Rows[i].ID {
				m.t.Errorf("%s: last page row %d: %d, raw rows %d", step, i, c.Rows[i].ID, e.Rows[i].ID)
			}
		}
	}
}

func (m *monitor) allOverlapItems(v *authz.Viewer, q store.OverlapQuery, exact bool) []string {
	m.t.Helper()
	var out []string
	pg := store.Page{Limit: 7}
	for {
		var c *store.Conn[store.OverlapItem]
		var err error
		if exact {
			c, err = m.s.OverlapItemsExact(context.Background(), v, q, pg)
		} else {
			c, err = m.s.OverlapItems(context.Background(), v, q, pg)
		}
		if err != nil {
			m.t.Fatal(err)
		}
		for _, it := range c.Rows {
			out = append(out, fmt.Sprintf("%d/%d/%s/%s/%v/%v/%v/%v/%s/%s/%d/%d/%d/%d", it.ID, it.CitizenID, it.AreaCode, it.TypeCode,
				it.TypeCodes, it.InterventionIDs, it.OrganizationIDs, it.ZoneIDs, it.OverlapFrom.Format(time.DateOnly),
				it.OverlapTo.Format(time.DateOnly), it.AmountCents, it.Interventions, it.Rel, it.TotalCount))
		}
		if !c.HasNext {
			return out
		}
		pg.Cursor = store.Cursor(&c.Rows[len(c.Rows)-1].RowMeta)
	}
}

func cellString(c *store.StatsCell) string {
	if c == nil {
		return "<nil>"
	}
	s := func(p *string) string {
		if p == nil {
			return "-"
		}
		return *p
	}
	z := "-"
	if c.ZoneID != nil {
		z = fmt.Sprint(*c.ZoneID)
	}
	return fmt.Sprintf("{zone %s area %s month %s sex %s: people %d accesses %d cases %d interventions %d amount %.0f suppressed %v}",
		z, s(c.AreaCode), s(c.Month), s(c.Sex), c.People, c.Accesses, c.Cases, c.Interventions, c.AmountCents, c.Suppressed)
}

func cellsDiff(got, want []*store.StatsCell) string {
	var b strings.Builder
	n := max(len(got), len(want))
	for i := range n {
		var g, w *store.StatsCell
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if !reflect.DeepEqual(g, w) {
			fmt.Fprintf(&b, "\n cell %d: rollups %s, raw rows %s", i, cellString(g), cellString(w))
			if b.Len() > 3000 {
				break
			}
		}
	}
	return b.String()
}

// snapshotRollups returns the monitoring tables' contents as text, the
// rollup rows that net to zero and the subjects without anything left out.
func (m *monitor) snapshotRollups() map[string][]string {
	m.t.Helper()
	out := map[string][]string{}
	for name, q := range map[string]string{
		"mon_rollup":       `SELECT t::text FROM mon_rollup t WHERE n <> 0 OR amount <> 0 ORDER BY 1`,
		"mon_need":         `SELECT t::text FROM mon_need t ORDER BY 1`,
		"mon_subject":      `SELECT t::text FROM mon_subject t WHERE facts <> '{}' ORDER BY 1`,
		"mon_overlap_pair": `SELECT t::text FROM mon_overlap_pair t ORDER BY 1`,
		"mon_dirty":        `SELECT t::text FROM mon_dirty t ORDER BY 1`,
	} {
		var rows []string
		if err := m.db.NewRaw(q).Scan(context.Background(), &rows); err != nil {
			m.t.Fatal(err)
		}
		out[name] = rows
	}
	return out
}

func (m *monitor) checkRebuild(step string) {
	m.t.Helper()
	before := m.snapshotRollups()
	if _, err := m.db.ExecContext(context.Background(), `SELECT rebuild_monitoring_rollups()`); err != nil {
		m.t.Fatal(err)
	}
	after := m.snapshotRollups()
	for name, rows := range before {
		if !reflect.DeepEqual(rows, after[name]) {
			m.t.Errorf("%s: %s kept by the triggers (%d rows) differs from its rebuild (%d rows)", step, name, len(rows), len(after[name]))
			diff := 0
			seen := map[string]bool{}
			for _, r := range after[name] {
				seen[r] = true
			}
			for _, r := range rows {
				if !seen[r] && diff < 5 {
					m.t.Logf("  only kept: %s", r)
					diff++
				}
			}
		}
	}
	if len(before["mon_rollup"]) == 0 || len(before["mon_need"]) == 0 {
		m.t.Errorf("%s: empty rollups", step)
	}
}

func TestMonitoringRollupsFollowWrites(t *testing.T) {
	t.Parallel()
	m := newMonitor(t)
	ctx := context.Background()
	m.checkRollups("demo data", demoNow, true)
	m.checkRebuild("demo data")

	svc := &care.Service{DB: m.db}
	as := func(username string) context.Context { return authz.WithViewer(ctx, m.viewer(username)) }
	office := func(username string) int64 {
		return m.int(`SELECT oo.office_id FROM operator_office oo JOIN operator o ON o.id = oo.operator_id
			WHERE o.username = ? ORDER BY oo.office_id LIMIT 1`, username)
	}
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	desk, worker := office("sportello.perugia"), office("as.perugia")
	// Two zone-2 residents, one of them with a case already.
	a := m.int(`SELECT c.id FROM citizen c WHERE c.residence_zone_id = 2 AND c.fiscal_code IS NOT NULL
		AND NOT EXISTS (SELECT 1 FROM care_case k WHERE k.citizen_id = c.id) ORDER BY c.id LIMIT 1`)
	b := m.int(`SELECT c.id FROM citizen c WHERE c.residence_zone_id = 2 AND c.fiscal_code IS NOT NULL
		AND NOT EXISTS (SELECT 1 FROM care_case k WHERE k.citizen_id = c.id) ORDER BY c.id DESC LIMIT 1`)
	weeksAgo := time.Now().Add(-45 * 24 * time.Hour)

	// Accesses: two needs of two areas, one of them heard weeks ago, one anonymous.
	accA, err := svc.RegisterAccess(as("sportello.perugia"), care.RegisterAccessArgs{CitizenID: a, OfficeID: desk, Channel: "IN_PERSON",
		Needs: []care.NeedArgs{{Code: "EL_HOME_CARE"}, {Code: "PV_INCOME"}}, Outcome: "CARE_PROPOSAL"})
	must("access of a", err)
	accB, err := svc.RegisterAccess(as("sportello.perugia"), care.RegisterAccessArgs{CitizenID: b, OfficeID: desk, Channel: "PHONE",
		OccurredAt: &weeksAgo, Needs: []care.NeedArgs{{Code: "EL_HOME_CARE"}}, Outcome: "INFORMATION"})
	must("access of b", err)
	_, err = svc.RegisterAccess(as("sportello.perugia"), care.RegisterAccessArgs{Anonymous: true, OfficeID: desk, Channel: "PHONE",
		Needs: []care.NeedArgs{{Code: "PV_INCOME"}}, Outcome: "INFORMATION"})
	must("anonymous access", err)
	m.checkRollups("accesses", time.Now(), false)

	// b's need is answered late by a case, then an intervention runs and closes.
	caseB, err := svc.OpenCase(as("as.perugia"), care.OpenCaseArgs{CitizenID: b, OfficeID: worker, UserArea: "ELDERLY", SourceAccessID: accB})
	must("open case", err)
	typeCode := ""
	if err := m.db.NewRaw(`SELECT code FROM intervention_type WHERE area_code = 'ELDERLY' ORDER BY sort, code LIMIT 1`).Scan(ctx, &typeCode); err != nil {
		t.Fatal(err)
	}
	start := time.Now().AddDate(0, 0, -3)
	iv, err := svc.RequestIntervention(as("as.perugia"), care.RequestInterventionArgs{CaseID: caseB, TypeCode: typeCode,
		StartDate: start, AmountCents: 123456})
	must("request intervention", err)
	must("authorize", svc.AuthorizeIntervention(as("resp.perugia"), iv, int(m.int(`SELECT version FROM intervention WHERE id = ?`, iv)), true, "ok"))
	coop := m.int(`SELECT organization_id FROM operator WHERE username = 'coop.perugia'`)
	iv2, err := svc.RequestIntervention(as("as.perugia"), care.RequestInterventionArgs{CaseID: caseB, TypeCode: typeCode,
		ProviderOrganizationID: coop, StartDate: start, AmountCents: 5000})
	must("second intervention", err)
	must("authorize the second", svc.AuthorizeIntervention(as("resp.perugia"), iv2, int(m.int(`SELECT version FROM intervention WHERE id = ?`, iv2)), true, "ok"))
	m.checkRollups("case and interventions", time.Now(), false)

	// a is referred from the access, the referral rejected; a moves to another zone.
	ref, err := svc.CreateReferral(as("sportello.perugia"), care.CreateReferralArgs{CitizenID: a, FromOfficeID: desk,
		ToOfficeID: worker, ToOrganizationID: m.int(`SELECT organization_id FROM office WHERE id = ?`, worker),
		Reason: "Valutazione", AccessID: accA})
	must("referral", err)
	m.checkRollups("referral", time.Now(), false)
	must("reject", svc.AnswerReferral(as("as.perugia"), ref, int(m.int(`SELECT version FROM referral WHERE id = ?`, ref)), "REJECTED", "Non di competenza"))
	terni := "055032"
	must("move", svc.UpdateCitizen(as("sportello.perugia"), care.UpdateCitizenArgs{ID: a, Version: int(m.int(`SELECT version FROM citizen WHERE id = ?`, a)),
		Residence: &care.AddressArgs{MunicipalityIstatCode: &terni}}))
	must("close intervention", svc.CloseIntervention(as("as.perugia"), iv, int(m.int(`SELECT version FROM intervention WHERE id = ?`, iv)), nil, "Concluso"))
	must("close case", svc.CloseCase(as("as.perugia"), caseB, int(m.int(`SELECT version FROM care_case WHERE id = ?`, caseB)), "GOALS_REACHED", ""))
	m.checkRollups("rejection, move, closures", time.Now(), false)

	// Raw edits: a need removed, an access moved to another day and zone,
	// an intervention deleted, free text cleared (as the retention does).
	for _, q := range []string{
		`DELETE FROM access_need WHERE access_id = ` + fmt.Sprint(accA) + ` AND need_code = 'PV_INCOME'`,
		`UPDATE access SET occurred_at = occurred_at - interval '40 days', zone_id = 3 WHERE id = ` + fmt.Sprint(accA),
		`DELETE FROM intervention WHERE id = ` + fmt.Sprint(iv2),
		`UPDATE access SET notes = NULL WHERE zone_id = 2`,
	} {
		if _, err := m.db.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	res, err := audit.Pseudonymize(ctx, m.db, demoNow.AddDate(0, -3, 0), false, audit.WithKey([]byte("monitoring-test-key-0123")))
	must("pseudonymize", err)
	t.Logf("pseudonymized %+v", res)
	m.checkRollups("raw edits and retention", time.Now(), true)
	m.checkRollups("raw edits and retention, at the demo's now", demoNow, false, true)
	m.checkRebuild("after the writes")
}

// Concurrent writes for the same citizens and days never lose a
// contribution nor deadlock.
func TestMonitoringRollupsUnderConcurrentWrites(t *testing.T) {
	t.Parallel()
	m := newMonitor(t)
	ctx := context.Background()
	svc := &care.Service{DB: m.db}
	v := m.viewer("sportello.perugia")
	desk := m.int(`SELECT oo.office_id FROM operator_office oo WHERE oo.operator_id = ? ORDER BY 1 LIMIT 1`, v.OperatorID)
	var citizens []int64
	if err := m.db.NewRaw(`SELECT id FROM citizen WHERE residence_zone_id = 2 ORDER BY id LIMIT 4`).Scan(ctx, &citizens); err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 64)
	for w := range 8 {
		go func() {
			var err error
			for i := range 6 {
				c := citizens[(w+i)%len(citizens)]
				_, e := svc.RegisterAccess(authz.WithViewer(ctx, v), care.RegisterAccessArgs{CitizenID: c, OfficeID: desk, Channel: "IN_PERSON",
					Needs: []care.NeedArgs{{Code: "EL_HOME_CARE"}, {Code: "PV_INCOME"}}, Outcome: "INFORMATION"})
				if e != nil && err == nil {
					err = e
				}
			}
			errs <- err
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	m.checkRollups("concurrent accesses", time.Now(), false)
	m.checkRebuild("concurrent accesses")
}
