package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/auth"
	"github.com/siso-project/siso/internal/database"
	"github.com/siso-project/siso/internal/seed"
	"github.com/siso-project/siso/internal/testdb"
	"github.com/siso-project/siso/internal/testenv"
)

// serveOnce runs serve until it either fails (returned) or answers /healthz
// (then it is stopped and nil is returned).
func serveOnce(t *testing.T) error {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	t.Setenv("SISO_ADDR", addr)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	errc := make(chan error, 1)
	go func() { errc <- serve(ctx, slog.New(slog.NewTextHandler(io.Discard, nil))) }()
	deadline := time.After(2 * time.Minute)
	for {
		select {
		case err := <-errc:
			if err == nil {
				t.Fatal("serve returned nil before serving")
			}
			return err
		case <-deadline:
			t.Fatal("serve neither served nor failed")
		case <-time.After(50 * time.Millisecond):
		}
		if resp, err := http.Get("http://" + addr + "/healthz"); err == nil {
			resp.Body.Close()
			cancel()
			if err := <-errc; err != nil {
				t.Fatalf("serve after shutdown: %v", err)
			}
			return nil
		}
	}
}

func openURL(t *testing.T, url string) *bun.DB {
	t.Helper()
	db, err := database.Open(t.Context(), url, database.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestProductionRefusesDemoAccounts: production mode does not start on a
// database where a demo account or the demo password signs in, says so with
// the command that fixes it, and starts once that command has run.
func TestProductionRefusesDemoAccounts(t *testing.T) {
	demoPasswordOperator := func(ctx context.Context, db *bun.DB) error {
		if err := testenv.Schema(ctx, db); err != nil {
			return err
		}
		hash, err := auth.HashPassword(seed.DefaultPassword)
		if err != nil {
			return err
		}
		// A real-looking operator someone gave the demo password.
		_, err = db.ExecContext(ctx, `INSERT INTO operator (username, display_name, password_hash)
			VALUES ('mario.rossi', 'Mario Rossi', ?)`, hash)
		return err
	}
	cleanOperator := func(ctx context.Context, db *bun.DB) error {
		if err := testenv.Schema(ctx, db); err != nil {
			return err
		}
		hash, err := auth.HashPassword("una-password-vera")
		if err != nil {
			return err
		}
		_, err = db.ExecContext(ctx, `INSERT INTO operator (username, display_name, password_hash)
			VALUES ('mario.rossi', 'Mario Rossi', ?)`, hash)
		return err
	}
	for _, tc := range []struct {
		name    string
		tpl     testdb.Template
		refused bool
		names   []string // named in the refusal
	}{
		{"demo data", testenv.Demo, true, []string{"as.perugia", "admin"}},
		{"an operator with the demo password", demoPasswordOperator, true, []string{"mario.rossi"}},
		{"no demo account", cleanOperator, false, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			url := testdb.NewURL(t, tc.tpl)
			t.Setenv("SISO_DATABASE_URL", url)
			t.Setenv("SISO_MODE", "production")
			err := serveOnce(t)
			if !tc.refused {
				if err != nil {
					t.Fatalf("production start on a clean database: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("production started on a database where the demo password signs in")
			}
			msg := err.Error()
			for _, want := range append([]string{"demo password", "siso operator retire-demo"}, tc.names...) {
				if !strings.Contains(msg, want) {
					t.Errorf("refusal %q does not say %q", msg, want)
				}
			}

			// The fix command, then production starts.
			var out bytes.Buffer
			db := openURL(t, url)
			if err := operatorCommand(t.Context(), []string{"retire-demo"}, db, &out); err != nil {
				t.Fatalf("siso operator retire-demo: %v", err)
			}
			if !strings.Contains(out.String(), "retired") {
				t.Errorf("retire-demo output: %q", out.String())
			}
			if err := serveOnce(t); err != nil {
				t.Fatalf("production start after retire-demo: %v", err)
			}
			// The retired accounts no longer sign in with the demo password.
			for _, name := range tc.names {
				var hash string
				var active bool
				if err := db.QueryRowContext(t.Context(), `SELECT password_hash, active FROM operator WHERE username = ?`, name).
					Scan(&hash, &active); err != nil {
					t.Fatal(err)
				}
				if ok, _ := auth.VerifyPassword(hash, seed.DefaultPassword); ok || active {
					t.Errorf("%s after retire-demo: active=%v, demo password verifies=%v", name, active, ok)
				}
			}
		})
	}
}
