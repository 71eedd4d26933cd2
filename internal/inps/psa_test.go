package inps_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"strings"
	"testing"

	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/audit"
	"github.com/siso-project/siso/internal/inps"
)

// certify records civil-invalidity certifications for some SINA
// assessments (SISO's assessment does not hold them), so that benefits of
// area 2 carry their SINA block: one certification for most, two with
// different sources for a few.
func certify(t *testing.T, db *bun.DB) {
	t.Helper()
	// The tests decide the certifications (the demo data has its own).
	mustExec(t, db, `DELETE FROM inps_sina_certification`)
	mustExec(t, db, `INSERT INTO inps_sina_certification (assessment_id, citizen_id, inv_civ, source)
		SELECT id, citizen_id, 2, 1 FROM assessment WHERE kind = 'SINA' AND id % 2 = 0`)
	mustExec(t, db, `INSERT INTO inps_sina_certification (assessment_id, citizen_id, inv_civ, source)
		SELECT id, citizen_id, 6, 2 FROM assessment WHERE kind = 'SINA' AND id % 10 = 0`)
}

// psaFile decodes a PSA_SINA file.
func psaFile(t *testing.T, file []byte) inps.PSAFlussoType {
	t.Helper()
	var f inps.PSAFlussoType
	if err := xml.Unmarshal(file, &f); err != nil {
		t.Fatalf("decode the PSA_SINA file: %v", err)
	}
	return f
}

// benefits returns the benefits of a file by ProtocolloDomanda and
// operation.
func benefits(f inps.PSAFlussoType) map[string]inps.PrestazioniSocialiType {
	out := map[string]inps.PrestazioniSocialiType{}
	for _, b := range f.Beneficiario {
		for _, p := range b.PrestazioniSociali {
			out[p.ProtocolloDomanda+"/"+p.TipoOperazione] = p
		}
	}
	return out
}

func TestPSASINAExportAndLedger(t *testing.T) {
	ctx := context.Background()
	db := demoDB(t)
	certify(t, db)
	auditBefore := count(t, db, `SELECT count(*) FROM audit_event`)

	// The first export sends every benefit of the year.
	res, file := export(t, db, inps.Options{Flow: inps.FlowPSASINA})
	validateIfPossible(t, inps.FlowPSASINA, file)
	want := count(t, db, `SELECT count(*) FROM intervention iv JOIN citizen c ON c.id = iv.citizen_id
		WHERE iv.status IN ('AUTHORIZED', 'ACTIVE', 'CLOSED') AND iv.start_date <= '2026-12-31'
		  AND (iv.end_date IS NULL OR iv.end_date >= '2026-01-01') AND c.fiscal_code IS NOT NULL`)
	withoutCF := count(t, db, `SELECT count(*) FROM intervention iv JOIN citizen c ON c.id = iv.citizen_id
		WHERE iv.status IN ('AUTHORIZED', 'ACTIVE', 'CLOSED') AND iv.start_date <= '2026-12-31'
		  AND (iv.end_date IS NULL OR iv.end_date >= '2026-01-01') AND c.fiscal_code IS NULL`)
	if res.Inserted != want || res.Cancelled != 0 || res.Unchanged != 0 || res.Empty {
		t.Fatalf("first export: inserted %d (want %d), cancelled %d, unchanged %d, empty %v",
			res.Inserted, want, res.Cancelled, res.Unchanged, res.Empty)
	}
	if withoutCF == 0 || len(res.Invalid) != withoutCF {
		t.Fatalf("invalid: %d, want the %d benefits of people without a codice fiscale", len(res.Invalid), withoutCF)
	}
	for _, s := range res.Invalid {
		if len(s.Reasons) != 1 || !strings.Contains(s.Reasons[0], "codice fiscale") {
			t.Fatalf("invalid %s: %v", s.Key, s.Reasons)
		}
	}
	t.Logf("PSA_SINA demo year:\n%s", res)
	if !strings.Contains(res.String(), fmt.Sprintf("%d inserted, 0 cancelled, 0 unchanged, %d invalid", res.Inserted, withoutCF)) {
		t.Fatalf("summary:\n%s", res)
	}

	f := psaFile(t, file)
	if f.IdentificazioneFlusso.Ente.Codice != inps.DefaultRegionCode || f.IdentificazioneFlusso.Ente.Indirizzo != "G478" ||
		f.IdentificazioneFlusso.Ente.CFOperatore == "" || f.IdentificazioneFlusso.Nome != res.FlowName {
		t.Fatalf("header: %+v", f.IdentificazioneFlusso)
	}
	var sina, n int
	for _, b := range f.Beneficiario {
		for _, p := range b.PrestazioniSociali {
			n++
			if p.TipoOperazione != inps.OpInsert {
				t.Fatalf("%s: TipoOperazione %q", p.ProtocolloDomanda, p.TipoOperazione)
			}
			if p.SINA != nil {
				sina++
				if p.AreaUtenza != "2" || len(p.SINA.InvaliditaCivile.InvCiv) == 0 ||
					len(p.SINA.NecessitaInterventiSociali.CodicePrestazione) == 0 {
					t.Fatalf("%s: SINA %+v in area %s", p.ProtocolloDomanda, p.SINA, p.AreaUtenza)
				}
			}
		}
	}
	if n != res.Inserted || sina == 0 {
		t.Fatalf("the file has %d benefits (want %d), %d with SINA", n, res.Inserted, sina)
	}

	// The ledger and the audit trail.
	sum := sha256.Sum256(file)
	if got := count(t, db, `SELECT count(*) FROM inps_submission WHERE id = ? AND flow = 'PSA_SINA' AND file_sha256 = ?
			AND file_bytes = ? AND record_count = ? AND inserted_count = ? AND zone_id IS NULL AND entity_code = '10'`,
		res.SubmissionID, hex.EncodeToString(sum[:]), len(file), res.Inserted, res.Inserted); got != 1 {
		t.Fatalf("the submission is not recorded as written")
	}
	if got := count(t, db, `SELECT count(*) FROM inps_submitted_record WHERE submission_id = ? AND operation = 'I'`,
		res.SubmissionID); got != res.Inserted {
		t.Fatalf("recorded %d records, want %d", got, res.Inserted)
	}
	citizens := map[int64]bool{}
	for _, r := range res.Records {
		citizens[r.CitizenID] = true
	}
	if got := count(t, db, `SELECT count(*) FROM audit_event WHERE action = 'EXPORT' AND session_kind = 'SYSTEM'
			AND object_type = 'inps_submission' AND object_id = ?`, res.SubmissionID); got != len(citizens)+1 {
		t.Fatalf("%d EXPORT events, want one per citizen (%d) and one for the file", got, len(citizens))
	}
	if got := count(t, db, `SELECT count(*) FROM audit_event`); got != auditBefore+len(citizens)+1 {
		t.Fatalf("audit events: %d more", got-auditBefore)
	}
	v, err := (&audit.Log{DB: db}).Verify(ctx)
	if err != nil || !v.OK {
		t.Fatalf("the audit chain does not verify: %v %+v", err, v)
	}

	// A second export of the same period sends nothing.
	again, file2 := export(t, db, inps.Options{Flow: inps.FlowPSASINA})
	if !again.Empty || again.Inserted != 0 || again.Cancelled != 0 || again.Unchanged != res.Inserted || len(file2) != 0 ||
		again.SubmissionID != 0 {
		t.Fatalf("second export: %+v (file %d bytes)", again, len(file2))
	}
	if got := count(t, db, `SELECT count(*) FROM inps_submission`); got != 1 {
		t.Fatalf("%d submissions after an export with nothing to send", got)
	}

	// A changed amount: the benefit is cancelled as sent and sent again.
	var ivID, oldAmount int64
	if err := db.QueryRowContext(ctx, `SELECT intervention_id, (SELECT amount_cents FROM intervention WHERE id = intervention_id)
			FROM inps_submitted_record WHERE submission_id = ? AND content NOT LIKE '%<SINA%' ORDER BY intervention_id LIMIT 1`,
		res.SubmissionID).Scan(&ivID, &oldAmount); err != nil {
		t.Fatal(err)
	}
	mustExec(t, db, `UPDATE intervention SET amount_cents = amount_cents + 12345, version = version + 1 WHERE id = ?`, ivID)
	changed, file3 := export(t, db, inps.Options{Flow: inps.FlowPSASINA})
	validateIfPossible(t, inps.FlowPSASINA, file3)
	key := fmt.Sprintf("intervention:%d", ivID)
	if changed.Inserted != 1 || changed.Cancelled != 1 || changed.Unchanged != res.Inserted-1 || len(changed.Records) != 2 ||
		changed.Records[0].Key != key || changed.Records[0].Operation != inps.OpCancel ||
		changed.Records[1].Key != key || changed.Records[1].Operation != inps.OpInsert || changed.Records[0].Reason != "changed" {
		t.Fatalf("after changing the amount of %s: %+v", key, changed)
	}
	got := benefits(psaFile(t, file3))
	proto := fmt.Sprintf("SISO-%d", ivID)
	c, i := got[proto+"/C"], got[proto+"/I"]
	if len(got) != 2 || c.ImportoPrestazione != fmt.Sprintf("%d.%02d", oldAmount/100, oldAmount%100) ||
		i.ImportoPrestazione != fmt.Sprintf("%d.%02d", (oldAmount+12345)/100, (oldAmount+12345)%100) {
		t.Fatalf("the C + I pair: %+v", got)
	}
	if !bytes.Contains(file3, []byte(`TipoOperazione="C"`)) {
		t.Fatal("no cancellation in the file")
	}

	// A refused and a deleted intervention are cancelled.
	var refused, deleted int64
	if err := db.QueryRowContext(ctx, `SELECT min(intervention_id), max(intervention_id) FROM inps_submitted_record
			WHERE submission_id = ? AND intervention_id <> ?`, res.SubmissionID, ivID).Scan(&refused, &deleted); err != nil {
		t.Fatal(err)
	}
	mustExec(t, db, `UPDATE intervention SET status = 'REFUSED', closure_reason = 'Revoca', version = version + 1 WHERE id = ?`, refused)
	mustExec(t, db, `DELETE FROM activity WHERE intervention_id = ?`, deleted)
	mustExec(t, db, `DELETE FROM intervention WHERE id = ?`, deleted)
	gone, file4 := export(t, db, inps.Options{Flow: inps.FlowPSASINA})
	validateIfPossible(t, inps.FlowPSASINA, file4)
	reasons := map[string]string{}
	for _, r := range gone.Records {
		if r.Operation != inps.OpCancel || !r.InFile {
			t.Fatalf("unexpected %+v", r)
		}
		reasons[r.Key] = r.Reason
	}
	if gone.Cancelled != 2 || gone.Inserted != 0 || reasons[fmt.Sprintf("intervention:%d", refused)] != "refused" ||
		reasons[fmt.Sprintf("intervention:%d", deleted)] != "deleted" {
		t.Fatalf("after refusing %d and deleting %d: %+v", refused, deleted, gone)
	}
	g := benefits(psaFile(t, file4))
	if _, ok := g[fmt.Sprintf("SISO-%d/C", deleted)]; !ok || len(g) != 2 {
		t.Fatalf("the cancellations in the file: %v", g)
	}
	// The deleted source keeps its key in the ledger, its link is cleared.
	if got := count(t, db, `SELECT count(*) FROM inps_submitted_record WHERE record_key = ? AND intervention_id IS NULL`,
		fmt.Sprintf("intervention:%d", deleted)); got != 2 {
		t.Fatalf("ledger rows of the deleted intervention: %d", got)
	}

	// Nothing left to send.
	last, _ := export(t, db, inps.Options{Flow: inps.FlowPSASINA})
	if !last.Empty || last.Unchanged != res.Inserted-2 {
		t.Fatalf("last export: %+v", last)
	}
}

func TestPSASINAZones(t *testing.T) {
	ctx := context.Background()
	db := demoDB(t)
	inZone := func(zone int) int {
		return count(t, db, `SELECT count(*) FROM intervention iv JOIN citizen c ON c.id = iv.citizen_id
			WHERE iv.status IN ('AUTHORIZED', 'ACTIVE', 'CLOSED') AND iv.start_date <= '2026-12-31'
			  AND (iv.end_date IS NULL OR iv.end_date >= '2026-01-01') AND c.fiscal_code IS NOT NULL
			  AND (? = 0 OR iv.zone_id = ?)`, zone, zone)
	}

	z2, file := export(t, db, inps.Options{Flow: inps.FlowPSASINA, ZoneID: 2})
	validateIfPossible(t, inps.FlowPSASINA, file)
	if z2.Inserted != inZone(2) || z2.Inserted == 0 {
		t.Fatalf("zone 2: %d inserted, want %d", z2.Inserted, inZone(2))
	}
	for _, r := range z2.Records {
		if r.ZoneID != 2 {
			t.Fatalf("zone 2 export has %+v", r)
		}
	}
	var istat, cadastral, tax string
	if err := db.QueryRowContext(ctx, `SELECT m.istat_code, m.cadastral_code, o.tax_code FROM zone z
			JOIN municipality m ON m.id = z.lead_municipality_id
			JOIN organization o ON o.municipality_id = m.id AND o.kind = 'MUNICIPALITY' WHERE z.id = 2`).Scan(&istat, &cadastral, &tax); err != nil {
		t.Fatal(err)
	}
	ente := psaFile(t, file).IdentificazioneFlusso.Ente
	if z2.EntityCode != istat || ente.Codice != istat || ente.Indirizzo != cadastral || ente.CFOperatore != tax ||
		!strings.Contains(ente.Denominazione, "Zona sociale 2") {
		t.Fatalf("zone 2 sender: %+v (want %s, %s, %s)", ente, istat, cadastral, tax)
	}

	z10, _ := export(t, db, inps.Options{Flow: inps.FlowPSASINA, ZoneID: 10})
	if z10.Inserted != inZone(10) || z10.Unchanged != 0 {
		t.Fatalf("zone 10: %+v, want %d inserted", z10, inZone(10))
	}
	for _, r := range z10.Records {
		if r.ZoneID != 10 {
			t.Fatalf("zone 10 export has %+v", r)
		}
	}

	// A refusal in zone 2 is cancelled by zone 2's export, not by zone 10's.
	var refused int64
	if err := db.QueryRowContext(ctx, `SELECT min(intervention_id) FROM inps_submitted_record WHERE submission_id = ?`,
		z2.SubmissionID).Scan(&refused); err != nil {
		t.Fatal(err)
	}
	mustExec(t, db, `UPDATE intervention SET status = 'REFUSED', version = version + 1 WHERE id = ?`, refused)
	if r, _ := export(t, db, inps.Options{Flow: inps.FlowPSASINA, ZoneID: 10}); !r.Empty || r.Cancelled != 0 {
		t.Fatalf("zone 10 after a refusal in zone 2: %+v", r)
	}
	r2, _ := export(t, db, inps.Options{Flow: inps.FlowPSASINA, ZoneID: 2})
	if r2.Cancelled != 1 || r2.Records[0].Key != fmt.Sprintf("intervention:%d", refused) {
		t.Fatalf("zone 2 after its refusal: %+v", r2)
	}

	// Every zone: what zones 2 and 10 sent is not sent again.
	all, _ := export(t, db, inps.Options{Flow: inps.FlowPSASINA})
	if all.Unchanged != z2.Inserted-1+z10.Inserted || all.Inserted != inZone(0)-all.Unchanged || all.Cancelled != 0 {
		t.Fatalf("every zone: %d inserted, %d unchanged, %d cancelled (zone 2 %d, zone 10 %d, all %d)",
			all.Inserted, all.Unchanged, all.Cancelled, z2.Inserted, z10.Inserted, inZone(0))
	}
	for _, r := range all.Records {
		if r.ZoneID == 2 || r.ZoneID == 10 {
			t.Fatalf("every-zone export resent %+v", r)
		}
	}
}
