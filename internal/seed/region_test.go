package seed

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/codicefiscale"
	"github.com/siso-project/siso/internal/testdb"
)

// regionNow ends the synthetic years of the tests.
var regionNow = time.Date(2026, time.November, 20, 11, 0, 0, 0, demoLocation(time.UTC))

// TestRegion loads a small region twice: in one go with the triggers and
// foreign-key checks bypassed (and the indexes rebuilt), and in two runs
// with them on (and the indexes kept). Both must hold the same data, valid
// in every way the schema and the application check.
func TestRegion(t *testing.T) {
	if testing.Short() {
		t.Skip("loads a synthetic region into real PostgreSQL databases")
	}
	// 2,500 synthetic citizens besides the demo's 8,000, in one run
	// (indexes rebuilt) and in two (the second completes a block the
	// first left partial; indexes kept).
	const total, partial = 10500, 9300
	rebuildIndexesFrom = 2000
	defer func() { rebuildIndexesFrom = 5000 }()
	ctx := context.Background()
	type loaded struct {
		db   *bun.DB
		sums []RegionSummary
	}
	var fast, slow loaded
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	wg.Add(2)
	go func() {
		defer wg.Done()
		fast.db = testdb.New(t, migrated)
		s, err := Region(ctx, fast.db, RegionOptions{Citizens: total, Seed: 7, Now: regionNow, HashPassword: testHash})
		if err != nil {
			errs <- fmt.Errorf("fast load: %w", err)
			return
		}
		fast.sums = append(fast.sums, s)
	}()
	go func() {
		defer wg.Done()
		slow.db = testdb.New(t, migrated)
		for _, n := range []int64{partial, total} {
			s, err := Region(ctx, slow.db, RegionOptions{Citizens: n, Seed: 7, Now: regionNow, HashPassword: testHash, KeepTriggers: true})
			if err != nil {
				errs <- fmt.Errorf("load with triggers to %d: %w", n, err)
				return
			}
			slow.sums = append(slow.sums, s)
		}
	}()
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	t.Log(fast.sums[0])
	if !fast.sums[0].Fast || slow.sums[0].Fast {
		t.Fatalf("modes: fast load Fast=%v, load with triggers Fast=%v", fast.sums[0].Fast, slow.sums[0].Fast)
	}
	db := fast.db
	count := func(t *testing.T, db *bun.DB, q string, args ...any) int64 {
		t.Helper()
		var n int64
		if err := db.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return n
	}

	t.Run("ratios", func(t *testing.T) {
		s := fast.sums[0]
		added := float64(s.After - s.Before)
		if s.After != total || count(t, db, `SELECT count(*) FROM citizen`) != total {
			t.Fatalf("%d citizens, want %d", s.After, total)
		}
		// DESIGN.md section 8: per citizen 3 accesses, 0.5 cases, 2
		// interventions, 5 activities.
		for _, r := range []struct {
			table  string
			lo, hi float64
		}{
			{"access", 2.9, 3.1}, {"care_case", 0.48, 0.52}, {"intervention", 1.7, 2.3}, {"activity", 4.3, 5.7},
			{"access_need", 3.5, 4.6}, {"case_member", 0.55, 1.2}, {"case_status_change", 0.6, 1.2},
			{"assessment", 0.3, 0.7}, {"plan", 0.25, 0.45}, {"plan_goal", 0.5, 1.2}, {"referral", 0.03, 0.15},
			{"relation", 0.8, 2.5}, {"consent", 0.4, 1.0}, {"citizen_zone", 1, 1.1},
		} {
			got := float64(s.Count(r.table)) / added
			if got < r.lo || got > r.hi {
				t.Errorf("%s: %.2f rows per citizen, want %.2f..%.2f", r.table, got, r.lo, r.hi)
			}
			if r.table != "citizen_zone" {
				if n := count(t, db, `SELECT count(*) FROM `+r.table) - count(t, slow.db, `SELECT count(*) FROM `+r.table); n != 0 {
					t.Errorf("%s: the loads differ by %d rows", r.table, n)
				}
			}
		}
		// Municipalities weighted by population: zone 2 (Perugino) has the most.
		if z := count(t, db, `SELECT residence_zone_id FROM citizen GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`); z != 2 {
			t.Errorf("the zone with most citizens is %d", z)
		}
		if n := count(t, db, `SELECT count(DISTINCT residence_municipality_id) FROM citizen`); n < 88 {
			t.Errorf("citizens live in %d municipalities", n)
		}
		// Ages: minors, adults and elderly people.
		for _, r := range []struct {
			cond   string
			lo, hi float64
		}{{"birth_date > now() - interval '18 years'", 0.08, 0.35}, {"birth_date < now() - interval '65 years'", 0.2, 0.5}} {
			got := float64(count(t, db, `SELECT count(*) FROM citizen WHERE `+r.cond)) / total
			if got < r.lo || got > r.hi {
				t.Errorf("%s: %.2f of the citizens", r.cond, got)
			}
		}
		// Dates over the last few years, none in the future.
		if n := count(t, db, `SELECT count(*) FROM access WHERE occurred_at > ? OR occurred_at < ?`, regionNow,
			regionNow.AddDate(-regionYears, 0, -1)); n != 0 {
			t.Errorf("%d accesses outside the synthetic years", n)
		}
		if n := count(t, db, `SELECT count(*) FROM activity WHERE occurred_at > ?`, regionNow); n != 0 {
			t.Errorf("%d activities in the future", n)
		}
		// Caseloads of the synthetic social workers.
		var lo, hi int64
		if err := db.QueryRowContext(ctx, `SELECT min(n), max(n) FROM (SELECT count(*) AS n FROM care_case c
			JOIN operator o ON o.id = c.responsible_operator_id WHERE o.username ~ ? GROUP BY o.id) s`,
			syntheticUsernamePattern).Scan(&lo, &hi); err != nil {
			t.Fatal(err)
		}
		if lo < 1 || hi > 400 {
			t.Errorf("synthetic caseloads from %d to %d", lo, hi)
		}
	})

	t.Run("fiscal codes", func(t *testing.T) {
		rows, err := db.QueryContext(ctx, `SELECT fiscal_code, first_name, last_name, birth_date, sex, birth_place_code
			FROM citizen WHERE fiscal_code IS NOT NULL`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		n, omocodic, bad := 0, 0, 0
		for rows.Next() {
			var fc, first, last, sex, place string
			var birth time.Time
			if err := rows.Scan(&fc, &first, &last, &birth, &sex, &place); err != nil {
				t.Fatal(err)
			}
			n++
			info, err := codicefiscale.ParseAt(fc, regionNow)
			want, cerr := codicefiscale.Compute(last, first, birth, sex, place)
			switch {
			case err != nil:
				t.Errorf("%s: %v", fc, err)
			case cerr != nil:
				t.Errorf("%s %s: %v", first, last, cerr)
			case !info.BirthDate.Equal(time.Date(birth.Year(), birth.Month(), birth.Day(), 0, 0, 0, 0, time.UTC)) ||
				info.Sex != sex || info.BirthPlaceCode != place:
				t.Errorf("%s decodes as %s %s %s, row says %s %s %s", fc, info.BirthDate.Format(time.DateOnly), info.Sex,
					info.BirthPlaceCode, birth.Format(time.DateOnly), sex, place)
			case fc != want && !(info.Omocodic && fc[:6] == want[:6] && fc[8] == want[8] && fc[11] == want[11]):
				t.Errorf("%s %s: stored %s, computed %s", first, last, fc, want)
			default:
				if info.Omocodic {
					omocodic++
				}
				continue
			}
			if bad++; bad > 10 {
				t.Fatal("too many errors")
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		if n < total-100 {
			t.Errorf("%d codici fiscali", n)
		}
		t.Logf("%d codici fiscali, %d omocodic", n, omocodic)
		if tmp := count(t, db, `SELECT count(*) FROM citizen WHERE temporary_id IS NOT NULL`); tmp == 0 || tmp > 60 {
			t.Errorf("%d temporary identifiers", tmp)
		}
	})

	t.Run("derived data", func(t *testing.T) {
		// residence_zone_id and citizen_zone as the triggers make them.
		if n := count(t, db, `SELECT count(*) FROM citizen c JOIN municipality m ON m.id = c.residence_municipality_id
			WHERE c.residence_zone_id IS DISTINCT FROM m.zone_id`); n != 0 {
			t.Errorf("%d citizens with a wrong residence_zone_id", n)
		}
		const expected = `SELECT citizen_id, zone_id, bool_or(r) AS via_residence, bool_or(c) AS via_contact FROM (
				SELECT id AS citizen_id, residence_zone_id AS zone_id, true AS r, false AS c FROM citizen WHERE residence_zone_id IS NOT NULL
				UNION ALL SELECT citizen_id, zone_id, false, true FROM access WHERE citizen_id IS NOT NULL
				UNION ALL SELECT citizen_id, zone_id, false, true FROM care_case) s GROUP BY 1, 2`
		for _, d := range []*bun.DB{fast.db, slow.db} {
			if n := count(t, d, `SELECT count(*) FROM ((`+expected+` EXCEPT SELECT citizen_id, zone_id, via_residence, via_contact FROM citizen_zone)
				UNION ALL (SELECT citizen_id, zone_id, via_residence, via_contact FROM citizen_zone EXCEPT `+expected+`)) x`); n != 0 {
				t.Errorf("citizen_zone differs from what the triggers make in %d rows", n)
			}
		}
		// The search tables of migration 0013, as its triggers make them
		// (searchTables in the fast load).
		for _, d := range []*bun.DB{fast.db, slow.db} {
			for _, q := range []struct{ name, want, got string }{
				{"citizen_search", `SELECT z.citizen_id, z.zone_id, c.search_name FROM citizen_zone z JOIN citizen c ON c.id = z.citizen_id`,
					`SELECT citizen_id, zone_id, search_name FROM citizen_search`},
				{"referral_search", `SELECT r.id, r.citizen_id, r.to_office_id, r.status, c.search_name FROM referral r JOIN citizen c ON c.id = r.citizen_id`,
					`SELECT referral_id, citizen_id, to_office_id, status, search_name FROM referral_search`},
			} {
				if n := count(t, d, `SELECT count(*) FROM ((`+q.want+` EXCEPT ALL `+q.got+`) UNION ALL (`+q.got+` EXCEPT ALL `+q.want+`)) x`); n != 0 {
					t.Errorf("%s differs from what the triggers make in %d rows", q.name, n)
				}
			}
		}
		// The indexes built again after the fast load are whole: a
		// partitioned table's is on every partition.
		if n := count(t, fast.db, `SELECT count(*) FROM pg_index WHERE NOT indisvalid OR NOT indisready`); n != 0 {
			t.Errorf("%d indexes are not valid after the load", n)
		}
		if n := count(t, fast.db, `SELECT count(*) FROM pg_inherits h JOIN pg_class p ON p.oid = h.inhparent
			WHERE p.relname = 'citizen_search' AND NOT EXISTS (SELECT 1 FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid
			JOIN pg_am a ON a.oid = x.relam WHERE i.indrelid = h.inhrelid AND a.amname = 'gin')`); n != 0 {
			t.Errorf("%d partitions of citizen_search without their trigram index after the load", n)
		}
		// Civil-invalidity certifications, as the demo makes them.
		if n := count(t, db, `SELECT count(*) FROM assessment a WHERE kind = 'SINA' AND id % 3 <> 0
			AND NOT EXISTS (SELECT 1 FROM inps_sina_certification c WHERE c.assessment_id = a.id)`); n != 0 {
			t.Errorf("%d SINA assessments without their certification", n)
		}
	})

	t.Run("foreign keys", func(t *testing.T) {
		// The fast load bypassed the foreign-key checks: every reference
		// must still resolve.
		rows, err := db.QueryContext(ctx, `SELECT conrelid::regclass::text, confrelid::regclass::text,
			(SELECT string_agg(quote_ident(attname), ',' ORDER BY k.i) FROM unnest(conkey) WITH ORDINALITY k(n, i)
			  JOIN pg_attribute a ON a.attrelid = conrelid AND a.attnum = k.n),
			(SELECT string_agg(quote_ident(attname), ',' ORDER BY k.i) FROM unnest(confkey) WITH ORDINALITY k(n, i)
			  JOIN pg_attribute a ON a.attrelid = confrelid AND a.attnum = k.n)
			FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text IN (?)`, bun.In(regionTables))
		if err != nil {
			t.Fatal(err)
		}
		var checks []string
		for rows.Next() {
			var tab, ref, cols, refCols string
			if err := rows.Scan(&tab, &ref, &cols, &refCols); err != nil {
				t.Fatal(err)
			}
			checks = append(checks, fmt.Sprintf(`SELECT count(*) FROM %s t WHERE (%s) IS NOT NULL AND NOT EXISTS
				(SELECT 1 FROM %s r WHERE (%s) = (%s))`, tab, prefixed("t", cols), ref, prefixed("r", refCols), prefixed("t", cols)))
		}
		rows.Close()
		if len(checks) < 40 {
			t.Fatalf("%d foreign keys found", len(checks))
		}
		for _, q := range checks {
			if n := count(t, db, q); n != 0 {
				t.Errorf("%d dangling references: %s", n, q)
			}
		}
		// The indexes were built again as they were.
		const defs = `SELECT string_agg(indexdef, E'\n' ORDER BY indexdef) FROM pg_indexes WHERE schemaname = current_schema()`
		var a, b string
		if err := fast.db.QueryRowContext(ctx, defs).Scan(&a); err != nil {
			t.Fatal(err)
		}
		if err := slow.db.QueryRowContext(ctx, defs).Scan(&b); err != nil {
			t.Fatal(err)
		}
		if a != b {
			t.Errorf("the indexes differ after the load:\n%s\n---\n%s", a, b)
		}
	})

	t.Run("invariants", func(t *testing.T) {
		for _, c := range []struct{ what, q string }{
			{"interventions whose dates disagree with their status", `SELECT count(*) FROM intervention WHERE
				(status = 'REQUESTED' AND (authorized_at IS NOT NULL OR closed_at IS NOT NULL)) OR
				(status IN ('AUTHORIZED', 'ACTIVE') AND (authorized_at IS NULL OR closed_at IS NOT NULL)) OR
				(status = 'CLOSED' AND (authorized_at IS NULL OR closed_at IS NULL OR end_date IS NULL)) OR
				(status = 'REFUSED' AND (authorized_at IS NOT NULL OR closed_at IS NULL)) OR
				(status = 'ACTIVE' AND start_date > ?::date) OR
				authorized_at < requested_at OR closed_at < coalesce(authorized_at, requested_at) OR requested_at > ?`},
			{"interventions requested before their case opened", `SELECT count(*) FROM intervention i JOIN care_case c ON c.id = i.case_id
				WHERE i.requested_at < c.opened_at OR i.citizen_id <> c.citizen_id OR i.zone_id <> c.zone_id`},
			{"cases without exactly one responsible member", `SELECT count(*) FROM care_case c WHERE (SELECT count(*) FROM case_member m
				WHERE m.case_id = c.id AND m.role = 'RESPONSIBLE' AND m.operator_id = c.responsible_operator_id) <> 1`},
			{"case members of another citizen or after the closure", `SELECT count(*) FROM case_member m JOIN care_case c ON c.id = m.case_id
				WHERE m.citizen_id <> c.citizen_id OR (c.closed_at IS NOT NULL AND m.valid_to IS NULL)`},
			{"cases whose history disagrees with their status", `SELECT count(*) FROM care_case c WHERE c.status <> (SELECT to_status
				FROM case_status_change s WHERE s.case_id = c.id ORDER BY changed_at DESC, id DESC LIMIT 1)`},
			{"activities of another citizen than their case or intervention", `SELECT count(*) FROM activity a
				LEFT JOIN care_case c ON c.id = a.case_id LEFT JOIN intervention i ON i.id = a.intervention_id
				WHERE a.citizen_id <> coalesce(c.citizen_id, a.citizen_id) OR a.citizen_id <> coalesce(i.citizen_id, a.citizen_id)`},
			{"deliveries outside their intervention", `SELECT count(*) FROM activity a JOIN intervention i ON i.id = a.intervention_id
				WHERE a.kind = 'DELIVERED_HOURS' AND (a.occurred_at::date < i.start_date OR a.occurred_at::date > coalesce(i.end_date, ?::date) + 1)`},
			{"accesses whose needs or services name another citizen", `SELECT count(*) FROM access a JOIN access_need n ON n.access_id = a.id
				WHERE n.citizen_id IS DISTINCT FROM a.citizen_id`},
			{"synthetic citizens registered by demo operators", `SELECT count(*) FROM citizen c JOIN operator o ON o.id = c.created_by
				WHERE c.id > (SELECT max(id) FROM citizen) - 2000 AND o.username !~ ?`},
		} {
			var args []any
			switch {
			case strings.Contains(c.q, "?::date) OR"):
				args = []any{regionNow, regionNow}
			case strings.Contains(c.q, "?::date) + 1"):
				args = []any{regionNow}
			case strings.Contains(c.q, "!~ ?"):
				args = []any{syntheticUsernamePattern}
			}
			if n := count(t, db, c.q, args...); n != 0 {
				t.Errorf("%d %s", n, c.what)
			}
		}
	})

	t.Run("same data", func(t *testing.T) {
		// The same seed gives the same data, in one run or in two, with the
		// triggers or without (ids aside).
		for _, q := range sameDataQueries {
			var a, b string
			if err := fast.db.QueryRowContext(ctx, q).Scan(&a); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			if err := slow.db.QueryRowContext(ctx, q).Scan(&b); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			if a != b {
				t.Errorf("the loads differ: %s", q)
			}
		}
	})

	t.Run("monitoring rollups", func(t *testing.T) {
		// The fast load rebuilt the monitoring tables in bulk
		// (rebuild_monitoring_rollups), the load with triggers kept them
		// commit by commit: the same rollups (they hold no ids), and
		// rebuilding the latter's changes nothing. Rows that net to zero
		// and subjects without facts are what the triggers may leave.
		const rollups = `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text COLLATE "C"), '')) || ' ' || count(*)
			FROM mon_rollup t WHERE n <> 0 OR amount <> 0`
		var a, b string
		if err := fast.db.QueryRowContext(ctx, rollups).Scan(&a); err != nil {
			t.Fatal(err)
		}
		if err := slow.db.QueryRowContext(ctx, rollups).Scan(&b); err != nil {
			t.Fatal(err)
		}
		if a != b {
			t.Errorf("mon_rollup: rebuilt after the fast load %s, kept by the triggers %s", a, b)
		}
		tx, err := slow.db.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer func() { _ = tx.Rollback() }()
		tables := []struct{ name, where string }{
			{"mon_need", "true"}, {"mon_subject", "facts <> '{}'"}, {"mon_overlap_pair", "true"}, {"mon_rollup", "n <> 0 OR amount <> 0"},
		}
		for _, x := range tables {
			if _, err := tx.ExecContext(ctx, `CREATE TEMP TABLE kept_`+x.name+` ON COMMIT DROP AS SELECT * FROM `+x.name+` WHERE `+x.where); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := tx.ExecContext(ctx, `SELECT rebuild_monitoring_rollups()`); err != nil {
			t.Fatal(err)
		}
		for _, x := range tables {
			var kept, rebuilt, only int64
			if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM kept_`+x.name+`), (SELECT count(*) FROM `+x.name+` WHERE `+x.where+`),
				(SELECT count(*) FROM ((TABLE kept_`+x.name+` EXCEPT ALL SELECT * FROM `+x.name+` WHERE `+x.where+`)
					UNION ALL (SELECT * FROM `+x.name+` WHERE `+x.where+` EXCEPT ALL TABLE kept_`+x.name+`)) d)`).Scan(&kept, &rebuilt, &only); err != nil {
				t.Fatal(err)
			}
			if only != 0 || kept == 0 {
				t.Errorf("%s: %d rows kept by the triggers, %d rebuilt, %d in only one of them", x.name, kept, rebuilt, only)
			}
		}
	})

	t.Run("second run", func(t *testing.T) {
		before := count(t, db, `SELECT count(*) FROM activity`)
		s, err := Region(ctx, db, RegionOptions{Citizens: total, Seed: 7, Now: regionNow, HashPassword: testHash})
		if err != nil {
			t.Fatal(err)
		}
		if s.After != s.Before || len(s.Tables) != 0 || !strings.Contains(s.String(), "nothing added") {
			t.Errorf("second run: %s", s)
		}
		if after := count(t, db, `SELECT count(*) FROM activity`); after != before {
			t.Errorf("second run added %d activities", after-before)
		}
		if _, err := Region(ctx, db, RegionOptions{Citizens: total - 1, HashPassword: testHash}); err != nil {
			t.Errorf("a smaller target: %v", err)
		}
	})
}

func prefixed(alias, cols string) string {
	parts := strings.Split(cols, ",")
	for i, p := range parts {
		parts[i] = alias + "." + p
	}
	return strings.Join(parts, ",")
}

// sameDataQueries digest the content of the loaded tables without their
// ids: citizens by identifier, operators by username.
var sameDataQueries = func() []string {
	const ident = `coalesce(c.fiscal_code, c.temporary_id)`
	// Rows are ordered by their text, so that ties of the natural order
	// cannot tell the databases apart.
	digest := func(expr, from, _ string) string {
		return `SELECT md5(coalesce(string_agg(x, '|' ORDER BY x COLLATE "C"), '')) FROM (SELECT ` + expr + ` AS x FROM ` + from + `) s`
	}
	return []string{
		digest(`concat_ws(',', `+ident+`, c.first_name, c.last_name, c.birth_date, c.sex, c.birth_place_code, c.citizenship,
			c.residence_municipality_id, c.residence_address, c.residence_postcode, c.residence_zone_id, c.domicile_municipality_id,
			c.phone, c.email, c.homeless, c.language, c.protected_address, c.created_at, o.username)`,
			`citizen c LEFT JOIN operator o ON o.id = c.created_by`, ident),
		digest(`concat_ws(',', `+ident+`, r.kind, r.cohabiting, r.valid_from, x.fiscal_code, x.temporary_id)`,
			`relation r JOIN citizen c ON c.id = r.citizen_id JOIN citizen x ON x.id = r.related_citizen_id`,
			ident+`, x.fiscal_code, x.temporary_id, r.kind`),
		digest(`concat_ws(',', `+ident+`, a.occurred_at, a.office_id, o.username, a.channel, a.speaker_kind, a.speaker_name,
			a.outcome_code, a.notes, (SELECT string_agg(need_code, ' ' ORDER BY need_code) FROM access_need n WHERE n.access_id = a.id),
			(SELECT string_agg(intervention_type_code, ' ' ORDER BY 1) FROM access_requested_service s WHERE s.access_id = a.id))`,
			`access a LEFT JOIN citizen c ON c.id = a.citizen_id JOIN operator o ON o.id = a.operator_id`,
			ident+` NULLS FIRST, a.occurred_at, a.office_id, a.notes`),
		digest(`concat_ws(',', `+ident+`, k.user_area_code, k.status, k.opened_at, k.closed_at, k.summary, o.username,
			(SELECT string_agg(concat_ws(':', m.role, p.username, m.valid_from, m.valid_to), ' ' ORDER BY p.username, m.role)
			   FROM case_member m JOIN operator p ON p.id = m.operator_id WHERE m.case_id = k.id),
			(SELECT string_agg(concat_ws(':', s.to_status, s.changed_at), ' ' ORDER BY s.changed_at, s.to_status) FROM case_status_change s WHERE s.case_id = k.id))`,
			`care_case k JOIN citizen c ON c.id = k.citizen_id JOIN operator o ON o.id = k.responsible_operator_id`, ident+`, k.opened_at`),
		digest(`concat_ws(',', `+ident+`, i.type_code, i.provider_organization_id, i.status, i.start_date, i.end_date, i.amount_cents,
			i.user_share_cents, i.health_share_cents, i.hours_per_month, i.isee_cents, i.requested_at, i.authorized_at, i.closed_at)`,
			`intervention i JOIN citizen c ON c.id = i.citizen_id`, ident+`, i.requested_at, i.type_code, i.start_date`),
		digest(`concat_ws(',', `+ident+`, a.occurred_at, a.kind, a.text, a.hours, a.amount_cents, a.confidential, o.username)`,
			`activity a JOIN citizen c ON c.id = a.citizen_id JOIN operator o ON o.id = a.operator_id`,
			ident+`, a.occurred_at, a.kind, a.text, o.username`),
		digest(`concat_ws(',', `+ident+`, a.kind, a.assessed_on, a.sina_mobility, a.family_assessment::text, a.observations)`,
			`assessment a JOIN citizen c ON c.id = a.citizen_id`, ident+`, a.assessed_on, a.kind`),
		digest(`concat_ws(',', `+ident+`, g.position, g.description, g.term, g.outcome, p.drawn_up_on, p.review_on)`,
			`plan_goal g JOIN plan p ON p.id = g.plan_id JOIN citizen c ON c.id = g.citizen_id`, ident+`, g.position`),
		digest(`concat_ws(',', `+ident+`, r.status, r.reason, r.proposed_at, r.seen_at, r.answered_at, r.to_organization_id, r.from_office_id)`,
			`referral r JOIN citizen c ON c.id = r.citizen_id`, ident+`, r.proposed_at, r.reason`),
		digest(`concat_ws(',', `+ident+`, s.purpose, s.informed_at, s.given, s.withdrawn_at)`,
			`consent s JOIN citizen c ON c.id = s.citizen_id`, ident+`, s.purpose, s.informed_at`),
		digest(`concat_ws(',', `+ident+`, z.zone_id, z.via_residence, z.via_contact)`,
			`citizen_zone z JOIN citizen c ON c.id = z.citizen_id`, ident+`, z.zone_id`),
		digest(`concat_ws(',', username, display_name, profession_code, organization_id)`, `operator`, `username`),
	}
}()

func TestProgressLines(t *testing.T) {
	var b bytes.Buffer
	p := newProgress(&b, false, 1000)
	p.rows(25000)
	p.citizens(1000)
	p.finish()
	if s := b.String(); !strings.Contains(s, "1000/1000 citizens (100%), 25000 rows") || strings.Contains(s, "\r") {
		t.Errorf("progress: %q", s)
	}
	b.Reset()
	p = newProgress(&b, true, 1000)
	p.citizens(500)
	p.finish()
	if s := b.String(); !strings.HasPrefix(s, "\r") || !strings.Contains(s, "50.0%") || !strings.HasSuffix(s, "\n") {
		t.Errorf("progress bar: %q", s)
	}
}
