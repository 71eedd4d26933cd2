package main

import (
	"io"
	"log/slog"
	"strings"
	"testing"
)

// TestSeedCommandRefuses checks the arguments and the mode before any
// database is opened or started.
func TestSeedCommandRefuses(t *testing.T) {
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	for _, tc := range []struct {
		name, mode string
		args       []string
		want       string
	}{
		{"nothing to load", "development", []string{"seed"}, "--demo or --citizens N"},
		{"no citizens", "development", []string{"seed", "--citizens", "0"}, "--demo or --citizens N"},
		{"bad number", "development", []string{"seed", "--citizens", "many"}, "invalid value"},
		{"region in production", "production", []string{"seed", "--citizens", "1000"}, "only with SISO_MODE=development"},
		{"demo in production", "production", []string{"seed", "--demo"}, "only with SISO_MODE=development"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("SISO_MODE", tc.mode)
			t.Setenv("SISO_DATABASE_URL", "postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=1")
			err := run(tc.args, logger)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("siso %s: %v, want an error saying %q", strings.Join(tc.args, " "), err, tc.want)
			}
		})
	}
}
