package store

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// SuppressionThreshold is the smallest number of people a statistics cell
// may show (DESIGN.md section 3, rule 7).
const SuppressionThreshold = 5

// StatsQuery asks for statistics: ZoneIDs nil means every zone.
type StatsQuery struct {
	ZoneIDs  []int
	From, To time.Time
	GroupBy  []string // ZONE, MUNICIPALITY, USER_AREA, INTERVENTION_TYPE, MONTH, SEX, AGE_BAND
}

// StatsCell is one cell; the dimensions not grouped by are nil.
type StatsCell struct {
	ZoneID         *int    `bun:"zone_id"`
	MunicipalityID *int    `bun:"municipality_id"`
	AreaCode       *string `bun:"area_code"`
	TypeCode       *string `bun:"type_code"`
	Month          *string `bun:"month"`
	Sex            *string `bun:"sex"`
	AgeBand        *string `bun:"age_band"`
	People         int64   `bun:"people"`
	Accesses       int64   `bun:"accesses"`
	Cases          int64   `bun:"cases"`
	Interventions  int64   `bun:"interventions"`
	AmountCents    float64 `bun:"amount_cents"`
	Suppressed     bool    `bun:"-"`
}

var statsDimensions = map[string]string{
	"ZONE": "zone_id", "MUNICIPALITY": "municipality_id", "USER_AREA": "area_code", "INTERVENTION_TYPE": "type_code",
	"MONTH": "month", "SEX": "sex", "AGE_BAND": "age_band",
}

const ageBandSQL = `CASE WHEN c.birth_date IS NULL THEN NULL
	WHEN c.birth_date > ?::date - interval '18 years' THEN 'MINOR'
	WHEN c.birth_date > ?::date - interval '65 years' THEN 'ADULT'
	WHEN c.birth_date > ?::date - interval '75 years' THEN 'ELDERLY_65_74'
	ELSE 'ELDERLY_75_PLUS' END`

// Statistics aggregates accesses, cases opened and interventions running in
// the period, by the dimensions asked for, as they are published: small
// cells suppressed and the figures of the others rounded
// (statistics_rounding.go). StatisticsExact is the same unrounded.
//
// The period's days are days of Europe/Rome, like the months. Groupings by
// zone, user area and month (the dashboards') are read from the rollups of
// migration 0008 (statisticsFromRollups); the others, and the few periods
// the rollups cannot answer exactly, are computed from the raw rows
// (StatisticsExact).
func (s *Store) Statistics(ctx context.Context, q StatsQuery) ([]*StatsCell, *StatsCell, error) {
	cols, err := statsColumns(q)
	if err != nil {
		return nil, nil, err
	}
	cells, total, ok, err := s.statisticsFromRollups(ctx, q, cols)
	switch {
	case err != nil:
		return nil, nil, err
	case ok:
		cells, total, err = finishStatistics(cells, total)
	default:
		cells, total, err = s.StatisticsExact(ctx, q)
	}
	if err != nil {
		return nil, nil, err
	}
	return s.roundStatistics(ctx, q, cols, cells, total)
}

// statsColumns returns the columns of q's dimensions, each once.
func statsColumns(q StatsQuery) ([]string, error) {
	var cols []string
	for _, d := range q.GroupBy {
		col, ok := statsDimensions[d]
		if !ok {
			return nil, fmt.Errorf("statistics: unknown dimension %q", d)
		}
		if !containsString(cols, col) {
			cols = append(cols, col)
		}
	}
	return cols, nil
}

// finishStatistics suppresses the small cells and a small total.
func finishStatistics(cells []*StatsCell, total *StatsCell) ([]*StatsCell, *StatsCell, error) {
	suppress(cells)
	if total.People < SuppressionThreshold {
		blank(total)
	}
	return cells, total, nil
}

// StatisticsExact computes Statistics from the raw rows, for every
// dimension: the reference the rollups are tested against, and the path of
// the groupings the rollups do not keep (municipality, intervention type,
// sex and age band are the citizen's and the intervention's of today).
func (s *Store) StatisticsExact(ctx context.Context, q StatsQuery) ([]*StatsCell, *StatsCell, error) {
	cols, err := statsColumns(q)
	if err != nil {
		return nil, nil, err
	}
	from, to := q.From.Format("2006-01-02"), q.To.Format("2006-01-02")
	zoneCond := func(col string) (string, []any) {
		if q.ZoneIDs == nil {
			return "true", nil
		}
		return col + " IN (?)", []any{bun.In(append([]int{0}, q.ZoneIDs...))}
	}
	var args []any
	part := func(sql string, zoneCol string, extra ...any) string {
		zc, za := zoneCond(zoneCol)
		args = append(args, to, to, to)
		args = append(args, extra...)
		args = append(args, za...)
		return strings.Replace(sql, "{zone}", zc, 1)
	}
	events := part(`SELECT 'A' AS kind, a.id AS obj, a.citizen_id, a.zone_id, c.residence_municipality_id AS municipality_id,
			nc.area_code, NULL::text AS type_code, to_char(a.occurred_at AT TIME ZONE 'Europe/Rome', 'YYYY-MM') AS month,
			c.sex, `+ageBandSQL+` AS age_band, 0::bigint AS amount
		FROM access a LEFT JOIN citizen c ON c.id = a.citizen_id
		LEFT JOIN access_need n ON n.access_id = a.id LEFT JOIN need_category nc ON nc.code = n.need_code
		WHERE a.occurred_at >= ?::date::timestamp AT TIME ZONE 'Europe/Rome' AND a.occurred_at < (?::date + 1)::timestamp AT TIME ZONE 'Europe/Rome' AND {zone}`, "a.zone_id", from, to) +
		"\nUNION ALL\n" +
		part(`SELECT 'C', k.id, k.citizen_id, k.zone_id, c.residence_municipality_id, k.user_area_code, NULL,
			to_char(k.opened_at AT TIME ZONE 'Europe/Rome', 'YYYY-MM'), c.sex, `+ageBandSQL+`, 0
		FROM care_case k JOIN citizen c ON c.id = k.citizen_id
		WHERE k.opened_at >= ?::date::timestamp AT TIME ZONE 'Europe/Rome' AND k.opened_at < (?::date + 1)::timestamp AT TIME ZONE 'Europe/Rome' AND {zone}`, "k.zone_id", from, to) +
		"\nUNION ALL\n" +
		part(`SELECT 'I', i.id, i.citizen_id, i.zone_id, c.residence_municipality_id, t.area_code, i.type_code,
			to_char(i.start_date, 'YYYY-MM'), c.sex, `+ageBandSQL+`, i.amount_cents
		FROM intervention i JOIN citizen c ON c.id = i.citizen_id JOIN intervention_type t ON t.code = i.type_code
		WHERE i.status IN ('AUTHORIZED', 'ACTIVE', 'CLOSED') AND i.start_date <= ?::date
		  AND (i.end_date IS NULL OR i.end_date >= ?::date) AND {zone}`, "i.zone_id", to, from)
	measures := `count(DISTINCT citizen_id) AS people,
		count(DISTINCT obj) FILTER (WHERE kind = 'A') AS accesses,
		count(DISTINCT obj) FILTER (WHERE kind = 'C') AS cases,
		count(DISTINCT obj) FILTER (WHERE kind = 'I') AS interventions,
		coalesce(sum(amount) FILTER (WHERE kind = 'I'), 0)::float8 AS amount_cents`
	sel, group := measures, ""
	if len(cols) > 0 {
		sel = strings.Join(cols, ", ") + ", " + measures
		group = " GROUP BY " + strings.Join(cols, ", ") + " ORDER BY " + strings.Join(cols, ", ")
	}
	var cells []*StatsCell
	if err := s.DB.NewRaw("WITH ev AS ("+events+") SELECT "+sel+" FROM ev"+group, args...).Scan(ctx, &cells); err != nil {
		return nil, nil, fmt.Errorf("statistics: %w", err)
	}
	var totals []*StatsCell
	if err := s.DB.NewRaw("WITH ev AS ("+events+") SELECT "+measures+" FROM ev", args...).Scan(ctx, &totals); err != nil {
		return nil, nil, fmt.Errorf("statistics totals: %w", err)
	}
	return finishStatistics(cells, totals[0])
}

// suppress blanks the cells with fewer people than the threshold, and when
// exactly one cell is blanked it blanks the next smallest too, so that the
// blanked cell cannot be worked out from the totals.
func suppress(cells []*StatsCell) {
	var small, rest []*StatsCell
	for _, c := range cells {
		if c.People < SuppressionThreshold {
			small = append(small, c)
		} else {
			rest = append(rest, c)
		}
	}
	for _, c := range small {
		blank(c)
	}
	if len(small) == 1 && len(rest) > 0 {
		sort.SliceStable(rest, func(i, j int) bool { return rest[i].People < rest[j].People })
		blank(rest[0])
	}
}

func blank(c *StatsCell) {
	c.Suppressed = true
	c.People, c.Accesses, c.Cases, c.Interventions, c.AmountCents = 0, 0, 0, 0, 0
}

func containsString(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// statisticsFromRollups answers q from mon_rollup (migration 0008) when it
// can do so exactly: groupings by zone, user area and month, one zone or
// every zone (the people of several zones together are not additive), and
// by month only when the period spans more than one month (within one
// month a citizen's facts may leave a gap around the whole period, which
// the rollups keep for the whole-period cells only). ok is false when the
// query must be computed from the raw rows.
func (s *Store) statisticsFromRollups(ctx context.Context, q StatsQuery, cols []string) ([]*StatsCell, *StatsCell, bool, error) {
	for _, c := range cols {
		if c != "zone_id" && c != "area_code" && c != "month" {
			return nil, nil, false, nil
		}
	}
	byMonth := containsString(cols, "month")
	if q.ZoneIDs != nil && len(q.ZoneIDs) > 1 {
		return nil, nil, false, nil
	}
	if byMonth && q.From.Year() == q.To.Year() && q.From.Month() == q.To.Month() {
		return nil, nil, false, nil
	}
	var cells []*StatsCell
	var totals []*StatsCell
	if q.ZoneIDs != nil && len(q.ZoneIDs) == 0 { // no zone: nothing
		totals = []*StatsCell{{}}
	} else if len(cols) > 0 {
		if err := s.DB.NewRaw(s.statsRollupSQL(q, cols)).Scan(ctx, &cells); err != nil {
			return nil, nil, true, fmt.Errorf("statistics: %w", err)
		}
	}
	if totals == nil {
		if err := s.DB.NewRaw(s.statsRollupSQL(q, nil)).Scan(ctx, &totals); err != nil {
			return nil, nil, true, fmt.Errorf("statistics totals: %w", err)
		}
	}
	total := &StatsCell{}
	if len(totals) == 1 {
		total = totals[0]
	}
	if len(cols) == 0 { // one cell, the totals (as an aggregate without GROUP BY)
		cell := *total
		cells = []*StatsCell{&cell}
	}
	if cells == nil {
		cells = []*StatsCell{}
	}
	return cells, total, true, nil
}

// statsRollupSQL is the statement of the cells of one grouping (none for
// the totals) over mon_rollup:
//
//	people        = r5 (first day <= to) - r6 (last day < from) - r7 (gap around the period)
//	accesses      = r1, cases = r2, over the days of the period
//	interventions = r3 (started by to) - r4 (ended before from), by start month
//
// Additive rows are summed over the zones asked for; the people rows are
// those of the zone (grouping by zone, or one zone asked for) or of zone 0
// (every zone).
func (s *Store) statsRollupSQL(q StatsQuery, cols []string) string {
	byZone, byArea, byMonth := containsString(cols, "zone_id"), containsString(cols, "area_code"), containsString(cols, "month")
	from := s.literal(q.From.Format(time.DateOnly)) + "::date"
	to := s.literal(q.To.Format(time.DateOnly)) + "::date"
	zones := "zone_id = ANY(ARRAY(SELECT id::smallint FROM zone))" // (index-friendly: one range per zone)
	if q.ZoneIDs != nil {
		zones = "zone_id = ANY(" + s.literal(intArrayLiteral(q.ZoneIDs)) + "::int[])"
	}
	peopleZones := zones
	if !byZone {
		peopleZones = "zone_id = 0"
		if q.ZoneIDs != nil {
			peopleZones = fmt.Sprintf("zone_id = %d", q.ZoneIDs[0])
		}
	}
	area := "area_code = '*'"
	if byArea {
		area = "area_code <> '*'"
	}
	month := "month = 0"
	if byMonth {
		month = "month <> 0"
	}
	var sel, group []string
	for _, c := range cols {
		switch c {
		case "zone_id":
			sel = append(sel, "zone_id::int AS zone_id")
		case "area_code":
			sel = append(sel, "nullif(area_code, '') AS area_code")
		case "month":
			sel = append(sel, "to_char(make_date(month / 100, month % 100, 1), 'YYYY-MM') AS month")
		}
		group = append(group, c)
	}
	gap := ""
	if !byMonth {
		gap = ` OR (r = 7 AND ` + peopleZones + ` AND ` + area + ` AND d1 < ` + from + ` AND d2 > ` + to + `)`
	}
	measures := `coalesce(sum(n) FILTER (WHERE r = 5), 0) - coalesce(sum(n) FILTER (WHERE r IN (6, 7)), 0) AS people,
		coalesce(sum(n) FILTER (WHERE r = 1), 0) AS accesses,
		coalesce(sum(n) FILTER (WHERE r = 2), 0) AS cases,
		coalesce(sum(n) FILTER (WHERE r = 3), 0) - coalesce(sum(n) FILTER (WHERE r = 4), 0) AS interventions,
		(coalesce(sum(amount) FILTER (WHERE r = 3), 0) - coalesce(sum(amount) FILTER (WHERE r = 4), 0))::float8 AS amount_cents`
	where := `((r IN (1, 2) AND ` + zones + ` AND ` + area + ` AND d1 BETWEEN ` + from + ` AND ` + to + `)
		OR (r = 3 AND ` + zones + ` AND ` + area + ` AND d1 <= ` + to + `)
		OR (r = 4 AND ` + zones + ` AND ` + area + ` AND d1 < ` + from + `)
		OR (r = 5 AND ` + peopleZones + ` AND ` + area + ` AND ` + month + ` AND d1 <= ` + to + `)
		OR (r = 6 AND ` + peopleZones + ` AND ` + area + ` AND ` + month + ` AND d1 < ` + from + `)` + gap + `)`
	if len(sel) == 0 {
		return `SELECT ` + measures + ` FROM mon_rollup WHERE ` + where
	}
	colList := strings.Join(sel, ", ")
	keys := strings.Join(group, ", ")
	return `SELECT * FROM (SELECT ` + colList + `, ` + measures + ` FROM mon_rollup WHERE ` + where + `
		GROUP BY ` + keys + `) c WHERE people > 0 OR accesses > 0 OR cases > 0 OR interventions > 0
		ORDER BY ` + keys
}
