package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"testing"

	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/audit"
	"github.com/siso-project/siso/internal/database"
	"github.com/siso-project/siso/internal/migrate"
	"github.com/siso-project/siso/internal/pgembed"
	"github.com/siso-project/siso/internal/testdb"
	"github.com/siso-project/siso/internal/testenv"
)

// The README's backup and restore: pg_dump of a database in use (audit
// trail included), pg_restore into a fresh database, and the restored one
// holds the same rows, verifies its audit chain with `siso audit verify`'s
// code to the same last hash, needs no migration, and serves the same
// answers.
func TestBackupRestoresSameDataAndAuditChain(t *testing.T) {
	ctx := context.Background()
	bin, major := pgTools(t)
	src, dst := backupDatabases(t, bin, major)

	// Use it: reads and a write, all in the audit trail.
	s := startServeOn(t, src, nil)
	desk := s.client(t, "sportello.perugia")
	in := intakeInput(t, desk)
	in["idempotencyKey"] = "backup-test-0001"
	if o := desk.post(registerAccess, map[string]any{"in": in}); !o.answered() || len(o.errors) > 0 {
		t.Fatalf("register an access: %+v", o)
	}
	const search = `{ citizens(filter: {search: "rossi"}, first: 20) { totalCount edges { node { id fiscalCode } } } }`
	before := desk.post(search, nil)
	if !before.answered() || len(before.errors) > 0 {
		t.Fatalf("search: %+v", before)
	}
	s.sigterm()
	if err := s.wait(); err != nil {
		t.Fatal(err)
	}

	// The backup and the restore, as the README says.
	dump := filepath.Join(t.TempDir(), "siso.dump")
	pgTool(t, bin, "pg_dump", "--format=custom", "--file="+dump, "--dbname="+src)
	pgTool(t, bin, "pg_restore", "--no-owner", "--exit-on-error", "--dbname="+dst, dump)

	a, b := openDB(t, src), openDB(t, dst)
	if ta, tb := tableCounts(t, a), tableCounts(t, b); fmt.Sprint(ta) != fmt.Sprint(tb) {
		t.Errorf("rows per table differ:\n  backed up %v\n  restored  %v", ta, tb)
	}
	const digest = `SELECT md5(string_agg(id || fiscal_code || last_name || first_name || birth_date, ',' ORDER BY id)) FROM citizen`
	if da, db := scanString(t, a, digest), scanString(t, b, digest); da != db {
		t.Errorf("citizens differ: %s, restored %s", da, db)
	}
	va, err := (&audit.Log{DB: a}).Verify(ctx)
	if err != nil {
		t.Fatal(err)
	}
	vb, err := (&audit.Log{DB: b}).Verify(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !vb.OK || vb.Checked != va.Checked || vb.LastHash != va.LastHash || va.Checked == 0 {
		t.Errorf("audit chain: backed up %+v, restored %+v", va, vb)
	}
	if pending, err := migrate.Pending(ctx, b); err != nil || len(pending) > 0 {
		t.Errorf("the restored database has migrations pending: %v %v", pending, err)
	}

	// It serves the same answers, and its audit chain goes on.
	r := startServeOn(t, dst, nil)
	after := r.client(t, "sportello.perugia").post(search, nil)
	if !after.answered() || string(after.data) != string(before.data) {
		t.Errorf("the restored database answers\n  %s\nnot\n  %s", after.data, before.data)
	}
	r.sigterm()
	if err := r.wait(); err != nil {
		t.Fatal(err)
	}
	if v, err := (&audit.Log{DB: b}).Verify(ctx); err != nil || !v.OK || v.Checked <= vb.Checked {
		t.Errorf("after use, the restored chain: %+v %v", v, err)
	}
}

// pgTools finds pg_dump and pg_restore, newest first: SISO_PG_BIN, Debian's
// /usr/lib/postgresql/N/bin, then PATH. Without them the test fails under
// `make test` (SISO_REQUIRE_PG_DUMP, which installs Debian's
// postgresql-client) and is skipped otherwise.
func pgTools(t *testing.T) (dir string, major int) {
	t.Helper()
	var dirs []string
	if d := os.Getenv("SISO_PG_BIN"); d != "" {
		dirs = append(dirs, d)
	}
	debian, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(debian, func(i, j int) bool { return pgMajorOfDir(debian[i]) > pgMajorOfDir(debian[j]) })
	dirs = append(dirs, debian...)
	if p, err := exec.LookPath("pg_dump"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		dirs = append(dirs, filepath.Dir(p))
	}
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "pg_restore")); err != nil {
			continue
		}
		out, err := exec.Command(filepath.Join(d, "pg_dump"), "--version").Output()
		if err != nil {
			continue
		}
		if m := regexp.MustCompile(`\) (\d+)`).FindSubmatch(out); m != nil {
			n, _ := strconv.Atoi(string(m[1]))
			return d, n
		}
	}
	msg := "pg_dump and pg_restore not found: install Debian's postgresql-client (make test does)"
	if os.Getenv("SISO_REQUIRE_PG_DUMP") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return "", 0
}

func pgMajorOfDir(d string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(d)))
	return n
}

// backupDatabases returns the URLs of a database with the demo data and of
// an empty one, on a server that pg_dump of major version can dump: the
// tests' server when it is not newer, else a private one run from the
// server binaries beside pg_dump (Debian's postgresql-N).
func backupDatabases(t *testing.T, bin string, major int) (src, dst string) {
	t.Helper()
	ctx := context.Background()
	src = testdb.NewURL(t, testenv.Demo)
	db := openDB(t, src)
	v, _ := strconv.Atoi(scanString(t, db, `SHOW server_version_num`))
	_ = db.Close()
	if v/10000 <= major {
		return src, testdb.NewURL(t, nil)
	}
	if _, err := os.Stat(filepath.Join(bin, "postgres")); err != nil {
		t.Fatalf("pg_dump %d cannot dump the tests' PostgreSQL %d, and no PostgreSQL server %d is installed beside it (Debian: apt-get install postgresql-%d)",
			major, v/10000, major, major)
	}
	t.Logf("the tests' PostgreSQL is %d, pg_dump %d: backing up on a private PostgreSQL %d", v/10000, major, major)
	t.Setenv("SISO_PG_BIN", bin)
	dir, err := os.MkdirTemp("", "siso-backup-")
	if err != nil {
		t.Fatal(err)
	}
	pg, err := pgembed.Start(ctx, pgembed.Config{DataDir: dir, Ephemeral: true})
	if err != nil {
		_ = os.RemoveAll(dir)
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = pg.Stop(context.Background())
		_ = os.RemoveAll(dir)
	})
	admin := openDB(t, pg.URL("postgres"))
	for _, name := range []string{"siso_src", "siso_dst"} {
		if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
			t.Fatal(err)
		}
	}
	srcDB := openDB(t, pg.URL("siso_src"))
	if err := testenv.Demo(ctx, srcDB); err != nil {
		t.Fatal(err)
	}
	return pg.URL("siso_src"), pg.URL("siso_dst")
}

func pgTool(t *testing.T, bin, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(filepath.Join(bin, name), args...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", name, err, out)
	}
}

func openDB(t *testing.T, dsn string) *bun.DB {
	t.Helper()
	db, err := database.Open(context.Background(), dsn, database.Options{MaxOpenConns: 2})
	if err != nil {
		u, _ := url.Parse(dsn)
		t.Fatalf("open %s: %v", u.Redacted(), err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

func scanString(t *testing.T, db *bun.DB, query string) string {
	t.Helper()
	var s string
	if err := db.NewRaw(query).Scan(context.Background(), &s); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return s
}

// tableCounts is the number of rows of every table of the schema.
func tableCounts(t *testing.T, db *bun.DB) map[string]int64 {
	t.Helper()
	ctx := context.Background()
	var tables []string
	if err := db.NewRaw(`SELECT table_name FROM information_schema.tables
		WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`).Scan(ctx, &tables); err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	for _, name := range tables {
		var n int64
		if err := db.NewRaw(`SELECT count(*) FROM ?`, bun.Ident(name)).Scan(ctx, &n); err != nil {
			t.Fatal(err)
		}
		out[name] = n
	}
	return out
}
