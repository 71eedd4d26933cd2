package bench

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/siso-project/siso/internal/relay"
)

// scenario is one thing an operator does, through the API and as the
// baseline.
type scenario struct {
	name, user, description, baselineNote string
	writes                                bool
	baselineStatements                    int
	api                                   op
	baseline                              op // nil without a database
	check                                 func(ctx context.Context) Check
}

func (b *bench) scenarios() []*scenario {
	in := &b.in
	worker := func(user string, w int) *Client {
		b.mu.Lock()
		defer b.mu.Unlock()
		return b.clients[user][w]
	}
	now := time.Now()
	from, to := fmt.Sprintf("%d-01-01", now.Year()), now.Format(time.DateOnly)
	list := []*scenario{
		{
			name: "citizen-page", user: userWorker,
			description: fmt.Sprintf("the SPA's CitizenPage document, rotating over the %d citizens of the cases on whose team %s is",
				len(in.pageCitizens), userWorker),
			baselineNote:       "one statement: the citizen and every list of the page as one JSON document",
			baselineStatements: 1,
			api: func(ctx context.Context, w int, i int64) error {
				id := in.pageCitizens[i%int64(len(in.pageCitizens))]
				return worker(userWorker, w).Do(ctx, doc("CitizenPage"), map[string]any{"id": relay.ID("Citizen", id)}, nil)
			},
			baseline: func(ctx context.Context, w int, i int64) error {
				id := in.pageCitizens[i%int64(len(in.pageCitizens))]
				var raw []byte
				return b.pool.QueryRow(ctx, sqlCitizenPage, id, in.operatorIDs[userWorker]).Scan(&raw)
			},
			check: b.checkCitizenPage,
		},
		{
			name: "fiscal-code", user: userWorker,
			description: fmt.Sprintf("the search screen's CitizenSearch document with a codice fiscale, rotating over %d citizens of zone %s",
				len(in.zoneCitizens), zoneCode),
			baselineNote:       "one statement: an index lookup on citizen.fiscal_code",
			baselineStatements: 1,
			api: func(ctx context.Context, w int, i int64) error {
				c := in.zoneCitizens[i%int64(len(in.zoneCitizens))]
				return worker(userWorker, w).Do(ctx, doc("CitizenSearch"), map[string]any{"search": c.FiscalCode}, nil)
			},
			baseline: func(ctx context.Context, w int, i int64) error {
				c := in.zoneCitizens[i%int64(len(in.zoneCitizens))]
				rows, err := b.pool.Query(ctx, sqlFiscalCode, c.FiscalCode)
				if err != nil {
					return err
				}
				_, err = collectValues(rows)
				return err
			},
			check: b.checkFiscalCode,
		},
		{
			name: "name-search", user: userWorker,
			description: fmt.Sprintf("the search screen's CitizenSearch document with a name, rotating over %d terms (surnames, surname and name prefix, typos): %s",
				len(in.terms), strings.Join(in.terms, ", ")),
			baselineNote:       "one statement: trigram search in the worker's zone with the total by a window function",
			baselineStatements: 1,
			api: func(ctx context.Context, w int, i int64) error {
				t := in.terms[i%int64(len(in.terms))]
				return worker(userWorker, w).Do(ctx, doc("CitizenSearch"), map[string]any{"search": t}, nil)
			},
			baseline: func(ctx context.Context, w int, i int64) error {
				_, err := b.baselineSearch(ctx, in.terms[i%int64(len(in.terms))])
				return err
			},
			check: b.checkNameSearch,
		},
		{
			name: "intake", user: userFrontDesk, writes: true,
			description: fmt.Sprintf("the access form's RegisterAccess mutation (WRITES an access with needs %s, service %s, outcome %s and notes %q per request), rotating over %d citizens of zone %s",
				strings.Join(in.needCodes, "+"), strings.Join(in.serviceCodes, "+"), in.outcomeCode, benchNotes, len(in.zoneCitizens), zoneCode),
			baselineNote:       "one statement (so one transaction): the access, its needs and services inserted by a data-modifying WITH (WRITES accesses noted 'siso bench baseline')",
			baselineStatements: 1,
			api: func(ctx context.Context, w int, i int64) error {
				c := in.zoneCitizens[i%int64(len(in.zoneCitizens))]
				_, err := b.registerAccess(ctx, worker(userFrontDesk, w), c.ID)
				return err
			},
			baseline: func(ctx context.Context, w int, i int64) error {
				c := in.zoneCitizens[i%int64(len(in.zoneCitizens))]
				_, err := b.baselineIntake(ctx, c.ID)
				return err
			},
			check: b.checkIntake,
		},
		{
			name: "zone-dashboard", user: userManager,
			description:        fmt.Sprintf("the monitoring screen with its default filters (%s to %s): MonitoringOptions, Coverage, Statistics by month and by zone, Overlaps and Staffing sent at once as the SPA does; one request is all six", from, to),
			baselineNote:       "five statements sent at once (zones and areas; coverage by area with the uncovered page; statistics by month, by zone and totals in GROUPING SETS; overlaps with their page; staffing), over the raw tables",
			baselineStatements: 5,
			api: func(ctx context.Context, w int, i int64) error {
				_, err := b.dashboardAPI(ctx, worker(userManager, w), from, to)
				return err
			},
			baseline: func(ctx context.Context, w int, i int64) error {
				_, err := b.dashboardBaseline(ctx, []int{in.zoneID}, []int{in.zoneID}, from, to)
				return err
			},
			check: func(ctx context.Context) Check {
				return b.checkDashboard(ctx, userManager, []int{in.zoneID}, []int{in.zoneID}, from, to)
			},
		},
		{
			name: "region-dashboard", user: userAnalyst,
			description:        fmt.Sprintf("the same monitoring screen as the regional analyst (every zone, no lists of people), %s to %s", from, to),
			baselineNote:       "the same five statements over every zone",
			baselineStatements: 5,
			api: func(ctx context.Context, w int, i int64) error {
				_, err := b.dashboardAPI(ctx, worker(userAnalyst, w), from, to)
				return err
			},
			baseline: func(ctx context.Context, w int, i int64) error {
				_, err := b.dashboardBaseline(ctx, nil, nil, from, to)
				return err
			},
			check: func(ctx context.Context) Check {
				return b.checkDashboard(ctx, userAnalyst, nil, nil, from, to)
			},
		},
	}
	if b.pool == nil {
		for _, s := range list {
			s.baseline = nil
		}
	}
	return list
}

// check runs a scenario's correctness check, never letting it panic the run.
func (b *bench) check(ctx context.Context, s *scenario) (c Check) {
	defer func() {
		if r := recover(); r != nil {
			c = Check{Input: "sample", Mismatches: []string{fmt.Sprint("check panicked: ", r)}}
		}
	}()
	return s.check(ctx)
}

// ---------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------

func idempotencyKey() string {
	var k [12]byte
	_, _ = rand.Read(k[:])
	return "bench-" + hex.EncodeToString(k[:])
}

// registerAccess sends the access form's mutation with the variables the
// SPA sends, and returns the new access's id.
func (b *bench) registerAccess(ctx context.Context, c *Client, citizenID int64) (int64, error) {
	needs := make([]map[string]any, len(b.in.needCodes))
	for i, n := range b.in.needCodes {
		needs[i] = map[string]any{"code": n}
	}
	input := map[string]any{
		"citizenId":      relay.ID("Citizen", citizenID),
		"officeId":       b.in.officeGID,
		"occurredAt":     time.Now().UTC().Format(time.RFC3339),
		"channel":        "IN_PERSON",
		"needs":          needs,
		"outcome":        b.in.outcomeCode,
		"notes":          benchNotes,
		"idempotencyKey": idempotencyKey(),
	}
	if len(b.in.serviceCodes) > 0 {
		input["requestedServices"] = b.in.serviceCodes
	}
	var out struct {
		RegisterAccess struct {
			Access struct {
				ID      string
				Citizen struct{ ID string }
			}
		}
	}
	if err := c.Do(ctx, doc("RegisterAccess"), map[string]any{"input": input}, &out); err != nil {
		return 0, err
	}
	return relay.ParseAs(out.RegisterAccess.Access.ID, "Access")
}

func (b *bench) baselineIntake(ctx context.Context, citizenID int64) (int64, error) {
	var id int64
	err := b.pool.QueryRow(ctx, sqlIntake, citizenID, b.in.officeID, b.in.officeZoneID, b.in.operatorIDs[userFrontDesk],
		b.in.outcomeCode, idempotencyKey(), b.in.needCodes, b.in.serviceCodes).Scan(&id)
	return id, err
}

type searchRow struct {
	total int64
	id    int64
}

func (b *bench) baselineSearch(ctx context.Context, term string) ([]searchRow, error) {
	t := strings.ToLower(strings.Join(strings.Fields(term), " "))
	like := "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(t) + "%"
	rows, err := b.pool.Query(ctx, sqlNameSearch, like, t, []int32{int32(b.in.zoneID)}, b.in.operatorIDs[userWorker])
	if err != nil {
		return nil, err
	}
	vals, err := collectValues(rows)
	if err != nil {
		return nil, err
	}
	out := make([]searchRow, len(vals))
	for i, v := range vals {
		out[i] = searchRow{total: v[0].(int64), id: v[1].(int64)}
	}
	return out, nil
}

// dashboardAPI sends the monitoring screen's queries at once, as the SPA
// does on opening it, and returns their data by operation.
func (b *bench) dashboardAPI(ctx context.Context, c *Client, from, to string) (map[string]json.RawMessage, error) {
	filter := map[string]any{"from": from, "to": to} // zone: every zone the viewer monitors (the SPA's default)
	reqs := []struct {
		key, doc string
		vars     map[string]any
	}{
		{"options", "MonitoringOptions", map[string]any{}},
		{"coverage", "MonitoringCoverage", map[string]any{"filter": filter, "days": 30}},
		{"statsMonth", "MonitoringStatistics", map[string]any{"filter": filter, "groupBy": []string{"MONTH"}}},
		{"statsZone", "MonitoringStatistics", map[string]any{"filter": filter, "groupBy": []string{"ZONE"}}},
		{"overlaps", "MonitoringOverlaps", map[string]any{"filter": filter, "by": "AREA"}},
		{"staffing", "MonitoringStaffing", map[string]any{}},
	}
	out := make(map[string]json.RawMessage, len(reqs))
	var mu sync.Mutex
	var wg sync.WaitGroup
	var firstErr error
	var denials FieldDenials
	for _, r := range reqs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var raw json.RawMessage
			err := c.Do(ctx, doc(r.doc), r.vars, &raw)
			mu.Lock()
			defer mu.Unlock()
			var d FieldDenials
			switch {
			case err == nil:
			case errors.As(err, &d):
				denials += d
			case firstErr == nil:
				firstErr = fmt.Errorf("%s: %w", r.key, err)
			}
			out[r.key] = raw
		}()
	}
	wg.Wait()
	if firstErr == nil && denials > 0 {
		return out, denials
	}
	return out, firstErr
}

// dashboardData is the baseline's dashboard.
type dashboardData struct {
	options, coverage, overlaps []byte
	stats                       []statsRow
	staffing                    []staffingRow
}

type statsRow struct {
	g                                            int32
	month                                        *string
	zoneID                                       *int32
	people, accesses, cases, interventions, amnt int64
}

type staffingRow struct {
	id                     int32
	code, name             string
	population, socWorkers int64
}

// dashboardBaseline runs the dashboard's five statements at once. zones
// bounds the aggregates (nil: all), listZones the lists of people (nil:
// none, as for an analyst).
func (b *bench) dashboardBaseline(ctx context.Context, zones, listZones []int, from, to string) (*dashboardData, error) {
	z, lz := int32s(zones), int32s(listZones)
	var d dashboardData
	errs := make([]error, 5)
	var wg sync.WaitGroup
	wg.Add(5)
	go func() {
		defer wg.Done()
		var zs, areas []byte
		errs[0] = b.pool.QueryRow(ctx, sqlOptions).Scan(&zs, &areas)
		d.options = append(zs, areas...)
	}()
	go func() {
		defer wg.Done()
		errs[1] = b.pool.QueryRow(ctx, sqlCoverage, z, from, to, 30, lz).Scan(&d.coverage)
	}()
	go func() {
		defer wg.Done()
		rows, err := b.pool.Query(ctx, sqlStatistics, z, from, to)
		if err != nil {
			errs[2] = err
			return
		}
		defer rows.Close()
		for rows.Next() {
			var r statsRow
			if err := rows.Scan(&r.g, &r.month, &r.zoneID, &r.people, &r.accesses, &r.cases, &r.interventions, &r.amnt); err != nil {
				errs[2] = err
				return
			}
			d.stats = append(d.stats, r)
		}
		errs[2] = rows.Err()
	}()
	go func() {
		defer wg.Done()
		errs[3] = b.pool.QueryRow(ctx, sqlOverlaps, z, from, to, lz).Scan(&d.overlaps)
	}()
	go func() {
		defer wg.Done()
		rows, err := b.pool.Query(ctx, sqlStaffing, z)
		if err != nil {
			errs[4] = err
			return
		}
		defer rows.Close()
		for rows.Next() {
			var r staffingRow
			if err := rows.Scan(&r.id, &r.code, &r.name, &r.population, &r.socWorkers); err != nil {
				errs[4] = err
				return
			}
			d.staffing = append(d.staffing, r)
		}
		errs[4] = rows.Err()
	}()
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("dashboard statement %d: %w", i+1, err)
		}
	}
	return &d, nil
}

func int32s(xs []int) []int32 {
	if xs == nil {
		return nil
	}
	out := make([]int32, len(xs))
	for i, x := range xs {
		out[i] = int32(x)
	}
	return out
}

// collectValues reads every row's values.
func collectValues(rows interface {
	Next() bool
	Values() ([]any, error)
	Err() error
	Close()
}) ([][]any, error) {
	defer rows.Close()
	var out [][]any
	for rows.Next() {
		v, err := rows.Values()
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

func sortedIDs(xs []int64) []int64 {
	out := append([]int64(nil), xs...)
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}
