package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/siso-project/siso/internal/relay"
	"github.com/siso-project/siso/internal/store"
)

// The correctness checks: for one sample input of each scenario, the
// API's answer has no GraphQL errors and the baseline reads the same rows
// (totals and ids), else the check lists the mismatches.

type checker struct {
	c Check
}

func (k *checker) fail(format string, args ...any) {
	k.c.Mismatches = append(k.c.Mismatches, fmt.Sprintf(format, args...))
}

func (k *checker) done(compared string) Check {
	k.c.OK = len(k.c.Mismatches) == 0
	if k.c.OK {
		k.c.Compared = compared
	}
	return k.c
}

func (k *checker) eq(what string, api, base any) {
	if fmt.Sprint(api) != fmt.Sprint(base) {
		k.fail("%s: API %v, baseline %v", what, api, base)
	}
}

// rounded checks published counts against the baseline's raw counts: each
// is the count rounded to a multiple of store.RoundingBase, up or down.
func (k *checker) rounded(what string, api, base []int64) {
	bases := make([]int64, len(api))
	for i := range bases {
		bases[i] = store.RoundingBase
	}
	k.roundedTo(what, bases, api, base)
}

// roundedTo is rounded with a base per figure (amounts have their own).
func (k *checker) roundedTo(what string, bases, api, base []int64) {
	for i := range api {
		d, b := api[i]-base[i], bases[i]
		if api[i]%b != 0 || d <= -b || d >= b {
			k.fail("%s: API %v, baseline %v (rounded to multiples of %v)", what, api, base, bases)
			return
		}
	}
}

type apiConn struct {
	TotalCount int
	Edges      []struct{ Node struct{ ID string } }
}

func (c apiConn) ids(typ string) []int64 {
	out := make([]int64, 0, len(c.Edges))
	for _, e := range c.Edges {
		id, _ := relay.ParseAs(e.Node.ID, typ)
		out = append(out, id)
	}
	return out
}

type baseConn struct {
	TotalCount int
	Nodes      []struct{ ID int64 }
}

func (c baseConn) ids() []int64 {
	out := make([]int64, 0, len(c.Nodes))
	for _, n := range c.Nodes {
		out = append(out, n.ID)
	}
	return out
}

func (b *bench) checkCitizenPage(ctx context.Context) Check {
	id := b.in.pageCitizens[0]
	k := &checker{c: Check{Input: fmt.Sprintf("citizen %d", id)}}
	c, err := b.client(ctx, userWorker, 0)
	if err != nil {
		k.fail("%v", err)
		return k.done("")
	}
	var api struct {
		Citizen *struct {
			ID                                                   string
			Household                                            *struct{ Size int }
			Relations, Accesses, Cases, Interventions, Referrals apiConn
		}
	}
	if err := c.Do(ctx, doc("CitizenPage"), map[string]any{"id": relay.ID("Citizen", id)}, &api); err != nil && !isDenial(err) {
		k.fail("API: %v", err)
		return k.done("")
	}
	if api.Citizen == nil {
		k.fail("API: no citizen")
		return k.done("")
	}
	if b.pool == nil {
		return k.done("no GraphQL errors (no baseline)")
	}
	var raw []byte
	if err := b.pool.QueryRow(ctx, sqlCitizenPage, id, b.in.operatorIDs[userWorker]).Scan(&raw); err != nil {
		k.fail("baseline: %v", err)
		return k.done("")
	}
	var base struct {
		ID                                                   int64
		Household                                            []struct{ ID int64 }
		Relations, Accesses, Cases, Interventions, Referrals baseConn
	}
	if err := json.Unmarshal(raw, &base); err != nil {
		k.fail("baseline: %v", err)
		return k.done("")
	}
	gotID, _ := relay.ParseAs(api.Citizen.ID, "Citizen")
	k.eq("citizen id", gotID, base.ID)
	lists := []struct {
		name, typ string
		api       apiConn
		base      baseConn
	}{
		{"relations", "Relation", api.Citizen.Relations, base.Relations},
		{"accesses", "Access", api.Citizen.Accesses, base.Accesses},
		{"cases", "Case", api.Citizen.Cases, base.Cases},
		{"interventions", "Intervention", api.Citizen.Interventions, base.Interventions},
		{"referrals", "Referral", api.Citizen.Referrals, base.Referrals},
	}
	var counts []string
	for _, l := range lists {
		k.eq(l.name+" totalCount", l.api.TotalCount, l.base.TotalCount)
		k.eq(l.name+" ids of the page", l.api.ids(l.typ), l.base.ids())
		counts = append(counts, fmt.Sprintf("%s %d", l.name, l.api.TotalCount))
	}
	household := 0
	if h := api.Citizen.Household; h != nil {
		household = h.Size
	}
	k.eq("household size (the citizen and who lives with them)", household, 1+len(base.Household))
	return k.done(fmt.Sprintf("same totals and ids of every list (%s), household of %d", strings.Join(counts, ", "), household))
}

type apiSearch struct {
	Citizens struct {
		TotalCount int
		Edges      []struct{ Node struct{ ID string } }
	}
}

func (s apiSearch) ids() []int64 {
	var out []int64
	for _, e := range s.Citizens.Edges {
		id, _ := relay.ParseAs(e.Node.ID, "Citizen")
		out = append(out, id)
	}
	return out
}

func (b *bench) checkFiscalCode(ctx context.Context) Check {
	ref := b.in.zoneCitizens[0]
	k := &checker{c: Check{Input: "the codice fiscale of citizen " + fmt.Sprint(ref.ID)}}
	c, err := b.client(ctx, userWorker, 0)
	if err != nil {
		k.fail("%v", err)
		return k.done("")
	}
	var api apiSearch
	if err := c.Do(ctx, doc("CitizenSearch"), map[string]any{"search": ref.FiscalCode}, &api); err != nil && !isDenial(err) {
		k.fail("API: %v", err)
		return k.done("")
	}
	k.eq("API citizens found", fmt.Sprint(api.Citizens.TotalCount, api.ids()), fmt.Sprint(1, []int64{ref.ID}))
	if b.pool == nil {
		return k.done("the one citizen, no GraphQL errors (no baseline)")
	}
	rows, err := b.pool.Query(ctx, sqlFiscalCode, ref.FiscalCode)
	if err != nil {
		k.fail("baseline: %v", err)
		return k.done("")
	}
	vals, err := collectValues(rows)
	if err != nil {
		k.fail("baseline: %v", err)
		return k.done("")
	}
	var ids []int64
	for _, v := range vals {
		ids = append(ids, v[0].(int64))
	}
	k.eq("ids", api.ids(), ids)
	return k.done("the same one citizen")
}

func (b *bench) checkNameSearch(ctx context.Context) Check {
	term := b.in.terms[0]
	k := &checker{c: Check{Input: fmt.Sprintf("%q", term)}}
	c, err := b.client(ctx, userWorker, 0)
	if err != nil {
		k.fail("%v", err)
		return k.done("")
	}
	var api apiSearch
	if err := c.Do(ctx, doc("CitizenSearch"), map[string]any{"search": term}, &api); err != nil && !isDenial(err) {
		k.fail("API: %v", err)
		return k.done("")
	}
	if b.pool == nil {
		return k.done(fmt.Sprintf("%d found, no GraphQL errors (no baseline)", api.Citizens.TotalCount))
	}
	rows, err := b.baselineSearch(ctx, term)
	if err != nil {
		k.fail("baseline: %v", err)
		return k.done("")
	}
	total := 0
	var ids []int64
	for _, r := range rows {
		total = int(r.total)
		ids = append(ids, r.id)
	}
	// A search by name counts its matches up to store.NameSearchCountCap.
	k.eq("totalCount", api.Citizens.TotalCount, min(total, store.NameSearchCountCap))
	k.eq("ids of the first page (as sets)", sortedIDs(api.ids()), sortedIDs(ids))
	return k.done(fmt.Sprintf("same total (%d) and the same %d citizens on the first page", total, len(ids)))
}

func (b *bench) checkIntake(ctx context.Context) Check {
	ref := b.in.zoneCitizens[0]
	k := &checker{c: Check{Input: fmt.Sprintf("an access of citizen %d (written)", ref.ID)}}
	c, err := b.client(ctx, userFrontDesk, 0)
	if err != nil {
		k.fail("%v", err)
		return k.done("")
	}
	apiID, err := b.registerAccess(ctx, c, ref.ID)
	if err != nil {
		k.fail("API: %v", err)
		return k.done("")
	}
	if b.pool == nil {
		return k.done(fmt.Sprintf("access %d registered, no GraphQL errors (no baseline)", apiID))
	}
	baseID, err := b.baselineIntake(ctx, ref.ID)
	if err != nil {
		k.fail("baseline: %v", err)
		return k.done("")
	}
	shape := func(id int64) string {
		var s string
		err := b.pool.QueryRow(ctx, `SELECT concat_ws(' ', a.citizen_id, a.office_id, a.zone_id, a.operator_id, a.outcome_code,
			(SELECT string_agg(need_code, '+' ORDER BY need_code) FROM access_need n WHERE n.access_id = a.id AND n.citizen_id = a.citizen_id),
			(SELECT string_agg(intervention_type_code, '+' ORDER BY intervention_type_code) FROM access_requested_service r WHERE r.access_id = a.id))
			FROM access a WHERE a.id = $1`, id).Scan(&s)
		if err != nil {
			return "error: " + err.Error()
		}
		return s
	}
	a, bs := shape(apiID), shape(baseID)
	k.eq("the rows written (citizen office zone operator outcome needs services)", a, bs)
	return k.done(fmt.Sprintf("accesses %d (API) and %d (baseline) wrote the same rows: %s", apiID, baseID, a))
}

// baseCoverageRow is a row of the baseline's coverage by area.
type baseCoverageRow struct {
	Area                                                               string
	NeedsExpressed, People, Answered, AnsweredLate, Pending, Uncovered int64
}

// apiStats is a MonitoringStatistics answer, as far as the check compares it.
type apiStats struct {
	Statistics struct {
		Cells []struct {
			Zone                                   *struct{ Code string }
			Month                                  *string
			People, Accesses, Cases, Interventions int64
			Suppressed                             bool
		}
		Totals struct {
			People, Accesses, Cases, Interventions int64
			Suppressed                             bool
		}
	}
}

// The dashboard's answers, as far as the check compares them.
type apiDashboard struct {
	Coverage struct {
		Coverage struct {
			ByArea []struct {
				Area                                                               struct{ Code string }
				NeedsExpressed, People, Answered, AnsweredLate, Pending, Uncovered int64
				Suppressed                                                         bool
			}
			Uncovered struct{ TotalCount int64 }
		}
	}
	Stats    map[string]apiStats
	Overlaps struct {
		Overlaps struct {
			Summary []struct {
				Zone                  *struct{ Code string }
				Area                  *struct{ Code string }
				People, Interventions int64
				AmountCents           float64 // a Float in the schema (sums exceed 2^31)
				Suppressed            bool
			}
			Items struct{ TotalCount int64 }
		}
	}
	Staffing struct {
		Staffing []struct {
			Zone                      struct{ Code string }
			Population, SocialWorkers int64
		}
	}
}

func (b *bench) checkDashboard(ctx context.Context, user string, zones, listZones []int, from, to string) Check {
	k := &checker{c: Check{Input: fmt.Sprintf("the dashboard of %s, %s to %s", user, from, to)}}
	c, err := b.client(ctx, user, 0)
	if err != nil {
		k.fail("%v", err)
		return k.done("")
	}
	raw, err := b.dashboardAPI(ctx, c, from, to)
	if err != nil && !isDenial(err) {
		k.fail("API: %v", err)
		return k.done("")
	}
	if b.pool == nil {
		return k.done("no GraphQL errors (no baseline)")
	}
	var api apiDashboard
	api.Stats = map[string]apiStats{}
	for key, dst := range map[string]any{"coverage": &api.Coverage, "overlaps": &api.Overlaps, "staffing": &api.Staffing} {
		if err := json.Unmarshal(raw[key], dst); err != nil {
			k.fail("API %s: %v", key, err)
		}
	}
	for _, key := range []string{"statsMonth", "statsZone"} {
		v := api.Stats[key]
		if err := json.Unmarshal(raw[key], &v); err != nil {
			k.fail("API %s: %v", key, err)
		}
		api.Stats[key] = v
	}
	base, err := b.dashboardBaseline(ctx, zones, listZones, from, to)
	if err != nil {
		k.fail("baseline: %v", err)
		return k.done("")
	}
	zoneCode := map[int32]string{}
	for _, s := range base.staffing {
		zoneCode[s.id] = s.code
	}

	// Coverage by area, for the areas the API does not suppress.
	var bcov struct {
		ByArea    []baseCoverageRow
		Uncovered struct{ TotalCount int64 }
	}
	if err := json.Unmarshal(base.coverage, &bcov); err != nil {
		k.fail("baseline coverage: %v", err)
	}
	compared := 0
	for _, a := range api.Coverage.Coverage.ByArea {
		if a.Suppressed {
			continue
		}
		i := slices.IndexFunc(bcov.ByArea, func(x baseCoverageRow) bool { return x.Area == a.Area.Code })
		if i < 0 {
			k.fail("coverage: area %s missing from the baseline", a.Area.Code)
			continue
		}
		x := bcov.ByArea[i]
		k.rounded("coverage of "+a.Area.Code+" (needs people answered late pending uncovered)",
			[]int64{a.NeedsExpressed, a.People, a.Answered, a.AnsweredLate, a.Pending, a.Uncovered},
			[]int64{x.NeedsExpressed, x.People, x.Answered, x.AnsweredLate, x.Pending, x.Uncovered})
		compared++
	}
	if len(api.Coverage.Coverage.ByArea) != len(bcov.ByArea) {
		k.fail("coverage: %d areas from the API, %d from the baseline", len(api.Coverage.Coverage.ByArea), len(bcov.ByArea))
	}
	k.eq("uncovered needs listed (totalCount)", api.Coverage.Coverage.Uncovered.TotalCount, bcov.Uncovered.TotalCount)

	// Statistics: totals and the cells of each grouping.
	var totals *statsRow
	byMonth, byZone := map[string]statsRow{}, map[string]statsRow{}
	for _, r := range base.stats {
		switch r.g {
		case 1:
			byMonth[*r.month] = r
		case 2:
			byZone[zoneCode[*r.zoneID]] = r
		case 3:
			r := r
			totals = &r
		}
	}
	if t := api.Stats["statsMonth"].Statistics.Totals; totals != nil && !t.Suppressed {
		k.rounded("statistics totals (people accesses cases interventions)",
			[]int64{t.People, t.Accesses, t.Cases, t.Interventions},
			[]int64{totals.people, totals.accesses, totals.cases, totals.interventions})
	}
	for key, want := range map[string]map[string]statsRow{"statsMonth": byMonth, "statsZone": byZone} {
		cells := api.Stats[key].Statistics.Cells
		if len(cells) != len(want) {
			k.fail("statistics %s: %d cells from the API, %d from the baseline", key, len(cells), len(want))
		}
		for _, c := range cells {
			if c.Suppressed {
				continue
			}
			var name string
			switch {
			case c.Month != nil:
				name = *c.Month
			case c.Zone != nil:
				name = c.Zone.Code
			}
			x, ok := want[name]
			if !ok {
				k.fail("statistics %s: cell %q missing from the baseline", key, name)
				continue
			}
			k.rounded("statistics "+key+" "+name, []int64{c.People, c.Accesses, c.Cases, c.Interventions},
				[]int64{x.people, x.accesses, x.cases, x.interventions})
		}
	}

	// Overlaps: the summary rows the API shows, and the number of people listed.
	var bov struct {
		Summary []struct {
			ZoneID           int32 `json:"zone_id"`
			Area             string
			RawPeople        int64 `json:"people"`
			RawInterventions int64 `json:"interventions"`
			RawAmount        int64 `json:"amount_cents"`
		}
		Items struct{ TotalCount int64 }
	}
	if err := json.Unmarshal(base.overlaps, &bov); err != nil {
		k.fail("baseline overlaps: %v", err)
	}
	ovRows := 0
	for _, s := range api.Overlaps.Overlaps.Summary {
		if s.Suppressed || s.Zone == nil || s.Area == nil {
			continue
		}
		found := false
		for _, x := range bov.Summary {
			if zoneCode[x.ZoneID] == s.Zone.Code && x.Area == s.Area.Code {
				found = true
				k.roundedTo("overlaps of zone "+s.Zone.Code+" "+s.Area.Code+" (people interventions amount)",
					[]int64{store.RoundingBase, store.RoundingBase, store.AmountRoundingBase},
					[]int64{s.People, s.Interventions, int64(math.Round(s.AmountCents))}, []int64{x.RawPeople, x.RawInterventions, x.RawAmount})
			}
		}
		if !found {
			k.fail("overlaps: zone %s area %s missing from the baseline", s.Zone.Code, s.Area.Code)
		}
		ovRows++
	}
	if len(api.Overlaps.Overlaps.Summary) != len(bov.Summary) {
		k.fail("overlaps: %d summary rows from the API, %d from the baseline", len(api.Overlaps.Overlaps.Summary), len(bov.Summary))
	}
	k.eq("overlaps listed (totalCount)", api.Overlaps.Overlaps.Items.TotalCount, bov.Items.TotalCount)

	// Staffing.
	var apiStaff, baseStaff []string
	for _, s := range api.Staffing.Staffing {
		apiStaff = append(apiStaff, fmt.Sprintf("%s:%d/%d", s.Zone.Code, s.Population, s.SocialWorkers))
	}
	for _, s := range base.staffing {
		baseStaff = append(baseStaff, fmt.Sprintf("%s:%d/%d", s.code, s.population, s.socWorkers))
	}
	k.eq("staffing (zone:population/social workers)", apiStaff, baseStaff)
	return k.done(fmt.Sprintf("coverage of %d areas, %d uncovered listed; statistics totals and %d+%d cells; %d overlap rows, %d listed; staffing of %d zones",
		compared, bcov.Uncovered.TotalCount, len(byMonth), len(byZone), ovRows, bov.Items.TotalCount, len(baseStaff)))
}
