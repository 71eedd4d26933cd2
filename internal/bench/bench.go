// Package bench is SISO's benchmark (`siso bench`): it drives a running
// server over HTTP as the SPA does (the SPA's own GraphQL documents, one
// session per simulated operator) and measures what a client gets, beside
// a baseline that reads the same data with the fewest hand-written SQL
// statements over pgx, in the same run, rotating over the same inputs.
//
// Scenarios: the citizen page, a codice fiscale lookup, a fuzzy name
// search, the intake (registerAccess, which writes accesses), the zone
// dashboard (as the zone manager) and the regional one (as the analyst).
// For each scenario and concurrency it reports requests, errors, req/s,
// p50/p95/p99, SQL statements per request (from the server's
// siso_db_statements_total) and the baseline's figures with the ratio; a
// correctness check compares one sample of each scenario with the
// baseline's rows. The results are printed as a table and written as JSON
// so that runs can be compared.
package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Config is what to measure and how long.
type Config struct {
	URL         string        // the server, e.g. http://127.0.0.1:8080
	Password    string        // the demo operators' password
	DatabaseURL string        // the server's database, for the baseline ("" = no baseline)
	Duration    time.Duration // measured time per scenario, concurrency and side (API, baseline)
	Warmup      time.Duration // unmeasured time before each measured run
	// MaxRequests bounds each measured run (and each warm-up) by count too.
	MaxRequests int64
	Concurrency []int
	Scenarios   []string // names to run (empty: all); see ScenarioNames
	ServerPID   int      // the server's process, to read its peak RSS (VmHWM) when /metrics lacks it
	Out         io.Writer
	// Progress, when set, receives a line as each run starts.
	Progress io.Writer
}

// ScenarioNames are the scenarios, in the order they run.
// The intake, which writes, runs last so that the accesses it adds do not
// change what the other scenarios of the same run read.
var ScenarioNames = []string{"citizen-page", "fiscal-code", "name-search", "zone-dashboard", "region-dashboard", "intake"}

// Metric names read from GET /metrics.
const (
	metricStatements = "siso_db_statements_total"
	metricPeakRSS    = "siso_process_resident_memory_peak_bytes"
)

type bench struct {
	cfg       Config
	transport *http.Transport
	pool      *pgxpool.Pool
	in        inputs

	mu      sync.Mutex
	clients map[string][]*Client
}

// client returns the worker-th signed-in client of username, signing in
// when it has none yet: each simulated operator has its own session.
func (b *bench) client(ctx context.Context, username string, worker int) (*Client, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for len(b.clients[username]) <= worker {
		c := newClient(b.cfg.URL, b.transport)
		if err := c.SignIn(ctx, username, b.cfg.Password); err != nil {
			return nil, err
		}
		b.clients[username] = append(b.clients[username], c)
	}
	return b.clients[username][worker], nil
}

// signInAll opens the sessions of n workers before a run, so that no
// sign-in (argon2id, slow on purpose) is measured.
func (b *bench) signInAll(ctx context.Context, username string, n int) error {
	_, err := b.client(ctx, username, n-1)
	return err
}

// Run runs the benchmark and returns its report (also printed to cfg.Out).
// An error means the benchmark could not run; failures of requests are in
// the report.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	if cfg.Out == nil {
		cfg.Out = io.Discard
	}
	if cfg.URL == "" {
		cfg.URL = "http://127.0.0.1:8080"
	}
	if len(cfg.Concurrency) == 0 {
		cfg.Concurrency = []int{1, 8}
	}
	if cfg.Duration <= 0 {
		cfg.Duration = 10 * time.Second
	}
	if cfg.MaxRequests <= 0 {
		cfg.MaxRequests = 1_000_000
	}
	names, err := selectScenarios(cfg.Scenarios)
	if err != nil {
		return nil, err
	}
	maxConc := 1
	for _, c := range cfg.Concurrency {
		if c < 1 || c > 256 {
			return nil, fmt.Errorf("concurrency %d: give 1 to 256", c)
		}
		maxConc = max(maxConc, c)
	}
	b := &bench{cfg: cfg, transport: newTransport(maxConc * 6), clients: map[string][]*Client{}}
	defer b.transport.CloseIdleConnections()
	rep := &Report{
		Time: time.Now().UTC(), Commit: gitCommit(), URL: cfg.URL,
		Machine: Machine{Cores: runtime.NumCPU(), GoVersion: runtime.Version(), OS: runtime.GOOS, Arch: runtime.GOARCH},
		Config: ReportConfig{Duration: cfg.Duration.String(), Warmup: cfg.Warmup.String(), MaxRequests: cfg.MaxRequests,
			Concurrency: cfg.Concurrency, Scenarios: names},
	}
	rep.Machine.Hostname, _ = os.Hostname()
	rep.Machine.LoadBefore = loadAverage()

	if cfg.DatabaseURL != "" {
		pcfg, err := pgxpool.ParseConfig(cfg.DatabaseURL)
		if err != nil {
			return nil, fmt.Errorf("--database-url: %w", err)
		}
		pcfg.MaxConns = int32(max(4, maxConc*6))
		pcfg.MinConns = int32(min(maxConc, 8))
		b.pool, err = pgxpool.NewWithConfig(ctx, pcfg)
		if err != nil {
			return nil, fmt.Errorf("connect to the database for the baseline: %w", err)
		}
		defer b.pool.Close()
		if err := b.pool.Ping(ctx); err != nil {
			return nil, fmt.Errorf("connect to the database for the baseline: %w", err)
		}
		rep.Baseline = true
	} else {
		rep.Notes = append(rep.Notes, "no database given (--database-url, SISO_DATABASE_URL or the embedded one): no baseline, no correctness check against it")
	}

	if err := b.fetchInputs(ctx); err != nil {
		return nil, err
	}
	rep.Inputs = Inputs{Source: b.in.source, PageCitizens: len(b.in.pageCitizens), ZoneCitizens: len(b.in.zoneCitizens),
		SearchTerms: b.in.terms, NeedCodes: b.in.needCodes, ServiceCodes: b.in.serviceCodes, OutcomeCode: b.in.outcomeCode}
	if b.pool != nil {
		rep.Database = b.databaseSize(ctx)
	}
	if c, err := b.client(ctx, userWorker, 0); err == nil && c.lastBudget.Load() > 0 && c.lastBudget.Load() < 50_000_000 {
		rep.Notes = append(rep.Notes, fmt.Sprintf("the server's cost budget per operator is low (%d left after one request): requests beyond it are refused RATE_LIMITED and counted as errors; run the server with SISO_COST_BUDGET_PER_MINUTE=1000000000", c.lastBudget.Load()))
	}
	fmt.Fprintf(cfg.Out, "siso bench: %s, %d cores, %s, commit %s\n", cfg.URL, rep.Machine.Cores, rep.Machine.GoVersion, short(rep.Commit))
	if rep.Database != nil {
		fmt.Fprintf(cfg.Out, "database: %d citizens, %d accesses, %d cases, %d interventions\n",
			rep.Database.Citizens, rep.Database.Accesses, rep.Database.Cases, rep.Database.Interventions)
	}
	for _, n := range rep.Notes {
		fmt.Fprintf(cfg.Out, "note: %s\n", n)
	}

	scens := b.scenarios()
	byName := map[string]*scenario{}
	for _, s := range scens {
		byName[s.name] = s
	}
	_, statsErr := b.metric(ctx, metricStatements)
	for _, name := range names {
		s := byName[name]
		sr := ScenarioReport{Name: s.name, Operator: s.user, Description: s.description, BaselineDescription: s.baselineNote,
			Writes: s.writes, BaselineStatements: s.baselineStatements}
		if err := b.signInAll(ctx, s.user, maxConc); err != nil {
			return nil, err
		}
		sr.Check = b.check(ctx, s)
		for _, conc := range cfg.Concurrency {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			r := Result{Concurrency: conc}
			b.progress("%s: API at concurrency %d", s.name, conc)
			r.API, r.StatementsPerRequest = b.measure(ctx, conc, s.api, statsErr == nil)
			if b.pool != nil && s.baseline != nil {
				b.progress("%s: baseline at concurrency %d", s.name, conc)
				base, _ := b.measure(ctx, conc, s.baseline, false)
				r.Baseline = &base
				if base.P50Ms > 0 && r.API.P50Ms > 0 {
					r.RatioP50 = r.API.P50Ms / base.P50Ms
				}
			}
			sr.Results = append(sr.Results, r)
		}
		rep.Scenarios = append(rep.Scenarios, sr)
	}
	rep.PeakRSS = b.peakRSS(ctx)
	rep.Machine.LoadAfter = loadAverage()
	rep.Targets = rep.judgeTargets()
	rep.print(cfg.Out)
	return rep, nil
}

// measure warms up, then runs one measured run and, when asked, the SQL
// statements per request from the server's counter.
func (b *bench) measure(ctx context.Context, conc int, f op, statements bool) (runResult, *float64) {
	if b.cfg.Warmup > 0 {
		run(ctx, conc, b.cfg.Warmup, b.cfg.MaxRequests, f)
	}
	var before float64
	if statements {
		before, _ = b.metric(ctx, metricStatements)
	}
	r := run(ctx, conc, b.cfg.Duration, b.cfg.MaxRequests, f)
	if !statements || r.Requests == 0 {
		return r, nil
	}
	after, err := b.metric(ctx, metricStatements)
	if err != nil {
		return r, nil
	}
	per := (after - before) / float64(r.Requests)
	return r, &per
}

func (b *bench) metric(ctx context.Context, name string) (float64, error) {
	m, err := readMetrics(ctx, b.cfg.URL, b.transport, name)
	if err != nil {
		return 0, err
	}
	v, ok := m[name]
	if !ok {
		return 0, errNoMetrics
	}
	return v, nil
}

// peakRSS is the server's peak resident memory: from /metrics, else from
// /proc/<pid>/status (VmHWM) with --server-pid.
func (b *bench) peakRSS(ctx context.Context) *PeakRSS {
	if v, err := b.metric(ctx, metricPeakRSS); err == nil {
		return &PeakRSS{Bytes: int64(v), Source: "/metrics " + metricPeakRSS}
	}
	if b.cfg.ServerPID > 0 {
		if kb, err := vmHWM(b.cfg.ServerPID); err == nil {
			return &PeakRSS{Bytes: kb * 1024, Source: fmt.Sprintf("/proc/%d/status VmHWM", b.cfg.ServerPID)}
		}
	}
	return nil
}

func vmHWM(pid int) (int64, error) {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb int64
			if _, err := fmt.Sscanf(strings.TrimSpace(rest), "%d kB", &kb); err != nil {
				return 0, err
			}
			return kb, nil
		}
	}
	return 0, errors.New("no VmHWM")
}

// loadAverage is the 1-minute load average (0 where /proc/loadavg is missing).
func loadAverage() float64 {
	raw, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0
	}
	var l float64
	_, _ = fmt.Sscanf(string(raw), "%f", &l)
	return l
}

func (b *bench) progress(format string, args ...any) {
	if b.cfg.Progress != nil {
		fmt.Fprintf(b.cfg.Progress, time.Now().Format("15:04:05")+" "+format+"\n", args...)
	}
}

func (b *bench) databaseSize(ctx context.Context) *DatabaseSize {
	var d DatabaseSize
	err := b.pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM citizen), (SELECT count(*) FROM access),
		(SELECT count(*) FROM care_case), (SELECT count(*) FROM intervention)`).Scan(&d.Citizens, &d.Accesses, &d.Cases, &d.Interventions)
	if err != nil {
		return nil
	}
	return &d
}

func selectScenarios(filter []string) ([]string, error) {
	if len(filter) == 0 {
		return ScenarioNames, nil
	}
	want := map[string]bool{}
	for _, f := range filter {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		found := false
		for _, n := range ScenarioNames {
			if n == f {
				found = true
			}
		}
		if !found {
			return nil, fmt.Errorf("unknown scenario %q (scenarios: %s)", f, strings.Join(ScenarioNames, ", "))
		}
		want[f] = true
	}
	var out []string
	for _, n := range ScenarioNames {
		if want[n] {
			out = append(out, n)
		}
	}
	return out, nil
}

// gitCommit is the commit the binary was built from, or the checkout's.
func gitCommit() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		rev, dirty := "", false
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
		if rev != "" {
			if dirty {
				rev += "-dirty"
			}
			return rev
		}
	}
	out, err := exec.Command("git", "rev-parse", "HEAD").Output()
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(out))
}

func short(commit string) string {
	if len(commit) > 12 && !strings.HasSuffix(commit, "-dirty") {
		return commit[:12]
	}
	return commit
}
