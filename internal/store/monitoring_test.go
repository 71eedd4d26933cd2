package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/apperr"
	"github.com/siso-project/siso/internal/authz"
	"github.com/siso-project/siso/internal/store"
	"github.com/siso-project/siso/internal/testdb"
	"github.com/siso-project/siso/internal/testenv"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// monitor is a store over a fresh copy of the demo database.
type monitor struct {
	t  *testing.T
	db *bun.DB
	s  *store.Store
}

func newMonitor(t *testing.T) *monitor {
	t.Helper()
	db := testdb.New(t, testenv.Demo)
	return &monitor{t: t, db: db, s: store.New(db)}
}

func (m *monitor) operatorID(username string) int64 {
	m.t.Helper()
	var id int64
	if err := m.db.NewRaw("SELECT id FROM operator WHERE username = ?", username).Scan(context.Background(), &id); err != nil {
		m.t.Fatalf("operator %s: %v", username, err)
	}
	return id
}

func (m *monitor) viewer(username string) *authz.Viewer {
	m.t.Helper()
	v, err := m.s.Viewer(context.Background(), m.operatorID(username))
	if err != nil || v == nil {
		m.t.Fatalf("viewer %s: %v", username, err)
	}
	return v
}

// regionalManager is a synthetic viewer that manages every zone, so that
// every overlap and uncovered need exists for it.
func (m *monitor) regionalManager() *authz.Viewer {
	v := m.viewer("resp.perugia")
	v.Grants = []authz.RoleGrant{{Role: authz.RoleZoneManager}}
	return v
}

func (m *monitor) int(query string, args ...any) int64 {
	m.t.Helper()
	var n int64
	if err := m.db.NewRaw(query, args...).Scan(context.Background(), &n); err != nil {
		m.t.Fatalf("%s: %v", query, err)
	}
	return n
}

var (
	demoNow  = testenv.DemoNow
	yearFrom = testenv.DemoNow.AddDate(-1, 0, 0)
)

func yearCoverage(zones ...int) store.CoverageQuery {
	q := store.CoverageQuery{From: yearFrom, To: demoNow, Now: demoNow}
	if len(zones) > 0 {
		q.ZoneIDs = zones
	}
	return q
}

// independentCoverage restates the definition of coverage with one
// EXISTS per kind of answer, per area: needs, people, answered within 30
// days, and never answered after 30 days.
const independentCoverage = `
WITH need AS (
	SELECT a.id, a.citizen_id, a.occurred_at, nc.area_code FROM access a
	JOIN access_need n ON n.access_id = a.id JOIN need_category nc ON nc.code = n.need_code
	WHERE a.citizen_id IS NOT NULL AND a.occurred_at >= ?0::date AND a.occurred_at < ?1::date + 1
	  AND a.occurred_at <= ?2 AND (?3::int[] IS NULL OR a.zone_id = ANY(?3::int[]))
), judged AS (
	SELECT need.*, (
		EXISTS (SELECT 1 FROM care_case k WHERE k.citizen_id = need.citizen_id AND k.user_area_code = need.area_code
			AND k.status <> 'PROPOSED' AND (k.closed_at IS NULL OR k.closed_at >= need.occurred_at)
			AND k.opened_at <= least(?2, need.occurred_at + interval '30 days'))
		OR EXISTS (SELECT 1 FROM intervention i JOIN intervention_type it ON it.code = i.type_code
			WHERE i.citizen_id = need.citizen_id AND it.area_code = need.area_code AND i.status <> 'REFUSED'
			AND (i.end_date IS NULL OR i.end_date >= (need.occurred_at AT TIME ZONE 'Europe/Rome')::date)
			AND (i.closed_at IS NULL OR i.closed_at >= need.occurred_at)
			AND i.requested_at <= least(?2, need.occurred_at + interval '30 days'))
		OR EXISTS (SELECT 1 FROM referral r WHERE r.citizen_id = need.citizen_id
			AND (r.access_id = need.id OR r.proposed_at >= need.occurred_at) AND r.status NOT IN ('REJECTED', 'WITHDRAWN')
			AND r.proposed_at <= least(?2, need.occurred_at + interval '30 days'))) AS in_time, (
		EXISTS (SELECT 1 FROM care_case k WHERE k.citizen_id = need.citizen_id AND k.user_area_code = need.area_code
			AND k.status <> 'PROPOSED' AND (k.closed_at IS NULL OR k.closed_at >= need.occurred_at) AND k.opened_at <= ?2)
		OR EXISTS (SELECT 1 FROM intervention i JOIN intervention_type it ON it.code = i.type_code
			WHERE i.citizen_id = need.citizen_id AND it.area_code = need.area_code AND i.status <> 'REFUSED'
			AND (i.end_date IS NULL OR i.end_date >= (need.occurred_at AT TIME ZONE 'Europe/Rome')::date)
			AND (i.closed_at IS NULL OR i.closed_at >= need.occurred_at) AND i.requested_at <= ?2)
		OR EXISTS (SELECT 1 FROM referral r WHERE r.citizen_id = need.citizen_id
			AND (r.access_id = need.id OR r.proposed_at >= need.occurred_at) AND r.status NOT IN ('REJECTED', 'WITHDRAWN')
			AND r.proposed_at <= ?2)) AS ever
	FROM need
)
SELECT area_code, count(*) AS needs_expressed, count(DISTINCT citizen_id) AS people_with_need,
	count(*) FILTER (WHERE in_time) AS answered,
	count(*) FILTER (WHERE NOT ever AND occurred_at + interval '30 days' <= ?2) AS uncovered
FROM judged GROUP BY area_code`

type areaCounts struct {
	AreaCode       string `bun:"area_code"`
	NeedsExpressed int64  `bun:"needs_expressed"`
	PeopleWithNeed int64  `bun:"people_with_need"`
	Answered       int64  `bun:"answered"`
	Uncovered      int64  `bun:"uncovered"`
}

func (m *monitor) independentCoverage(q store.CoverageQuery) map[string]areaCounts {
	m.t.Helper()
	var zones any
	if q.ZoneIDs != nil {
		zones = pgIntArray(q.ZoneIDs)
	}
	var rows []areaCounts
	if err := m.db.NewRaw(independentCoverage, q.From.Format(time.DateOnly), q.To.Format(time.DateOnly), q.Now, zones).
		Scan(context.Background(), &rows); err != nil {
		m.t.Fatal(err)
	}
	out := map[string]areaCounts{}
	for _, r := range rows {
		out[r.AreaCode] = r
	}
	return out
}

func pgInt64Array(xs []int64) string {
	ints := make([]int, len(xs))
	for i, x := range xs {
		ints[i] = int(x)
	}
	return pgIntArray(ints)
}

func pgIntArray(xs []int) string {
	s := "{"
	for i, x := range xs {
		if i > 0 {
			s += ","
		}
		s += fmt.Sprint(x)
	}
	return s + "}"
}

// TestMonitoringTimings measures the monitoring queries on the demo data
// (not in parallel with the other tests): the median of 5 runs of each.
func TestMonitoringTimings(t *testing.T) {
	if testing.Short() {
		t.Skip("timings are not measured in -short mode")
	}
	m := newMonitor(t)
	ctx := context.Background()
	all, as, regione := m.regionalManager(), m.viewer("as.perugia"), m.viewer("regione")
	year := yearCoverage()
	zone2 := yearCoverage(2)
	overlaps := store.OverlapQuery{From: yearFrom, To: demoNow}
	first := store.Page{Limit: store.DefaultPageSize}
	for _, c := range []struct {
		name string
		run  func() error
	}{
		{"Coverage, every zone, as regione (aggregates only)", func() error { _, err := m.s.Coverage(ctx, regione, year, first); return err }},
		{"Coverage, every zone, aggregates + first page for a regional manager", func() error { _, err := m.s.Coverage(ctx, all, year, first); return err }},
		{"Coverage, zone 2, aggregates + first page as as.perugia", func() error { _, err := m.s.Coverage(ctx, as, zone2, first); return err }},
		{"UncoveredNeeds, zone 2, first page as as.perugia", func() error { _, err := m.s.UncoveredNeeds(ctx, as, zone2, first); return err }},
		{"Overlaps, every zone, as regione (summary only)", func() error { _, err := m.s.Overlaps(ctx, regione, overlaps, first); return err }},
		{"Overlaps, every zone, summary + first page for a regional manager", func() error { _, err := m.s.Overlaps(ctx, all, overlaps, first); return err }},
		{"Overlaps, zone 2, summary + first page as as.perugia", func() error {
			q := overlaps
			q.ZoneIDs = []int{2}
			_, err := m.s.Overlaps(ctx, as, q, first)
			return err
		}},
		{"Staffing, every zone", func() error { _, err := m.s.Staffing(ctx, nil); return err }},
	} {
		var runs []time.Duration
		for range 5 {
			start := time.Now()
			if err := c.run(); err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			runs = append(runs, time.Since(start))
		}
		slices.Sort(runs)
		t.Logf("%-70s median %6.1f ms (min %6.1f, max %6.1f)", c.name, ms(runs[2]), ms(runs[0]), ms(runs[4]))
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func TestCoverageAggregates(t *testing.T) {
	t.Parallel()
	m := newMonitor(t)
	ctx := context.Background()
	regione := m.viewer("regione")

	q := yearCoverage()
	start := time.Now()
	c, err := m.s.Coverage(ctx, regione, q, store.Page{Limit: 20})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("Coverage, every zone, one year, as regione: %s", time.Since(start))
	if c.UncoveredAfterDays != 30 {
		t.Errorf("window %d, want the default 30", c.UncoveredAfterDays)
	}
	want := m.independentCoverage(q)
	if len(c.ByArea) != len(want) || len(c.ByArea) == 0 {
		t.Fatalf("%d areas, want %d", len(c.ByArea), len(want))
	}
	var needs, uncovered, pending int64
	for _, r := range c.ByArea {
		w := want[r.AreaCode]
		if r.Suppressed {
			t.Errorf("%s suppressed with %d people over the whole region", r.AreaCode, w.PeopleWithNeed)
			continue
		}
		if r.Answered+r.AnsweredLate+r.Pending+r.Uncovered != r.NeedsExpressed {
			t.Errorf("%s: %d answered + %d late + %d pending + %d uncovered != %d needs",
				r.AreaCode, r.Answered, r.AnsweredLate, r.Pending, r.Uncovered, r.NeedsExpressed)
		}
		if r.NeedsExpressed != w.NeedsExpressed || r.PeopleWithNeed != w.PeopleWithNeed ||
			r.Answered != w.Answered || r.Uncovered != w.Uncovered {
			t.Errorf("%s: got %+v, independent query says %+v", r.AreaCode, r, w)
		}
		needs, uncovered, pending = needs+r.NeedsExpressed, uncovered+r.Uncovered, pending+r.Pending
		t.Logf("%-13s needs %5d people %5d answered %5d late %4d pending %4d uncovered %5d",
			r.AreaCode, r.NeedsExpressed, r.PeopleWithNeed, r.Answered, r.AnsweredLate, r.Pending, r.Uncovered)
	}
	if uncovered < 500 || pending == 0 {
		t.Errorf("%d uncovered and %d pending needs over the year; the demo leaves thousands unanswered", uncovered, pending)
	}
	// No identities for the analyst.
	if c.Uncovered == nil || c.Uncovered.TotalCount != 0 || len(c.Uncovered.Rows) != 0 {
		t.Errorf("regione got uncovered needs: %+v", c.Uncovered)
	}

	// A period that ends more than the window before now has nothing
	// pending: every need is answered (in time or late) or uncovered.
	old := store.CoverageQuery{From: yearFrom, To: demoNow.AddDate(0, 0, -31), Now: demoNow}
	c, err = m.s.Coverage(ctx, regione, old, store.Page{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range c.ByArea {
		if !r.Suppressed && (r.Pending != 0 || r.Answered+r.AnsweredLate+r.Uncovered != r.NeedsExpressed) {
			t.Errorf("%s in a closed period: %+v", r.AreaCode, r)
		}
	}
}

func TestCoverageSuppressesSmallCells(t *testing.T) {
	t.Parallel()
	m := newMonitor(t)
	// Valnerina (zone 6, 12,000 inhabitants) has areas with one or two people.
	q := yearCoverage(6)
	c, err := m.s.Coverage(context.Background(), m.viewer("regione"), q, store.Page{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	want := m.independentCoverage(q)
	small, suppressed := 0, 0
	for _, r := range c.ByArea {
		w := want[r.AreaCode]
		if w.PeopleWithNeed < store.SuppressionThreshold {
			small++
			if !r.Suppressed {
				t.Errorf("%s has %d people and is shown: %+v", r.AreaCode, w.PeopleWithNeed, r)
			}
		}
		if r.Suppressed {
			suppressed++
			if r.NeedsExpressed != 0 || r.PeopleWithNeed != 0 || r.Answered != 0 || r.AnsweredLate != 0 || r.Pending != 0 || r.Uncovered != 0 {
				t.Errorf("%s suppressed but carries counts: %+v", r.AreaCode, r)
			}
		} else if r.PeopleWithNeed < store.SuppressionThreshold || r.PeopleWithNeed != w.PeopleWithNeed {
			t.Errorf("%s shown with %d people (independently %d)", r.AreaCode, r.PeopleWithNeed, w.PeopleWithNeed)
		}
	}
	if small == 0 {
		t.Fatal("the demo data has no small cell in zone 6 any more; pick another zone")
	}
	if suppressed < 2 {
		t.Errorf("%d cells suppressed: a lone small cell takes the next smallest with it", suppressed)
	}
}

// allUncovered pages through a viewer's whole list of uncovered needs.
func (m *monitor) allUncovered(v *authz.Viewer, q store.CoverageQuery) (*store.Coverage, []*store.UncoveredNeed) {
	m.t.Helper()
	var rows []*store.UncoveredNeed
	pg := store.Page{Limit: store.MaxPageSize}
	var first *store.Coverage
	for {
		c, err := m.s.Coverage(context.Background(), v, q, pg)
		if err != nil {
			m.t.Fatal(err)
		}
		if first == nil {
			first = c
		}
		rows = append(rows, c.Uncovered.Rows...)
		if !c.Uncovered.HasNext {
			break
		}
		pg.Cursor = store.Cursor(&c.Uncovered.Rows[len(c.Uncovered.Rows)-1].RowMeta)
	}
	return first, rows
}

func TestUncoveredNeedsListOnlyWhatTheViewerMaySee(t *testing.T) {
	t.Parallel()
	m := newMonitor(t)
	q := yearCoverage(2)

	start := time.Now()
	c, rows := m.allUncovered(m.viewer("as.perugia"), q)
	t.Logf("Coverage of zone 2, every page of the list (%d rows), as as.perugia: %s", len(rows), time.Since(start))
	var uncovered int64
	for _, r := range c.ByArea {
		if r.Suppressed {
			t.Fatalf("zone 2's %s suppressed", r.AreaCode)
		}
		uncovered += r.Uncovered
	}
	if len(rows) == 0 || len(rows) != c.Uncovered.TotalCount {
		t.Fatalf("%d rows listed, totalCount %d", len(rows), c.Uncovered.TotalCount)
	}
	// Every access of zone 2 links its citizen to zone 2: the zone's
	// social worker sees every uncovered need of the zone.
	if int64(len(rows)) != uncovered {
		t.Errorf("as.perugia lists %d uncovered needs, the aggregates count %d", len(rows), uncovered)
	}
	seen := map[int64]bool{}
	for i, r := range rows {
		if seen[r.ID] {
			t.Errorf("row %d listed twice", r.ID)
		}
		seen[r.ID] = true
		if r.ID/1000 != r.AccessID || r.ZoneID != 2 || r.DaysWaiting < 30 || r.Rel&authz.RowsSocial == 0 {
			t.Errorf("row %+v", r)
		}
		if i > 0 && r.AccessOccurredAt.Before(rows[i-1].AccessOccurredAt) {
			t.Errorf("row %d (%s) after a later one", r.ID, r.AccessOccurredAt)
		}
	}
	var citizens []int64
	for _, r := range rows {
		citizens = append(citizens, r.CitizenID)
	}
	if n := m.int(`SELECT count(*) FROM unnest(?::bigint[]) AS c(id)
		WHERE NOT EXISTS (SELECT 1 FROM citizen_zone z WHERE z.citizen_id = c.id AND z.zone_id = 2)`, pgInt64Array(citizens)); n != 0 {
		t.Errorf("%d listed needs are of citizens without a link to zone 2", n)
	}
	if hidden := m.hiddenAccesses(m.viewer("as.perugia"), rows); len(hidden) > 0 {
		t.Errorf("as.perugia lists needs of accesses that do not exist for it: %v", hidden)
	}
	// They are exactly the needs nothing answered, by an independent query.
	var want []string
	if err := m.db.NewRaw(`SELECT a.id || '/' || n.need_code FROM access a
		JOIN access_need n ON n.access_id = a.id JOIN need_category nc ON nc.code = n.need_code
		WHERE a.zone_id = 2 AND a.citizen_id IS NOT NULL AND a.occurred_at >= ?::date AND a.occurred_at <= ?
		  AND a.occurred_at + interval '30 days' <= ?
		  AND NOT EXISTS (SELECT 1 FROM care_case k WHERE k.citizen_id = a.citizen_id AND k.user_area_code = nc.area_code
			AND k.status <> 'PROPOSED' AND (k.closed_at IS NULL OR k.closed_at >= a.occurred_at) AND k.opened_at <= ?)
		  AND NOT EXISTS (SELECT 1 FROM intervention i JOIN intervention_type it ON it.code = i.type_code
			WHERE i.citizen_id = a.citizen_id AND it.area_code = nc.area_code AND i.status <> 'REFUSED'
			AND (i.end_date IS NULL OR i.end_date >= (a.occurred_at AT TIME ZONE 'Europe/Rome')::date)
			AND (i.closed_at IS NULL OR i.closed_at >= a.occurred_at) AND i.requested_at <= ?)
		  AND NOT EXISTS (SELECT 1 FROM referral x WHERE x.citizen_id = a.citizen_id
			AND (x.access_id = a.id OR x.proposed_at >= a.occurred_at) AND x.status NOT IN ('REJECTED', 'WITHDRAWN') AND x.proposed_at <= ?)
		ORDER BY 1`, yearFrom.Format(time.DateOnly), demoNow, demoNow, demoNow, demoNow, demoNow).Scan(context.Background(), &want); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows {
		got = append(got, fmt.Sprintf("%d/%s", r.AccessID, r.NeedCode))
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("%d needs listed, %d uncovered by the independent query", len(got), len(want))
	}

	// Each zone-2 role sees the same list; a viewer of another zone sees
	// only the citizens it is related to, and the analyst nobody.
	for _, name := range []string{"sportello.perugia", "resp.perugia"} {
		c, err := m.s.Coverage(context.Background(), m.viewer(name), q, store.Page{Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		if c.Uncovered.TotalCount != len(rows) {
			t.Errorf("%s sees %d uncovered needs of zone 2, as.perugia %d", name, c.Uncovered.TotalCount, len(rows))
		}
	}
	terni := m.viewer("as.terni")
	_, foreign := m.allUncovered(terni, q)
	if len(foreign) >= len(rows) {
		t.Errorf("as.terni sees %d of zone 2's %d uncovered needs", len(foreign), len(rows))
	}
	if hidden := m.hiddenAccesses(terni, foreign); len(hidden) > 0 {
		t.Errorf("as.terni lists needs of accesses that do not exist for it: %v", hidden)
	}
	t.Logf("zone 2: %d uncovered needs listed for its operators, %d of them visible to as.terni", len(rows), len(foreign))
}

// hiddenAccesses returns the accesses of rows that do not exist for v.
func (m *monitor) hiddenAccesses(v *authz.Viewer, rows []*store.UncoveredNeed) []int64 {
	m.t.Helper()
	ids := map[int64]bool{}
	var list []int64
	for _, r := range rows {
		if !ids[r.AccessID] {
			ids[r.AccessID] = true
			list = append(list, r.AccessID)
		}
	}
	found, err := m.s.AccessesByIDs(context.Background(), v, list)
	if err != nil {
		m.t.Fatal(err)
	}
	for _, a := range found {
		delete(ids, a.ID)
	}
	var hidden []int64
	for id := range ids {
		hidden = append(hidden, id)
	}
	return hidden
}

func TestUncoveredNeedsPagination(t *testing.T) {
	t.Parallel()
	m := newMonitor(t)
	ctx := context.Background()
	v := m.viewer("as.perugia")
	q := yearCoverage(2)
	page := func(pg store.Page) *store.Conn[store.UncoveredNeed] {
		t.Helper()
		c, err := m.s.Coverage(ctx, v, q, pg)
		if err != nil {
			t.Fatal(err)
		}
		return c.Uncovered
	}
	all := page(store.Page{Limit: 14})
	first := page(store.Page{Limit: 7})
	if len(all.Rows) != 14 || len(first.Rows) != 7 || !first.HasNext || first.HasPrevious {
		t.Fatalf("pages of %d and %d rows, first page next %v previous %v", len(all.Rows), len(first.Rows), first.HasNext, first.HasPrevious)
	}
	next := page(store.Page{Limit: 7, Cursor: store.Cursor(&first.Rows[6].RowMeta)})
	if !next.HasPrevious || next.TotalCount != first.TotalCount {
		t.Errorf("second page: previous %v, total %d (first %d)", next.HasPrevious, next.TotalCount, first.TotalCount)
	}
	got := append(append([]*store.UncoveredNeed{}, first.Rows...), next.Rows...)
	ids := map[int64]bool{}
	for i, r := range got {
		if r.ID != all.Rows[i].ID {
			t.Errorf("row %d: %d after paging, %d in one page", i, r.ID, all.Rows[i].ID)
		}
		if ids[r.ID] {
			t.Errorf("row %d twice", r.ID)
		}
		ids[r.ID] = true
	}
	// Backwards: the 7 rows before the 14th are the 7th to the 13th.
	back := page(store.Page{Limit: 7, Backward: true, Cursor: store.Cursor(&all.Rows[13].RowMeta)})
	if len(back.Rows) != 7 || !back.HasPrevious || !back.HasNext {
		t.Fatalf("backward page: %d rows, previous %v, next %v", len(back.Rows), back.HasPrevious, back.HasNext)
	}
	for i, r := range back.Rows {
		if r.ID != all.Rows[6+i].ID {
			t.Errorf("backward row %d: %d, want %d", i, r.ID, all.Rows[6+i].ID)
		}
	}
}

func TestMonitoringRejectsBadInput(t *testing.T) {
	t.Parallel()
	m := newMonitor(t)
	ctx := context.Background()
	v := m.viewer("resp.perugia")
	for _, q := range []store.CoverageQuery{
		{UncoveredAfterDays: 366},
		{UncoveredAfterDays: -1},
		{From: demoNow, To: yearFrom},
	} {
		if _, err := m.s.Coverage(ctx, v, q, store.Page{Limit: 1}); apperr.CodeOf(err) != apperr.BadUserInput {
			t.Errorf("coverage %+v: %v", q, err)
		}
	}
	for _, q := range []store.OverlapQuery{{By: "PROVIDER"}, {From: demoNow, To: yearFrom}} {
		if _, err := m.s.Overlaps(ctx, v, q, store.Page{Limit: 1}); apperr.CodeOf(err) != apperr.BadUserInput {
			t.Errorf("overlaps %+v: %v", q, err)
		}
	}
}

// independentOverlaps lists (citizen, area) pairs with two paid
// interventions of the area, from different providers, whose common days
// fall in the period, at least one of them in the zones (nil: any).
const independentOverlaps = `
SELECT DISTINCT a.citizen_id, ta.area_code FROM intervention a
JOIN intervention b ON b.citizen_id = a.citizen_id AND b.id <> a.id
JOIN intervention_type ta ON ta.code = a.type_code
JOIN intervention_type tb ON tb.code = b.type_code AND tb.area_code = ta.area_code
WHERE a.status IN ('AUTHORIZED', 'ACTIVE', 'CLOSED') AND b.status IN ('AUTHORIZED', 'ACTIVE', 'CLOSED')
  AND a.provider_organization_id IS DISTINCT FROM b.provider_organization_id
  AND greatest(a.start_date, b.start_date, ?0::date)
   <= least(coalesce(a.end_date, 'infinity'), coalesce(b.end_date, 'infinity'), ?1::date)
  AND (?2::int[] IS NULL OR a.zone_id = ANY(?2::int[]))
ORDER BY 1, 2`

type citizenArea struct {
	CitizenID int64  `bun:"citizen_id"`
	AreaCode  string `bun:"area_code"`
}

func (m *monitor) independentOverlaps(zones []int) []citizenArea {
	m.t.Helper()
	var z any
	if zones != nil {
		z = pgIntArray(zones)
	}
	var out []citizenArea
	if err := m.db.NewRaw(independentOverlaps, yearFrom.Format(time.DateOnly), demoNow.Format(time.DateOnly), z).
		Scan(context.Background(), &out); err != nil {
		m.t.Fatal(err)
	}
	return out
}

func (m *monitor) allOverlaps(v *authz.Viewer, q store.OverlapQuery) (*store.Overlaps, []*store.OverlapItem) {
	m.t.Helper()
	var rows []*store.OverlapItem
	pg := store.Page{Limit: 3} // small pages, to page through the keyset
	var first *store.Overlaps
	for {
		o, err := m.s.Overlaps(context.Background(), v, q, pg)
		if err != nil {
			m.t.Fatal(err)
		}
		if first == nil {
			first = o
		}
		rows = append(rows, o.Items.Rows...)
		if !o.Items.HasNext {
			break
		}
		pg.Cursor = store.Cursor(&o.Items.Rows[len(o.Items.Rows)-1].RowMeta)
	}
	return first, rows
}

func itemKeys(items []*store.OverlapItem) []citizenArea {
	var out []citizenArea
	for _, it := range items {
		out = append(out, citizenArea{it.CitizenID, it.AreaCode})
	}
	slices.SortFunc(out, func(a, b citizenArea) int {
		if a.CitizenID != b.CitizenID {
			return int(a.CitizenID - b.CitizenID)
		}
		return compareStrings(a.AreaCode, b.AreaCode)
	})
	return out
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func TestOverlapsFindTheDoubleFunding(t *testing.T) {
	t.Parallel()
	m := newMonitor(t)
	q := store.OverlapQuery{From: yearFrom, To: demoNow}

	start := time.Now()
	o, items := m.allOverlaps(m.regionalManager(), q)
	t.Logf("Overlaps, every zone, one year, every page: %s", time.Since(start))
	want := m.independentOverlaps(nil)
	if !slices.Equal(itemKeys(items), want) {
		t.Errorf("overlaps %v, independent query %v", itemKeys(items), want)
	}
	citizens := map[int64]bool{}
	var amount int64
	for i, it := range items {
		citizens[it.CitizenID] = true
		amount += it.AmountCents
		if len(it.InterventionIDs) < 2 || int64(len(it.InterventionIDs)) != it.Interventions || len(it.OrganizationIDs) < 2 ||
			it.ID != it.InterventionIDs[0] || it.OverlapTo.Before(it.OverlapFrom) || it.OverlapFrom.Before(yearFrom.Truncate(24*time.Hour)) {
			t.Errorf("item %+v", it)
		}
		if sum := m.int(`SELECT sum(amount_cents) FROM intervention WHERE id IN (?)`, bun.In(it.InterventionIDs)); sum != it.AmountCents {
			t.Errorf("item %d: amount %d, its interventions sum to %d", it.ID, it.AmountCents, sum)
		}
		if i > 0 && it.AmountCents > items[i-1].AmountCents {
			t.Errorf("item %d (%d cents) after a smaller one", it.ID, it.AmountCents)
		}
	}
	if len(citizens) < 10 {
		t.Errorf("%d citizens with overlaps, the demo plants about 15", len(citizens))
	}
	t.Logf("%d overlaps of %d citizens, %d cents; %d summary cells", len(items), len(citizens), amount, len(o.Summary))

	// The summary counts the same people, zone by zone, small cells blanked.
	for _, s := range o.Summary {
		if s.Suppressed != (s.People == 0) || (!s.Suppressed && s.People < store.SuppressionThreshold) {
			t.Errorf("summary cell %+v", s)
		}
	}

	// By type: every item is one type.
	_, byType := m.allOverlaps(m.regionalManager(), store.OverlapQuery{From: yearFrom, To: demoNow, By: "TYPE"})
	for _, it := range byType {
		if it.TypeCode == "" || len(it.TypeCodes) != 1 || it.TypeCodes[0] != it.TypeCode {
			t.Errorf("item by type %+v", it)
		}
	}
	t.Logf("%d overlaps of the same type", len(byType))
}

func TestOverlapsWithinTheViewersScope(t *testing.T) {
	t.Parallel()
	m := newMonitor(t)
	q := store.OverlapQuery{ZoneIDs: []int{2}, From: yearFrom, To: demoNow}

	as := m.viewer("as.perugia")
	o, items := m.allOverlaps(as, q)
	if len(items) == 0 || len(items) != o.Items.TotalCount {
		t.Fatalf("as.perugia: %d overlaps, totalCount %d", len(items), o.Items.TotalCount)
	}
	for _, it := range items {
		if !slices.Contains(it.ZoneIDs, 2) {
			t.Errorf("overlap %+v has no zone-2 intervention", it)
		}
		if m.int(`SELECT count(*) FROM citizen_zone WHERE citizen_id = ? AND zone_id = 2`, it.CitizenID)+
			m.int(`SELECT count(*) FROM case_member WHERE citizen_id = ? AND operator_id = ?`, it.CitizenID, as.OperatorID) == 0 {
			t.Errorf("as.perugia sees citizen %d, unrelated to zone 2", it.CitizenID)
		}
		ivs, err := m.s.InterventionsByIDs(context.Background(), as, it.InterventionIDs)
		if err != nil {
			t.Fatal(err)
		}
		if len(ivs) != len(it.InterventionIDs) {
			t.Errorf("overlap %d lists %d interventions, %d of them exist for as.perugia", it.ID, len(it.InterventionIDs), len(ivs))
		}
	}
	if want := m.independentOverlaps([]int{2}); !slices.Equal(itemKeys(items), want) {
		t.Errorf("zone 2 overlaps %v, independent query %v", itemKeys(items), want)
	}
	for _, s := range o.Summary {
		if s.ZoneID != 2 {
			t.Errorf("summary of zone %d asked for zone 2", s.ZoneID)
		}
	}

	// The analyst gets aggregates only; pooled over the region, the
	// largest area is large enough to show.
	regione := m.viewer("regione")
	all, err := m.s.Overlaps(context.Background(), regione, store.OverlapQuery{From: yearFrom, To: demoNow, AcrossZones: true}, store.Page{Limit: 20})
	if err != nil {
		t.Fatal(err)
	}
	if all.Items.TotalCount != 0 || len(all.Items.Rows) != 0 {
		t.Errorf("regione got %d overlap items", all.Items.TotalCount)
	}
	shown := 0
	for _, s := range all.Summary {
		if s.ZoneID != 0 {
			t.Errorf("pooled summary has zone %d", s.ZoneID)
		}
		if s.Suppressed {
			continue
		}
		shown++
		want := m.int(`SELECT count(DISTINCT citizen_id) FROM (`+independentOverlaps+`) x WHERE area_code = ?3`,
			yearFrom.Format(time.DateOnly), demoNow.Format(time.DateOnly), nil, s.AreaCode)
		if s.People != want || s.People < store.SuppressionThreshold {
			t.Errorf("pooled %s: %d people, independently %d", s.AreaCode, s.People, want)
		}
		t.Logf("region: %s %d people, %d interventions, %d cents", s.AreaCode, s.People, s.Interventions, s.AmountCents)
	}
	if shown == 0 {
		t.Error("regione sees no overlap at all, even pooled over the region")
	}

	// Another zone's social worker and a provider see none of zone 2's.
	for _, name := range []string{"as.terni", "coop.perugia"} {
		o, err := m.s.Overlaps(context.Background(), m.viewer(name), q, store.Page{Limit: 20})
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range o.Items.Rows {
			if it.Rel&authz.RowsCase == 0 {
				t.Errorf("%s sees overlap %+v without a case relationship", name, it)
			}
		}
		if name == "coop.perugia" && o.Items.TotalCount != 0 {
			t.Errorf("the cooperative sees %d overlaps with other organizations", o.Items.TotalCount)
		}
	}
}

func TestOverlapsPayerWithoutProvider(t *testing.T) {
	t.Parallel()
	m := newMonitor(t)
	ctx := context.Background()
	// A zone-2 citizen with an open-ended service of the Comune di Perugia
	// and nothing else of its area.
	var c struct {
		CitizenID int64  `bun:"citizen_id"`
		OrgID     int64  `bun:"provider_organization_id"`
		TypeCode  string `bun:"type_code"`
		AreaCode  string `bun:"area_code"`
	}
	err := m.db.NewRaw(`SELECT i.citizen_id, i.provider_organization_id, i.type_code, t.area_code FROM intervention i
		JOIN organization o ON o.id = i.provider_organization_id AND o.kind = 'MUNICIPALITY' AND o.zone_id = 2
		JOIN intervention_type t ON t.code = i.type_code
		WHERE i.zone_id = 2 AND i.status = 'ACTIVE' AND i.end_date IS NULL AND i.start_date < ?::date - 60
		  AND NOT EXISTS (SELECT 1 FROM intervention j JOIN intervention_type u ON u.code = j.type_code
			WHERE j.citizen_id = i.citizen_id AND j.id <> i.id AND u.area_code = t.area_code)
		ORDER BY i.id LIMIT 1`, demoNow.Format(time.DateOnly)).Scan(ctx, &c)
	if err != nil {
		t.Fatal(err)
	}
	v := m.viewer("resp.perugia")
	q := store.OverlapQuery{ZoneIDs: []int{2}, From: yearFrom, To: demoNow}
	has := func(by string) *store.OverlapItem {
		q.By = by
		_, items := m.allOverlaps(v, q)
		for _, it := range items {
			if it.CitizenID == c.CitizenID {
				return it
			}
		}
		return nil
	}
	add := func(provider any) {
		if _, err := m.db.NewRaw(`INSERT INTO intervention (citizen_id, zone_id, type_code, provider_organization_id, status,
			start_date, amount_cents, requested_at, requested_by)
			VALUES (?, 2, ?, ?, 'ACTIVE', ?::date - 60, 10000, ?::timestamptz - interval '70 days', ?)`,
			c.CitizenID, c.TypeCode, provider, demoNow.Format(time.DateOnly), demoNow, v.OperatorID).Exec(ctx); err != nil {
			t.Fatal(err)
		}
	}
	// Without a provider the zone's lead municipality pays: the same payer.
	add(nil)
	if it := has("AREA"); it != nil {
		t.Fatalf("an intervention without provider overlaps the municipality's own: %+v", it)
	}
	// A cooperative is another payer.
	coop := m.int(`SELECT organization_id FROM operator WHERE username = 'coop.perugia'`)
	add(coop)
	for _, by := range []string{"AREA", "TYPE"} {
		it := has(by)
		if it == nil {
			t.Fatalf("by %s: the cooperative's %s does not overlap the municipality's", by, c.TypeCode)
		}
		if it.AreaCode != c.AreaCode || (by == "TYPE") != (it.TypeCode == c.TypeCode) || it.Interventions != 3 || !slices.Contains(it.OrganizationIDs, coop) || !slices.Contains(it.OrganizationIDs, c.OrgID) || len(it.OrganizationIDs) != 2 {
			t.Errorf("by %s: overlap %+v, want 3 interventions of organizations %d and %d", by, it, c.OrgID, coop)
		}
	}
}

func TestStaffing(t *testing.T) {
	t.Parallel()
	m := newMonitor(t)
	rows, err := m.s.Staffing(context.Background(), []int{2})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 {
		t.Fatalf("%d rows for zone 2", len(rows))
	}
	r := rows[0]
	workers := m.int(`SELECT count(DISTINCT o.id) FROM operator o JOIN operator_role r ON r.operator_id = o.id
		WHERE r.role = 'SOCIAL_WORKER' AND r.zone_id = 2 AND o.active AND o.profession_code = 'SOCIAL_WORKER'`)
	if r.ZoneID != 2 || r.Population != 189224 || r.Target != 38 || r.SocialWorkers != workers || r.Gap != 38-workers ||
		r.SocialWorkRoleHolders < r.SocialWorkers || workers == 0 ||
		r.InhabitantsPerSocialWorker == nil || *r.InhabitantsPerSocialWorker != 189224/float64(workers) {
		t.Errorf("zone 2 staffing %+v (%d social workers)", r, workers)
	}
	t.Logf("zone 2: %d inhabitants, %d social workers (%d with the role), target %d, gap %d, %.0f inhabitants each",
		r.Population, r.SocialWorkers, r.SocialWorkRoleHolders, r.Target, r.Gap, *r.InhabitantsPerSocialWorker)

	all, err := m.s.Staffing(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var pop int64
	for _, r := range all {
		pop += r.Population
		if r.Target != (r.Population+4999)/5000 {
			t.Errorf("zone %d: target %d for %d inhabitants", r.ZoneID, r.Target, r.Population)
		}
	}
	if len(all) != 12 || pop != m.int(`SELECT sum(population_2011) FROM municipality`) {
		t.Errorf("%d zones, %d inhabitants", len(all), pop)
	}
	if none, err := m.s.Staffing(context.Background(), []int{}); err != nil || len(none) != 0 {
		t.Errorf("no zones: %v, %v", none, err)
	}
}
