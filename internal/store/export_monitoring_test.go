package store

import "context"

// CoverageRollupsApply reports whether CoverageByArea and UncoveredNeeds
// answer q from the rollups.
func (s *Store) CoverageRollupsApply(ctx context.Context, q CoverageQuery) (bool, error) {
	if err := q.normalize(); err != nil {
		return false, err
	}
	return s.coverageRollupsApply(ctx, q)
}

// StatisticsFromRollups answers q from the rollups only; ok is false when
// Statistics would compute it from the raw rows.
func (s *Store) StatisticsFromRollups(ctx context.Context, q StatsQuery) ([]*StatsCell, *StatsCell, bool, error) {
	cols, err := statsColumns(q)
	if err != nil {
		return nil, nil, false, err
	}
	cells, total, ok, err := s.statisticsFromRollups(ctx, q, cols)
	if !ok || err != nil {
		return nil, nil, ok, err
	}
	cells, total, err = finishStatistics(cells, total)
	return cells, total, true, err
}
