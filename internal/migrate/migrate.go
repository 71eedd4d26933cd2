// Package migrate applies the embedded SQL migrations to a PostgreSQL database.
//
// Each file runs once, in its own transaction, in lexical order; a checksum
// of every applied file is kept so that an edited migration is detected
// instead of silently diverging. Concurrent starts are serialized with an
// advisory lock, so several instances can start against the same database.
package migrate

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/uptrace/bun"

	"github.com/siso-project/siso/migrations"
)

// lockKey is the advisory lock that serializes migration runs.
const lockKey = 0x5150_0001

// Migration is one SQL file.
type Migration struct {
	Version  string // file name without .sql
	SQL      string
	Checksum string
}

// Load reads the migrations from fsys in the order they apply.
func Load(fsys fs.FS) ([]Migration, error) {
	names, err := fs.Glob(fsys, "*.sql")
	if err != nil {
		return nil, fmt.Errorf("list migrations: %w", err)
	}
	sort.Strings(names)
	out := make([]Migration, 0, len(names))
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", name, err)
		}
		sum := sha256.Sum256(b)
		out = append(out, Migration{
			Version:  strings.TrimSuffix(name, ".sql"),
			SQL:      string(b),
			Checksum: hex.EncodeToString(sum[:]),
		})
	}
	return out, nil
}

// Up applies every embedded migration that the database does not have yet
// and returns the versions it applied.
func Up(ctx context.Context, db *bun.DB) ([]string, error) {
	all, err := Load(migrations.FS)
	if err != nil {
		return nil, err
	}
	return apply(ctx, db, all)
}

func apply(ctx context.Context, db *bun.DB, all []Migration) ([]string, error) {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migration (
		version    text PRIMARY KEY,
		checksum   text NOT NULL,
		applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
		return nil, fmt.Errorf("create schema_migration: %w", err)
	}
	var applied []string
	for _, m := range all {
		done, err := applyOne(ctx, db, m)
		if err != nil {
			return applied, err
		}
		if done {
			applied = append(applied, m.Version)
		}
	}
	return applied, nil
}

func applyOne(ctx context.Context, db *bun.DB, m Migration) (bool, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("begin migration %s: %w", m.Version, err)
	}
	defer func() { _ = tx.Rollback() }()
	if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(?)", lockKey); err != nil {
		return false, fmt.Errorf("lock migrations: %w", err)
	}
	var checksum string
	err = tx.NewSelect().Table("schema_migration").Column("checksum").
		Where("version = ?", m.Version).Scan(ctx, &checksum)
	switch {
	case err == nil:
		if checksum != m.Checksum {
			return false, fmt.Errorf("migration %s was changed after it was applied (checksum %s, database has %s)",
				m.Version, m.Checksum[:12], checksum[:min(12, len(checksum))])
		}
		return false, nil
	case !isNoRows(err):
		return false, fmt.Errorf("read schema_migration: %w", err)
	}
	if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
		return false, fmt.Errorf("apply migration %s: %w", m.Version, err)
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migration (version, checksum) VALUES (?, ?)",
		m.Version, m.Checksum); err != nil {
		return false, fmt.Errorf("record migration %s: %w", m.Version, err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("commit migration %s: %w", m.Version, err)
	}
	return true, nil
}

// Pending returns the embedded migrations the database has not applied; an
// empty result means the schema is current (used by the readiness probe).
func Pending(ctx context.Context, db *bun.DB) ([]string, error) {
	all, err := Load(migrations.FS)
	if err != nil {
		return nil, err
	}
	var have []string
	if err := db.NewSelect().Table("schema_migration").Column("version").Scan(ctx, &have); err != nil {
		return nil, fmt.Errorf("read schema_migration: %w", err)
	}
	seen := make(map[string]bool, len(have))
	for _, v := range have {
		seen[v] = true
	}
	var pending []string
	for _, m := range all {
		if !seen[m.Version] {
			pending = append(pending, m.Version)
		}
	}
	return pending, nil
}
