package httpapi

import (
	"bufio"
	"fmt"
	"net/http"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/siso-project/siso/internal/database"
)

// metrics is a small Prometheus text-format exporter of request counts and
// durations by route and status class.
type metrics struct {
	mu       sync.Mutex
	count    map[string]int64
	duration map[string]float64
	inFlight int64
	// statements counts the statements the pool sent (nil: not exported).
	statements *database.Counter
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
	if m.statements != nil {
		fmt.Fprintln(w, "# HELP siso_db_statements_total SQL statements sent to PostgreSQL (queries, BEGIN and COMMIT included).")
		fmt.Fprintln(w, "# TYPE siso_db_statements_total counter")
		fmt.Fprintf(w, "siso_db_statements_total %d\n", m.statements.Count())
	}
	if rss, peak, ok := residentMemory(); ok {
		fmt.Fprintln(w, "# HELP siso_process_resident_memory_bytes Resident memory of the process.")
		fmt.Fprintln(w, "# TYPE siso_process_resident_memory_bytes gauge")
		fmt.Fprintf(w, "siso_process_resident_memory_bytes %d\n", rss)
		fmt.Fprintln(w, "# HELP siso_process_resident_memory_peak_bytes Peak resident memory of the process since it started.")
		fmt.Fprintln(w, "# TYPE siso_process_resident_memory_peak_bytes gauge")
		fmt.Fprintf(w, "siso_process_resident_memory_peak_bytes %d\n", peak)
	}
}

// residentMemory reads the process's resident and peak resident memory
// (VmRSS, VmHWM) from /proc; ok is false where there is no /proc.
func residentMemory() (rss, peak int64, ok bool) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, rest, found := strings.Cut(sc.Text(), ":")
		if !found || (name != "VmRSS" && name != "VmHWM") {
			continue
		}
		kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
		if err != nil {
			continue
		}
		if name == "VmRSS" {
			rss = kb << 10
		} else {
			peak = kb << 10
		}
	}
	return rss, peak, peak > 0
}
