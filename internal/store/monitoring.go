package store

// Monitoring: the three questions SISO exists to answer (DESIGN.md, the
// reason to exist): which expressed needs nobody answers (Coverage), who
// is helped twice for the same need by organizations that do not know of
// each other (Overlaps), and how far each zone is from the national
// staffing target (Staffing).
//
// Aggregates are computed over every row of the zones asked for and have
// their small cells suppressed (fewer than SuppressionThreshold people, with
// the same complementary rule as Statistics); the lists of people carry
// only the rows the viewer may see, computed in SQL with authz.RelSQL, so
// a regional analyst, who has no relationship with anybody, gets the
// aggregates and empty lists.

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/uptrace/bun/schema"

	"github.com/siso-project/siso/internal/apperr"
	"github.com/siso-project/siso/internal/authz"
)

// Defaults and bounds of the monitoring queries.
const (
	DefaultUncoveredAfterDays = 30
	MaxUncoveredAfterDays     = 365
	// SocialWorkerTargetInhabitants is the national target of one social
	// worker (assistente sociale) every 5,000 inhabitants (LEP, law
	// 178/2020, art. 1 c. 797).
	SocialWorkerTargetInhabitants = 5000
)

// needPositions bounds the number of needs of one access in the synthetic
// id of an UncoveredNeed (there are 25 need categories).
const needPositions = 1000

// monitoringLocation is the time zone whose calendar days count the days a
// need has been waiting.
const monitoringLocation = "Europe/Rome"

// ---------------------------------------------------------------------------
// Coverage
// ---------------------------------------------------------------------------

// CoverageQuery asks which needs expressed at the accesses of a period got
// an answer.
type CoverageQuery struct {
	// ZoneIDs are the zones of the accesses; nil means every zone.
	ZoneIDs []int
	// From and To are the days of the accesses (both included, days of
	// Europe/Rome); a zero To is today, a zero From is one year before To.
	From, To time.Time
	// UncoveredAfterDays is the answer window: a need still without an
	// answer this many days after its access is uncovered (default 30,
	// 1 to 365).
	UncoveredAfterDays int
	// Now is the instant the waiting is measured at; zero is time.Now().
	Now time.Time
}

// CoverageRow is the coverage of one user area. The four outcome counts
// add up to NeedsExpressed:
//
//   - Answered: an answer came within UncoveredAfterDays of the access;
//   - AnsweredLate: the first answer came later than that;
//   - Pending: no answer yet, but the window is still open;
//   - Uncovered: no answer at all, and the window has closed.
//
// Answered + Uncovered = NeedsExpressed when the period ends more than
// UncoveredAfterDays before Now and no answer came late.
type CoverageRow struct {
	AreaCode       string `bun:"area_code"`
	NeedsExpressed int64  `bun:"needs_expressed"`
	PeopleWithNeed int64  `bun:"people_with_need"`
	Answered       int64  `bun:"answered"`
	AnsweredLate   int64  `bun:"answered_late"`
	Pending        int64  `bun:"pending"`
	Uncovered      int64  `bun:"uncovered"`
	Suppressed     bool   `bun:"-"`
}

// UncoveredNeed is one need expressed at an access that nobody answered:
// one row per (access, need).
//
// ID is access_id*1000 + the need's position among the needs of its
// access (ordered by need code, from 1): unique by construction, stable
// as long as the list of needs of that access is not edited; ID/1000 is
// the access id. The list is ordered by AccessOccurredAt, oldest (longest
// waiting) first, then by ID.
type UncoveredNeed struct {
	ID               int64     `bun:"id"`
	CitizenID        int64     `bun:"citizen_id"`
	AccessID         int64     `bun:"access_id"`
	AccessOccurredAt time.Time `bun:"access_occurred_at"`
	NeedCode         string    `bun:"need_code"`
	AreaCode         string    `bun:"area_code"`
	ZoneID           int       `bun:"zone_id"`
	OfficeID         int64     `bun:"office_id"`
	// OutcomeCode is the answer given at the desk (information, guidance…).
	OutcomeCode string `bun:"outcome_code"`
	// DaysWaiting counts the calendar days (Europe/Rome) from the access to
	// Now.
	DaysWaiting int `bun:"days_waiting"`

	RowMeta
}

// AuthzGuard gives the field decisions what they need.
func (u *UncoveredNeed) AuthzGuard() *authz.Guard {
	return &authz.Guard{CitizenID: u.CitizenID, Rel: u.Rel}
}

// Coverage is the answer to CoverageQuery.
type Coverage struct {
	// ByArea has one row per user area with needs, in the areas' order.
	ByArea []CoverageRow
	// Uncovered lists the uncovered needs of citizens the viewer may see
	// at the social tier (accesses); empty for viewers without
	// relationships (analysts).
	Uncovered *Conn[UncoveredNeed]
	// UncoveredAfterDays is the window used (after defaults).
	UncoveredAfterDays int
	// Query is the query answered, with its defaults filled in (for a
	// resolver that pages Uncovered later with UncoveredNeeds).
	Query CoverageQuery
}

// Normalized returns q with its defaults filled in, or a BAD_USER_INPUT
// error; the methods that take a CoverageQuery normalize it themselves.
func (q CoverageQuery) Normalized() (CoverageQuery, error) {
	err := q.normalize()
	return q, err
}

// normalize fills the defaults and validates q.
func (q *CoverageQuery) normalize() error {
	if q.Now.IsZero() {
		q.Now = time.Now()
	}
	switch {
	case q.UncoveredAfterDays == 0:
		q.UncoveredAfterDays = DefaultUncoveredAfterDays
	case q.UncoveredAfterDays < 1 || q.UncoveredAfterDays > MaxUncoveredAfterDays:
		return apperr.BadInput("uncoveredAfterDays", "uncoveredAfterDays must be between 1 and %d", MaxUncoveredAfterDays)
	}
	var err error
	q.From, q.To, err = period(q.From, q.To, q.Now)
	return err
}

// period applies the default period (the year up to now) and checks it.
func period(from, to, now time.Time) (time.Time, time.Time, error) {
	if to.IsZero() {
		to = now
	}
	if from.IsZero() {
		from = to.AddDate(-1, 0, 0)
	}
	if from.After(to) {
		return from, to, apperr.BadInput("from", "from must not be after to")
	}
	return from, to, nil
}

// coverageNeeds is the SQL of every need expressed, in the period and the
// zones, at an access of a known citizen (anonymous accesses have nobody
// to follow), with _answered_at, the first moment the citizen had an
// answer to it (NULL for none):
//
//   - a case of the need's user area that was open at or after the access
//     (opened before and still open, or opened later; a case still only
//     PROPOSED is not an answer), counted from max(opened, access);
//   - an intervention of a type of the need's area, requested, authorized,
//     active or closed (not refused), not ended before the access, counted
//     from max(requested, access);
//   - a referral made from the access, or for the citizen after it, that
//     was not rejected or withdrawn, counted from when it was proposed.
//
// Anything happening after Now is ignored. The answers are found with
// joins on (citizen, area) rather than a subquery per need, so the cost
// grows with the needs of the period, not with their product.
//
// The list needs the rows' ids (withIDs); the aggregates do not, and skip
// the window function that numbers the needs of each access.
func (s *Store) coverageNeeds(q CoverageQuery, withIDs bool) string {
	from, to := q.From.Format(time.DateOnly), q.To.Format(time.DateOnly)
	pos := "0"
	if withIDs {
		pos = "row_number() OVER (PARTITION BY a.id ORDER BY n.need_code)"
	}
	zone := "true"
	if q.ZoneIDs != nil {
		zone = "a.zone_id = ANY(" + s.literal(intArrayLiteral(q.ZoneIDs)) + "::int[])"
	}
	return s.formatNamed(`WITH need AS MATERIALIZED (
		SELECT a.id AS access_id, a.citizen_id, a.occurred_at, a.zone_id, a.office_id, a.outcome_code,
			n.need_code, nc.area_code, (a.occurred_at AT TIME ZONE ?tz)::date AS day,
			`+pos+` AS pos
		FROM access a
		JOIN access_need n ON n.access_id = a.id
		JOIN need_category nc ON nc.code = n.need_code
		WHERE a.citizen_id IS NOT NULL AND `+zone+`
		  AND a.occurred_at >= ?from::timestamp AT TIME ZONE ?tz
		  AND a.occurred_at < (?to::date + 1)::timestamp AT TIME ZONE ?tz AND a.occurred_at <= ?now::timestamptz
	), event AS (
		SELECT k.citizen_id, k.user_area_code AS area_code, k.opened_at AS at, k.closed_at AS until, NULL::date AS until_day
		FROM care_case k
		WHERE k.status <> 'PROPOSED' AND k.opened_at <= ?now::timestamptz AND k.citizen_id IN (SELECT citizen_id FROM need)
		UNION ALL
		SELECT i.citizen_id, it.area_code, i.requested_at, i.closed_at, i.end_date
		FROM intervention i JOIN intervention_type it ON it.code = i.type_code
		WHERE i.status <> 'REFUSED' AND i.requested_at <= ?now::timestamptz AND i.citizen_id IN (SELECT citizen_id FROM need)
	), answer AS (
		SELECT need.access_id, need.need_code, greatest(e.at, need.occurred_at) AS at
		FROM need JOIN event e ON e.citizen_id = need.citizen_id AND e.area_code = need.area_code
		WHERE (e.until IS NULL OR e.until >= need.occurred_at) AND (e.until_day IS NULL OR e.until_day >= need.day)
		UNION ALL
		SELECT need.access_id, need.need_code, greatest(r.proposed_at, need.occurred_at)
		FROM need JOIN referral r ON r.citizen_id = need.citizen_id
		 AND (r.access_id = need.access_id OR r.proposed_at >= need.occurred_at)
		WHERE r.status NOT IN ('REJECTED', 'WITHDRAWN') AND r.proposed_at <= ?now::timestamptz
	)
	SELECT need.access_id * ?positions + need.pos AS id, need.citizen_id, need.access_id,
		need.occurred_at AS access_occurred_at, need.need_code, need.area_code, need.zone_id, need.office_id,
		need.outcome_code, ((?now::timestamptz AT TIME ZONE ?tz)::date - need.day) AS days_waiting,
		earliest.at AS _answered_at
	FROM need
	LEFT JOIN (SELECT access_id, need_code, min(at) AS at FROM answer GROUP BY access_id, need_code) earliest
	  ON earliest.access_id = need.access_id AND earliest.need_code = need.need_code`,
		map[string]any{"tz": monitoringLocation, "from": from, "to": to, "now": q.Now, "positions": needPositions})
}

// Coverage answers q: the coverage of each user area and the viewer's page
// of uncovered needs (CoverageByArea and UncoveredNeeds in one call).
func (s *Store) Coverage(ctx context.Context, v *authz.Viewer, q CoverageQuery, pg Page) (*Coverage, error) {
	if err := q.normalize(); err != nil {
		return nil, err
	}
	byArea, err := s.CoverageByArea(ctx, q)
	if err != nil {
		return nil, err
	}
	list, err := s.UncoveredNeeds(ctx, v, q, pg)
	if err != nil {
		return nil, err
	}
	return &Coverage{ByArea: byArea, Uncovered: list, UncoveredAfterDays: q.UncoveredAfterDays, Query: q}, nil
}

// coverageStates returns the SQL conditions, over the rows of
// coverageNeeds aliased t, of a need answered in time, answered late,
// pending and uncovered.
func (s *Store) coverageStates(q CoverageQuery) (answered, late, pending, uncovered string) {
	now := s.literal(q.Now) + "::timestamptz"
	deadline := fmt.Sprintf("(t.access_occurred_at + make_interval(days => %d))", q.UncoveredAfterDays)
	none := "(t._answered_at IS NULL OR t._answered_at > " + now + ")"
	return "t._answered_at <= " + deadline + " AND t._answered_at <= " + now,
		"t._answered_at > " + deadline + " AND t._answered_at <= " + now,
		none + " AND " + deadline + " > " + now,
		none + " AND " + deadline + " <= " + now
}

// CoverageByArea returns the coverage of each user area with needs in
// q, in the areas' order, small cells suppressed: from the rollups
// (coverageFromRollups) when they answer q exactly, from the raw rows
// otherwise.
func (s *Store) CoverageByArea(ctx context.Context, q CoverageQuery) ([]CoverageRow, error) {
	if err := q.normalize(); err != nil {
		return nil, err
	}
	if ok, err := s.coverageRollupsApply(ctx, q); err != nil {
		return nil, err
	} else if ok {
		rows, err := s.coverageFromRollups(ctx, q)
		if err != nil {
			return nil, err
		}
		suppressCoverage(rows)
		return rows, nil
	}
	return s.CoverageByAreaExact(ctx, q)
}

func suppressCoverage(rows []CoverageRow) {
	suppressRows(rows, func(r *CoverageRow) int64 { return r.PeopleWithNeed }, func(r *CoverageRow) {
		*r = CoverageRow{AreaCode: r.AreaCode, Suppressed: true}
	})
}

// CoverageByAreaExact computes CoverageByArea from the raw rows (the
// reference of the rollups, and the path of what they cannot answer).
func (s *Store) CoverageByAreaExact(ctx context.Context, q CoverageQuery) ([]CoverageRow, error) {
	if err := q.normalize(); err != nil {
		return nil, err
	}
	answered, late, pending, uncovered := s.coverageStates(q)
	var rows []CoverageRow
	err := s.DB.NewRaw(`SELECT t.area_code, count(*) AS needs_expressed, count(DISTINCT t.citizen_id) AS people_with_need,
		count(*) FILTER (WHERE `+answered+`) AS answered,
		count(*) FILTER (WHERE `+late+`) AS answered_late,
		count(*) FILTER (WHERE `+pending+`) AS pending,
		count(*) FILTER (WHERE `+uncovered+`) AS uncovered
	FROM (`+s.coverageNeeds(q, false)+`) t JOIN user_area ua ON ua.code = t.area_code
	GROUP BY t.area_code, ua.sort ORDER BY ua.sort, t.area_code`).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("coverage: %w", err)
	}
	suppressCoverage(rows)
	return rows, nil
}

// UncoveredNeeds pages the uncovered needs of q that exist for v: those
// of accesses v may see (the social tier of their citizen). A viewer
// without relationships (an analyst) gets an empty list. The page is read
// by keyset from mon_need (uncoveredFromRollups) when the rollups apply.
func (s *Store) UncoveredNeeds(ctx context.Context, v *authz.Viewer, q CoverageQuery, pg Page) (*Conn[UncoveredNeed], error) {
	if err := q.normalize(); err != nil {
		return nil, err
	}
	if rel, _ := authz.RelSQL(v, "t.citizen_id"); rel == "0" {
		return &Conn[UncoveredNeed]{}, nil // no relationships: no identities
	}
	if ok, err := s.coverageRollupsApply(ctx, q); err != nil {
		return nil, err
	} else if ok {
		return s.uncoveredFromRollups(ctx, v, q, normalPage(pg))
	}
	return s.UncoveredNeedsExact(ctx, v, q, pg)
}

// UncoveredNeedsExact computes UncoveredNeeds from the raw rows.
func (s *Store) UncoveredNeedsExact(ctx context.Context, v *authz.Viewer, q CoverageQuery, pg Page) (*Conn[UncoveredNeed], error) {
	if err := q.normalize(); err != nil {
		return nil, err
	}
	rel, relArgs := authz.RelSQL(v, "t.citizen_id")
	if rel == "0" {
		return &Conn[UncoveredNeed]{}, nil // no relationships: no identities
	}
	_, _, _, uncovered := s.coverageStates(q)
	table := `(SELECT * FROM (` + s.coverageNeeds(q, true) + `) t WHERE ` + uncovered + `)`
	spec := ListSpec{Table: table, Sort: "t.access_occurred_at", SortType: "timestamptz", Rel: rel, RelArgs: relArgs}
	m, err := pages[UncoveredNeed](ctx, s.DB, spec, "0", nil, visibleRel(authz.RowsSocial), normalPage(pg))
	if err != nil {
		return nil, fmt.Errorf("uncovered needs: %w", err)
	}
	return one(m), nil
}

// ---------------------------------------------------------------------------
// Overlaps
// ---------------------------------------------------------------------------

// OverlapQuery asks which citizens receive, in a period, more than one
// intervention of the same user area (or type) from different
// organizations at the same time.
type OverlapQuery struct {
	// ZoneIDs are the zones of the interventions; nil means every zone. An
	// overlap belongs to a zone when one of its interventions is paid by
	// the zone (intervention.zone_id), so an overlap across two zones is
	// counted in both and found from either.
	ZoneIDs []int
	// From and To are the days of the period (both included); zero values
	// as in CoverageQuery.
	From, To time.Time
	// By is AREA (default) or TYPE.
	By string
	// AcrossZones pools the zones in the summary: one row per area (or
	// type) with ZoneID 0, for regional monitoring where the cells of
	// single zones are too small to show.
	AcrossZones bool
}

// OverlapSummary aggregates the overlaps of one zone (0 when the zones are
// pooled) and area (or type): People are the citizens with an overlapping intervention paid by the
// zone; Interventions and AmountCents count those interventions (their
// whole amounts).
type OverlapSummary struct {
	ZoneID        int    `bun:"zone_id"`
	AreaCode      string `bun:"area_code"`
	TypeCode      string `bun:"type_code"` // "" when grouped by AREA
	People        int64  `bun:"people"`
	Interventions int64  `bun:"interventions"`
	AmountCents   int64  `bun:"amount_cents"`
	Suppressed    bool   `bun:"-"`
}

// OverlapItem is the overlap of one citizen in one area (or type): the
// interventions that overlap at least one intervention of another
// organization. ID is the smallest of InterventionIDs (unique, since an
// intervention has one citizen, area and type). The list is ordered by
// AmountCents, largest first, then ID.
type OverlapItem struct {
	ID              int64    `bun:"id"`
	CitizenID       int64    `bun:"citizen_id"`
	AreaCode        string   `bun:"area_code"`
	TypeCode        string   `bun:"type_code"` // "" when grouped by AREA
	TypeCodes       []string `bun:"type_codes,array"`
	InterventionIDs []int64  `bun:"intervention_ids,array"`
	// OrganizationIDs are the paying organizations involved: the provider,
	// or for an intervention without one the zone's lead municipality.
	OrganizationIDs []int64 `bun:"organization_ids,array"`
	ZoneIDs         []int   `bun:"zone_ids,array"`
	// OverlapFrom and OverlapTo bound the days (inside the period) when
	// two of the interventions ran at once.
	OverlapFrom   time.Time `bun:"overlap_from,type:date"`
	OverlapTo     time.Time `bun:"overlap_to,type:date"`
	AmountCents   int64     `bun:"amount_cents"`
	Interventions int64     `bun:"interventions"`

	RowMeta
}

// AuthzGuard gives the field decisions what they need.
func (o *OverlapItem) AuthzGuard() *authz.Guard {
	return &authz.Guard{CitizenID: o.CitizenID, Rel: o.Rel}
}

// Overlaps is the answer to OverlapQuery.
type Overlaps struct {
	Summary []OverlapSummary
	// Items lists the overlaps of citizens whose interventions the viewer
	// may see at the case tier (social workers and managers of the zone,
	// the case team, grants, emergencies); empty for analysts and
	// providers, who must not see other organizations' interventions.
	Items *Conn[OverlapItem]
	By    string
	// Query is the query answered, with its defaults filled in (for a
	// resolver that pages Items later with OverlapItems).
	Query OverlapQuery
}

// overlapStatuses are the interventions that are (or were) paid.
const overlapStatuses = `('AUTHORIZED', 'ACTIVE', 'CLOSED')`

// overlapCTEs is the WITH clause of the overlaps of q:
//
//	iv:       the paid interventions running in the period (of the citizens
//	          with one in the zones), each with its payer and its days
//	          clipped to the period;
//	pair:     two of them of the same citizen and key (area or type), from
//	          different payers, with common days;
//	involved: each intervention that is part of a pair, once.
//
// The payer is the provider organization; an intervention without a
// provider is delivered by the zone itself and paid by its lead
// municipality (the organization of kind MUNICIPALITY of the zone's lead
// municipality), or, if there is none, by a payer of its own, "zone <id>".
//
// Unless exact, pair and iv come from mon_overlap_pair (migration 0008),
// which keeps every pair of a citizen's paid interventions of one area,
// from different payers, running at once, with their common days: the
// pairs whose common days meet the period are pair, their interventions
// iv (the citizens in scope are implied: an involved intervention is in
// the zones, or its pair is not counted nor listed).
func (s *Store) overlapCTEs(q OverlapQuery, exact bool) string {
	from, to := s.literal(q.From.Format(time.DateOnly))+"::date", s.literal(q.To.Format(time.DateOnly))+"::date"
	key := "it.area_code"
	if q.By == "TYPE" {
		key = "i.type_code"
	}
	if !exact {
		period := "daterange(" + from + ", " + to + ", '[]')"
		pairKey, join, same := "p.area_code", "", ""
		if q.By == "TYPE" {
			pairKey, join, same = "ia.type_code", "JOIN intervention ia ON ia.id = p.a_id", "AND p.same_type"
		}
		scope := ""
		if q.ZoneIDs != nil { // only citizens with an involved intervention in the zones count
			scope = `AND p.citizen_id IN (SELECT p2.citizen_id FROM mon_overlap_pair p2
				JOIN intervention z2 ON z2.id IN (p2.a_id, p2.b_id)
				WHERE z2.zone_id = ANY(` + s.literal(intArrayLiteral(q.ZoneIDs)) + `::int[]) AND p2.common && ` + period + `)`
		}
		return `WITH pair AS (
		SELECT p.citizen_id, ` + pairKey + ` AS key, p.a_id, p.b_id, p.common * ` + period + ` AS common
		FROM mon_overlap_pair p ` + join + `
		WHERE p.common && ` + period + ` ` + same + ` ` + scope + `
	), iv AS (
		SELECT i.id, i.citizen_id, i.zone_id, i.type_code, it.area_code, ` + key + ` AS key, i.amount_cents,
			coalesce(i.provider_organization_id, zo.id) AS org_id,
			coalesce('o' || coalesce(i.provider_organization_id, zo.id), 'z' || i.zone_id) AS payer,
			daterange(greatest(i.start_date, ` + from + `), least(coalesce(i.end_date, ` + to + `), ` + to + `), '[]') AS span
		FROM intervention i
		JOIN intervention_type it ON it.code = i.type_code
		LEFT JOIN LATERAL (SELECT o.id FROM zone z
			JOIN organization o ON o.kind = 'MUNICIPALITY' AND o.municipality_id = z.lead_municipality_id
			WHERE z.id = i.zone_id AND i.provider_organization_id IS NULL ORDER BY o.id LIMIT 1) zo ON true
		WHERE i.id IN (SELECT a_id FROM pair UNION SELECT b_id FROM pair)
	), involved AS (
		SELECT iv.* FROM iv
	)`
	}
	scope := ""
	if q.ZoneIDs != nil {
		scope = `AND i.citizen_id IN (SELECT j.citizen_id FROM intervention j
			WHERE j.zone_id = ANY(` + s.literal(intArrayLiteral(q.ZoneIDs)) + `::int[]) AND j.status IN ` + overlapStatuses + `
			  AND j.start_date <= ` + to + ` AND (j.end_date IS NULL OR j.end_date >= ` + from + `))`
	}
	return `WITH iv AS (
		SELECT i.id, i.citizen_id, i.zone_id, i.type_code, it.area_code, ` + key + ` AS key, i.amount_cents,
			coalesce(i.provider_organization_id, zo.id) AS org_id,
			coalesce('o' || coalesce(i.provider_organization_id, zo.id), 'z' || i.zone_id) AS payer,
			daterange(greatest(i.start_date, ` + from + `), least(coalesce(i.end_date, ` + to + `), ` + to + `), '[]') AS span
		FROM intervention i
		JOIN intervention_type it ON it.code = i.type_code
		LEFT JOIN LATERAL (SELECT o.id FROM zone z
			JOIN organization o ON o.kind = 'MUNICIPALITY' AND o.municipality_id = z.lead_municipality_id
			WHERE z.id = i.zone_id AND i.provider_organization_id IS NULL ORDER BY o.id LIMIT 1) zo ON true
		WHERE i.status IN ` + overlapStatuses + ` AND i.start_date <= ` + to + ` AND (i.end_date IS NULL OR i.end_date >= ` + from + `)
		  ` + scope + `
	), pair AS (
		SELECT a.citizen_id, a.key, a.id AS a_id, b.id AS b_id, a.span * b.span AS common
		FROM iv a JOIN iv b ON b.citizen_id = a.citizen_id AND b.key = a.key AND b.id > a.id
		 AND b.payer <> a.payer AND a.span && b.span
	), involved AS (
		SELECT iv.* FROM iv WHERE iv.id IN (SELECT a_id FROM pair UNION SELECT b_id FROM pair)
	)`
}

// Normalized returns q with its defaults filled in, or a BAD_USER_INPUT
// error; the methods that take an OverlapQuery normalize it themselves.
func (q OverlapQuery) Normalized() (OverlapQuery, error) {
	err := q.normalize()
	return q, err
}

// normalize fills the defaults and validates q.
func (q *OverlapQuery) normalize() error {
	switch q.By {
	case "":
		q.By = "AREA"
	case "AREA", "TYPE":
	default:
		return apperr.BadInput("by", "by must be AREA or TYPE")
	}
	var err error
	q.From, q.To, err = period(q.From, q.To, time.Now())
	return err
}

// Overlaps answers q: the summary per zone and area (or type), and the
// viewer's page of overlaps (OverlapSummaries and OverlapItems in one call).
func (s *Store) Overlaps(ctx context.Context, v *authz.Viewer, q OverlapQuery, pg Page) (*Overlaps, error) {
	if err := q.normalize(); err != nil {
		return nil, err
	}
	summary, err := s.OverlapSummaries(ctx, q)
	if err != nil {
		return nil, err
	}
	items, err := s.OverlapItems(ctx, v, q, pg)
	if err != nil {
		return nil, err
	}
	return &Overlaps{Summary: summary, Items: items, By: q.By, Query: q}, nil
}

// overlapSQL returns the expressions of a query over involved: the type
// code column and the condition of an intervention paid by q's zones.
func (s *Store) overlapSQL(q OverlapQuery) (typeCode, inZones string) {
	typeCode, inZones = "''", "true"
	if q.By == "TYPE" {
		typeCode = "involved.key"
	}
	if q.ZoneIDs != nil {
		inZones = "involved.zone_id = ANY(" + s.literal(intArrayLiteral(q.ZoneIDs)) + "::int[])"
	}
	return typeCode, inZones
}

// OverlapSummaries returns the overlaps of q per zone (or pooled) and area
// (or type), small cells suppressed.
func (s *Store) OverlapSummaries(ctx context.Context, q OverlapQuery) ([]OverlapSummary, error) {
	return s.overlapSummaries(ctx, q, false)
}

// OverlapSummariesExact computes OverlapSummaries from the raw rows.
func (s *Store) OverlapSummariesExact(ctx context.Context, q OverlapQuery) ([]OverlapSummary, error) {
	return s.overlapSummaries(ctx, q, true)
}

func (s *Store) overlapSummaries(ctx context.Context, q OverlapQuery, exact bool) ([]OverlapSummary, error) {
	if err := q.normalize(); err != nil {
		return nil, err
	}
	typeCode, inZones := s.overlapSQL(q)
	zoneKey := "involved.zone_id"
	if q.AcrossZones {
		zoneKey = "0"
	}
	var rows []OverlapSummary
	err := s.DB.NewRaw(s.overlapCTEs(q, exact)+`
	SELECT `+zoneKey+` AS zone_id, min(involved.area_code) AS area_code, `+typeCode+` AS type_code,
		count(DISTINCT involved.citizen_id) AS people, count(*) AS interventions,
		coalesce(sum(involved.amount_cents), 0)::bigint AS amount_cents
	FROM involved WHERE `+inZones+`
	GROUP BY 1, involved.key ORDER BY 1, involved.key`).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("overlaps: %w", err)
	}
	suppressRows(rows, func(r *OverlapSummary) int64 { return r.People }, func(r *OverlapSummary) {
		*r = OverlapSummary{ZoneID: r.ZoneID, AreaCode: r.AreaCode, TypeCode: r.TypeCode, Suppressed: true}
	})
	return rows, nil
}

// OverlapItems pages the overlaps of q (those with an intervention paid
// by q's zones) of the citizens whose interventions v may see at the case
// tier. Analysts and providers get an empty list.
func (s *Store) OverlapItems(ctx context.Context, v *authz.Viewer, q OverlapQuery, pg Page) (*Conn[OverlapItem], error) {
	return s.overlapItems(ctx, v, q, pg, false)
}

// OverlapItemsExact computes OverlapItems from the raw rows.
func (s *Store) OverlapItemsExact(ctx context.Context, v *authz.Viewer, q OverlapQuery, pg Page) (*Conn[OverlapItem], error) {
	return s.overlapItems(ctx, v, q, pg, true)
}

func (s *Store) overlapItems(ctx context.Context, v *authz.Viewer, q OverlapQuery, pg Page, exact bool) (*Conn[OverlapItem], error) {
	if err := q.normalize(); err != nil {
		return nil, err
	}
	rel, relArgs := authz.RelSQL(v, "t.citizen_id")
	if rel == "0" {
		return &Conn[OverlapItem]{}, nil
	}
	typeCode, inZones := s.overlapSQL(q)
	having := ""
	if q.ZoneIDs != nil {
		having = "HAVING bool_or(" + inZones + ")"
	}
	table := `(` + s.overlapCTEs(q, exact) + `
	SELECT min(involved.id) AS id, involved.citizen_id, min(involved.area_code) AS area_code, ` + typeCode + ` AS type_code,
		array_agg(DISTINCT involved.type_code) AS type_codes,
		array_agg(involved.id ORDER BY involved.id) AS intervention_ids,
		coalesce(array_agg(DISTINCT involved.org_id) FILTER (WHERE involved.org_id IS NOT NULL), '{}') AS organization_ids,
		array_agg(DISTINCT involved.zone_id) AS zone_ids,
		(SELECT min(lower(p.common)) FROM pair p WHERE p.citizen_id = involved.citizen_id AND p.key = involved.key) AS overlap_from,
		(SELECT max(upper(p.common)) - 1 FROM pair p WHERE p.citizen_id = involved.citizen_id AND p.key = involved.key) AS overlap_to,
		coalesce(sum(involved.amount_cents), 0)::bigint AS amount_cents, count(*) AS interventions
	FROM involved
	GROUP BY involved.citizen_id, involved.key ` + having + `)`
	spec := ListSpec{Table: table, Sort: "t.amount_cents", SortType: "bigint", Desc: true, Rel: rel, RelArgs: relArgs}
	m, err := pages[OverlapItem](ctx, s.DB, spec, "0", nil, visibleRel(authz.RowsCase), normalPage(pg))
	if err != nil {
		return nil, fmt.Errorf("overlap items: %w", err)
	}
	return one(m), nil
}

// ---------------------------------------------------------------------------
// Staffing
// ---------------------------------------------------------------------------

// StaffingRow compares a zone's social workers with the national target.
type StaffingRow struct {
	ZoneID   int    `bun:"zone_id"`
	ZoneName string `bun:"zone_name"`
	// Population is the 2011 census population of the zone's
	// municipalities.
	Population int64 `bun:"population"`
	// SocialWorkers are the active operators holding the SOCIAL_WORKER role
	// in the zone whose profession is social worker (assistente sociale):
	// the professionals the national target counts. A role held in every
	// zone (regional) is counted in none.
	SocialWorkers int64 `bun:"social_workers"`
	// SocialWorkRoleHolders are all the active operators holding the
	// SOCIAL_WORKER role in the zone (educators and psychologists too).
	SocialWorkRoleHolders int64 `bun:"social_work_role_holders"`
	// Target is ceil(Population / 5,000).
	Target int64 `bun:"-"`
	// InhabitantsPerSocialWorker is Population / SocialWorkers; nil without
	// social workers.
	InhabitantsPerSocialWorker *float64 `bun:"-"`
	// Gap is Target - SocialWorkers: the social workers missing, negative
	// when the zone is above the target.
	Gap int64 `bun:"-"`
}

// Staffing returns the staffing of the zones (nil: every zone), by zone id.
func (s *Store) Staffing(ctx context.Context, zoneIDs []int) ([]StaffingRow, error) {
	zone := "true"
	if zoneIDs != nil {
		zone = "z.id = ANY(" + s.literal(intArrayLiteral(zoneIDs)) + "::int[])"
	}
	var rows []StaffingRow
	err := s.DB.NewRaw(`SELECT z.id AS zone_id, z.name AS zone_name,
		(SELECT coalesce(sum(m.population_2011), 0) FROM municipality m WHERE m.zone_id = z.id) AS population,
		(SELECT count(DISTINCT o.id) FROM operator_role r JOIN operator o ON o.id = r.operator_id
		  WHERE r.zone_id = z.id AND r.role = 'SOCIAL_WORKER' AND o.active AND o.profession_code = 'SOCIAL_WORKER') AS social_workers,
		(SELECT count(DISTINCT o.id) FROM operator_role r JOIN operator o ON o.id = r.operator_id
		  WHERE r.zone_id = z.id AND r.role = 'SOCIAL_WORKER' AND o.active) AS social_work_role_holders
	FROM zone z WHERE `+zone+` ORDER BY z.id`).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("staffing: %w", err)
	}
	for i := range rows {
		r := &rows[i]
		r.Target = (r.Population + SocialWorkerTargetInhabitants - 1) / SocialWorkerTargetInhabitants
		r.Gap = r.Target - r.SocialWorkers
		if r.SocialWorkers > 0 {
			ratio := float64(r.Population) / float64(r.SocialWorkers)
			r.InhabitantsPerSocialWorker = &ratio
		}
	}
	return rows, nil
}

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

// suppressRows blanks the rows with fewer people than SuppressionThreshold
// and, when exactly one row is blanked, the next smallest too (the rule of
// suppress, for any row type).
func suppressRows[T any](rows []T, people func(*T) int64, blankRow func(*T)) {
	var small, rest []int
	for i := range rows {
		if people(&rows[i]) < SuppressionThreshold {
			small = append(small, i)
		} else {
			rest = append(rest, i)
		}
	}
	if len(small) == 1 && len(rest) > 0 {
		sort.SliceStable(rest, func(a, b int) bool { return people(&rows[rest[a]]) < people(&rows[rest[b]]) })
		small = append(small, rest[0])
	}
	for _, i := range small {
		blankRow(&rows[i])
	}
}

// format renders a statement with its arguments as literals, so that it can
// be the table expression of a paged list.
func (s *Store) format(query string, args ...any) string {
	return schema.NewQueryGen(s.DB.Dialect()).FormatQuery(query, args...)
}

// formatNamed renders a statement with ?name placeholders.
func (s *Store) formatNamed(query string, args map[string]any) string {
	gen := schema.NewQueryGen(s.DB.Dialect())
	for name, v := range args {
		gen = gen.WithNamedArg(name, v)
	}
	return gen.FormatQuery(query)
}

// literal renders one value as a SQL literal.
func (s *Store) literal(v any) string { return s.format("?", v) }

// intArrayLiteral renders ids as the text of a PostgreSQL array.
func intArrayLiteral(ids []int) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = fmt.Sprint(id)
	}
	return "{" + strings.Join(parts, ",") + "}"
}

// normalPage gives a zero Page the default size.
func normalPage(pg Page) Page {
	if pg.Limit <= 0 {
		pg.Limit = DefaultPageSize
	}
	return pg
}

// ---------------------------------------------------------------------------
// Coverage from the rollups (migration 0008)
// ---------------------------------------------------------------------------

// coverageRollupsApply reports whether the rollups answer q exactly. They
// keep, per need, the first answer whatever its date, and count the needs of
// known citizens whatever the hour: q is answered from them unless q asks
// for the people of several zones together (not additive), or a need of the
// period was expressed after q.Now, or one was answered after q.Now (as
// when q.Now is in the past), which only the raw rows can judge.
func (s *Store) coverageRollupsApply(ctx context.Context, q CoverageQuery) (bool, error) {
	if len(q.ZoneIDs) > 1 {
		return false, nil
	}
	from, to := s.literal(q.From.Format(time.DateOnly))+"::date", s.literal(q.To.Format(time.DateOnly))+"::date"
	now := s.literal(q.Now) + "::timestamptz"
	accessZones, needZones := "a.zone_id = ANY(ARRAY(SELECT id FROM zone))", "true"
	if q.ZoneIDs != nil {
		list := s.literal(intArrayLiteral(q.ZoneIDs)) + "::int[]"
		accessZones, needZones = "a.zone_id = ANY("+list+")", "n.zone_id = ANY("+list+")"
	}
	var future bool
	err := s.DB.NewRaw(`SELECT EXISTS (SELECT 1 FROM access a WHERE `+accessZones+` AND a.citizen_id IS NOT NULL
			AND a.occurred_at > `+now+` AND a.occurred_at >= `+from+`::timestamp AT TIME ZONE '`+monitoringLocation+`'
			AND a.occurred_at < (`+to+` + 1)::timestamp AT TIME ZONE '`+monitoringLocation+`')
		OR EXISTS (SELECT 1 FROM mon_need n WHERE n.first_answer_at > `+now+` AND `+needZones+`
			AND n.day BETWEEN `+from+` AND `+to+`)`).Scan(ctx, &future)
	if err != nil {
		return false, fmt.Errorf("coverage: %w", err)
	}
	return !future, nil
}

// coverageRollupSQL returns the per-area counts of q over zones (a
// condition on zone_id): needs, answered in time, answered late,
// unanswered and pending (the unanswered whose window is still open,
// counted on mon_need's index of unanswered needs), and, when people is a
// condition on the people rows' zone_id, the people with a need.
func (s *Store) coverageRollupSQL(q CoverageQuery, zones, people string) string {
	from, to := s.literal(q.From.Format(time.DateOnly))+"::date", s.literal(q.To.Format(time.DateOnly))+"::date"
	now := s.literal(q.Now) + "::timestamptz"
	w := fmt.Sprint(q.UncoveredAfterDays)
	peopleRows, peopleCol := "", "0::bigint AS people_with_need"
	if people != "" {
		peopleRows = ` OR (r = 9 AND ` + people + ` AND d1 <= ` + to + `)
			OR (r = 10 AND ` + people + ` AND d1 < ` + from + `)
			OR (r = 11 AND ` + people + ` AND d1 < ` + from + ` AND d2 > ` + to + `)`
		peopleCol = `coalesce(sum(n) FILTER (WHERE r = 9), 0) - coalesce(sum(n) FILTER (WHERE r IN (10, 11)), 0) AS people_with_need`
	}
	return `WITH agg AS (
		SELECT area_code,
			coalesce(sum(n) FILTER (WHERE r = 8), 0) AS needs_expressed,
			coalesce(sum(n) FILTER (WHERE r = 8 AND w BETWEEN 0 AND ` + w + `), 0) AS answered,
			coalesce(sum(n) FILTER (WHERE r = 8 AND w > ` + w + `), 0) AS answered_late,
			coalesce(sum(n) FILTER (WHERE r = 8 AND w = -1), 0) AS unanswered,
			` + peopleCol + `
		FROM mon_rollup
		WHERE (r = 8 AND ` + zones + ` AND d1 BETWEEN ` + from + ` AND ` + to + `)` + peopleRows + `
		GROUP BY area_code
	), pend AS (
		SELECT n.area_code, count(*) AS pending FROM mon_need n
		WHERE n.first_answer_at IS NULL AND n.citizen_id IS NOT NULL AND n.need_code <> '' AND ` + strings.ReplaceAll(zones, "zone_id", "n.zone_id") + `
		  AND n.occurred_at > ` + now + ` - make_interval(days => ` + w + `) - interval '2 hours' AND n.occurred_at <= ` + now + `
		  AND n.occurred_at + make_interval(days => ` + w + `) > ` + now + ` AND n.day BETWEEN ` + from + ` AND ` + to + `
		GROUP BY n.area_code
	)
	SELECT agg.area_code, agg.needs_expressed, agg.people_with_need, agg.answered, agg.answered_late,
		coalesce(pend.pending, 0) AS pending, agg.unanswered - coalesce(pend.pending, 0) AS uncovered
	FROM agg LEFT JOIN pend ON pend.area_code = agg.area_code JOIN user_area ua ON ua.code = agg.area_code
	WHERE agg.needs_expressed > 0
	ORDER BY ua.sort, agg.area_code`
}

// coverageZones returns the conditions of q's zones on the rollup rows of
// needs and of people.
func (s *Store) coverageZones(zoneIDs []int) (zones, people string) {
	if zoneIDs == nil {
		return "zone_id = ANY(ARRAY(SELECT id::smallint FROM zone))", "zone_id = 0"
	}
	zones = "zone_id = ANY(" + s.literal(intArrayLiteral(zoneIDs)) + "::int[])"
	if len(zoneIDs) == 1 {
		return zones, fmt.Sprintf("zone_id = %d", zoneIDs[0])
	}
	return zones, ""
}

// coverageFromRollups computes CoverageByArea (before suppression) from
// mon_rollup and mon_need; q is normalized and coverageRollupsApply.
func (s *Store) coverageFromRollups(ctx context.Context, q CoverageQuery) ([]CoverageRow, error) {
	zones, people := s.coverageZones(q.ZoneIDs)
	var rows []CoverageRow
	if err := s.DB.NewRaw(s.coverageRollupSQL(q, zones, people)).Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("coverage: %w", err)
	}
	return rows, nil
}

// socialZones returns the zones in which v sees every citizen with an
// access there at the social tier (a zone role whose relationship opens
// the social rows): every access of a zone links its citizen to the zone
// (citizen_zone, kept by triggers), so every uncovered need of those zones
// exists for v. all: every zone.
func socialZones(v *authz.Viewer) (zones []int, all bool) {
	for _, rz := range []struct {
		role authz.Role
		bit  authz.Rel
	}{{authz.RoleFrontDesk, authz.RelZoneFrontDesk}, {authz.RoleSocialWorker, authz.RelZoneSocialWorker}, {authz.RoleZoneManager, authz.RelZoneManager}} {
		if authz.RowsSocial&rz.bit == 0 {
			continue
		}
		z, a := v.ZonesFor(rz.role)
		all = all || a
		zones = append(zones, z...)
	}
	return zones, all
}

// uncoveredFromRollups pages the uncovered needs of q visible to v by
// keyset over mon_need's index of unanswered needs (occurred_at, id),
// stopping at the page's end. The total is the rollups' count of the
// uncovered needs of the zones v sees whole (socialZones), plus the
// visible ones of the other zones, counted row by row.
func (s *Store) uncoveredFromRollups(ctx context.Context, v *authz.Viewer, q CoverageQuery, pg Page) (*Conn[UncoveredNeed], error) {
	rel, relArgs := authz.RelSQL(v, "n.citizen_id")
	from, to := s.literal(q.From.Format(time.DateOnly))+"::date", s.literal(q.To.Format(time.DateOnly))+"::date"
	now := s.literal(q.Now) + "::timestamptz"
	w := fmt.Sprint(q.UncoveredAfterDays)
	tz := "'" + monitoringLocation + "'"
	zones := "true"
	if q.ZoneIDs != nil {
		zones = "n.zone_id = ANY(" + s.literal(intArrayLiteral(q.ZoneIDs)) + "::int[])"
	}
	mask := fmt.Sprint(int(authz.RowsSocial))
	base := `n.first_answer_at IS NULL AND n.citizen_id IS NOT NULL AND n.need_code <> '' AND ` + zones + `
		AND n.occurred_at >= ` + from + `::timestamp AT TIME ZONE ` + tz + `
		AND n.occurred_at < (` + to + ` + 1)::timestamp AT TIME ZONE ` + tz + `
		AND n.occurred_at <= ` + now + ` - make_interval(days => ` + w + `) + interval '2 hours'
		AND n.occurred_at + make_interval(days => ` + w + `) <= ` + now

	// The page.
	desc := pg.Backward
	dir, cmp := "ASC", ">"
	if desc {
		dir, cmp = "DESC", "<"
	}
	cond := ""
	args := append([]any{}, relArgs...)
	if pg.Cursor != "" {
		key, id, err := decodeCursorAs(pg.Cursor, "timestamptz", cursorField(pg))
		if err != nil {
			return nil, err
		}
		cond = " AND (n.occurred_at, n.id) " + cmp + " (?::timestamptz, ?)"
		args = append(args, key, id)
	}
	args = append(args, pg.Limit+1)
	var rows []*UncoveredNeed
	err := s.DB.NewRaw(`SELECT * FROM (
		SELECT n.id, n.citizen_id, n.access_id, n.occurred_at AS access_occurred_at, n.need_code, n.area_code,
			n.zone_id::int AS zone_id, n.office_id, n.outcome_code,
			((`+now+` AT TIME ZONE `+tz+`)::date - n.day) AS days_waiting,
			`+rel+` AS rel, 0::bigint AS parent_key, n.occurred_at::text AS sort_key, n.id AS row_id
		FROM mon_need n WHERE `+base+cond+`
		ORDER BY n.occurred_at `+dir+`, n.id `+dir+`) t
	WHERE (t.rel & `+mask+`) <> 0 LIMIT ?`, args...).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("uncovered needs: %w", err)
	}
	c := &Conn[UncoveredNeed]{}
	if len(rows) > pg.Limit {
		rows = rows[:pg.Limit]
		if pg.Backward {
			c.HasPrevious = true
		} else {
			c.HasNext = true
		}
	}
	if pg.Backward {
		slices.Reverse(rows)
		c.HasNext = pg.Cursor != ""
	} else {
		c.HasPrevious = pg.Cursor != ""
	}
	c.Rows = rows

	// The total.
	seen, all := socialZones(v)
	var whole []int // the zones of q seen whole
	if all {
		whole = q.ZoneIDs
	} else {
		for _, z := range seen {
			if (q.ZoneIDs == nil || slices.Contains(q.ZoneIDs, z)) && !slices.Contains(whole, z) {
				whole = append(whole, z)
			}
		}
		if whole == nil {
			whole = []int{}
		}
	}
	var total int64
	if whole == nil || len(whole) > 0 {
		wq := q
		wq.ZoneIDs = whole
		z, _ := s.coverageZones(whole)
		var counts []CoverageRow
		if err := s.DB.NewRaw(s.coverageRollupSQL(wq, z, "")).Scan(ctx, &counts); err != nil {
			return nil, fmt.Errorf("uncovered needs: %w", err)
		}
		for _, r := range counts {
			total += r.Uncovered
		}
	}
	covered := whole == nil
	if q.ZoneIDs != nil && whole != nil {
		covered = true
		for _, z := range q.ZoneIDs {
			covered = covered && slices.Contains(whole, z)
		}
	}
	if !covered {
		var rest int64
		err := s.DB.NewRaw(`SELECT count(*) FROM mon_need n WHERE `+base+`
			AND NOT (n.zone_id = ANY(?::int[])) AND (`+rel+` & `+mask+`) <> 0`,
			append([]any{intArrayLiteral(whole)}, relArgs...)...).Scan(ctx, &rest)
		if err != nil {
			return nil, fmt.Errorf("uncovered needs: %w", err)
		}
		total += rest
	}
	for _, r := range rows {
		r.TotalCount = int(total)
	}
	c.TotalCount = int(total)
	return c, nil
}
