package apiclient_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/apiclient"
	"github.com/siso-project/siso/internal/migrate"
	"github.com/siso-project/siso/internal/refdata"
	"github.com/siso-project/siso/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// schemaWithRefdata is the test databases' template: the migrated schema
// with the zones and municipalities of Umbria.
func schemaWithRefdata(ctx context.Context, db *bun.DB) error {
	if _, err := migrate.Up(ctx, db); err != nil {
		return err
	}
	return refdata.Load(ctx, db)
}

// fixture: a health authority (the partner), an administrator, an inactive
// administrator and a social worker, and a service with a settable clock.
type fixture struct {
	t   *testing.T
	db  *bun.DB
	svc *apiclient.Service
	now time.Time

	orgUSL        int64
	admin         int64
	inactiveAdmin int64
	worker        int64

	queries *queryLog
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	db := testdb.New(t, schemaWithRefdata)
	f := &fixture{t: t, db: db, now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), queries: &queryLog{}}
	f.svc = &apiclient.Service{DB: db, Now: func() time.Time { return f.now }}
	db.AddQueryHook(f.queries)

	f.orgUSL = f.insertID(`INSERT INTO organization (kind, name) VALUES ('HEALTH_AUTHORITY', 'USL Umbria 1') RETURNING id`)
	operator := func(username string, active bool, roles ...string) int64 {
		id := f.insertID(`INSERT INTO operator (username, display_name, password_hash, active)
			VALUES (?, ?, 'x', ?) RETURNING id`, username, "Operator "+username, active)
		for _, r := range roles {
			var zone any
			if r == "SOCIAL_WORKER" {
				zone = 2
			}
			f.exec(`INSERT INTO operator_role (operator_id, role, zone_id) VALUES (?, ?, ?)`, id, r, zone)
		}
		return id
	}
	f.admin = operator("admin", true, "ADMIN")
	f.inactiveAdmin = operator("admin.old", false, "ADMIN")
	f.worker = operator("as.perugia", true, "SOCIAL_WORKER", "DPO")
	return f
}

// input is a valid CreateInput.
func (f *fixture) input() apiclient.CreateInput {
	return apiclient.CreateInput{
		Name:           "USL Umbria 1 – distretto Perugino",
		OrganizationID: f.orgUSL,
		Role:           "SOCIAL_WORKER",
		ZoneIDs:        []int{2},
		Scopes:         []string{apiclient.ScopeInterventionsRead, apiclient.ScopeCitizensIdentityRead},
		ExpiresAt:      f.now.AddDate(1, 0, 0),
		CreatedBy:      f.admin,
	}
}

// create creates a client from in and fails the test on error.
func (f *fixture) create(in apiclient.CreateInput) (apiclient.Client, string) {
	f.t.Helper()
	c, token, err := f.svc.Create(context.Background(), in)
	if err != nil {
		f.t.Fatalf("create %q: %v", in.Name, err)
	}
	return c, token
}

func (f *fixture) insertID(query string, args ...any) int64 {
	f.t.Helper()
	var id int64
	if err := f.db.QueryRowContext(context.Background(), query, args...).Scan(&id); err != nil {
		f.t.Fatalf("%s: %v", query, err)
	}
	return id
}

func (f *fixture) exec(query string, args ...any) {
	f.t.Helper()
	if _, err := f.db.ExecContext(context.Background(), query, args...); err != nil {
		f.t.Fatalf("%s: %v", query, err)
	}
}

func (f *fixture) scan(query string, args []any, dest ...any) {
	f.t.Helper()
	if err := f.db.QueryRowContext(context.Background(), query, args...).Scan(dest...); err != nil {
		f.t.Fatalf("%s: %v", query, err)
	}
}

// queryLog records the queries run on the fixture's database.
type queryLog struct {
	mu      sync.Mutex
	queries []string
}

func (l *queryLog) BeforeQuery(ctx context.Context, e *bun.QueryEvent) context.Context {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.queries = append(l.queries, e.Query)
	return ctx
}

func (l *queryLog) AfterQuery(context.Context, *bun.QueryEvent) {}

// reset forgets the queries run so far.
func (l *queryLog) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.queries = nil
}

// count returns how many queries ran since the last reset, and how many of
// them contain substr.
func (l *queryLog) count(substr string) (all, matching int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, q := range l.queries {
		if strings.Contains(q, substr) {
			matching++
		}
	}
	return len(l.queries), matching
}
