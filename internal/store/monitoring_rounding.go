package store

import (
	"context"
	"fmt"
)

// Coverage and overlaps publish counts of people too, over margins a
// monitoring user can subtract: every monitored zone pooled against each
// zone, the areas of a period against a longer period. Suppression alone
// would let the pooled cell minus the published zones give a suppressed
// zone's count, so their figures are rounded by the rule of Statistics
// (statistics_rounding.go): multiples of RoundingBase (amounts of
// AmountRoundingBase), drawn by the database's secret and the cell. The
// functions without "Published" stay exact: they are what the rollups are
// tested against.

// PublishedCoverageByArea is CoverageByArea as the API publishes it: small
// cells suppressed, the others rounded.
func (s *Store) PublishedCoverageByArea(ctx context.Context, q CoverageQuery) ([]CoverageRow, error) {
	if err := q.normalize(); err != nil { // the defaults are part of the cell's identity
		return nil, err
	}
	rows, err := s.CoverageByArea(ctx, q)
	if err != nil {
		return nil, err
	}
	key, err := s.statisticsKey(ctx)
	if err != nil {
		return nil, err
	}
	r := rounder{key: key}
	for i := range rows {
		c := &rows[i]
		if c.Suppressed {
			continue
		}
		id := fmt.Sprintf("coverage|zones=%s|area=%q|days=%d", zonesIdentity(q.ZoneIDs), c.AreaCode, q.UncoveredAfterDays)
		c.NeedsExpressed = r.count(id, "needs", c.NeedsExpressed, RoundingBase)
		c.PeopleWithNeed = r.count(id, "people", c.PeopleWithNeed, RoundingBase)
		c.Answered = r.count(id, "answered", c.Answered, RoundingBase)
		c.AnsweredLate = r.count(id, "answered_late", c.AnsweredLate, RoundingBase)
		c.Pending = r.count(id, "pending", c.Pending, RoundingBase)
		c.Uncovered = r.count(id, "uncovered", c.Uncovered, RoundingBase)
	}
	return rows, nil
}

// PublishedOverlapSummaries is OverlapSummaries as the API publishes it:
// small cells suppressed, the others rounded.
func (s *Store) PublishedOverlapSummaries(ctx context.Context, q OverlapQuery) ([]OverlapSummary, error) {
	if err := q.normalize(); err != nil { // the defaults are part of the cell's identity
		return nil, err
	}
	rows, err := s.OverlapSummaries(ctx, q)
	if err != nil {
		return nil, err
	}
	key, err := s.statisticsKey(ctx)
	if err != nil {
		return nil, err
	}
	r := rounder{key: key}
	for i := range rows {
		c := &rows[i]
		if c.Suppressed {
			continue
		}
		// A row of one zone counts that zone's people whatever else was
		// asked; a pooled row (zone 0) the zones of the query.
		zones := fmt.Sprint(c.ZoneID)
		if c.ZoneID == 0 {
			zones = zonesIdentity(q.ZoneIDs)
		}
		id := fmt.Sprintf("overlaps|zones=%s|by=%s|area=%q|type=%q", zones, q.By, c.AreaCode, c.TypeCode)
		c.People = r.count(id, "people", c.People, RoundingBase)
		c.Interventions = r.count(id, "interventions", c.Interventions, RoundingBase)
		c.AmountCents = r.count(id, "amount_cents", c.AmountCents, AmountRoundingBase)
	}
	return rows, nil
}
