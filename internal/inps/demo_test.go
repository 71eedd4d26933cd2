package inps_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/siso-project/siso/internal/inps"
	"github.com/siso-project/siso/internal/testdb"
	"github.com/siso-project/siso/internal/testenv"
)

// The Done-when of the workflows issue: the INPS export of the demo data,
// as loaded (no fixtures added), validates against both national schemas,
// and the benefits flow carries SINA blocks.
func TestDemoExportValidatesAgainstBothSchemas(t *testing.T) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("SISO_REQUIRE_XMLLINT") != "" {
			t.Fatal("xmllint is required (Debian: libxml2-utils)")
		}
		t.Skip("xmllint not installed")
	}
	dir, err := schemaDir()
	if err != nil {
		t.Skip(err)
	}
	db := testdb.New(t, testenv.Demo)
	for _, flow := range []string{inps.FlowPSASINA, inps.FlowSINBA} {
		xsd := filepath.Join(dir, inps.SchemaFile(flow))
		var buf bytes.Buffer
		res, err := inps.Export(context.Background(), db, inps.Options{Flow: flow, From: time.Date(2025, 11, 20, 0, 0, 0, 0, time.UTC),
			To: testenv.DemoNow, Now: testenv.DemoNow, Out: &buf, PseudonymKey: []byte("0123456789abcdef-test")})
		if err != nil {
			t.Fatalf("%s: %v", flow, err)
		}
		if res.Inserted == 0 {
			t.Fatalf("%s: nothing exported", flow)
		}
		file := filepath.Join(t.TempDir(), flow+".xml")
		if err := os.WriteFile(file, buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(xmllint, "--noout", "--schema", xsd, file).CombinedOutput(); err != nil {
			t.Errorf("%s does not validate: %v\n%s", flow, err, out)
		}
		if flow == inps.FlowPSASINA && !strings.Contains(buf.String(), "<SINA") {
			t.Error("no SINA block in the benefits flow of the demo data")
		}
		t.Logf("%s: %d records, %d bytes", flow, res.Inserted, buf.Len())
	}
}
