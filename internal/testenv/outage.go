package testenv

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// Outage makes the test's database unreachable for the server, as when
// PostgreSQL goes away, without touching the (shared) server itself: the
// database stops accepting connections and the pool's open connections are
// terminated. The returned function (also run at cleanup) ends the outage.
func (e *Env) Outage(tb testing.TB) (restore func()) {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	// A connection to the server's "postgres" database, with the test
	// pool's credentials, survives the outage to end it.
	var cfg *pgx.ConnConfig
	var name string
	if err := e.DB.QueryRowContext(ctx, `SELECT current_database()`).Scan(&name); err != nil {
		tb.Fatalf("outage: %v", err)
	}
	conn, err := e.DB.Conn(ctx)
	if err != nil {
		tb.Fatalf("outage: %v", err)
	}
	err = conn.Raw(func(dc any) error {
		cfg = dc.(*stdlib.Conn).Conn().Config().Copy()
		return nil
	})
	_ = conn.Close()
	if err != nil {
		tb.Fatalf("outage: %v", err)
	}
	cfg.Database = "postgres"
	admin, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		tb.Fatalf("outage: connect to the postgres database: %v", err)
	}
	ident := pgx.Identifier{name}.Sanitize()
	if _, err := admin.Exec(ctx, `ALTER DATABASE `+ident+` WITH ALLOW_CONNECTIONS false`); err != nil {
		tb.Fatalf("outage: refuse connections: %v", err)
	}
	if _, err := admin.Exec(ctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, name); err != nil {
		tb.Fatalf("outage: terminate connections: %v", err)
	}
	done := false
	restore = func() {
		if done {
			return
		}
		done = true
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if _, err := admin.Exec(ctx, `ALTER DATABASE `+ident+` WITH ALLOW_CONNECTIONS true`); err != nil {
			tb.Errorf("outage: accept connections again: %v", err)
		}
		_ = admin.Close(ctx)
	}
	tb.Cleanup(restore)
	return restore
}
