package store

import "testing"

func cellsOf(people ...int64) []*StatsCell {
	out := make([]*StatsCell, len(people))
	for i, p := range people {
		out[i] = &StatsCell{People: p, Accesses: p * 2}
	}
	return out
}

func TestSuppression(t *testing.T) {
	cases := []struct {
		name   string
		people []int64
		want   []bool
	}{
		{"nothing small", []int64{5, 9, 30}, []bool{false, false, false}},
		{"one small cell takes the next smallest with it", []int64{30, 3, 7, 12}, []bool{false, true, true, false}},
		{"two small cells protect each other", []int64{4, 1, 50}, []bool{true, true, false}},
		{"a lone small cell", []int64{2}, []bool{true}},
		{"zero people", []int64{0, 10, 11}, []bool{true, true, false}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cells := cellsOf(tc.people...)
			suppress(cells)
			for i, c := range cells {
				if c.Suppressed != tc.want[i] {
					t.Errorf("cell %d (%d people): suppressed %v, want %v", i, tc.people[i], c.Suppressed, tc.want[i])
				}
				if c.Suppressed && (c.People != 0 || c.Accesses != 0) {
					t.Errorf("cell %d suppressed but still carries counts", i)
				}
			}
		})
	}
}
