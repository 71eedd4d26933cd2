package bench

import (
	"math"
	"slices"
	"time"
)

// Percentile returns the p-th percentile (0 < p ≤ 100) of sorted by the
// nearest-rank method: the smallest value such that at least p% of the
// values are less than or equal to it. It returns 0 for no values. sorted
// must be in increasing order.
func Percentile(sorted []time.Duration, p float64) time.Duration {
	n := len(sorted)
	if n == 0 {
		return 0
	}
	if p <= 0 {
		return sorted[0]
	}
	if p >= 100 {
		return sorted[n-1]
	}
	rank := int(math.Ceil(p / 100 * float64(n))) // 1-based
	if rank < 1 {
		rank = 1
	}
	return sorted[rank-1]
}

// Stats summarizes the latencies of one measured run.
type Stats struct {
	Requests int64   `json:"requests"`
	Errors   int64   `json:"errors"`
	Seconds  float64 `json:"seconds"`
	PerSec   float64 `json:"reqPerSec"`
	MeanMs   float64 `json:"meanMs"`
	P50Ms    float64 `json:"p50Ms"`
	P95Ms    float64 `json:"p95Ms"`
	P99Ms    float64 `json:"p99Ms"`
	MaxMs    float64 `json:"maxMs"`
}

// Summarize computes the statistics of the latencies of the successful
// requests (lat, which it sorts), the error count and the wall time.
// Requests counts both.
func Summarize(lat []time.Duration, errors int64, wall time.Duration) Stats {
	slices.Sort(lat)
	s := Stats{Requests: int64(len(lat)) + errors, Errors: errors, Seconds: wall.Seconds()}
	if wall > 0 {
		s.PerSec = float64(s.Requests) / wall.Seconds()
	}
	if len(lat) == 0 {
		return s
	}
	var sum time.Duration
	for _, d := range lat {
		sum += d
	}
	s.MeanMs = ms(sum / time.Duration(len(lat)))
	s.P50Ms = ms(Percentile(lat, 50))
	s.P95Ms = ms(Percentile(lat, 95))
	s.P99Ms = ms(Percentile(lat, 99))
	s.MaxMs = ms(lat[len(lat)-1])
	return s
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
