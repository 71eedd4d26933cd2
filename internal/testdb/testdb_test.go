package testdb

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/uptrace/bun"
)

func TestMain(m *testing.M) { Main(m) }

var templateRuns atomic.Int32

// refTemplate stands in for "run migrations, load reference data".
func refTemplate(ctx context.Context, db *bun.DB) error {
	templateRuns.Add(1)
	for _, q := range []string{
		"create extension if not exists pg_trgm",
		"create table ref (id int primary key, name text)",
		"insert into ref values (1, 'one'), (2, 'two')",
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	return nil
}

func exists(t *testing.T, db *bun.DB, table string) bool {
	t.Helper()
	var ok bool
	if err := db.QueryRowContext(context.Background(), "select to_regclass(?) is not null", table).Scan(&ok); err != nil {
		t.Fatal(err)
	}
	return ok
}

func TestIsolation(t *testing.T) {
	ctx := context.Background()
	t0 := time.Now()
	db1 := New(t, refTemplate)
	t.Logf("first New (server + template + copy) took %s", time.Since(t0).Round(time.Millisecond))
	t0 = time.Now()
	db2 := New(t, refTemplate)
	t.Logf("second New (copy) took %s", time.Since(t0).Round(time.Millisecond))

	if _, err := db1.ExecContext(ctx, "create table only_in_one (x int)"); err != nil {
		t.Fatal(err)
	}
	if _, err := db1.ExecContext(ctx, "delete from ref where id = 2"); err != nil {
		t.Fatal(err)
	}
	if !exists(t, db1, "only_in_one") || exists(t, db2, "only_in_one") {
		t.Error("a table created in one database is visible in the other, or missing in its own")
	}
	var n int
	if err := db2.QueryRowContext(ctx, "select count(*) from ref").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("second database has %d reference rows, want 2", n)
	}
	var names [2]string
	for i, db := range []*bun.DB{db1, db2} {
		if err := db.QueryRowContext(ctx, "select current_database()").Scan(&names[i]); err != nil {
			t.Fatal(err)
		}
	}
	if names[0] == names[1] || !strings.HasPrefix(names[0], "siso_t_") {
		t.Errorf("database names %q", names)
	}
	if got := templateRuns.Load(); got != 1 {
		t.Errorf("template ran %d times, want 1", got)
	}
}

func TestParallel(t *testing.T) {
	for i := range 8 {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			t.Parallel()
			db := New(t, refTemplate)
			ctx := context.Background()
			if _, err := db.ExecContext(ctx, "insert into ref values (?, 'mine')", 100+i); err != nil {
				t.Fatal(err)
			}
			var n int
			if err := db.QueryRowContext(ctx, "select count(*) from ref").Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != 3 {
				t.Errorf("%d rows, want 3 (2 reference rows + mine)", n)
			}
		})
	}
	t.Cleanup(func() {
		if got := templateRuns.Load(); got != 1 {
			t.Errorf("template ran %d times, want 1", got)
		}
	})
}

func TestNewURL(t *testing.T) {
	ctx := context.Background()
	dsn := NewURL(t, refTemplate)
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var name string
	if err := conn.QueryRow(ctx, "select name from ref where id = 1").Scan(&name); err != nil {
		t.Fatal(err)
	}
	if name != "one" {
		t.Errorf("got %q", name)
	}
}

func TestNilTemplate(t *testing.T) {
	db := New(t, nil)
	if exists(t, db, "ref") {
		t.Error("empty database has the ref table")
	}
}

// fatalTB records Fatal calls instead of ending the test.
type fatalTB struct {
	testing.TB
	fatal []string
}

func (f *fatalTB) Helper()                   {}
func (f *fatalTB) Fatal(args ...any)         { f.fatal = append(f.fatal, fmt.Sprint(args...)) }
func (f *fatalTB) Fatalf(s string, a ...any) { f.fatal = append(f.fatal, fmt.Sprintf(s, a...)) }

func TestTemplateError(t *testing.T) {
	var runs int
	broken := func(ctx context.Context, db *bun.DB) error {
		runs++
		_, err := db.ExecContext(ctx, "select * from no_such_table")
		return errors.Join(errors.New("migration 7 failed"), err)
	}
	for range 2 {
		tb := &fatalTB{TB: t}
		if db := New(tb, broken); db != nil {
			t.Error("New returned a database")
		}
		if len(tb.fatal) != 1 || !strings.Contains(tb.fatal[0], "migration 7 failed") || !strings.Contains(tb.fatal[0], "no_such_table") {
			t.Errorf("Fatal calls: %q", tb.fatal)
		}
	}
	if runs != 1 {
		t.Errorf("broken template ran %d times, want 1", runs)
	}
}
