package store

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/authz"
)

// CitizenQuery is a validated citizen search.
type CitizenQuery struct {
	Search                string
	FiscalCode            string
	MunicipalityIstatCode string
	ZoneCode              string
	AgeBand               string // MINOR, ADULT, ELDERLY_65_74, ELDERLY_75_PLUS
	Order                 string // NAME, RELEVANCE, CREATED_DESC; "" = RELEVANCE with a search, else NAME
}

var fiscalCodeLike = regexp.MustCompile(`^[A-Z0-9]{16}$`)

// CitizensByIDs loads the citizens with the given ids that exist for v.
func (s *Store) CitizensByIDs(ctx context.Context, v *authz.Viewer, ids []int64) ([]*Citizen, error) {
	return byIDs[Citizen](ctx, s.DB, v, citizenWithHousehold, "id", ids, visibleRel(authz.RowsCitizen))
}

// citizenWithHousehold is the citizen table with each row's household ids
// (see Citizen.HouseholdIDs); the same rule as HouseholdMemberIDs.
const citizenWithHousehold = `(SELECT c.*, ARRAY(SELECT DISTINCT r.related_citizen_id FROM relation r
	WHERE r.citizen_id = c.id AND r.cohabiting AND (r.valid_to IS NULL OR r.valid_to >= current_date)
	ORDER BY 1) AS household_ids, true AS household_read FROM citizen c)`

// CitizenIDByFiscalCode returns the id of the citizen with the code, or 0.
// The caller must load the row through CitizensByIDs so that the scope
// applies.
func (s *Store) CitizenIDByFiscalCode(ctx context.Context, code string) (int64, error) {
	var id int64
	err := scanBound(ctx, s.DB, &id, `SELECT id FROM citizen WHERE fiscal_code = ?`, code)
	if err != nil && !isNoRows(err) {
		return 0, fmt.Errorf("find citizen by fiscal code: %w", err)
	}
	return id, nil
}

// SearchCitizens lists the citizens that exist for v and match f. Filters
// only use fields every viewer who can see a citizen row may read
// (names, codice fiscale, residence, age), so they are no oracle.
func (s *Store) SearchCitizens(ctx context.Context, v *authz.Viewer, f CitizenQuery, pg Page) (*Conn[Citizen], error) {
	rel, relArgs := authz.RelSQL(v, "t.id")
	spec := ListSpec{Table: "citizen", Sort: "t.search_name", SortType: "text", Rel: rel, RelArgs: relArgs}
	var filters []Filter
	// Each filter on a field keeps only the rows where v may read it.
	visible := []string{fmt.Sprintf("(rel & %d) <> 0", int(authz.RowsCitizen))}
	byFiscalCode := func() {
		visible = append(visible, fmt.Sprintf("(rel & %d) <> 0", int(authz.ReadsFiscalCode)))
		if !v.ScopeAdmits(authz.Identity.Name) {
			visible = append(visible, "false")
		}
	}
	byResidence := func() {
		visible = append(visible, fmt.Sprintf("((NOT protected_address AND (rel & %d) <> 0) OR (rel & %d) <> 0)",
			int(authz.ReadsResidence), int(authz.ReadsProtectedResidence)))
		if !v.ScopeAdmits(authz.ContactProvider.Name) {
			visible = append(visible, "false")
		}
	}
	if term := strings.ToLower(strings.Join(strings.Fields(f.Search), " ")); term != "" {
		if fiscalCodeLike.MatchString(strings.ToUpper(term)) {
			filters = append(filters, Where("t.fiscal_code = ?", strings.ToUpper(term)))
			byFiscalCode()
		} else {
			if !v.ScopeAdmits(authz.IdentityProvider.Name) {
				visible = append(visible, "false")
			}
			like := "%" + escapeLike(term) + "%"
			if (f.Order == "RELEVANCE" || f.Order == "") && f.FiscalCode == "" && f.MunicipalityIstatCode == "" &&
				f.ZoneCode == "" && f.AgeBand == "" && !pg.Backward && v.ScopeAdmits(authz.IdentityProvider.Name) {
				return s.searchByName(ctx, v, term, like, pg)
			}
			filters = append(filters, Where("(t.search_name LIKE ? OR ? <<% t.search_name)", like, term))
			if f.Order == "RELEVANCE" || f.Order == "" {
				spec.Sort, spec.SortType, spec.Desc = "strict_word_similarity(?, t.search_name)", "real", true
				spec.SortArgs = []any{term}
			}
		}
	}
	if f.FiscalCode != "" {
		filters = append(filters, Where("t.fiscal_code = ?", f.FiscalCode))
		byFiscalCode()
	}
	if f.MunicipalityIstatCode != "" {
		filters = append(filters, Where("t.residence_municipality_id = (SELECT id FROM municipality WHERE istat_code = ?)", f.MunicipalityIstatCode))
		byResidence()
	}
	if f.ZoneCode != "" {
		filters = append(filters, Where("t.residence_zone_id = (SELECT id FROM zone WHERE code = ?)", f.ZoneCode))
		byResidence()
	}
	if f.AgeBand != "" && !v.ScopeAdmits(authz.IdentityProvider.Name) {
		visible = append(visible, "false")
	}
	switch f.AgeBand {
	case "MINOR":
		filters = append(filters, Where("t.birth_date > current_date - interval '18 years'"))
	case "ADULT":
		filters = append(filters, Where("t.birth_date <= current_date - interval '18 years' AND t.birth_date > current_date - interval '65 years'"))
	case "ELDERLY_65_74":
		filters = append(filters, Where("t.birth_date <= current_date - interval '65 years' AND t.birth_date > current_date - interval '75 years'"))
	case "ELDERLY_75_PLUS":
		filters = append(filters, Where("t.birth_date <= current_date - interval '75 years'"))
	}
	if f.Order == "CREATED_DESC" { // createdAt is an identity field
		spec.Sort, spec.SortType, spec.Desc = "t.created_at", "timestamptz", true
		byFiscalCode()
	}
	m, err := pages[Citizen](ctx, s.DB, spec, "0", filters, Where(strings.Join(visible, " AND ")), pg)
	if err != nil {
		return nil, err
	}
	return one(m), nil
}

// NameSearchCountCap bounds the totalCount of a search by name: past it
// the count says "at least this many" (a common surname matches tens of
// thousands of people in a region; counting them all is work nobody reads).
const NameSearchCountCap = 1000

// searchByName is the search screen's query (a name, by relevance) shaped
// for a region of millions. The matches come from the viewer's own sets
// (authz.CitizenSetsOf: the relationships AnyRelSQL tests, as sets) in
// tables that carry the names (migration 0013): the viewer's zones from
// citizen_search, one partition per zone with its own trigram index, so
// only those zones' matches are read; the referrals to their offices from
// referral_search; the small sets (case teams, grants, emergencies, a
// provider's people) by id. The similarity is computed once per distinct
// name (a common surname is thousands of rows and a few hundred names),
// only the page's rows get their full relationship and columns, the page
// is a top-N by similarity (no sort of every match) and the total is
// counted up to NameSearchCountCap.
func (s *Store) searchByName(ctx context.Context, v *authz.Viewer, term, like string, pg Page) (*Conn[Citizen], error) {
	after, afterArgs := "true", []any(nil)
	if pg.Cursor != "" {
		key, id, err := decodeCursorAs(pg.Cursor, "real", cursorField(pg))
		if err != nil {
			return nil, err
		}
		after, afterArgs = "(sim, id) < (?::real, ?)", []any{key, id}
	}
	sets := authz.CitizenSetsOf(v, authz.RowsCitizen)
	if sets.Empty() {
		return &Conn[Citizen]{HasPrevious: pg.Cursor != ""}, nil
	}
	vis, visArgs := nameMatchesSQL(sets, term, like)
	rel, relArgs := authz.RelSQL(v, "c.id")
	q := fmt.Sprintf(`WITH %s, page AS (
	SELECT id, sim FROM vis WHERE %s ORDER BY sim DESC, id DESC LIMIT ?
)
SELECT c.*, %s AS rel, 0 AS parent_key, p.sim::text AS sort_key, p.id AS row_id,
	(SELECT count(*) FROM (SELECT 1 FROM vis LIMIT ?) n) AS total_count,
	row_number() OVER (ORDER BY p.sim DESC, p.id DESC) AS rn
FROM page p JOIN citizen c ON c.id = p.id ORDER BY rn`, vis, after, rel)
	args := append([]any(nil), visArgs...)
	args = append(args, afterArgs...)
	args = append(args, pg.Limit+1)
	args = append(args, relArgs...)
	args = append(args, NameSearchCountCap)
	var rows []*Citizen
	if err := scanBound(ctx, s.DB, &rows, q, args...); err != nil {
		return nil, fmt.Errorf("search citizens: %w", err)
	}
	c := &Conn[Citizen]{HasPrevious: pg.Cursor != ""}
	for _, r := range rows {
		c.TotalCount = r.TotalCount
		if len(c.Rows) == pg.Limit {
			c.HasNext = true
			break
		}
		c.Rows = append(c.Rows, r)
	}
	if len(rows) == 0 && pg.Cursor != "" {
		var n int
		if err := scanBound(ctx, s.DB, &n, fmt.Sprintf(`WITH %s SELECT count(*) FROM (SELECT 1 FROM vis LIMIT ?) n`, vis),
			append(visArgs, NameSearchCountCap)...); err != nil {
			return nil, fmt.Errorf("search citizens: %w", err)
		}
		c.TotalCount = n
	}
	return c, nil
}

// nameMatchesSQL returns the common table expressions, with their
// arguments, that end in vis(id, sim): the citizens of sets whose name
// contains like or is similar to term (strict word similarity), once each,
// with their similarity to term.
//
// The zones' part reads citizen_search zone by zone (a lateral subquery per
// zone, so that each reads its own partition: PostgreSQL does not prune
// partitions for zone_id = ANY($1)); a viewer of every zone reads all of
// it. The named sets carry their names. The small sets' part looks each
// id's name up (OFFSET 0 keeps the planner from trading the lookups for a
// scan of every match in the region).
func nameMatchesSQL(sets authz.CitizenSets, term, like string) (string, []any) {
	const match = "(%[1]s.search_name LIKE ? OR ? <<%% %[1]s.search_name)"
	var parts []string
	var args []any
	switch {
	case sets.AllZones:
		parts = append(parts, `SELECT cs.citizen_id AS id, cs.search_name FROM citizen_search cs WHERE `+fmt.Sprintf(match, "cs"))
		args = append(args, like, term)
	case len(sets.Zones) > 0:
		parts = append(parts, `SELECT x.id, x.search_name FROM unnest(?::int[]) z(zone_id) CROSS JOIN LATERAL (
		SELECT cs.citizen_id AS id, cs.search_name FROM citizen_search cs
		WHERE cs.zone_id = z.zone_id AND `+fmt.Sprintf(match, "cs")+` OFFSET 0) x`)
		args = append(args, sets.ZonesArray(), like, term)
	}
	for _, n := range sets.Named {
		parts = append(parts, `SELECT n.id, n.search_name FROM (`+n.SQL+`) n(id, search_name) WHERE `+fmt.Sprintf(match, "n"))
		args = append(append(args, n.Args...), like, term)
	}
	if sets.Small != "" {
		parts = append(parts, `SELECT s.id, x.search_name FROM (`+sets.Small+`) s(id) CROSS JOIN LATERAL (
		SELECT t.search_name FROM citizen t WHERE t.id = s.id OFFSET 0) x WHERE `+fmt.Sprintf(match, "x"))
		args = append(args, sets.SmallArgs...)
		args = append(args, like, term)
	}
	q := `found AS MATERIALIZED (
	` + strings.Join(parts, "\n\tUNION ALL\n\t") + `
), sims AS (
	SELECT search_name, strict_word_similarity(?, search_name) AS sim FROM (SELECT DISTINCT search_name FROM found) d
), vis AS MATERIALIZED (
	SELECT f.id, max(sims.sim) AS sim FROM found f JOIN sims ON sims.search_name = f.search_name GROUP BY f.id
)`
	return q, append(args, term)
}

// HouseholdMemberIDs returns, for each citizen, the ids of the citizens
// recorded as living with them (current cohabiting relations). It reveals
// ids only; the caller loads them through CitizensByIDs (scoped) and counts
// the hidden ones.
func (s *Store) HouseholdMemberIDs(ctx context.Context, ids []int64) (map[int64][]int64, error) {
	var rows []struct {
		CitizenID int64 `bun:"citizen_id"`
		Related   int64 `bun:"related_citizen_id"`
	}
	err := s.DB.NewRaw(`SELECT DISTINCT citizen_id, related_citizen_id FROM relation
		WHERE citizen_id IN (?) AND cohabiting AND (valid_to IS NULL OR valid_to >= current_date)
		ORDER BY citizen_id, related_citizen_id`, bun.In(ids)).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("load households: %w", err)
	}
	out := make(map[int64][]int64, len(ids))
	for _, r := range rows {
		out[r.CitizenID] = append(out[r.CitizenID], r.Related)
	}
	return out, nil
}

// RelationsByCitizen pages the relations of each citizen.
func (s *Store) RelationsByCitizen(ctx context.Context, v *authz.Viewer, parents []Parent, pg Page) (map[int64]*Conn[Relation], error) {
	spec := citizenBound(v, "relation", "t.created_at", "timestamptz", false)
	return carriedPages[Relation](ctx, s.DB, spec, "citizen_id", parents, visibleRel(authz.RowsSocial), pg)
}

// RelationsByIDs loads relations by id.
func (s *Store) RelationsByIDs(ctx context.Context, v *authz.Viewer, ids []int64) ([]*Relation, error) {
	return byIDs[Relation](ctx, s.DB, v, "relation", "citizen_id", ids, visibleRel(authz.RowsSocial))
}

// ConsentsByCitizen pages the consents of each citizen.
func (s *Store) ConsentsByCitizen(ctx context.Context, v *authz.Viewer, parents []Parent, pg Page) (map[int64]*Conn[Consent], error) {
	spec := citizenBound(v, "consent", "t.informed_at", "timestamptz", true)
	return carriedPages[Consent](ctx, s.DB, spec, "citizen_id", parents, visibleRel(authz.RowsSocial), pg)
}

// ConsentsByIDs loads consents by id.
func (s *Store) ConsentsByIDs(ctx context.Context, v *authz.Viewer, ids []int64) ([]*Consent, error) {
	return byIDs[Consent](ctx, s.DB, v, "consent", "citizen_id", ids, visibleRel(authz.RowsSocial))
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

func isNoRows(err error) bool { return errors.Is(err, errNoRows) }

func lower(s string) string { return strings.ToLower(s) }
