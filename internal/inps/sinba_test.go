package inps_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/siso-project/siso/internal/inps"
	"github.com/siso-project/siso/internal/testenv"
)

func sinbaFile(t *testing.T, file []byte) inps.SINBAFlussoType {
	t.Helper()
	var f inps.SINBAFlussoType
	if err := xml.Unmarshal(file, &f); err != nil {
		t.Fatalf("decode the SINBA file: %v", err)
	}
	return f
}

func sinbaIDs(f inps.SINBAFlussoType) []string {
	var ids []string
	for _, s := range f.SINBA {
		ids = append(ids, s.IDBeneficiario)
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

func TestSINBAExport(t *testing.T) {
	ctx := context.Background()
	db := demoDB(t)

	// A dry run, then the real export: the same file (same key, same
	// clock), so the pseudonyms are stable from one run to the next.
	dry, dryFile := export(t, db, inps.Options{Flow: inps.FlowSINBA, DryRun: true})
	res, file := export(t, db, inps.Options{Flow: inps.FlowSINBA})
	validateIfPossible(t, inps.FlowSINBA, file)
	if !bytes.Equal(dryFile, file) || dry.Inserted != res.Inserted {
		t.Fatal("the dry run and the export of the same data differ")
	}
	if res.Inserted == 0 || res.Cancelled != 0 {
		t.Fatalf("SINBA: %+v", res)
	}
	t.Logf("SINBA demo year: %d inserted, %d invalid, %d bytes", res.Inserted, len(res.Invalid), res.Bytes)
	for _, s := range res.Invalid {
		t.Logf("  invalid %s: %v", s.Key, s.Reasons)
	}
	f := sinbaFile(t, file)
	if len(f.SINBA) != res.Inserted {
		t.Fatalf("%d SINBA records in the file, %d inserted", len(f.SINBA), res.Inserted)
	}

	// Pseudonymous: the ids are the keyed hashes of the codici fiscali (or
	// temporary ids) of the minors, and nothing identifying is in the file.
	var want []string
	for _, r := range res.Records {
		var fiscal, tmp, first, last *string
		var birth time.Time
		if err := db.QueryRowContext(ctx, `SELECT fiscal_code, temporary_id, first_name, last_name, birth_date FROM citizen WHERE id = ?`,
			r.CitizenID).Scan(&fiscal, &tmp, &first, &last, &birth); err != nil {
			t.Fatal(err)
		}
		id := inps.Pseudonym(testKey, deref(fiscal), deref(tmp))
		want = append(want, id)
		for _, secret := range []string{deref(fiscal), deref(tmp), *first, *last, birth.Format(time.DateOnly), birth.Format("02/01/2006")} {
			if secret != "" && bytes.Contains(file, []byte(secret)) {
				t.Fatalf("the SINBA file contains %q of citizen %d", secret, r.CitizenID)
			}
		}
	}
	slices.Sort(want)
	if !slices.Equal(slices.Compact(want), sinbaIDs(f)) {
		t.Fatal("the IDBeneficiario are not the pseudonyms of the minors")
	}
	for _, s := range f.SINBA {
		if len(s.IDBeneficiario) != 20 {
			t.Fatalf("IDBeneficiario %q", s.IDBeneficiario)
		}
	}
	// Another key, other pseudonyms.
	_, other := export(t, db, inps.Options{Flow: inps.FlowSINBA, DryRun: true, PseudonymKey: []byte("another-key-of-sixteen-bytes")})
	for _, id := range sinbaIDs(sinbaFile(t, other)) {
		if _, found := slices.BinarySearch(want, id); found {
			t.Fatalf("pseudonym %s is the same under another key", id)
		}
	}

	// Nothing new to send the second time.
	again, file2 := export(t, db, inps.Options{Flow: inps.FlowSINBA})
	if !again.Empty || again.Inserted != 0 || again.Unchanged != res.Inserted || len(file2) != 0 {
		t.Fatalf("second SINBA export: %+v", again)
	}

	// A removed case is cancelled in the ledger; the schema has no
	// TipoOperazione, so it is listed for the INPS portal and no file is
	// written.
	var caseID int64
	if err := db.QueryRowContext(ctx, `SELECT r.case_id FROM inps_submitted_record r
			WHERE r.submission_id = ? AND NOT EXISTS (SELECT 1 FROM intervention iv WHERE iv.case_id = r.case_id)
			  AND NOT EXISTS (SELECT 1 FROM activity a WHERE a.case_id = r.case_id)
			  AND NOT EXISTS (SELECT 1 FROM referral f WHERE f.case_id = r.case_id)
			ORDER BY r.case_id LIMIT 1`, res.SubmissionID).Scan(&caseID); err != nil {
		t.Fatal(err)
	}
	mustExec(t, db, `DELETE FROM care_case WHERE id = ?`, caseID)
	gone, file3 := export(t, db, inps.Options{Flow: inps.FlowSINBA})
	key := fmt.Sprintf("case:%d", caseID)
	if gone.Cancelled != 1 || gone.Inserted != 0 || len(gone.ManualCancellations) != 1 ||
		gone.ManualCancellations[0].Key != key || gone.ManualCancellations[0].InFile || !gone.Empty || len(file3) != 0 ||
		gone.SubmissionID == 0 {
		t.Fatalf("after removing %s: %+v", key, gone)
	}
	if !strings.Contains(gone.String(), "to cancel on the INPS portal: IDBeneficiario "+gone.ManualCancellations[0].INPSRef) ||
		len(gone.ManualCancellations[0].INPSRef) != 20 {
		t.Fatalf("the summary does not name the record to cancel:\n%s", gone)
	}
	if got := count(t, db, `SELECT count(*) FROM inps_submission WHERE id = ? AND file_sha256 IS NULL AND record_count = 0
			AND cancelled_count = 1`, gone.SubmissionID); got != 1 {
		t.Fatal("the cancellation-only submission is not recorded")
	}
	if last, _ := export(t, db, inps.Options{Flow: inps.FlowSINBA}); !last.Empty || last.Cancelled != 0 {
		t.Fatalf("the removed case is cancelled again: %+v", last)
	}

	// A changed record is sent again (SINBA has no cancellation in the file).
	var changedCase int64
	if err := db.QueryRowContext(ctx, `SELECT min(r.case_id) FROM inps_submitted_record r JOIN care_case k ON k.id = r.case_id
			WHERE r.submission_id = ? AND k.status = 'OPEN'`, res.SubmissionID).Scan(&changedCase); err != nil {
		t.Fatal(err)
	}
	mustExec(t, db, `UPDATE care_case SET status = 'CLOSED', closed_at = ?, closure_reason = 'GOALS_REACHED',
		version = version + 1 WHERE id = ?`, testenv.DemoNow.Add(-time.Hour), changedCase)
	upd, file4 := export(t, db, inps.Options{Flow: inps.FlowSINBA})
	validateIfPossible(t, inps.FlowSINBA, file4)
	if upd.Inserted != 1 || upd.Cancelled != 1 || len(upd.ManualCancellations) != 1 ||
		upd.Records[1].Key != fmt.Sprintf("case:%d", changedCase) || upd.Records[1].Reason != "changed" ||
		len(sinbaFile(t, file4).SINBA) != 1 || sinbaFile(t, file4).SINBA[0].MotivazioneChiusuraCarico != "4" {
		t.Fatalf("after a change: %+v", upd)
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
