package audit_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/audit"
	"github.com/siso-project/siso/internal/migrate"
	"github.com/siso-project/siso/internal/refdata"
	"github.com/siso-project/siso/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// schema is the template of most tests: the migrated schema with Umbria's
// zones and municipalities.
func schema(ctx context.Context, db *bun.DB) error {
	if _, err := migrate.Up(ctx, db); err != nil {
		return err
	}
	return refdata.Load(ctx, db)
}

// world is a schema database with one operator and a few citizens.
type world struct {
	t        *testing.T
	db       *bun.DB
	operator int64
	citizens []int64
}

func newWorld(t *testing.T, citizens int) *world {
	t.Helper()
	return newWorldOn(t, testdb.New(t, schema), citizens)
}

// newWorldOn is newWorld on a database the caller opened.
func newWorldOn(t *testing.T, db *bun.DB, citizens int) *world {
	t.Helper()
	w := &world{t: t, db: db}
	w.operator = w.id(`INSERT INTO operator (username, display_name, password_hash) VALUES ('as.test', 'Assistente Test', 'x') RETURNING id`)
	for i := range citizens {
		w.citizens = append(w.citizens, w.id(`INSERT INTO citizen (temporary_id, first_name, last_name) VALUES (?, 'Mario', ?) RETURNING id`,
			fmt.Sprintf("TMP-TEST%04d", i), fmt.Sprintf("Rossi%d", i)))
	}
	return w
}

func (w *world) id(query string, args ...any) int64 {
	w.t.Helper()
	var id int64
	if err := w.db.QueryRowContext(context.Background(), query, args...).Scan(&id); err != nil {
		w.t.Fatalf("%s: %v", query, err)
	}
	return id
}

func (w *world) exec(query string, args ...any) {
	w.t.Helper()
	if _, err := w.db.ExecContext(context.Background(), query, args...); err != nil {
		w.t.Fatalf("%s: %v", query, err)
	}
}

func (w *world) count(query string, args ...any) int {
	w.t.Helper()
	var n int
	if err := w.db.QueryRowContext(context.Background(), query, args...).Scan(&n); err != nil {
		w.t.Fatalf("%s: %v", query, err)
	}
	return n
}

func (w *world) actor() audit.Actor {
	return audit.Actor{OperatorID: w.operator, Label: "as.test", Kind: audit.KindSession}
}

func (w *world) log() *audit.Log { return &audit.Log{DB: w.db} }

func (w *world) verify() audit.VerifyResult {
	w.t.Helper()
	res, err := w.log().Verify(context.Background())
	if err != nil {
		w.t.Fatal(err)
	}
	return res
}

// fixedClock returns a clock that advances by step on every call.
func fixedClock(start time.Time, step time.Duration) func() time.Time {
	t := start
	return func() time.Time {
		now := t
		t = t.Add(step)
		return now
	}
}

func mustTime(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// bunList formats ids for an IN (?) list.
func bunList(ids []int64) any { return bun.List(ids) }
