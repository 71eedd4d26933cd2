package auth

import (
	"context"
	"testing"

	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/migrate"
	"github.com/siso-project/siso/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// schema is the test databases' template: the full migrated schema.
func schema(ctx context.Context, db *bun.DB) error {
	_, err := migrate.Up(ctx, db)
	return err
}

// newDB returns a fresh migrated database for one test.
func newDB(tb testing.TB) *bun.DB {
	tb.Helper()
	return testdb.New(tb, schema)
}
