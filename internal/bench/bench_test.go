package bench

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/siso-project/siso/internal/database"
	"github.com/siso-project/siso/internal/httpapi"
	"github.com/siso-project/siso/internal/limits"
	"github.com/siso-project/siso/internal/seed"
	"github.com/siso-project/siso/internal/testdb"
	"github.com/siso-project/siso/internal/testenv"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// TestBenchRunsEveryScenario starts the server in-process on the demo data
// and runs every scenario for a few requests at concurrency 1 and 2, API
// and baseline: no request fails and every sample check matches.
func TestBenchRunsEveryScenario(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	t0 := time.Now()
	url := testdb.NewURL(t, testenv.Demo)
	t.Logf("database ready in %v", time.Since(t0))
	statements := &database.Counter{}
	db, err := database.Open(ctx, url, database.Options{Counter: statements})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	cfg := httpapi.Config{Mode: httpapi.Development, MaxBodyBytes: 1 << 20, RequestTimeout: 30 * time.Second,
		SessionIdle: 30 * time.Minute, SessionAbsolute: 12 * time.Hour,
		Limits: limits.Config{BudgetPerMinute: 1_000_000_000}}
	srv := httptest.NewServer(httpapi.New(cfg, db, slog.New(slog.NewTextHandler(io.Discard, nil)),
		httpapi.WithStatementCounter(statements)))
	t.Cleanup(srv.Close)

	const perRun = 2
	var out bytes.Buffer
	rep, err := Run(ctx, Config{URL: srv.URL, Password: seed.DefaultPassword, DatabaseURL: url,
		Duration: 20 * time.Second, MaxRequests: perRun, Concurrency: []int{1, 2}, Out: &out, Progress: testLog{t}})
	if err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	if len(rep.Scenarios) != len(ScenarioNames) {
		t.Fatalf("%d scenarios ran, want %d", len(rep.Scenarios), len(ScenarioNames))
	}
	for _, s := range rep.Scenarios {
		if !s.Check.OK {
			t.Errorf("%s: check failed: %v", s.Name, s.Check.Mismatches)
		}
		if len(s.Results) != 2 {
			t.Errorf("%s: %d results, want one per concurrency", s.Name, len(s.Results))
		}
		for _, r := range s.Results {
			if r.API.Requests != perRun || r.API.Errors != 0 {
				t.Errorf("%s at %d: API %d requests, %d errors %v; want %d and none", s.Name, r.Concurrency,
					r.API.Requests, r.API.Errors, r.API.ErrorSamples, perRun)
			}
			if r.Baseline == nil || r.Baseline.Requests != perRun || r.Baseline.Errors != 0 {
				t.Errorf("%s at %d: baseline %+v; want %d requests and no errors", s.Name, r.Concurrency, r.Baseline, perRun)
			}
			if r.StatementsPerRequest == nil || *r.StatementsPerRequest < 1 {
				t.Errorf("%s at %d: statements per request %v, want them counted", s.Name, r.Concurrency, r.StatementsPerRequest)
			}
			if r.API.P50Ms <= 0 || r.API.P99Ms < r.API.P50Ms {
				t.Errorf("%s at %d: percentiles %+v", s.Name, r.Concurrency, r.API.Stats)
			}
		}
	}
	if rep.Failed() {
		t.Errorf("the report says a scenario failed:\n%s", out.String())
	}
	for _, want := range []string{"citizen-page", "region-dashboard", "ratio p50", "WRITES"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the printed report lacks %q:\n%s", want, out.String())
		}
	}
	if rep.PeakRSS == nil || rep.PeakRSS.Bytes <= 0 {
		t.Errorf("peak RSS: %+v", rep.PeakRSS)
	}
	if rep.Database == nil || rep.Database.Citizens == 0 {
		t.Errorf("database size: %+v", rep.Database)
	}
}

// TestBenchWithoutDatabase measures the API alone, with inputs fetched
// through the API.
func TestBenchWithoutDatabase(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	env := testenv.New(t)
	var out bytes.Buffer
	rep, err := Run(ctx, Config{URL: env.Server.URL, Password: seed.DefaultPassword, Duration: 10 * time.Second,
		MaxRequests: 2, Concurrency: []int{1}, Scenarios: []string{"citizen-page", "name-search"}, Out: &out})
	if err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	if rep.Baseline || rep.Failed() || len(rep.Scenarios) != 2 {
		t.Errorf("baseline %v, failed %v, %d scenarios:\n%s", rep.Baseline, rep.Failed(), len(rep.Scenarios), out.String())
	}
	if !strings.Contains(rep.Inputs.Source, "API") {
		t.Errorf("inputs from %q, want the API", rep.Inputs.Source)
	}
}

// testLog sends the benchmark's progress to the test's log.
type testLog struct{ t *testing.T }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

func TestParseMetrics(t *testing.T) {
	text := `# HELP siso_db_statements_total SQL statements.
# TYPE siso_db_statements_total counter
siso_db_statements_total{kind="select"} 120
siso_db_statements_total{kind="insert"} 5
siso_process_resident_memory_peak_bytes 1.5e+08
siso_db_statements_total_other 9
`
	m, err := parseMetrics(strings.NewReader(text), metricStatements, metricPeakRSS, "absent")
	if err != nil {
		t.Fatal(err)
	}
	if m[metricStatements] != 125 || m[metricPeakRSS] != 1.5e8 {
		t.Errorf("got %v", m)
	}
	if _, ok := m["absent"]; ok {
		t.Error("an absent metric was found")
	}
}

func TestSearchTerms(t *testing.T) {
	cs := []citizenRef{{LastName: "Rossi", FirstName: "Mario"}, {LastName: "Rossi", FirstName: "Anna"},
		{LastName: "Bianchi", FirstName: "Luca"}, {LastName: "Verdi", FirstName: "Carla"}, {LastName: "Bo", FirstName: "X"}}
	got := searchTerms(cs)
	want := []string{"rossi", "bianchi lu", "vredi"} // the two middle letters swapped
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("terms %q, want %q", got, want)
	}
}

func TestSelectScenarios(t *testing.T) {
	got, err := selectScenarios([]string{"intake", "citizen-page"})
	if err != nil || strings.Join(got, ",") != "citizen-page,intake" {
		t.Errorf("got %v, %v; want them in the run's order", got, err)
	}
	if _, err := selectScenarios([]string{"nope"}); err == nil {
		t.Error("an unknown scenario was accepted")
	}
}
