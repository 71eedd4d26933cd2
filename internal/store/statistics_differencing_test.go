package store_test

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/siso-project/siso/internal/store"
)

// An analyst who asks the same period by a grouping and by a finer one
// must not recover a suppressed cell by subtraction: every published
// figure is a multiple of the rounding base, so the published coarse cell
// minus the published fine cells under it is a multiple of the base too,
// never the small count it stands for (README, Privacy: statistics).
func TestStatisticsCannotBeDifferenced(t *testing.T) {
	m := newMonitor(t)
	ctx := context.Background()
	from, to := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC)
	pairs := []struct {
		coarse, fine []string
		zones        []int
	}{
		{[]string{"ZONE"}, []string{"ZONE", "SEX"}, nil},
		{[]string{"ZONE"}, []string{"ZONE", "AGE_BAND"}, nil},
		{nil, []string{"SEX"}, nil},
		{nil, []string{"AGE_BAND"}, []int{2}},
		{[]string{"ZONE", "SEX"}, []string{"ZONE", "SEX", "AGE_BAND"}, nil},
		{[]string{"USER_AREA"}, []string{"USER_AREA", "SEX"}, []int{2}},
		{[]string{"ZONE"}, []string{"ZONE", "MONTH"}, nil},
		{[]string{"ZONE"}, []string{"ZONE", "MUNICIPALITY"}, []int{6}},
	}
	for _, p := range pairs {
		t.Run(fmt.Sprintf("%v/%v/%v", p.coarse, p.fine, p.zones), func(t *testing.T) {
			ask := func(g []string) ([]*store.StatsCell, *store.StatsCell) {
				t.Helper()
				cells, total, err := m.s.Statistics(ctx, store.StatsQuery{ZoneIDs: p.zones, From: from, To: to, GroupBy: g})
				if err != nil {
					t.Fatalf("statistics by %v: %v", g, err)
				}
				return cells, total
			}
			coarseCells, coarseTotal := ask(p.coarse)
			fineCells, _ := ask(p.fine)
			if len(p.coarse) == 0 {
				coarseCells = []*store.StatsCell{coarseTotal}
			}
			attacked := 0
			for _, c := range coarseCells {
				if c.Suppressed {
					continue
				}
				var under []*store.StatsCell
				suppressed := 0
				for _, f := range fineCells {
					if within(f, c, p.coarse) {
						under = append(under, f)
						if f.Suppressed {
							suppressed++
						}
					}
				}
				if suppressed == 0 {
					continue
				}
				attacked++
				// What subtraction gives for the suppressed cells under c.
				left := measures(c)
				for _, f := range under {
					if !f.Suppressed {
						for i, v := range measures(f) {
							left[i] -= v
						}
					}
				}
				for i, v := range left {
					base := float64(store.RoundingBase)
					if i == len(left)-1 {
						base = store.AmountRoundingBase
					}
					if math.Mod(v, base) != 0 {
						t.Errorf("%s minus its published %v cells leaves %s = %v for %d suppressed cells: not a multiple of %v, so a small cell's figure is recovered",
							describe(c), p.fine, measureNames[i], v, suppressed, base)
					}
				}
				if people := left[0]; people > 0 && people < store.SuppressionThreshold {
					t.Errorf("%s minus its published %v cells recovers %v people in its suppressed cells", describe(c), p.fine, people)
				}
			}
			if attacked == 0 {
				t.Fatalf("no published %v cell has a suppressed %v cell under it: the test attacks nothing", p.coarse, p.fine)
			}
		})
	}
}

// The same cell, reached through different questions, is published with
// the same figures, so asking again or asking differently gives no fresh
// draws to average.
func TestStatisticsPublishTheSameCellAlike(t *testing.T) {
	m := newMonitor(t)
	ctx := context.Background()
	from, to := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC)
	byZone, _, err := m.s.Statistics(ctx, store.StatsQuery{From: from, To: to, GroupBy: []string{"ZONE"}})
	if err != nil {
		t.Fatal(err)
	}
	byZoneAgain, _, err := m.s.Statistics(ctx, store.StatsQuery{From: from, To: to, GroupBy: []string{"ZONE"}})
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range byZone {
		if describe(c) != describe(byZoneAgain[i]) {
			t.Errorf("asked twice: %s, then %s", describe(c), describe(byZoneAgain[i]))
		}
		// The zone's totals, asked with the zone as the filter.
		_, total, err := m.s.Statistics(ctx, store.StatsQuery{ZoneIDs: []int{*c.ZoneID}, From: from, To: to})
		if err != nil {
			t.Fatal(err)
		}
		// By the zone's own filter and grouped by zone among all zones.
		cells, _, err := m.s.Statistics(ctx, store.StatsQuery{ZoneIDs: []int{*c.ZoneID}, From: from, To: to, GroupBy: []string{"ZONE"}})
		if err != nil {
			t.Fatal(err)
		}
		total.ZoneID = c.ZoneID
		if describe(total) != describe(c) || len(cells) != 1 || describe(cells[0]) != describe(c) {
			t.Errorf("zone %d: grouped by zone %s, its totals %s, filtered and grouped %v", *c.ZoneID, describe(c), describe(total), cells)
		}
	}
}

var measureNames = []string{"people", "accesses", "cases", "interventions", "amountCents"}

func measures(c *store.StatsCell) []float64 {
	return []float64{float64(c.People), float64(c.Accesses), float64(c.Cases), float64(c.Interventions), c.AmountCents}
}

// within reports whether the fine cell f lies in the coarse cell c, whose
// dimensions are dims.
func within(f, c *store.StatsCell, dims []string) bool {
	eq := func(a, b *string) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }
	eqi := func(a, b *int) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }
	for _, d := range dims {
		switch d {
		case "ZONE":
			if !eqi(f.ZoneID, c.ZoneID) {
				return false
			}
		case "SEX":
			if !eq(f.Sex, c.Sex) {
				return false
			}
		case "USER_AREA":
			if !eq(f.AreaCode, c.AreaCode) {
				return false
			}
		}
	}
	return true
}

func describe(c *store.StatsCell) string {
	var b strings.Builder
	s := func(p *string) string {
		if p == nil {
			return "-"
		}
		return *p
	}
	z := "-"
	if c.ZoneID != nil {
		z = fmt.Sprint(*c.ZoneID)
	}
	fmt.Fprintf(&b, "{zone %s area %s sex %s: %v suppressed %v}", z, s(c.AreaCode), s(c.Sex), measures(c), c.Suppressed)
	return b.String()
}
