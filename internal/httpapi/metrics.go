package httpapi

import (
	"fmt"
	"net/http"
	"sort"
	"sync"
	"time"
)

// metrics is a small Prometheus text-format exporter of request counts and
// durations by route and status class.
type metrics struct {
	mu       sync.Mutex
	count    map[string]int64
	duration map[string]float64
	inFlight int64
}

func newMetrics() *metrics {
	return &metrics{count: map[string]int64{}, duration: map[string]float64{}}
}

func route(path string) string {
	switch path {
	case "/graphql", "/healthz", "/readyz", "/metrics":
		return path
	}
	return "/static"
}

func (m *metrics) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		m.mu.Lock()
		m.inFlight++
		m.mu.Unlock()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		key := fmt.Sprintf(`route=%q,code="%dxx"`, route(r.URL.Path), sw.status/100)
		m.mu.Lock()
		m.inFlight--
		m.count[key]++
		m.duration[key] += time.Since(start).Seconds()
		m.mu.Unlock()
	})
}

func (m *metrics) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	m.mu.Lock()
	defer m.mu.Unlock()
	w.Header().Set("Content-Type", "text/plain; version=0.0.4")
	keys := make([]string, 0, len(m.count))
	for k := range m.count {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Fprintln(w, "# HELP siso_http_requests_total HTTP requests by route and status class.")
	fmt.Fprintln(w, "# TYPE siso_http_requests_total counter")
	for _, k := range keys {
		fmt.Fprintf(w, "siso_http_requests_total{%s} %d\n", k, m.count[k])
	}
	fmt.Fprintln(w, "# HELP siso_http_request_duration_seconds_sum Total time spent answering, by route and status class.")
	fmt.Fprintln(w, "# TYPE siso_http_request_duration_seconds_sum counter")
	for _, k := range keys {
		fmt.Fprintf(w, "siso_http_request_duration_seconds_sum{%s} %g\n", k, m.duration[k])
	}
	fmt.Fprintln(w, "# HELP siso_http_requests_in_flight Requests being answered.")
	fmt.Fprintln(w, "# TYPE siso_http_requests_in_flight gauge")
	fmt.Fprintf(w, "siso_http_requests_in_flight %d\n", m.inFlight-1)
}
