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
// the period, by the dimensions asked for, with small cells suppressed.
func (s *Store) Statistics(ctx context.Context, q StatsQuery) ([]*StatsCell, *StatsCell, error) {
	var cols []string
	for _, d := range q.GroupBy {
		col, ok := statsDimensions[d]
		if !ok {
			return nil, nil, fmt.Errorf("statistics: unknown dimension %q", d)
		}
		if !containsString(cols, col) {
			cols = append(cols, col)
		}
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
		WHERE a.occurred_at >= ?::date AND a.occurred_at < ?::date + 1 AND {zone}`, "a.zone_id", from, to) +
		"\nUNION ALL\n" +
		part(`SELECT 'C', k.id, k.citizen_id, k.zone_id, c.residence_municipality_id, k.user_area_code, NULL,
			to_char(k.opened_at AT TIME ZONE 'Europe/Rome', 'YYYY-MM'), c.sex, `+ageBandSQL+`, 0
		FROM care_case k JOIN citizen c ON c.id = k.citizen_id
		WHERE k.opened_at >= ?::date AND k.opened_at < ?::date + 1 AND {zone}`, "k.zone_id", from, to) +
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
	suppress(cells)
	total := totals[0]
	if total.People < SuppressionThreshold {
		blank(total)
	}
	return cells, total, nil
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
