package inps_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/siso-project/siso/internal/inps"
)

// TestExportsValidate exports both flows of the demo year and validates
// them with xmllint against the national schemas. It skips when the
// schemas or xmllint are missing, and fails without xmllint when
// SISO_REQUIRE_XMLLINT=1.
func TestExportsValidate(t *testing.T) {
	db := demoDB(t)
	certify(t, db)
	for _, flow := range []string{inps.FlowPSASINA, inps.FlowSINBA} {
		t.Run(flow, func(t *testing.T) {
			res, file := export(t, db, inps.Options{Flow: flow, DryRun: true})
			if res.Inserted == 0 {
				t.Fatalf("%s: nothing exported", flow)
			}
			mustValidate(t, flow, file)
		})
		t.Run(flow+"/zone2", func(t *testing.T) {
			_, file := export(t, db, inps.Options{Flow: flow, ZoneID: 2, DryRun: true})
			mustValidate(t, flow, file)
		})
	}
}

func TestDryRunRecordsNothing(t *testing.T) {
	db := demoDB(t)
	ledger := func() int {
		return count(t, db, `SELECT (SELECT count(*) FROM inps_submission) + (SELECT count(*) FROM inps_submitted_record)`)
	}
	events := func() int { return count(t, db, `SELECT count(*) FROM audit_event`) }
	before := events()

	// Counts only: no file, no ledger, no audit.
	counted, err := inps.Export(context.Background(), db, inps.Options{Flow: inps.FlowPSASINA, From: yearFrom, To: yearTo,
		Now: time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC), DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if counted.Inserted == 0 || counted.SubmissionID != 0 || counted.Bytes == 0 || ledger() != 0 || events() != before {
		t.Fatalf("a dry run without a writer: %+v, ledger %d, audit +%d", counted, ledger(), events()-before)
	}

	// With a file: still no ledger; the file carries personal data, so its
	// EXPORT events are recorded (not tied to a submission).
	dry, file := export(t, db, inps.Options{Flow: inps.FlowPSASINA, DryRun: true})
	if dry.Inserted != counted.Inserted || len(file) == 0 || dry.SubmissionID != 0 || ledger() != 0 {
		t.Fatalf("a dry run: %+v, ledger %d", dry, ledger())
	}
	if got := count(t, db, `SELECT count(*) FROM audit_event WHERE action = 'EXPORT' AND object_type = 'inps_dry_run'`); got != events()-before || got == 0 {
		t.Fatalf("dry run audit events: %d of %d", got, events()-before)
	}

	// The real export sends what the dry runs announced.
	real, realFile := export(t, db, inps.Options{Flow: inps.FlowPSASINA})
	if real.Inserted != dry.Inserted || !bytes.Equal(realFile, file) || ledger() != 1+real.Inserted {
		t.Fatalf("export after the dry runs: %+v (same file: %v)", real, bytes.Equal(realFile, file))
	}
}

func TestExportOptions(t *testing.T) {
	db := demoDB(t)
	var buf bytes.Buffer
	base := inps.Options{Flow: inps.FlowPSASINA, From: yearFrom, To: yearTo, Out: &buf}
	for name, c := range map[string]struct {
		change func(*inps.Options)
		want   string
	}{
		"flow":        {func(o *inps.Options) { o.Flow = "PSA" }, "unknown flow"},
		"period":      {func(o *inps.Options) { o.From, o.To = yearTo, yearFrom }, "before it starts"},
		"no period":   {func(o *inps.Options) { o.From = time.Time{} }, "needs From and To"},
		"no writer":   {func(o *inps.Options) { o.Out = nil }, "Out is required"},
		"no key":      {func(o *inps.Options) { o.Flow = inps.FlowSINBA }, "PseudonymKey"},
		"short key":   {func(o *inps.Options) { o.Flow, o.PseudonymKey = inps.FlowSINBA, []byte("short") }, "PseudonymKey"},
		"operator":    {func(o *inps.Options) { o.CFOperatore = "NOT-A-CODE" }, "CFOperatore"},
		"no zone":     {func(o *inps.Options) { o.ZoneID = 99 }, "zone 99"},
		"bad zone id": {func(o *inps.Options) { o.ZoneID = -1 }, "zone -1"},
	} {
		t.Run(name, func(t *testing.T) {
			o := base
			c.change(&o)
			_, err := inps.Export(context.Background(), db, o)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want %q", err, c.want)
			}
		})
	}
	if buf.Len() != 0 || count(t, db, `SELECT count(*) FROM inps_submission`) != 0 {
		t.Fatal("a refused export wrote or recorded something")
	}
	// An operator's own codice fiscale replaces the entity's tax number.
	res, file := export(t, db, inps.Options{Flow: inps.FlowPSASINA, ZoneID: 6, DryRun: true, CFOperatore: "RSSMRA80A01G478U"})
	if res.Inserted == 0 || !bytes.Contains(file, []byte(`CFOperatore="RSSMRA80A01G478U"`)) {
		t.Fatal("CFOperatore is not the one given")
	}
}
