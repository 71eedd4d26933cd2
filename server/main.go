// Command siso is SISO's single binary: `siso serve` (the default) runs the
// GraphQL API and the SPA, `siso migrate` applies the database migrations,
// `siso seed --demo` loads the demo data. Configuration comes from the
// environment (see README): with no SISO_DATABASE_URL, siso starts its own
// PostgreSQL under SISO_DATA_DIR.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/auth"
	"github.com/siso-project/siso/internal/database"
	"github.com/siso-project/siso/internal/httpapi"
	"github.com/siso-project/siso/internal/migrate"
	"github.com/siso-project/siso/internal/pgembed"
	"github.com/siso-project/siso/internal/refdata"
	"github.com/siso-project/siso/internal/seed"
)

func main() {
	logger := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: logLevel()}))
	if err := run(os.Args[1:], logger); err != nil {
		logger.Error("siso stopped", "error", err.Error())
		os.Exit(1)
	}
}

func usage(w io.Writer) {
	fmt.Fprint(w, `usage: siso [command]

commands:
  serve          run the API and the SPA (default)
  migrate        apply the database migrations and exit
  seed --demo    load the demo data (development mode only) and exit
  seed --citizens N [--seed S]
                 grow the database to N citizens with a synthetic region (demo first; development mode only)
  audit verify   check the hash chain of the audit trail
  export citizen --fiscal-code CF --requested-by NAME [--out FILE]
                 one citizen's whole record and audit trail as JSON (GDPR art. 15)
  export inps --flow PSA_SINA|SINBA --from 2026-01-01 --to 2026-12-31 [--zone 2] [--out FILE] [--dry-run]
                 the national INPS flows (SINBA needs SISO_PSEUDONYM_KEY); only changes since the last export
  export statistics --from 2026-01-01 --to 2026-12-31 [--zone 2] [--group-by ZONE,MONTH]
                 statistics as CSV, small cells suppressed
  operator create --username NAME --display-name "NAME" --role ROLE[:ZONE] [--role ...] [--profession CODE] [--organization ID]
                 create an operator (e.g. the first administrator) and print a one-time password once
  operator retire-demo
                 deactivate the demo accounts and every operator with the demo password (production refuses them)
  retention --older-than 2016-01-01|10y [--dry-run]
                 pseudonymize people whose cases closed before then (needs SISO_PSEUDONYM_KEY)
  bench [--url http://127.0.0.1:8080] [--duration 10s] [--concurrency 1,8] [--scenarios a,b] [--out FILE.json]
                 measure a running server over HTTP beside a hand-written SQL baseline (writes accesses)

environment: SISO_DATABASE_URL, SISO_ADDR, SISO_MODE, SISO_DATA_DIR, SISO_CORS_ORIGINS,
SISO_STATIC_DIR, SISO_REQUEST_TIMEOUT, SISO_MAX_BODY_BYTES, SISO_SESSION_IDLE,
SISO_SESSION_ABSOLUTE, SISO_SECURE_COOKIES, SISO_TRUSTED_PROXIES, SISO_LOG_LEVEL,
SISO_SHUTDOWN_GRACE, SISO_SHUTDOWN_TIMEOUT (see README)
`)
}

func run(args []string, logger *slog.Logger) error {
	cmd := "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	switch cmd {
	case "serve":
		return serve(ctx, logger)
	case "migrate":
		return withDatabase(ctx, logger, func(ctx context.Context, db *bun.DB, _ httpapi.Config) error {
			return nil // withDatabase migrates
		})
	case "seed":
		fs := flag.NewFlagSet("seed", flag.ContinueOnError)
		demo := fs.Bool("demo", false, "load the demo data of DESIGN.md")
		citizens := fs.Int64("citizens", 0, "grow the database to this many citizens with a synthetic region (the demo first)")
		seedN := fs.Int64("seed", 1, "random seed of the synthetic region")
		if err := fs.Parse(args); err != nil {
			return err
		}
		if !*demo && *citizens <= 0 {
			return errors.New("seed: say what to load: --demo or --citizens N")
		}
		if mode, err := httpapi.ConfigFromEnv(); err == nil && mode.Mode != httpapi.Development {
			return errors.New("the demo data (with its shared demo password) is loaded only with SISO_MODE=development")
		}
		return withDatabase(ctx, logger, func(ctx context.Context, db *bun.DB, cfg httpapi.Config) error {
			if *citizens > 0 {
				return seedRegion(ctx, db, cfg, *citizens, *seedN)
			}
			return seedDemo(ctx, db, cfg, logger)
		})
	case "audit":
		return withDatabase(ctx, logger, func(ctx context.Context, db *bun.DB, _ httpapi.Config) error {
			return auditCommand(ctx, args, db)
		})
	case "export":
		return withDatabase(ctx, logger, func(ctx context.Context, db *bun.DB, _ httpapi.Config) error {
			return exportCommand(ctx, args, db)
		})
	case "operator":
		return withDatabase(ctx, logger, func(ctx context.Context, db *bun.DB, _ httpapi.Config) error {
			return operatorCommand(ctx, args, db, os.Stdout)
		})
	case "retention":
		return withDatabase(ctx, logger, func(ctx context.Context, db *bun.DB, _ httpapi.Config) error {
			return retentionCommand(ctx, args, db)
		})
	case "bench":
		return benchCommand(ctx, args)
	case "help", "-h", "--help":
		usage(os.Stdout)
		return nil
	default:
		usage(os.Stderr)
		return fmt.Errorf("unknown command %q", cmd)
	}
}

// withDatabase opens the configured database (or starts the embedded one),
// applies the migrations and the reference data, runs f and cleans up.
func withDatabase(ctx context.Context, logger *slog.Logger, f func(context.Context, *bun.DB, httpapi.Config) error) error {
	return withCountedDatabase(ctx, logger, nil, f)
}

// withCountedDatabase is withDatabase with the pool's statements counted
// by counter (nil for none).
func withCountedDatabase(ctx context.Context, logger *slog.Logger, counter *database.Counter, f func(context.Context, *bun.DB, httpapi.Config) error) error {
	cfg, err := httpapi.ConfigFromEnv()
	if err != nil {
		return err
	}
	url := os.Getenv("SISO_DATABASE_URL")
	embedded := url == ""
	if embedded {
		dir := dataDir()
		logger.Info("starting the embedded PostgreSQL", "data_dir", dir)
		pg, err := pgembed.Start(ctx, pgembed.Config{DataDir: dir, Logger: logger})
		if err != nil {
			return fmt.Errorf("embedded PostgreSQL: %w (or set SISO_DATABASE_URL to use a server of your own)", err)
		}
		defer func() {
			stopCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			if err := pg.Stop(stopCtx); err != nil {
				logger.Error("stop embedded PostgreSQL", "error", err.Error())
			}
		}()
		if err := ensureDatabase(ctx, pg.URL("postgres"), "siso"); err != nil {
			return err
		}
		url = pg.URL("siso")
		logger.Info("embedded PostgreSQL ready", "version", pg.Version(), "port", pg.Port())
	}
	db, err := database.Open(ctx, url, database.Options{Counter: counter})
	if err != nil {
		return err
	}
	defer db.Close()
	applied, err := migrate.Up(ctx, db)
	if err != nil {
		return err
	}
	if len(applied) > 0 {
		logger.Info("migrations applied", "versions", applied)
	}
	if err := refdata.Load(ctx, db); err != nil {
		return fmt.Errorf("load reference data: %w", err)
	}
	if embedded && cfg.Mode == httpapi.Development {
		if err := seedDemo(ctx, db, cfg, logger); err != nil {
			return err
		}
	}
	return f(ctx, db, cfg)
}

func seedDemo(ctx context.Context, db *bun.DB, cfg httpapi.Config, logger *slog.Logger) error {
	if cfg.Mode != httpapi.Development {
		return errors.New("the demo data (with its shared demo password) is loaded only with SISO_MODE=development")
	}
	sum, err := seed.Demo(ctx, db, seed.DemoOptions{HashPassword: auth.HashPassword})
	if err != nil {
		return fmt.Errorf("load demo data: %w", err)
	}
	if sum.Skipped {
		logger.Info("demo data already loaded")
	} else {
		logger.Info("demo data loaded", "elapsed_ms", sum.Elapsed.Milliseconds())
	}
	return nil
}

// seedRegion grows the database to n citizens with the synthetic region
// (seed.Region), with a progress bar on stderr.
func seedRegion(ctx context.Context, db *bun.DB, cfg httpapi.Config, n, seedN int64) error {
	if cfg.Mode != httpapi.Development {
		return errors.New("the synthetic region (with the shared demo password) is loaded only with SISO_MODE=development")
	}
	terminal := false
	if st, err := os.Stderr.Stat(); err == nil {
		terminal = st.Mode()&os.ModeCharDevice != 0
	}
	sum, err := seed.Region(ctx, db, seed.RegionOptions{Citizens: n, Seed: seedN, HashPassword: auth.HashPassword,
		Progress: os.Stderr, Terminal: terminal})
	if err != nil {
		return fmt.Errorf("load the synthetic region: %w", err)
	}
	fmt.Println(sum)
	return nil
}

func serve(ctx context.Context, logger *slog.Logger) error {
	statements := &database.Counter{}
	return withCountedDatabase(ctx, logger, statements, func(ctx context.Context, db *bun.DB, cfg httpapi.Config) error {
		if cfg.Mode == httpapi.Production {
			if err := refuseDemoAccounts(ctx, db); err != nil {
				return err
			}
		}
		if cfg.StaticDir == "" {
			if st, err := os.Stat(filepath.Join("frontend", "dist", "index.html")); err == nil && !st.IsDir() {
				cfg.StaticDir = filepath.Join("frontend", "dist")
			}
		}
		addr := os.Getenv("SISO_ADDR")
		if addr == "" {
			addr = "127.0.0.1:8080"
		}
		sd, err := shutdownFromEnv(cfg.Mode)
		if err != nil {
			return err
		}
		if err := startProfiler(ctx, logger); err != nil {
			return err
		}
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			return fmt.Errorf("listen on %s: %w", addr, err)
		}
		h := httpapi.New(cfg, db, logger, httpapi.WithStatementCounter(statements))
		srv := &http.Server{
			Handler:           h,
			ReadHeaderTimeout: 10 * time.Second,
			ReadTimeout:       30 * time.Second,
			WriteTimeout:      cfg.RequestTimeout + 15*time.Second,
			IdleTimeout:       2 * time.Minute,
			MaxHeaderBytes:    64 << 10,
		}
		return sd.serveUntil(ctx, logger.With("mode", string(cfg.Mode)), srv, h, ln)
	})
}

func dataDir() string {
	if d := os.Getenv("SISO_DATA_DIR"); d != "" {
		return d
	}
	abs, err := filepath.Abs(".siso")
	if err != nil {
		return ".siso"
	}
	return abs
}

func logLevel() slog.Level {
	var l slog.Level
	if err := l.UnmarshalText([]byte(os.Getenv("SISO_LOG_LEVEL"))); err != nil {
		return slog.LevelInfo
	}
	return l
}
