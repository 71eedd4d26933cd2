package bench

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/siso-project/siso/internal/relay"
)

// The operators of the scenarios (the demo accounts of README.md).
const (
	userWorker    = "as.perugia"        // SOCIAL_WORKER, zone 2
	userFrontDesk = "sportello.perugia" // FRONT_DESK, zone 2
	userManager   = "resp.perugia"      // ZONE_MANAGER, zone 2
	userAnalyst   = "regione"           // ANALYST, all zones
	zoneCode      = "2"                 // their zone
)

// Bounds of the inputs the scenarios rotate over.
const (
	maxPageCitizens = 2000
	maxZoneCitizens = 1000
	benchNotes      = "siso bench" // marks the accesses the intake scenario writes
)

type citizenRef struct {
	ID         int64
	FiscalCode string
	LastName   string
	FirstName  string
}

// inputs are what the scenarios rotate over, fetched once at the start.
type inputs struct {
	// pageCitizens are the citizens of the cases on whose team the social
	// worker is (the citizen page scenario).
	pageCitizens []int64
	// zoneCitizens are citizens of the zone with a codice fiscale, spread
	// over the zone (lookups, searches, intake).
	zoneCitizens []citizenRef
	// terms are the name searches: surnames, surname and a name prefix, typos.
	terms []string
	// source says where the inputs came from.
	source string

	// The intake: the front desk's office and a fixed set of codes.
	officeGID    string
	needCodes    []string
	serviceCodes []string
	outcomeCode  string

	// Database ids for the baseline (0 without a database).
	zoneID       int
	officeID     int64
	officeZoneID int
	operatorIDs  map[string]int64
}

// fetchInputs collects the inputs, from the database when there is one (a
// deterministic spread over the zone, the same in every run), else through
// the API as the operators see them.
func (b *bench) fetchInputs(ctx context.Context) error {
	in := &b.in
	// The intake's form data, through the SPA's own query, as the form loads it.
	fd, err := b.client(ctx, userFrontDesk, 0)
	if err != nil {
		return err
	}
	var form struct {
		Viewer struct {
			Offices []struct{ ID, Name, Kind string }
		}
		CodeLists struct {
			NeedCategories []struct {
				Code string
				Area struct{ Code string }
			}
			AccessOutcomes    []struct{ Code string }
			InterventionTypes []struct {
				Code string
				Area struct{ Code string }
			}
		}
	}
	if err := fd.Do(ctx, accessFormDataDocument, nil, &form); err != nil {
		return fmt.Errorf("the access form's data as %s: %w", userFrontDesk, err)
	}
	if len(form.Viewer.Offices) == 0 || len(form.CodeLists.NeedCategories) < 2 || len(form.CodeLists.AccessOutcomes) == 0 {
		return errors.New("the access form's data lacks an office, need categories or outcomes")
	}
	in.officeGID = form.Viewer.Offices[0].ID
	needs := form.CodeLists.NeedCategories
	sort.Slice(needs, func(i, j int) bool { return needs[i].Code < needs[j].Code })
	area := needs[0].Area.Code
	for _, n := range needs {
		if n.Area.Code == area && len(in.needCodes) < 2 {
			in.needCodes = append(in.needCodes, n.Code)
		}
	}
	types := form.CodeLists.InterventionTypes
	sort.Slice(types, func(i, j int) bool { return types[i].Code < types[j].Code })
	for _, t := range types {
		if t.Area.Code == area {
			in.serviceCodes = []string{t.Code}
			break
		}
	}
	outcomes := form.CodeLists.AccessOutcomes
	sort.Slice(outcomes, func(i, j int) bool { return outcomes[i].Code < outcomes[j].Code })
	in.outcomeCode = outcomes[0].Code

	if b.pool != nil {
		err = b.inputsFromDatabase(ctx)
	} else {
		err = b.inputsFromAPI(ctx)
	}
	if err != nil {
		return err
	}
	if len(in.pageCitizens) == 0 {
		return fmt.Errorf("%s is on the team of no case: nothing for the citizen page", userWorker)
	}
	if len(in.zoneCitizens) == 0 {
		return fmt.Errorf("no citizen with a codice fiscale in zone %s", zoneCode)
	}
	in.terms = searchTerms(in.zoneCitizens)
	return nil
}

func (b *bench) inputsFromDatabase(ctx context.Context) error {
	in := &b.in
	in.source = "database (a fixed spread over the zone, the same in every run)"
	if err := b.pool.QueryRow(ctx, `SELECT id FROM zone WHERE code = $1`, zoneCode).Scan(&in.zoneID); err != nil {
		return fmt.Errorf("zone %s: %w", zoneCode, err)
	}
	officeID, err := relay.ParseAs(in.officeGID, "Office")
	if err != nil {
		return fmt.Errorf("the front desk's office id %q: %w", in.officeGID, err)
	}
	in.officeID = officeID
	if err := b.pool.QueryRow(ctx, `SELECT zone_id FROM office WHERE id = $1`, officeID).Scan(&in.officeZoneID); err != nil {
		return fmt.Errorf("office %d: %w", officeID, err)
	}
	in.operatorIDs = map[string]int64{}
	rows, err := b.pool.Query(ctx, `SELECT username, id FROM operator WHERE username = ANY($1)`,
		[]string{userWorker, userFrontDesk, userManager, userAnalyst})
	if err != nil {
		return err
	}
	for rows.Next() {
		var u string
		var id int64
		if err := rows.Scan(&u, &id); err != nil {
			return err
		}
		in.operatorIDs[u] = id
	}
	if err := rows.Err(); err != nil {
		return err
	}
	// The citizens of the cases on whose team the worker is today (the
	// API's cases(filter: {mine: true})), in a hashed order so that a
	// bounded list still spreads over them.
	rows, err = b.pool.Query(ctx, `SELECT DISTINCT m.citizen_id, (m.citizen_id * 2654435761) % 4294967296 AS h
		FROM case_member m WHERE m.operator_id = $1 AND m.valid_from <= current_date
		  AND (m.valid_to IS NULL OR m.valid_to >= current_date)
		ORDER BY h, m.citizen_id LIMIT $2`, in.operatorIDs[userWorker], maxPageCitizens)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id, h int64
		if err := rows.Scan(&id, &h); err != nil {
			return err
		}
		in.pageCitizens = append(in.pageCitizens, id)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = b.pool.Query(ctx, `SELECT c.id, c.fiscal_code, c.last_name, c.first_name FROM citizen c
		WHERE c.residence_zone_id = $1 AND c.fiscal_code IS NOT NULL AND c.pseudonymized_at IS NULL
		ORDER BY (c.id * 2654435761) % 4294967296, c.id LIMIT $2`, in.zoneID, maxZoneCitizens)
	if err != nil {
		return err
	}
	for rows.Next() {
		var c citizenRef
		if err := rows.Scan(&c.ID, &c.FiscalCode, &c.LastName, &c.FirstName); err != nil {
			return err
		}
		in.zoneCitizens = append(in.zoneCitizens, c)
	}
	return rows.Err()
}

// inputsFromAPI pages through what the operators see: the social worker's
// cases, and the first citizens of the zone by name.
func (b *bench) inputsFromAPI(ctx context.Context) error {
	in := &b.in
	in.source = "API (no database for the baseline: the first pages the operators see)"
	c, err := b.client(ctx, userWorker, 0)
	if err != nil {
		return err
	}
	seen := map[int64]bool{}
	after := ""
	for pages := 0; len(in.pageCitizens) < maxPageCitizens && pages < maxPageCitizens/100+1; pages++ {
		var page struct {
			Cases struct {
				PageInfo struct {
					HasNextPage bool
					EndCursor   string
				}
				Edges []struct {
					Node struct{ Citizen struct{ ID string } }
				}
			}
		}
		vars := map[string]any{"after": nilIfEmpty(after)}
		if err := c.Do(ctx, `query BenchMyCases($after: String) { cases(filter: {mine: true}, first: 100, after: $after) {
			pageInfo { hasNextPage endCursor } edges { node { citizen { id } } } } }`, vars, &page); err != nil {
			return fmt.Errorf("the cases of %s: %w", userWorker, err)
		}
		for _, e := range page.Cases.Edges {
			id, err := relay.ParseAs(e.Node.Citizen.ID, "Citizen")
			if err == nil && !seen[id] {
				seen[id] = true
				in.pageCitizens = append(in.pageCitizens, id)
			}
		}
		if !page.Cases.PageInfo.HasNextPage {
			break
		}
		after = page.Cases.PageInfo.EndCursor
	}
	after = ""
	for pages := 0; len(in.zoneCitizens) < maxZoneCitizens/2 && pages < maxZoneCitizens/200+1; pages++ {
		var page struct {
			Citizens struct {
				PageInfo struct {
					HasNextPage bool
					EndCursor   string
				}
				Edges []struct {
					Node struct {
						ID, FirstName, LastName string
						FiscalCode              *string
					}
				}
			}
		}
		vars := map[string]any{"zone": zoneCode, "after": nilIfEmpty(after)}
		if err := c.Do(ctx, `query BenchZoneCitizens($zone: String!, $after: String) {
			citizens(filter: {zoneCode: $zone}, first: 100, after: $after) {
			pageInfo { hasNextPage endCursor } edges { node { id fiscalCode firstName lastName } } } }`, vars, &page); err != nil {
			return fmt.Errorf("the citizens of zone %s: %w", zoneCode, err)
		}
		for _, e := range page.Citizens.Edges {
			id, err := relay.ParseAs(e.Node.ID, "Citizen")
			if err != nil || e.Node.FiscalCode == nil {
				continue
			}
			in.zoneCitizens = append(in.zoneCitizens, citizenRef{ID: id, FiscalCode: *e.Node.FiscalCode,
				LastName: e.Node.LastName, FirstName: e.Node.FirstName})
		}
		if !page.Citizens.PageInfo.HasNextPage {
			break
		}
		after = page.Citizens.PageInfo.EndCursor
	}
	return nil
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// searchTerms builds realistic name searches from citizens of the zone:
// the most frequent surnames, surnames with the first two letters of a
// first name, and surnames with a typo (two letters swapped).
func searchTerms(cs []citizenRef) []string {
	count := map[string]int{}
	first := map[string]string{}
	for _, c := range cs {
		s := strings.ToLower(strings.TrimSpace(c.LastName))
		if len([]rune(s)) < 4 {
			continue
		}
		count[s]++
		if _, ok := first[s]; !ok {
			first[s] = strings.ToLower(c.FirstName)
		}
	}
	surnames := make([]string, 0, len(count))
	for s := range count {
		surnames = append(surnames, s)
	}
	sort.Slice(surnames, func(i, j int) bool {
		if count[surnames[i]] != count[surnames[j]] {
			return count[surnames[i]] > count[surnames[j]]
		}
		return surnames[i] < surnames[j]
	})
	if len(surnames) > 8 {
		surnames = surnames[:8]
	}
	var terms []string
	for i, s := range surnames {
		switch i % 3 {
		case 0:
			terms = append(terms, s)
		case 1:
			fn := []rune(first[s])
			if len(fn) > 2 {
				fn = fn[:2]
			}
			terms = append(terms, s+" "+string(fn))
		case 2:
			r := []rune(s)
			k := len(r) / 2
			r[k-1], r[k] = r[k], r[k-1]
			terms = append(terms, string(r))
		}
	}
	return terms
}

// accessFormDataDocument is the SPA's AccessFormData query (the form's
// data, loaded once; not measured).
var accessFormDataDocument = doc("AccessFormData")
