package inps_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/inps"
	"github.com/siso-project/siso/internal/testdb"
	"github.com/siso-project/siso/internal/testenv"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// The demo year: the demo data ends on testenv.DemoNow (20 November 2026).
var (
	yearFrom = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	yearTo   = time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)
)

var testKey = []byte("sinba-test-pseudonym-key-0123456789")

// demoDB is a fresh copy of the demo database.
func demoDB(t *testing.T) *bun.DB {
	t.Helper()
	return testdb.New(t, testenv.Demo)
}

// export runs an export of the demo year and returns its result and file.
func export(t *testing.T, db *bun.DB, opts inps.Options) (inps.Result, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if opts.From.IsZero() {
		opts.From, opts.To = yearFrom, yearTo
	}
	if opts.Now.IsZero() {
		opts.Now = testenv.DemoNow
	}
	if opts.Flow == inps.FlowSINBA && opts.PseudonymKey == nil {
		opts.PseudonymKey = testKey
	}
	if opts.Out == nil {
		opts.Out = &buf
	}
	res, err := inps.Export(context.Background(), db, opts)
	if err != nil {
		t.Fatalf("export %s: %v", opts.Flow, err)
	}
	return res, buf.Bytes()
}

// schemaDir finds the national schemas: SISO_INPS_SCHEMAS, or the shared
// reference folder next to the repository.
func schemaDir() (string, error) {
	dir := os.Getenv("SISO_INPS_SCHEMAS")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "reference", "inps")
	}
	for _, f := range []string{inps.SchemaFile(inps.FlowPSASINA), inps.SchemaFile(inps.FlowSINBA)} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			return "", errors.New("the INPS schemas are not in " + dir + " (set SISO_INPS_SCHEMAS to their folder)")
		}
	}
	return dir, nil
}

// validator says whether files can be validated: schemas and xmllint.
// Missing xmllint fails the test when SISO_REQUIRE_XMLLINT=1.
func validator(t *testing.T) (xsdDir string, problem string) {
	t.Helper()
	dir, err := schemaDir()
	if err != nil {
		return "", err.Error()
	}
	if _, err := exec.LookPath("xmllint"); err != nil {
		if os.Getenv("SISO_REQUIRE_XMLLINT") == "1" {
			t.Fatal("xmllint is missing and SISO_REQUIRE_XMLLINT=1: install libxml2-utils (Debian)")
		}
		return "", "xmllint is missing (install libxml2-utils, Debian): the files are not validated against the schemas"
	}
	return dir, ""
}

// mustValidate validates a file against its flow's schema, skipping the
// test when that cannot be done.
func mustValidate(t *testing.T, flow string, file []byte) {
	t.Helper()
	dir, problem := validator(t)
	if problem != "" {
		t.Skip(problem)
	}
	xmllint(t, dir, flow, file)
}

// validateIfPossible validates a file when schemas and xmllint are there,
// and says so in the log otherwise.
func validateIfPossible(t *testing.T, flow string, file []byte) {
	t.Helper()
	dir, problem := validator(t)
	if problem != "" {
		t.Log("not validated:", problem)
		return
	}
	xmllint(t, dir, flow, file)
}

func xmllint(t *testing.T, dir, flow string, file []byte) {
	t.Helper()
	if len(file) == 0 {
		t.Fatal("no file to validate")
	}
	path := filepath.Join(t.TempDir(), flow+".xml")
	if err := os.WriteFile(path, file, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("xmllint", "--noout", "--schema", filepath.Join(dir, inps.SchemaFile(flow)), path).CombinedOutput()
	if err != nil {
		if len(out) > 4000 {
			out = out[:4000]
		}
		t.Fatalf("%s does not validate against %s: %v\n%s", flow, inps.SchemaFile(flow), err, out)
	}
}

func count(t *testing.T, db bun.IDB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRowContext(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func mustExec(t *testing.T, db bun.IDB, query string, args ...any) {
	t.Helper()
	if _, err := db.ExecContext(context.Background(), query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}
