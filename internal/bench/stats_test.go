package bench

import (
	"testing"
	"time"
)

func TestPercentileNearestRank(t *testing.T) {
	// 1..100 ms: the p-th percentile is p ms.
	var xs []time.Duration
	for i := 1; i <= 100; i++ {
		xs = append(xs, time.Duration(i)*time.Millisecond)
	}
	for _, c := range []struct {
		p    float64
		want time.Duration
	}{{50, 50 * time.Millisecond}, {95, 95 * time.Millisecond}, {99, 99 * time.Millisecond},
		{100, 100 * time.Millisecond}, {0, time.Millisecond}, {0.5, time.Millisecond}, {99.5, 100 * time.Millisecond}} {
		if got := Percentile(xs, c.p); got != c.want {
			t.Errorf("p%v of 1..100 = %v, want %v", c.p, got, c.want)
		}
	}
	// The textbook example of the nearest-rank method: 15, 20, 35, 40, 50.
	five := []time.Duration{15, 20, 35, 40, 50}
	for _, c := range []struct {
		p    float64
		want time.Duration
	}{{5, 15}, {30, 20}, {40, 20}, {50, 35}, {100, 50}} {
		if got := Percentile(five, c.p); got != c.want {
			t.Errorf("p%v of %v = %v, want %v", c.p, five, got, c.want)
		}
	}
	if got := Percentile(nil, 50); got != 0 {
		t.Errorf("p50 of nothing = %v, want 0", got)
	}
	one := []time.Duration{7}
	for _, p := range []float64{1, 50, 99, 100} {
		if got := Percentile(one, p); got != 7 {
			t.Errorf("p%v of one value = %v, want it", p, got)
		}
	}
}

func TestSummarize(t *testing.T) {
	lat := []time.Duration{4 * time.Millisecond, 1 * time.Millisecond, 3 * time.Millisecond, 2 * time.Millisecond}
	s := Summarize(lat, 1, 2*time.Second)
	if s.Requests != 5 || s.Errors != 1 {
		t.Errorf("requests %d errors %d, want 5 and 1", s.Requests, s.Errors)
	}
	if s.PerSec != 2.5 {
		t.Errorf("req/s %v, want 2.5", s.PerSec)
	}
	if s.P50Ms != 2 || s.P95Ms != 4 || s.P99Ms != 4 || s.MaxMs != 4 || s.MeanMs != 2.5 {
		t.Errorf("got %+v", s)
	}
	if z := Summarize(nil, 3, time.Second); z.Requests != 3 || z.P50Ms != 0 {
		t.Errorf("all errors: %+v", z)
	}
}
