package bench

import (
	"bytes"
	"strings"
	"testing"
)

func TestReportTableFlagsFailures(t *testing.T) {
	stmts := 9.5
	r := &Report{Baseline: true, Scenarios: []ScenarioReport{
		{Name: "citizen-page", Check: Check{OK: true, Input: "x", Compared: "y"}, BaselineStatements: 1,
			Results: []Result{{Concurrency: 1, API: runResult{Stats: Stats{Requests: 10, PerSec: 500, P50Ms: 2, P95Ms: 3, P99Ms: 4}},
				StatementsPerRequest: &stmts, Baseline: &runResult{Stats: Stats{Requests: 10, PerSec: 2000, P50Ms: 0.5, P95Ms: 1}}, RatioP50: 4}}},
		{Name: "intake", Check: Check{OK: true, Input: "x", Compared: "y"},
			Results: []Result{{Concurrency: 8, API: runResult{Stats: Stats{Requests: 10, Errors: 2, PerSec: 5, P50Ms: 20}, ErrorSamples: []string{"boom"}}}}},
	}}
	var out bytes.Buffer
	r.print(&out)
	text := out.String()
	for _, want := range []string{"citizen-page", "9.5", "4.00x", "!intake", "n/a", "error at concurrency 8: boom", "had failing requests"} {
		if !strings.Contains(text, want) {
			t.Errorf("the table lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "!citizen-page") {
		t.Errorf("a scenario without errors is flagged:\n%s", text)
	}
	if !r.Failed() {
		t.Error("a report with errors is not failed")
	}
}

func TestTargets(t *testing.T) {
	stmts := 12.0
	r := &Report{Scenarios: []ScenarioReport{{Name: "citizen-page", Results: []Result{
		{Concurrency: 1, API: runResult{Stats: Stats{Requests: 10, P50Ms: 2.5}}, StatementsPerRequest: &stmts, RatioP50: 1.2},
		{Concurrency: 8, API: runResult{Stats: Stats{Requests: 10, PerSec: 900}}},
	}}}, PeakRSS: &PeakRSS{Bytes: 200 << 20}}
	got := map[string]bool{}
	for _, x := range r.judgeTargets() {
		got[x.Name] = x.OK
	}
	want := map[string]bool{
		"citizen-page p50 with 1 client(s) ≤ 3 ms":                        true,
		"citizen-page with 8 clients ≥ 1000 req/s":                        false,
		"citizen-page with 1 client(s) ≤ 10 SQL statements per request":   false,
		"citizen-page with 1 client(s) within 1.5x of the baseline (p50)": true,
		"server peak RSS < 300 MB":                                        true,
	}
	for name, ok := range want {
		if g, found := got[name]; !found || g != ok {
			t.Errorf("%s: got %v (found %v), want %v; all: %v", name, g, found, ok, got)
		}
	}
	if len(got) != len(want) {
		t.Errorf("targets judged %v, want only %v", got, want)
	}
}

func TestMarkdown(t *testing.T) {
	stmts := 9.5
	r := &Report{Database: &DatabaseSize{Citizens: 8000, Accesses: 12000}, Commit: "0123456789abcdef", Scenarios: []ScenarioReport{
		{Name: "citizen-page", Check: Check{OK: true}, Results: []Result{{Concurrency: 1,
			API: runResult{Stats: Stats{Requests: 10, PerSec: 500, P50Ms: 2, P95Ms: 3, P99Ms: 4}}, StatementsPerRequest: &stmts,
			Baseline: &runResult{Stats: Stats{Requests: 10, PerSec: 2000, P50Ms: 0.5}}, RatioP50: 4}}}}}
	var out bytes.Buffer
	r.Markdown(&out)
	for _, want := range []string{"| citizen-page | 1 | 500 | 2.00 | 3.00 | 4.00 | 0 | 9.5 | 2000 | 0.50 | 4.00x |", "8000 citizens, 12000 accesses", "commit 0123456789ab"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the Markdown lacks %q:\n%s", want, out.String())
		}
	}
}
