package migrate_test

import (
	"context"
	"testing"

	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/migrate"
	"github.com/siso-project/siso/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

func migrated(ctx context.Context, db *bun.DB) error {
	_, err := migrate.Up(ctx, db)
	return err
}

func TestMigrationsApplyOnceAndAreCurrent(t *testing.T) {
	db := testdb.New(t, migrated)
	ctx := context.Background()
	applied, err := migrate.Up(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if len(applied) != 0 {
		t.Errorf("second run applied %v", applied)
	}
	pending, err := migrate.Pending(ctx, db)
	if err != nil || len(pending) != 0 {
		t.Errorf("pending = %v, %v", pending, err)
	}
}

// Every foreign key has an index whose leading columns are the key, so
// joins, cascades and the row scope never scan a table.
func TestEveryForeignKeyIsIndexed(t *testing.T) {
	db := testdb.New(t, migrated)
	var missing []struct {
		Table  string `bun:"tbl"`
		Column string `bun:"cols"`
	}
	err := db.NewRaw(`
		SELECT c.conrelid::regclass::text AS tbl, string_agg(a.attname, ',' ORDER BY k.ord) AS cols
		FROM pg_constraint c
		CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
		JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
		WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
		  AND NOT EXISTS (
			SELECT 1 FROM pg_index i
			WHERE i.indrelid = c.conrelid
			  AND (i.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
			  AND (i.indkey::int2[])[0:cardinality(c.conkey) - 1] <@ c.conkey)
		GROUP BY c.oid, c.conrelid ORDER BY 1, 2`).Scan(context.Background(), &missing)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range missing {
		t.Errorf("foreign key %s(%s) has no index", m.Table, m.Column)
	}
}

// Objects that people edit carry a version (optimistic locking) and timestamps.
func TestEditedTablesHaveVersionAndTimestamps(t *testing.T) {
	db := testdb.New(t, migrated)
	edited := []string{"organization", "office", "operator", "citizen", "relation", "consent", "access", "referral",
		"care_case", "case_member", "assessment", "plan", "intervention", "activity"}
	for _, table := range edited {
		for _, col := range []string{"version", "created_at", "updated_at"} {
			var n int
			if err := db.NewRaw(`SELECT count(*) FROM information_schema.columns WHERE table_schema = 'public'
				AND table_name = ? AND column_name = ?`, table, col).Scan(context.Background(), &n); err != nil {
				t.Fatal(err)
			}
			if n != 1 {
				t.Errorf("%s has no %s column", table, col)
			}
		}
	}
}
