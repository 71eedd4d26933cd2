package store_test

import (
	"context"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/siso-project/siso/internal/authz"
	"github.com/siso-project/siso/internal/database"
	"github.com/siso-project/siso/internal/store"
)

// TestMonitoringAtScale times the two dashboards (the zone manager's of
// zone 2 and the analyst's of the region: coverage with the first page of
// uncovered needs, overlaps with the first page of items, statistics by
// month and by zone, staffing) on the database in SISO_SCALE_DATABASE_URL
// (a large one, e.g. after `siso seed --citizens 1000000`), from the
// rollups and, with SISO_SCALE_EXACT=1, from the raw rows as before.
func TestMonitoringAtScale(t *testing.T) {
	url := os.Getenv("SISO_SCALE_DATABASE_URL")
	if url == "" {
		t.Skip("SISO_SCALE_DATABASE_URL is not set")
	}
	ctx := context.Background()
	db, err := database.Open(ctx, url, database.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s := store.New(db)
	viewer := func(name string) *authz.Viewer {
		var id int64
		if err := db.NewRaw(`SELECT id FROM operator WHERE username = ?`, name).Scan(ctx, &id); err != nil {
			t.Fatal(err)
		}
		v, err := s.Viewer(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	now := time.Now()
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	from := time.Date(now.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	first := store.Page{Limit: 20}
	type query struct {
		name string
		run  func(ctx context.Context, exact bool) error
	}
	dashboard := func(v *authz.Viewer, zones []int) []query {
		cq := store.CoverageQuery{ZoneIDs: zones, From: from, To: today, Now: now}
		oq := store.OverlapQuery{ZoneIDs: zones, From: from, To: today}
		stats := func(g string) func(ctx context.Context, exact bool) error {
			return func(ctx context.Context, exact bool) error {
				q := store.StatsQuery{ZoneIDs: zones, From: from, To: today, GroupBy: []string{g}}
				if exact {
					_, _, err := s.StatisticsExact(ctx, q)
					return err
				}
				_, _, err := s.Statistics(ctx, q)
				return err
			}
		}
		return []query{
			{"coverage by area", func(ctx context.Context, exact bool) error {
				if exact {
					_, err := s.CoverageByAreaExact(ctx, cq)
					return err
				}
				_, err := s.CoverageByArea(ctx, cq)
				return err
			}},
			{"uncovered needs, first 20", func(ctx context.Context, exact bool) error {
				if exact {
					_, err := s.UncoveredNeedsExact(ctx, v, cq, first)
					return err
				}
				_, err := s.UncoveredNeeds(ctx, v, cq, first)
				return err
			}},
			{"overlap summary", func(ctx context.Context, exact bool) error {
				if exact {
					_, err := s.OverlapSummariesExact(ctx, oq)
					return err
				}
				_, err := s.OverlapSummaries(ctx, oq)
				return err
			}},
			{"overlap items, first 20", func(ctx context.Context, exact bool) error {
				if exact {
					_, err := s.OverlapItemsExact(ctx, v, oq, first)
					return err
				}
				_, err := s.OverlapItems(ctx, v, oq, first)
				return err
			}},
			{"statistics by month", stats("MONTH")},
			{"statistics by zone", stats("ZONE")},
			{"staffing", func(ctx context.Context, exact bool) error { _, err := s.Staffing(ctx, zones); return err }},
		}
	}
	for _, d := range []struct {
		name  string
		v     *authz.Viewer
		zones []int
	}{{"zone 2 as resp.perugia", viewer("resp.perugia"), []int{2}}, {"region as regione", viewer("regione"), nil}} {
		var sum, sumExact time.Duration
		for _, q := range dashboard(d.v, d.zones) {
			var runs []time.Duration
			for range 5 {
				start := time.Now()
				if err := q.run(ctx, false); err != nil {
					t.Fatalf("%s, %s: %v", d.name, q.name, err)
				}
				runs = append(runs, time.Since(start))
			}
			slices.Sort(runs)
			sum += runs[2]
			exact := "-"
			if os.Getenv("SISO_SCALE_EXACT") != "" {
				qctx, cancel := context.WithTimeout(ctx, 60*time.Second)
				start := time.Now()
				err := q.run(qctx, true)
				cancel()
				took := time.Since(start)
				sumExact += took
				exact = took.Round(time.Millisecond).String()
				if err != nil {
					exact += " (" + err.Error() + ")"
				}
			}
			t.Logf("%-24s %-28s rollups median %8.1f ms (min %7.1f, max %7.1f); raw rows %s", d.name, q.name,
				ms(runs[2]), ms(runs[0]), ms(runs[4]), exact)
		}
		t.Logf("%-24s whole dashboard: rollups %.1f ms; raw rows %s", d.name, ms(sum), sumExact.Round(time.Millisecond))
	}
}
