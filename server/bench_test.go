package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestEmbeddedDatabaseURL(t *testing.T) {
	dir := t.TempDir()
	if _, err := embeddedDatabaseURL(dir); err == nil {
		t.Error("a data directory without a running PostgreSQL gave a URL")
	}
	if err := os.MkdirAll(filepath.Join(dir, "pgdata"), 0o700); err != nil {
		t.Fatal(err)
	}
	// The first lines of a postmaster.pid: pid, data directory, start time, port, socket directory, address.
	pid := "4242\n" + filepath.Join(dir, "pgdata") + "\n1764720000\n54321\n\n127.0.0.1\n"
	if err := os.WriteFile(filepath.Join(dir, "pgdata", "postmaster.pid"), []byte(pid), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "pg-password"), []byte("s3cr3t/+\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := embeddedDatabaseURL(dir)
	if err != nil {
		t.Fatal(err)
	}
	if want := "postgres://postgres:s3cr3t%2F+@127.0.0.1:54321/siso?sslmode=disable"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
