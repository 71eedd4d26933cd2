package bench

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// op is one request of a scenario: worker is the simulated client (0 …
// concurrency-1), i the request's number in the run, which picks its input
// (the inputs rotate, so no single input's plan or cache flatters the
// figures).
type op func(ctx context.Context, worker int, i int64) error

// runResult is one measured run.
type runResult struct {
	Stats
	// Denied counts the successful answers that carried fields denied by
	// policy (FORBIDDEN at a path), which the SPA shows as "riservato".
	Denied       int64    `json:"answersWithDeniedFields"`
	ErrorSamples []string `json:"errorSamples,omitempty"`
}

// maxErrorSamples bounds the distinct error messages kept per run.
const maxErrorSamples = 5

// run calls f from concurrency workers until duration has passed or
// maxRequests requests were started, whichever comes first (both bounds
// always apply), and measures each call. Failing calls are counted and
// sampled, never dropped.
func run(ctx context.Context, concurrency int, duration time.Duration, maxRequests int64, f op) runResult {
	if concurrency < 1 {
		concurrency = 1
	}
	var (
		next    atomic.Int64
		errs    atomic.Int64
		denied  atomic.Int64
		mu      sync.Mutex
		samples []string
		seen    = map[string]bool{}
		lats    = make([][]time.Duration, concurrency)
		wg      sync.WaitGroup
	)
	start := time.Now()
	deadline := start.Add(duration)
	for w := range concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lat := make([]time.Duration, 0, 1024)
			// A request in flight at the deadline is let finish (and counted).
			for ctx.Err() == nil && time.Now().Before(deadline) {
				i := next.Add(1) - 1
				if i >= maxRequests {
					break
				}
				t0 := time.Now()
				err := f(ctx, w, i)
				d := time.Since(t0)
				if err != nil && isDenial(err) {
					denied.Add(1)
					err = nil
				}
				if err != nil {
					if ctx.Err() != nil {
						break // interrupted (Ctrl-C): neither a success nor a failure
					}
					errs.Add(1)
					mu.Lock()
					if msg := err.Error(); !seen[msg] && len(samples) < maxErrorSamples {
						seen[msg] = true
						samples = append(samples, msg)
					}
					mu.Unlock()
					continue
				}
				lat = append(lat, d)
			}
			lats[w] = lat
		}()
	}
	wg.Wait()
	wall := time.Since(start)
	var all []time.Duration
	for _, l := range lats {
		all = append(all, l...)
	}
	return runResult{Stats: Summarize(all, errs.Load(), wall), Denied: denied.Load(), ErrorSamples: samples}
}
