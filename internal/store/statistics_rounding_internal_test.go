package store

import (
	"testing"
	"time"
)

// Rounding keeps every figure within the base of its true value, on a
// multiple of it, and gives the same figure to the same cell however the
// query that reached it was written.
func TestRoundingIsKeyedByTheCell(t *testing.T) {
	key := []byte("0123456789abcdef0123456789abcdef")
	two, sex := 2, "F"
	from := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	cell := func() *StatsCell {
		return &StatsCell{ZoneID: &two, Sex: &sex, People: 13, Accesses: 27, Cases: 4, Interventions: 5, AmountCents: 123456}
	}
	asked := []struct {
		name string
		r    rounder
	}{
		{"grouped by zone and sex, every zone", rounder{key: key, q: StatsQuery{From: from, To: from.AddDate(0, 3, 0)}, cols: []string{"zone_id", "sex"}}},
		{"grouped by zone and sex, zones 10 and 2", rounder{key: key, q: StatsQuery{ZoneIDs: []int{10, 2}, From: from, To: from}, cols: []string{"sex", "zone_id"}}},
		{"grouped by sex, zone 2", rounder{key: key, q: StatsQuery{ZoneIDs: []int{2}, From: from, To: from}, cols: []string{"sex"}}},
	}
	var first *StatsCell
	for _, a := range asked {
		c := cell()
		a.r.round(c)
		for _, v := range []int64{c.People, c.Accesses, c.Cases, c.Interventions} {
			if v%RoundingBase != 0 {
				t.Errorf("%s: %d is not a multiple of %d", a.name, v, RoundingBase)
			}
		}
		if int64(c.AmountCents)%AmountRoundingBase != 0 || c.AmountCents < 120000 || c.AmountCents > 130000 {
			t.Errorf("%s: amount %v", a.name, c.AmountCents)
		}
		if c.People < 10 || c.People > 15 || c.Accesses < 25 || c.Accesses > 30 || c.Cases > 5 || c.Interventions != 5 {
			t.Errorf("%s: rounded beyond the neighbouring multiples: %+v", a.name, c)
		}
		c.ZoneID = &two
		if first == nil {
			first = c
		} else if *c != *first {
			t.Errorf("%s: %+v, first asked %+v", a.name, c, first)
		}
	}
	// The draws are unbiased: a value 2 above a multiple goes up about 2 times in 5.
	ups := 0
	for v := int64(1); v <= 400; v++ {
		if (rounder{key: key}).count("zones=*", "people", v*5+2, RoundingBase) > v*5+2 {
			ups++
		}
	}
	if ups < 100 || ups > 220 { // up with probability 2/5
		t.Errorf("rounded up %d times in 400, want about 160", ups)
	}
}
