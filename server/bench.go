package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/siso-project/siso/internal/bench"
)

// benchCommand runs `siso bench`: the benchmark of README.md against a
// running server over HTTP, with the hand-written SQL baseline beside it.
func benchCommand(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	u := fs.String("url", "http://127.0.0.1:8080", "the running server")
	password := fs.String("password", "siso-demo", "the demo operators' password")
	dbURL := fs.String("database-url", os.Getenv("SISO_DATABASE_URL"),
		"the server's database, for the baseline (default SISO_DATABASE_URL, else the embedded one under SISO_DATA_DIR)")
	duration := fs.Duration("duration", 10*time.Second, "measured time per scenario, concurrency and side (API, baseline)")
	warmup := fs.Duration("warmup", 2*time.Second, "unmeasured time before each measured run")
	maxReq := fs.Int64("max-requests", 1_000_000, "at most this many requests per measured run (and per warm-up)")
	conc := fs.String("concurrency", "1,8", "simulated clients, a comma-separated list")
	scen := fs.String("scenarios", "", "comma-separated scenarios to run (default all: "+strings.Join(bench.ScenarioNames, ",")+")")
	out := fs.String("out", "", "also write the results as JSON to this file")
	pid := fs.Int("server-pid", 0, "the server's process id, to read its peak RSS from /proc when /metrics lacks it")
	noBaseline := fs.Bool("no-baseline", false, "measure the API only")
	markdown := fs.Bool("markdown", false, "also print the results as the Markdown table of README.md")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var levels []int
	for _, f := range strings.Split(*conc, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return fmt.Errorf("--concurrency: %q is not a number of clients", f)
		}
		levels = append(levels, n)
	}
	var scenarios []string
	if *scen != "" {
		scenarios = strings.Split(*scen, ",")
	}
	if *dbURL == "" && !*noBaseline {
		found, err := embeddedDatabaseURL(dataDir())
		if err != nil {
			fmt.Fprintf(os.Stderr, "siso bench: no baseline: %v (give --database-url)\n", err)
		}
		*dbURL = found
	}
	if *noBaseline {
		*dbURL = ""
	}
	cfg := bench.Config{URL: *u, Password: *password, DatabaseURL: *dbURL, Duration: *duration, Warmup: *warmup,
		MaxRequests: *maxReq, Concurrency: levels, Scenarios: scenarios, ServerPID: *pid, Out: os.Stdout, Progress: os.Stderr}
	rep, err := bench.Run(ctx, cfg)
	if err != nil {
		return err
	}
	if *markdown {
		fmt.Println()
		rep.Markdown(os.Stdout)
	}
	if *out != "" {
		if err := rep.WriteJSON(*out); err != nil {
			return err
		}
		fmt.Printf("results written to %s\n", *out)
	}
	if rep.Failed() {
		return errors.New("bench: some requests failed or a check did not match (see above)")
	}
	return nil
}

// embeddedDatabaseURL finds the database of the embedded PostgreSQL that
// `siso serve` runs under dir (see internal/pgembed): its port is the fourth
// line of pgdata/postmaster.pid, its superuser's password is in pg-password,
// and siso's database is "siso".
func embeddedDatabaseURL(dir string) (string, error) {
	pidFile := filepath.Join(dir, "pgdata", "postmaster.pid")
	raw, err := os.ReadFile(pidFile)
	if err != nil {
		return "", fmt.Errorf("no running embedded PostgreSQL under %s", dir)
	}
	lines := strings.Split(string(raw), "\n")
	if len(lines) < 4 {
		return "", fmt.Errorf("%s: too short", pidFile)
	}
	port, err := strconv.Atoi(strings.TrimSpace(lines[3]))
	if err != nil || port <= 0 {
		return "", fmt.Errorf("%s: no port on its fourth line", pidFile)
	}
	pw, err := os.ReadFile(filepath.Join(dir, "pg-password"))
	if err != nil {
		return "", fmt.Errorf("the embedded PostgreSQL's password: %w", err)
	}
	v := url.URL{Scheme: "postgres", User: url.UserPassword("postgres", strings.TrimSpace(string(pw))),
		Host: "127.0.0.1:" + strconv.Itoa(port), Path: "/siso", RawQuery: "sslmode=disable"}
	return v.String(), nil
}
