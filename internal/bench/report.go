package bench

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"
)

// Report is everything one run measured; it is written as JSON so that
// runs can be compared.
type Report struct {
	Time      time.Time        `json:"time"`
	Commit    string           `json:"commit"`
	URL       string           `json:"url"`
	Machine   Machine          `json:"machine"`
	Config    ReportConfig     `json:"config"`
	Database  *DatabaseSize    `json:"database,omitempty"`
	Inputs    Inputs           `json:"inputs"`
	Baseline  bool             `json:"baseline"`
	PeakRSS   *PeakRSS         `json:"serverPeakRss,omitempty"`
	Scenarios []ScenarioReport `json:"scenarios"`
	Targets   []Target         `json:"targets,omitempty"`
	Notes     []string         `json:"notes,omitempty"`
}

// Machine is where the benchmark ran (the client's machine; with a server
// on 127.0.0.1, the server's too).
type Machine struct {
	Cores     int    `json:"cores"`
	GoVersion string `json:"goVersion"`
	OS        string `json:"os"`
	Arch      string `json:"arch"`
	Hostname  string `json:"hostname,omitempty"`
	// LoadAverage is /proc/loadavg's 1-minute figure before and after the
	// run: other work on the machine skews the figures.
	LoadBefore float64 `json:"loadAverageBefore,omitempty"`
	LoadAfter  float64 `json:"loadAverageAfter,omitempty"`
}

// ReportConfig is the run's configuration.
type ReportConfig struct {
	Duration    string   `json:"duration"`
	Warmup      string   `json:"warmup"`
	MaxRequests int64    `json:"maxRequests"`
	Concurrency []int    `json:"concurrency"`
	Scenarios   []string `json:"scenarios"`
}

// DatabaseSize counts the main tables.
type DatabaseSize struct {
	Citizens      int64 `json:"citizens"`
	Accesses      int64 `json:"accesses"`
	Cases         int64 `json:"cases"`
	Interventions int64 `json:"interventions"`
}

// Inputs describes what the scenarios rotated over.
type Inputs struct {
	Source       string   `json:"source"`
	PageCitizens int      `json:"pageCitizens"`
	ZoneCitizens int      `json:"zoneCitizens"`
	SearchTerms  []string `json:"searchTerms"`
	NeedCodes    []string `json:"intakeNeedCodes"`
	ServiceCodes []string `json:"intakeServiceCodes"`
	OutcomeCode  string   `json:"intakeOutcomeCode"`
}

// PeakRSS is the server's peak resident memory.
type PeakRSS struct {
	Bytes  int64  `json:"bytes"`
	Source string `json:"source"`
}

// ScenarioReport is one scenario at every concurrency.
type ScenarioReport struct {
	Name                string   `json:"name"`
	Operator            string   `json:"operator"`
	Description         string   `json:"description"`
	BaselineDescription string   `json:"baselineDescription"`
	Writes              bool     `json:"writes"`
	BaselineStatements  int      `json:"baselineStatementsPerRequest"`
	Check               Check    `json:"check"`
	Results             []Result `json:"results"`
}

// Check is the correctness check of one sample input.
type Check struct {
	Input      string   `json:"input"`
	OK         bool     `json:"ok"`
	Compared   string   `json:"compared,omitempty"`
	Mismatches []string `json:"mismatches,omitempty"`
}

// Result is one scenario at one concurrency.
type Result struct {
	Concurrency          int        `json:"concurrency"`
	API                  runResult  `json:"api"`
	StatementsPerRequest *float64   `json:"statementsPerRequest"` // nil: the server does not count them
	Baseline             *runResult `json:"baseline,omitempty"`
	RatioP50             float64    `json:"ratioP50,omitempty"` // API p50 / baseline p50
}

// Failed reports whether any request of the scenario failed or its check did.
func (s ScenarioReport) Failed() bool {
	if !s.Check.OK {
		return true
	}
	for _, r := range s.Results {
		if r.API.Errors > 0 || (r.Baseline != nil && r.Baseline.Errors > 0) {
			return true
		}
	}
	return false
}

// Failed reports whether any scenario failed.
func (r *Report) Failed() bool {
	for _, s := range r.Scenarios {
		if s.Failed() {
			return true
		}
	}
	return false
}

// WriteJSON writes the report to path.
func (r *Report) WriteJSON(path string) error {
	raw, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(raw, '\n'), 0o644)
}

func (r *Report) print(w io.Writer) {
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	width := len("scenario")
	for _, s := range r.Scenarios {
		width = max(width, len(s.Name)+1)
	}
	fmt.Fprintf(tw, "%-*s\tconc\treq/s\tp50 ms\tp95 ms\tp99 ms\terrors\tstmts/req\t|\tbase req/s\tbase p50\tbase p95\tbase stmts\tratio p50\t\n", width, "scenario")
	for _, s := range r.Scenarios {
		for _, x := range s.Results {
			name := s.Name
			if s.Failed() {
				name = "!" + name
			}
			stmts := "n/a"
			if x.StatementsPerRequest != nil {
				stmts = fmt.Sprintf("%.1f", *x.StatementsPerRequest)
			}
			base := "n/a\tn/a\tn/a\tn/a\tn/a"
			if x.Baseline != nil {
				ratio := "n/a"
				if x.RatioP50 > 0 {
					ratio = fmt.Sprintf("%.2fx", x.RatioP50)
				}
				base = fmt.Sprintf("%.0f\t%s\t%s\t%d\t%s", x.Baseline.PerSec, msStr(x.Baseline.P50Ms), msStr(x.Baseline.P95Ms), s.BaselineStatements, ratio)
				if x.Baseline.Errors > 0 {
					base += fmt.Sprintf(" (%d base errors)", x.Baseline.Errors)
				}
			}
			fmt.Fprintf(tw, "%-*s\t%d\t%.0f\t%s\t%s\t%s\t%d\t%s\t|\t%s\t\n", width, name, x.Concurrency, x.API.PerSec,
				msStr(x.API.P50Ms), msStr(x.API.P95Ms), msStr(x.API.P99Ms), x.API.Errors, stmts, base)
		}
	}
	tw.Flush()
	fmt.Fprintln(w)
	if r.PeakRSS != nil {
		fmt.Fprintf(w, "server peak RSS: %.0f MB (%s)\n", float64(r.PeakRSS.Bytes)/(1<<20), r.PeakRSS.Source)
	} else {
		fmt.Fprintf(w, "server peak RSS: n/a (no %s on /metrics; give --server-pid)\n", metricPeakRSS)
	}
	if r.Database != nil {
		fmt.Fprintf(w, "database: %d citizens, %d accesses\n", r.Database.Citizens, r.Database.Accesses)
	}
	if r.Machine.LoadBefore > 0 || r.Machine.LoadAfter > 0 {
		fmt.Fprintf(w, "load average (1 min) before and after: %.2f, %.2f on %d cores\n", r.Machine.LoadBefore, r.Machine.LoadAfter, r.Machine.Cores)
	}
	fmt.Fprintln(w, "statements/req: the server's siso_db_statements_total over the measured run divided by its requests (n/a: not exposed); a dashboard is all of its screen's queries")
	if r.Baseline {
		fmt.Fprintln(w, "baseline: the same data read by hand-written SQL over pgx, deliberately without session, policy or audit: the floor, not a peer")
	}
	for _, s := range r.Scenarios {
		fmt.Fprintf(w, "%s (%s): %s\n", s.Name, s.Operator, s.Description)
		if r.Baseline {
			fmt.Fprintf(w, "  baseline: %s\n", s.BaselineDescription)
		}
		switch {
		case s.Check.OK:
			fmt.Fprintf(w, "  check OK on %s: %s\n", s.Check.Input, s.Check.Compared)
		default:
			fmt.Fprintf(w, "  CHECK FAILED on %s: %s\n", s.Check.Input, strings.Join(s.Check.Mismatches, "; "))
		}
		for _, x := range s.Results {
			if x.API.Denied > 0 {
				fmt.Fprintf(w, "  concurrency %d: %d answers carried fields denied by policy (FORBIDDEN at a path, shown as \"riservato\"): successes by the API's contract\n", x.Concurrency, x.API.Denied)
			}
			for _, e := range x.API.ErrorSamples {
				fmt.Fprintf(w, "  error at concurrency %d: %s\n", x.Concurrency, e)
			}
			if x.Baseline != nil {
				for _, e := range x.Baseline.ErrorSamples {
					fmt.Fprintf(w, "  baseline error at concurrency %d: %s\n", x.Concurrency, e)
				}
			}
		}
	}
	printTargets(w, r.Targets)
	if r.Failed() {
		fmt.Fprintln(w, "scenarios marked ! had failing requests or a failed check")
	}
}

func msStr(v float64) string {
	switch {
	case v == 0:
		return "-"
	case v < 10:
		return fmt.Sprintf("%.2f", v)
	case v < 100:
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.0f", v)
}

// Markdown writes the results as the Markdown table of README.md, with the
// run's circumstances under it.
func (r *Report) Markdown(w io.Writer) {
	size := "?"
	if r.Database != nil {
		size = fmt.Sprintf("%d citizens, %d accesses", r.Database.Citizens, r.Database.Accesses)
	}
	fmt.Fprintf(w, "| scenario | clients | req/s | p50 ms | p95 ms | p99 ms | errors | SQL/req | baseline req/s | baseline p50 ms | ratio p50 |\n")
	fmt.Fprintf(w, "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n")
	for _, s := range r.Scenarios {
		for _, x := range s.Results {
			name := s.Name
			if s.Failed() {
				name = "**!** " + name
			}
			stmts, base, bp50, ratio := "n/a", "n/a", "n/a", "n/a"
			if x.StatementsPerRequest != nil {
				stmts = fmt.Sprintf("%.1f", *x.StatementsPerRequest)
			}
			if x.Baseline != nil {
				base, bp50 = fmt.Sprintf("%.0f", x.Baseline.PerSec), msStr(x.Baseline.P50Ms)
				if x.RatioP50 > 0 {
					ratio = fmt.Sprintf("%.2fx", x.RatioP50)
				}
			}
			fmt.Fprintf(w, "| %s | %d | %.0f | %s | %s | %s | %d | %s | %s | %s | %s |\n", name, x.Concurrency, x.API.PerSec,
				msStr(x.API.P50Ms), msStr(x.API.P95Ms), msStr(x.API.P99Ms), x.API.Errors, stmts, base, bp50, ratio)
		}
	}
	rss := "n/a"
	if r.PeakRSS != nil {
		rss = fmt.Sprintf("%.0f MB", float64(r.PeakRSS.Bytes)/(1<<20))
	}
	fmt.Fprintf(w, "\n%s; server peak RSS %s; %d cores, load average %.1f before and %.1f after; %s, commit %s, %s.\n",
		size, rss, r.Machine.Cores, r.Machine.LoadBefore, r.Machine.LoadAfter, r.Machine.GoVersion, short(r.Commit),
		r.Time.Format("2006-01-02 15:04 MST"))
}
