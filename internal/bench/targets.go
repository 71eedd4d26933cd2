package bench

import (
	"fmt"
	"io"
)

// Target is one of the performance targets of DESIGN.md section 8 (on two
// cores, at regional scale) judged on a run.
type Target struct {
	Name     string `json:"name"`
	Measured string `json:"measured"`
	OK       bool   `json:"ok"`
}

// judgeTargets compares the run with the targets it has figures for.
// Latency targets without a concurrency named are judged with one client.
func (r *Report) judgeTargets() []Target {
	var out []Target
	find := func(name string, conc int) *Result {
		for _, s := range r.Scenarios {
			if s.Name != name {
				continue
			}
			for i := range s.Results {
				if s.Results[i].Concurrency == conc && s.Results[i].API.Requests > s.Results[i].API.Errors {
					return &s.Results[i]
				}
			}
		}
		return nil
	}
	ms := func(name, what string, conc int, pick func(Stats) float64, limit float64, strict bool) {
		if x := find(name, conc); x != nil {
			v := pick(x.API.Stats)
			ok := v <= limit
			if strict {
				ok = v < limit
			}
			out = append(out, Target{Name: fmt.Sprintf("%s %s with %d client(s) %s %g ms", name, what, conc, map[bool]string{true: "<", false: "≤"}[strict], limit),
				Measured: fmt.Sprintf("%.2f ms", v), OK: ok})
		}
	}
	p50 := func(s Stats) float64 { return s.P50Ms }
	p95 := func(s Stats) float64 { return s.P95Ms }
	ms("citizen-page", "p50", 1, p50, 3, false)
	if x := find("citizen-page", 8); x != nil {
		out = append(out, Target{Name: "citizen-page with 8 clients ≥ 1000 req/s", Measured: fmt.Sprintf("%.0f req/s", x.API.PerSec), OK: x.API.PerSec >= 1000})
	}
	for _, conc := range []int{1, 8} {
		if x := find("citizen-page", conc); x != nil && x.StatementsPerRequest != nil {
			out = append(out, Target{Name: fmt.Sprintf("citizen-page with %d client(s) ≤ 10 SQL statements per request", conc),
				Measured: fmt.Sprintf("%.1f", *x.StatementsPerRequest), OK: *x.StatementsPerRequest <= 10})
		}
		if x := find("citizen-page", conc); x != nil && x.RatioP50 > 0 {
			out = append(out, Target{Name: fmt.Sprintf("citizen-page with %d client(s) within 1.5x of the baseline (p50)", conc),
				Measured: fmt.Sprintf("%.2fx", x.RatioP50), OK: x.RatioP50 <= 1.5})
		}
	}
	ms("fiscal-code", "p95", 1, p95, 5, true)
	size := "this database"
	if r.Database != nil {
		size = fmt.Sprintf("%d citizens", r.Database.Citizens)
	}
	if x := find("name-search", 1); x != nil {
		out = append(out, Target{Name: fmt.Sprintf("name-search p95 with 1 client(s) < 30 ms (the target is at 1M citizens; here %s)", size),
			Measured: fmt.Sprintf("%.2f ms", x.API.P95Ms), OK: x.API.P95Ms < 30})
	}
	ms("zone-dashboard", "p95", 1, p95, 300, true)
	ms("region-dashboard", "p95", 1, p95, 1000, true)
	if r.PeakRSS != nil {
		mb := float64(r.PeakRSS.Bytes) / (1 << 20)
		out = append(out, Target{Name: "server peak RSS < 300 MB", Measured: fmt.Sprintf("%.0f MB", mb), OK: mb < 300})
	}
	return out
}

func printTargets(w io.Writer, ts []Target) {
	if len(ts) == 0 {
		return
	}
	fmt.Fprintln(w, "targets (DESIGN.md section 8, on 2 cores):")
	for _, t := range ts {
		mark := "met    "
		if !t.OK {
			mark = "MISSED "
		}
		fmt.Fprintf(w, "  %s %s: %s\n", mark, t.Name, t.Measured)
	}
}
