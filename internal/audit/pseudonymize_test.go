package audit_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/siso-project/siso/internal/apperr"
	"github.com/siso-project/siso/internal/audit"
	"github.com/siso-project/siso/internal/testdb"
	"github.com/siso-project/siso/internal/testenv"
)

// statistics are the aggregates that must survive pseudonymization.
var statistics = map[string]string{
	"age bands": `SELECT (2026 - extract(year FROM birth_date)::int) / 10 AS band, count(*) FROM citizen GROUP BY 1 ORDER BY 1`,
	"zones":     `SELECT residence_zone_id, count(*) FROM citizen GROUP BY 1 ORDER BY 1`,
	"municipalities and sex": `SELECT residence_municipality_id, sex, citizenship, count(*) FROM citizen
		GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
	"interventions": `SELECT zone_id, type_code, status, count(*), sum(amount_cents), sum(user_share_cents),
		sum(hours_per_month), min(start_date), max(end_date) FROM intervention GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
	"cases":      `SELECT zone_id, user_area_code, status, closure_reason, count(*) FROM care_case GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
	"accesses":   `SELECT zone_id, channel, outcome_code, date_trunc('month', occurred_at), count(*) FROM access GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
	"needs":      `SELECT need_code, count(*) FROM access_need GROUP BY 1 ORDER BY 1`,
	"assessment": `SELECT kind, sina_mobility, sina_income, count(*) FROM assessment GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
	"activities": `SELECT kind, sum(hours), sum(amount_cents), count(*) FROM activity GROUP BY 1 ORDER BY 1`,
	"relations":  `SELECT kind, count(*) FROM relation GROUP BY 1 ORDER BY 1`,
}

func (w *world) table(query string) string {
	w.t.Helper()
	rows, err := w.db.QueryContext(context.Background(), query)
	if err != nil {
		w.t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var b strings.Builder
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			w.t.Fatal(err)
		}
		fmt.Fprintln(&b, vals...)
	}
	return b.String()
}

func (w *world) ids(query string, args ...any) []int64 {
	w.t.Helper()
	var out []int64
	if err := w.db.NewRaw(query, args...).Scan(context.Background(), &out); err != nil {
		w.t.Fatalf("%s: %v", query, err)
	}
	slices.Sort(out)
	return out
}

// retainedSQL selects, independently of the package's query, the citizens
// past retention at ?0: a case, every case closed, no open intervention,
// and the latest date of their record before the cut-off.
const retainedSQL = `
WITH last AS (
  SELECT citizen_id, max(t) AS t FROM (
    SELECT citizen_id, occurred_at AS t FROM access WHERE citizen_id IS NOT NULL
    UNION ALL SELECT citizen_id, proposed_at FROM referral
    UNION ALL SELECT citizen_id, seen_at FROM referral
    UNION ALL SELECT citizen_id, answered_at FROM referral
    UNION ALL SELECT citizen_id, opened_at FROM care_case
    UNION ALL SELECT citizen_id, closed_at FROM care_case
    UNION ALL SELECT citizen_id, requested_at FROM intervention
    UNION ALL SELECT citizen_id, authorized_at FROM intervention
    UNION ALL SELECT citizen_id, closed_at FROM intervention
    UNION ALL SELECT citizen_id, occurred_at FROM activity) x
  GROUP BY citizen_id),
last_day AS (SELECT citizen_id, max(coalesce(end_date, start_date)) AS d FROM intervention GROUP BY citizen_id)
SELECT c.id FROM citizen c JOIN last l ON l.citizen_id = c.id LEFT JOIN last_day ld ON ld.citizen_id = c.id
WHERE l.t < ?0 AND (ld.d IS NULL OR ld.d < ?1::date)
  AND c.id IN (SELECT citizen_id FROM care_case)
  AND c.id NOT IN (SELECT citizen_id FROM care_case WHERE status <> 'CLOSED')
  AND c.id NOT IN (SELECT citizen_id FROM intervention WHERE status IN ('REQUESTED', 'AUTHORIZED', 'ACTIVE'))`

func TestPseudonymizeDemoData(t *testing.T) {
	t.Parallel()
	w := &world{t: t, db: testdb.New(t, testenv.Demo)}
	ctx := context.Background()
	key := []byte("a test key of more than 16 bytes")
	cut := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
	cutDate := cut.Format(time.DateOnly)

	// Four citizens who would qualify get one late trace each, of a kind
	// the demo data does not have after a case is closed.
	w.operator = int64(w.count("SELECT id FROM operator WHERE username = 'as.perugia'"))
	candidates := w.ids(retainedSQL, cut, cutDate)
	late := candidates[len(candidates)-4:]
	after := cut.Add(36 * time.Hour)
	w.exec(`INSERT INTO activity (citizen_id, case_id, occurred_at, operator_id, kind)
		SELECT ?, min(id), ?, ?, 'PHONE_CALL' FROM care_case WHERE citizen_id = ?`, late[0], after, w.operator, late[0])
	w.exec(`INSERT INTO access (citizen_id, occurred_at, office_id, zone_id, operator_id, channel, speaker_kind, outcome_code)
		SELECT ?, ?, o.id, o.zone_id, ?, 'PHONE', 'CITIZEN', 'INFORMATION' FROM office o ORDER BY o.id LIMIT 1`,
		late[1], after, w.operator)
	w.exec(`INSERT INTO referral (citizen_id, from_office_id, from_zone_id, to_organization_id, reason, status,
			proposed_at, proposed_by, answered_at, answered_by)
		SELECT ?, o.id, o.zone_id, o.organization_id, 'Invio', 'ACCEPTED', ?, ?, ?, ? FROM office o ORDER BY o.id LIMIT 1`,
		late[2], cut.AddDate(0, -2, 0), w.operator, after, w.operator)
	w.exec(`INSERT INTO intervention (citizen_id, zone_id, type_code, status, start_date, end_date, requested_at, requested_by, closed_at)
		SELECT ?, 2, (SELECT min(code) FROM intervention_type), 'CLOSED', ?::date, ?::date, ?, ?, ?`,
		late[3], cut.AddDate(0, -3, 0), after, cut.AddDate(0, -3, 0), w.operator, cut.AddDate(0, -1, 0))

	want := w.ids(retainedSQL, cut, cutDate)
	if len(want) != len(candidates)-4 || slices.ContainsFunc(late, func(id int64) bool { return slices.Contains(want, id) }) {
		t.Fatalf("the late traces do not keep their citizens: %v in %v", late, want)
	}
	closedBefore := w.ids(`SELECT c.id FROM citizen c WHERE c.id IN (SELECT citizen_id FROM care_case)
		AND c.id NOT IN (SELECT citizen_id FROM care_case WHERE status <> 'CLOSED' OR closed_at >= ?)`, cut)
	if len(want) < 20 || len(closedBefore) <= len(want) {
		t.Fatalf("the cut-off does not test anything: %d qualify, %d have every case closed before it", len(want), len(closedBefore))
	}
	// Some audit history before the run, pointing at citizens that will be pseudonymized.
	r := audit.NewRecorder(audit.Actor{OperatorID: w.operator, Label: "as.perugia", Kind: audit.KindSession}, "before")
	for _, id := range want[:10] {
		r.Read(id, 2, "IDENTITY")
		r.Write(audit.ActionUpdate, "Citizen", id, id, nil, map[string]any{"note": "x"})
	}
	if err := r.Flush(ctx, &audit.Log{DB: w.db}); err != nil {
		t.Fatal(err)
	}

	type person struct {
		ID                  int64
		FiscalCode          *string
		FirstName, LastName string
		BirthDate           *time.Time
	}
	var before []person
	if err := w.db.NewRaw(`SELECT id, fiscal_code, first_name, last_name, birth_date FROM citizen WHERE id IN (?) ORDER BY id`,
		bunList(want)).Scan(ctx, &before); err != nil {
		t.Fatal(err)
	}
	stats := map[string]string{}
	for name, q := range statistics {
		stats[name] = w.table(q)
	}

	if _, err := audit.Pseudonymize(ctx, w.db, cut, false); err == nil {
		t.Error("pseudonymized without a key")
	}
	dry, err := audit.Pseudonymize(ctx, w.db, cut, true)
	if err != nil {
		t.Fatal(err)
	}
	if dry.Citizens != len(want) || w.count("SELECT count(*) FROM citizen WHERE pseudonymized_at IS NOT NULL") != 0 {
		t.Fatalf("dry run: %+v, want %d citizens and no change", dry, len(want))
	}

	now := testenv.DemoNow
	t0 := time.Now()
	res, err := audit.Pseudonymize(ctx, w.db, cut, false, audit.WithKey(key), audit.WithBatchSize(50),
		audit.WithClock(func() time.Time { return now }), audit.WithRunID("retention-test"))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("pseudonymized %d citizens in %d batches in %s; rows: %v", res.Citizens, res.Batches,
		time.Since(t0).Round(time.Millisecond), res.Rows)
	if res.Citizens != len(want) || res.Skipped != 0 || res.Batches != (len(want)+49)/50 ||
		res.Rows["citizen"] != int64(len(want)) || res.Rows["activity"] == 0 || res.Rows["referral"] == 0 || res.Rows["care_case"] == 0 {
		t.Errorf("result %+v, want %d citizens", res, len(want))
	}
	if got := w.ids("SELECT id FROM citizen WHERE pseudonymized_at IS NOT NULL"); !slices.Equal(got, want) {
		t.Errorf("pseudonymized %d citizens, want %d: extra or missing %v",
			len(got), len(want), symmetricDifference(got, want))
	}

	// Identity and contacts are gone; the year of birth, the municipality and the zone stay.
	for _, p := range before {
		var first, last, tmp string
		var fiscal, address, postcode, phone, email, domicile *string
		var birth *time.Time
		err := w.db.QueryRowContext(ctx, `SELECT first_name, last_name, fiscal_code, temporary_id, birth_date, residence_address,
			residence_postcode, phone, email, domicile_address FROM citizen WHERE id = ?`, p.ID).
			Scan(&first, &last, &fiscal, &tmp, &birth, &address, &postcode, &phone, &email, &domicile)
		if err != nil {
			t.Fatal(err)
		}
		if first != audit.PseudonymName || last != audit.PseudonymName || fiscal != nil || address != nil || postcode != nil ||
			phone != nil || email != nil || domicile != nil || !strings.HasPrefix(tmp, "TMP-") || len(tmp) != 20 {
			t.Errorf("citizen %d: %s %s %v %s", p.ID, first, last, fiscal, tmp)
		}
		if p.FiscalCode != nil && tmp != audit.Pseudonym(key, p.FiscalCode, nil) {
			t.Errorf("citizen %d: pseudonym %s is not the keyed hash of the codice fiscale", p.ID, tmp)
		}
		if (p.BirthDate == nil) != (birth == nil) || (birth != nil && (birth.Year() != p.BirthDate.Year() || birth.YearDay() != 1)) {
			t.Errorf("citizen %d: birth date %v → %v", p.ID, p.BirthDate, birth)
		}
		if p.FiscalCode != nil && w.count("SELECT count(*) FROM citizen WHERE fiscal_code = ?", *p.FiscalCode) != 0 {
			t.Errorf("codice fiscale of citizen %d still stored", p.ID)
		}
		if w.count("SELECT count(*) FROM citizen WHERE first_name = ? AND last_name = ? AND id = ?", p.FirstName, p.LastName, p.ID) != 0 {
			t.Errorf("name of citizen %d still stored", p.ID)
		}
	}
	for _, q := range []string{
		"SELECT count(*) FROM access WHERE citizen_id IN (?) AND (notes IS NOT NULL OR speaker_name IS NOT NULL OR speaker_contact IS NOT NULL)",
		"SELECT count(*) FROM activity WHERE citizen_id IN (?) AND text IS NOT NULL",
		"SELECT count(*) FROM care_case WHERE citizen_id IN (?) AND (summary IS NOT NULL OR closure_notes IS NOT NULL)",
		"SELECT count(*) FROM assessment WHERE citizen_id IN (?) AND observations IS NOT NULL",
		"SELECT count(*) FROM plan WHERE citizen_id IN (?) AND summary IS NOT NULL",
		"SELECT count(*) FROM plan_goal WHERE citizen_id IN (?) AND (description <> '[pseudonimizzato]' OR indicator IS NOT NULL)",
		"SELECT count(*) FROM referral WHERE citizen_id IN (?) AND (reason <> '[pseudonimizzato]' OR rejection_reason <> '[pseudonimizzato]')",
		"SELECT count(*) FROM case_status_change WHERE citizen_id IN (?) AND reason IS NOT NULL",
		"SELECT count(*) FROM consent WHERE citizen_id IN (?) AND notes IS NOT NULL",
	} {
		if n := w.count(q, bunList(want)); n != 0 {
			t.Errorf("%d rows left: %s", n, q)
		}
	}
	// Only they were touched.
	if n := w.count("SELECT count(*) FROM activity WHERE text IS NULL AND citizen_id NOT IN (?) AND updated_at = ?", bunList(want), now); n != 0 {
		t.Errorf("%d activities of other citizens changed", n)
	}

	// Statistics are unchanged.
	for name, q := range statistics {
		if got := w.table(q); got != stats[name] {
			t.Errorf("statistics %q changed:\nbefore\n%s\nafter\n%s", name, stats[name], got)
		}
	}

	// One PSEUDONYMIZE event per citizen by the system, and the chain holds.
	if n := w.count(`SELECT count(DISTINCT citizen_id) FROM audit_event WHERE action = 'PSEUDONYMIZE' AND session_kind = 'SYSTEM'
		AND actor_label = 'retention' AND request_id = 'retention-test' AND before IS NULL AND after IS NULL`); n != len(want) {
		t.Errorf("%d PSEUDONYMIZE events, want %d", n, len(want))
	}
	if n := w.count("SELECT count(*) FROM audit_event WHERE request_id = 'before'"); n != 20 {
		t.Errorf("%d earlier audit rows, want 20", n)
	}
	if res := w.verify(); !res.OK || res.Checked != int64(20+len(want)) {
		t.Errorf("verify: %+v", res)
	}

	// The DPO still finds them by their former codice fiscale, with the key only.
	for _, p := range before[:5] {
		if p.FiscalCode == nil {
			continue
		}
		if id, err := audit.FindCitizen(ctx, w.db, strings.ToLower(*p.FiscalCode), key); err != nil || id != p.ID {
			t.Errorf("FindCitizen(%s) = %d, %v; want %d", *p.FiscalCode, id, err, p.ID)
		}
		if _, err := audit.FindCitizen(ctx, w.db, *p.FiscalCode, nil); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("found citizen %d by a former codice fiscale without the key: %v", p.ID, err)
		}
	}
	var someone string
	_ = w.db.QueryRowContext(ctx, "SELECT fiscal_code FROM citizen WHERE fiscal_code IS NOT NULL ORDER BY id LIMIT 1").Scan(&someone)
	if id, err := audit.FindCitizen(ctx, w.db, " "+someone+" ", key); err != nil || id == 0 {
		t.Errorf("FindCitizen(%s) = %d, %v", someone, id, err)
	}
	if _, err := audit.FindCitizen(ctx, w.db, "ZZZZZZ00Z00Z000Z", key); apperr.CodeOf(err) != apperr.NotFound {
		t.Errorf("unknown code: %v", err)
	}

	// A second run finds nothing more.
	again, err := audit.Pseudonymize(ctx, w.db, cut, false, audit.WithKey(key))
	if err != nil || again.Citizens != 0 || again.Batches != 0 {
		t.Errorf("second run: %+v, %v", again, err)
	}
	if dry, err := audit.Pseudonymize(ctx, w.db, cut, true); err != nil || dry.Citizens != 0 {
		t.Errorf("dry run after: %+v, %v", dry, err)
	}
}

func TestPseudonymizeSkipsATakenPseudonym(t *testing.T) {
	t.Parallel()
	w := &world{t: t, db: testdb.New(t, testenv.Demo)}
	ctx := context.Background()
	key := []byte("another key, long enough")
	cut := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
	want := w.ids(retainedSQL, cut, cut.Format(time.DateOnly))
	var fiscal string
	if err := w.db.QueryRowContext(ctx, "SELECT fiscal_code FROM citizen WHERE id = ?", want[0]).Scan(&fiscal); err != nil {
		t.Fatal(err)
	}
	// The same person was registered again later (without the codice fiscale) under the pseudonym.
	w.exec(`INSERT INTO citizen (temporary_id, first_name, last_name) VALUES (?, 'PSEUDONIMO', 'PSEUDONIMO')`,
		audit.Pseudonym(key, &fiscal, nil))
	res, err := audit.Pseudonymize(ctx, w.db, cut, false, audit.WithKey(key))
	if err != nil {
		t.Fatal(err)
	}
	if res.Skipped != 1 || res.Citizens != len(want)-1 || res.Batches != 1 {
		t.Errorf("%+v, want %d citizens and 1 skipped", res, len(want)-1)
	}
	if n := w.count("SELECT count(*) FROM citizen WHERE id = ? AND pseudonymized_at IS NULL AND fiscal_code IS NOT NULL", want[0]); n != 1 {
		t.Error("the citizen with a taken pseudonym was changed")
	}
}

func symmetricDifference(a, b []int64) []int64 {
	var out []int64
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	for _, x := range b {
		if !slices.Contains(a, x) {
			out = append(out, -x)
		}
	}
	return out
}
