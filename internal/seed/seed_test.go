package seed

import (
	"context"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/codicefiscale"
	"github.com/siso-project/siso/internal/migrate"
	"github.com/siso-project/siso/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

func migrated(ctx context.Context, db *bun.DB) error {
	_, err := migrate.Up(ctx, db)
	return err
}

// testHash stands in for the real password hashing, which is the auth
// package's job (and slow on purpose).
func testHash(s string) (string, error) { return "test$" + s, nil }

func TestDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the demo data into a real PostgreSQL database")
	}
	rome := demoLocation(time.UTC)
	for _, tc := range []struct {
		name string
		seed int64
		now  time.Time
	}{
		{"now", 0, time.Now()},
		// Just after midnight on a public holiday.
		{"new year", 2, time.Date(2027, 1, 1, 0, 30, 0, 0, rome)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			testDemo(t, tc.seed, tc.now)
		})
	}
}

func testDemo(t *testing.T, seed int64, now time.Time) {
	ctx := context.Background()
	db := testdb.New(t, migrated)
	sum, err := Demo(ctx, db, DemoOptions{HashPassword: testHash, Now: now, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	t.Log(sum)
	if sum.Skipped {
		t.Fatal("first Demo was skipped")
	}

	count := func(t *testing.T, q string, args ...any) int {
		t.Helper()
		var n int
		if err := db.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return n
	}

	t.Run("counts", func(t *testing.T) {
		ranges := map[string][2]int{
			"zone": {12, 12}, "municipality": {92, 92}, "organization": {30, 60}, "office": {40, 80},
			"operator": {60, 200}, "citizen": {7800, 8200}, "relation": {6000, 16000}, "access": {11500, 12500},
			"care_case": {2900, 3100}, "referral": {300, 550}, "intervention": {2000, 4000},
			"activity": {3000, 10000}, "consent": {2500, 5000}, "assessment": {1500, 3500}, "plan": {1800, 2500},
		}
		for table, r := range ranges {
			n := count(t, "SELECT count(*) FROM "+table)
			if n < r[0] || n > r[1] {
				t.Errorf("%s: %d rows, want %d..%d", table, n, r[0], r[1])
			}
			if s := sum.Count(table); table != "zone" && table != "municipality" && int(s) != n {
				t.Errorf("%s: summary says %d, table has %d", table, s, n)
			}
		}
		if n := count(t, "SELECT count(*) FROM citizen_zone"); n < 8000 {
			t.Errorf("citizen_zone: %d rows", n)
		}
		anon := count(t, "SELECT count(*) FROM access WHERE anonymous")
		if anon < 250 || anon > 450 {
			t.Errorf("%d anonymous accesses, want about 3%%", anon)
		}
		if n := count(t, "SELECT count(*) FROM access WHERE occurred_at > ?", now); n != 0 {
			t.Errorf("%d accesses in the future", n)
		}
		if n := count(t, "SELECT count(DISTINCT residence_municipality_id) FROM citizen"); n < 85 {
			t.Errorf("citizens live in %d municipalities only", n)
		}
		// Zone 2 (Perugino) is the largest.
		if n := count(t, `SELECT residence_zone_id FROM citizen GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`); n != 2 {
			t.Errorf("the zone with most citizens is %d, want 2", n)
		}
	})

	t.Run("fiscal codes", func(t *testing.T) {
		rows, err := db.QueryContext(ctx, `SELECT fiscal_code, first_name, last_name, birth_date, sex, birth_place_code
			FROM citizen WHERE fiscal_code IS NOT NULL`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		n, bad := 0, 0
		for rows.Next() {
			var fc, first, last, sex, place string
			var birth time.Time
			if err := rows.Scan(&fc, &first, &last, &birth, &sex, &place); err != nil {
				t.Fatal(err)
			}
			n++
			info, err := codicefiscale.ParseAt(fc, now)
			switch {
			case err != nil:
				t.Errorf("%s: %v", fc, err)
			case info.Code != fc:
				t.Errorf("%s parses as %s", fc, info.Code)
			case !info.BirthDate.Equal(time.Date(birth.Year(), birth.Month(), birth.Day(), 0, 0, 0, 0, time.UTC)):
				t.Errorf("%s: birth date %s, row says %s", fc, info.BirthDate.Format(time.DateOnly), birth.Format(time.DateOnly))
			case info.Sex != sex:
				t.Errorf("%s: sex %s, row says %s", fc, info.Sex, sex)
			case info.BirthPlaceCode != place:
				t.Errorf("%s: birthplace %s, row says %s", fc, info.BirthPlaceCode, place)
			default:
				if want, err := codicefiscale.Compute(last, first, birth, sex, place); err != nil || want != fc {
					t.Errorf("%s %s: stored %s, computed %s (%v)", first, last, fc, want, err)
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
		if n < 7800 {
			t.Errorf("%d fiscal codes", n)
		}
		tmp := count(t, `SELECT count(*) FROM citizen WHERE temporary_id IS NOT NULL`)
		if tmp == 0 || tmp > 50 {
			t.Errorf("%d citizens with a temporary id, want a few", tmp)
		}
		foreign := count(t, `SELECT count(*) FROM citizen WHERE birth_place_code LIKE 'Z%'`)
		if foreign < 400 || foreign > 900 {
			t.Errorf("%d foreign-born citizens, want about 8%%", foreign)
		}
		if n := count(t, `SELECT count(*) FROM citizen WHERE homeless`); n < 40 || n > 150 {
			t.Errorf("%d homeless citizens, want about 1%%", n)
		}
		if n := count(t, `SELECT count(*) FROM citizen WHERE protected_address`); n < 40 || n > 150 {
			t.Errorf("%d citizens with a protected address, want about 1%%", n)
		}
	})

	t.Run("demo operators", func(t *testing.T) {
		want := map[string]string{
			"sportello.perugia": "FRONT_DESK:2", "as.perugia": "SOCIAL_WORKER:2", "as.terni": "SOCIAL_WORKER:10",
			"resp.perugia": "ZONE_MANAGER:2", "coop.perugia": "PROVIDER:2", "regione": "ANALYST:-",
			"dpo": "DPO:-", "admin": "ADMIN:-",
		}
		for _, u := range DemoUsernames {
			var roles []string
			rows, err := db.QueryContext(ctx, `SELECT r.role || ':' || coalesce(r.zone_id::text, '-'), o.password_hash
				FROM operator o JOIN operator_role r ON r.operator_id = o.id WHERE o.username = ? ORDER BY 1`, u)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var r, hash string
				if err := rows.Scan(&r, &hash); err != nil {
					t.Fatal(err)
				}
				if hash != "test$"+DefaultPassword {
					t.Errorf("%s: password hash %q", u, hash)
				}
				roles = append(roles, r)
			}
			rows.Close()
			if strings.Join(roles, ",") != want[u] {
				t.Errorf("%s: roles %v, want %s", u, roles, want[u])
			}
		}
		if n := count(t, `SELECT count(*) FROM operator_office oo JOIN operator o ON o.id = oo.operator_id
			JOIN office f ON f.id = oo.office_id WHERE o.username = 'sportello.perugia'
			AND f.kind = 'CITIZENS_OFFICE' AND f.name LIKE 'Ufficio della Cittadinanza Perugia%'`); n != 1 {
			t.Errorf("sportello.perugia is in %d Uffici della Cittadinanza Perugia", n)
		}
		if n := count(t, `SELECT count(*) FROM operator o JOIN organization g ON g.id = o.organization_id
			JOIN organization_accreditation a ON a.organization_id = g.id
			WHERE o.username = 'coop.perugia' AND g.kind = 'COOPERATIVE' AND g.zone_id = 2 AND a.intervention_type_code = 'HOME_CARE'`); n != 1 {
			t.Error("coop.perugia does not belong to a zone-2 cooperative accredited for home care")
		}
		re := regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{2,63}$`)
		rows, err := db.QueryContext(ctx, `SELECT username FROM operator`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var u string
			if err := rows.Scan(&u); err != nil {
				t.Fatal(err)
			}
			if !re.MatchString(u) {
				t.Errorf("username %q", u)
			}
		}
		// Every zone has front desk, social workers and a manager.
		if n := count(t, `SELECT count(DISTINCT zone_id) FROM operator_role WHERE role = 'ZONE_MANAGER'`); n != 12 {
			t.Errorf("%d zones with a manager", n)
		}
		if n := count(t, `SELECT count(*) FROM (SELECT zone_id FROM operator_role WHERE role = 'SOCIAL_WORKER'
			GROUP BY zone_id HAVING count(*) >= 2) z`); n != 12 {
			t.Errorf("%d zones with at least two social workers", n)
		}
		if n := count(t, `SELECT count(*) FROM office f WHERE f.kind = 'CITIZENS_OFFICE'
			AND NOT EXISTS (SELECT 1 FROM operator_office oo WHERE oo.office_id = f.id)`); n != 0 {
			t.Errorf("%d Uffici della Cittadinanza without operators", n)
		}
	})

	t.Run("rossi", func(t *testing.T) {
		inZone2 := count(t, `SELECT count(*) FROM citizen WHERE search_name LIKE 'rossi %' AND residence_zone_id = 2`)
		otherZones := count(t, `SELECT count(DISTINCT residence_zone_id) FROM citizen WHERE search_name LIKE 'rossi %' AND residence_zone_id <> 2`)
		if inZone2 == 0 || otherZones < 5 {
			t.Errorf("Rossi: %d in zone 2, in %d other zones", inZone2, otherZones)
		}
	})

	t.Run("provider", func(t *testing.T) {
		n := count(t, `SELECT count(DISTINCT i.citizen_id) FROM intervention i
			JOIN operator o ON o.organization_id = i.provider_organization_id
			WHERE o.username = 'coop.perugia' AND i.status = 'ACTIVE'`)
		if n < 50 {
			t.Errorf("coop.perugia's organization serves %d citizens with active interventions, want >= 50", n)
		}
		if n := count(t, `SELECT count(*) FROM activity a JOIN operator o ON o.id = a.operator_id
			WHERE o.username = 'coop.perugia' AND a.kind = 'DELIVERED_HOURS'`); n < 20 {
			t.Errorf("coop.perugia recorded %d deliveries", n)
		}
	})

	t.Run("social workers", func(t *testing.T) {
		open := count(t, `SELECT count(DISTINCT c.id) FROM case_member m JOIN care_case c ON c.id = m.case_id
			JOIN operator o ON o.id = m.operator_id
			WHERE o.username = 'as.perugia' AND m.valid_to IS NULL AND c.status IN ('OPEN', 'REOPENED')`)
		if open < 10 {
			t.Errorf("as.perugia is on %d open cases, want >= 10", open)
		}
		resp := count(t, `SELECT count(*) FROM care_case c JOIN operator o ON o.id = c.responsible_operator_id
			WHERE o.username = 'as.perugia' AND c.zone_id = 2`)
		member := count(t, `SELECT count(*) FROM case_member m JOIN operator o ON o.id = m.operator_id
			WHERE o.username = 'as.perugia' AND m.role = 'MEMBER'`)
		if resp < 15 || resp > 30 || member < 3 {
			t.Errorf("as.perugia: responsible of %d cases, member of %d", resp, member)
		}
		if n := count(t, `SELECT count(*) FROM care_case c JOIN operator o ON o.id = c.responsible_operator_id
			WHERE o.username = 'as.terni' AND c.zone_id = 10`); n < 5 {
			t.Errorf("as.terni: responsible of %d cases", n)
		}
		// Every case has exactly one responsible member, the responsible operator.
		if n := count(t, `SELECT count(*) FROM care_case c WHERE (SELECT count(*) FROM case_member m
			WHERE m.case_id = c.id AND m.role = 'RESPONSIBLE' AND m.operator_id = c.responsible_operator_id) <> 1`); n != 0 {
			t.Errorf("%d cases without their responsible member", n)
		}
		// Status histories end in the current status and start from nothing.
		if n := count(t, `SELECT count(*) FROM care_case c WHERE c.status <> (SELECT to_status FROM case_status_change s
			WHERE s.case_id = c.id ORDER BY changed_at DESC, id DESC LIMIT 1)
			OR (SELECT from_status FROM case_status_change s WHERE s.case_id = c.id ORDER BY changed_at, id LIMIT 1) IS NOT NULL`); n != 0 {
			t.Errorf("%d cases whose history disagrees with their status", n)
		}
		closed := count(t, `SELECT count(*) FROM care_case WHERE status = 'CLOSED' AND closure_reason IS NOT NULL`)
		if closed < 200 || closed > 450 {
			t.Errorf("%d closed cases, want about 10%%", closed)
		}
	})

	t.Run("second run", func(t *testing.T) {
		s, err := Demo(ctx, db, DemoOptions{HashPassword: testHash})
		if err != nil {
			t.Fatal(err)
		}
		if !s.Skipped {
			t.Error("second Demo was not skipped")
		}
		if !strings.Contains(s.String(), "nothing loaded") {
			t.Errorf("summary %q", s.String())
		}
	})

	t.Run("overlaps", func(t *testing.T) {
		n := count(t, `SELECT count(DISTINCT a.citizen_id) FROM intervention a
			JOIN intervention b ON b.citizen_id = a.citizen_id AND b.id > a.id
			JOIN intervention_type ta ON ta.code = a.type_code
			JOIN intervention_type tb ON tb.code = b.type_code
			WHERE ta.area_code = tb.area_code
			  AND a.provider_organization_id IS DISTINCT FROM b.provider_organization_id
			  AND a.status IN ('ACTIVE', 'AUTHORIZED') AND b.status IN ('ACTIVE', 'AUTHORIZED')
			  AND daterange(a.start_date, a.end_date, '[]') && daterange(b.start_date, b.end_date, '[]')`)
		if n < 10 || n > 40 {
			t.Errorf("%d citizens with overlapping interventions of the same area from different organizations, want about 15", n)
		}
	})

	t.Run("uncovered needs", func(t *testing.T) {
		n := count(t, `SELECT count(DISTINCT n.citizen_id) FROM access_need n
			WHERE n.citizen_id IS NOT NULL
			  AND NOT EXISTS (SELECT 1 FROM care_case c WHERE c.citizen_id = n.citizen_id)
			  AND NOT EXISTS (SELECT 1 FROM intervention i WHERE i.citizen_id = n.citizen_id)
			  AND NOT EXISTS (SELECT 1 FROM referral r WHERE r.citizen_id = n.citizen_id)`)
		if n < 500 {
			t.Errorf("%d citizens with needs and no answer", n)
		}
	})

	t.Run("front desk today", func(t *testing.T) {
		local := now.In(demoLocation(now.Location()))
		y, m, d := local.Date()
		today := time.Date(y, m, d, 0, 0, 0, 0, local.Location())
		n := count(t, `SELECT count(*) FROM access a JOIN operator o ON o.id = a.operator_id
			WHERE o.username = 'sportello.perugia' AND a.occurred_at >= ?`, today)
		week := count(t, `SELECT count(*) FROM access a JOIN operator o ON o.id = a.operator_id
			WHERE o.username = 'sportello.perugia' AND a.occurred_at >= ?`, today.AddDate(0, 0, -7))
		if n < 3 || week < 10 {
			t.Errorf("sportello.perugia registered %d accesses today and %d in the last week", n, week)
		}
		// Their citizens live in zone 2.
		if n := count(t, `SELECT count(*) FROM access a JOIN citizen c ON c.id = a.citizen_id
			WHERE a.zone_id <> c.residence_zone_id`); n != 0 {
			t.Errorf("%d accesses outside the citizen's zone", n)
		}
	})

	t.Run("referrals", func(t *testing.T) {
		queue := count(t, `SELECT count(*) FROM referral r JOIN office f ON f.id = r.to_office_id
			WHERE f.kind = 'SOCIAL_SERVICE' AND f.zone_id = 2 AND r.status IN ('PROPOSED', 'SEEN')`)
		if queue < 5 {
			t.Errorf("zone 2's social service has %d pending referrals", queue)
		}
		coop := count(t, `SELECT count(*) FROM referral r JOIN operator o ON o.organization_id = r.to_organization_id
			WHERE o.username = 'coop.perugia' AND r.status IN ('PROPOSED', 'SEEN')`)
		if coop < 2 {
			t.Errorf("coop.perugia's organization has %d pending referrals", coop)
		}
		for _, dir := range [][2]int{{2, 10}, {10, 2}} {
			if n := count(t, `SELECT count(*) FROM referral WHERE from_zone_id = ? AND to_zone_id = ?`, dir[0], dir[1]); n < 5 {
				t.Errorf("%d referrals from zone %d to zone %d", n, dir[0], dir[1])
			}
		}
		if n := count(t, `SELECT count(*) FROM referral WHERE seen_at < proposed_at OR answered_at < coalesce(seen_at, proposed_at)
			OR (status IN ('SEEN', 'ACCEPTED', 'REJECTED') AND seen_at IS NULL)
			OR (status IN ('ACCEPTED', 'REJECTED') AND answered_at IS NULL)
			OR (status = 'PROPOSED' AND (seen_at IS NOT NULL OR answered_at IS NOT NULL))
			OR answered_at > ?`, now); n != 0 {
			t.Errorf("%d referrals with inconsistent times", n)
		}
	})

	t.Run("relations", func(t *testing.T) {
		if n := count(t, `SELECT count(*) FROM relation r WHERE NOT EXISTS (SELECT 1 FROM relation i
			WHERE i.citizen_id = r.related_citizen_id AND i.related_citizen_id = r.citizen_id AND i.kind = CASE r.kind
			WHEN 'PARENT' THEN 'CHILD' WHEN 'CHILD' THEN 'PARENT' WHEN 'LEGAL_GUARDIAN' THEN 'WARD'
			WHEN 'WARD' THEN 'LEGAL_GUARDIAN' WHEN 'SUPPORT_ADMINISTRATOR' THEN 'SUPPORTED_PERSON'
			WHEN 'SUPPORTED_PERSON' THEN 'SUPPORT_ADMINISTRATOR' WHEN 'CAREGIVER' THEN 'CARED_FOR'
			WHEN 'CARED_FOR' THEN 'CAREGIVER' ELSE r.kind END AND i.cohabiting = r.cohabiting)`); n != 0 {
			t.Errorf("%d relations without their inverse", n)
		}
		// Parents are at least 16 years older than their children.
		if n := count(t, `SELECT count(*) FROM relation r JOIN citizen c ON c.id = r.citizen_id
			JOIN citizen p ON p.id = r.related_citizen_id
			WHERE r.kind = 'PARENT' AND p.birth_date > c.birth_date - interval '16 years'`); n != 0 {
			t.Errorf("%d parents too young for their children", n)
		}
		// Cohabiting relatives share the address.
		if n := count(t, `SELECT count(*) FROM relation r JOIN citizen a ON a.id = r.citizen_id
			JOIN citizen b ON b.id = r.related_citizen_id
			WHERE r.cohabiting AND (a.residence_address, a.residence_municipality_id) IS DISTINCT FROM (b.residence_address, b.residence_municipality_id)`); n != 0 {
			t.Errorf("%d cohabiting relatives at different addresses", n)
		}
		inHouseholds := count(t, `SELECT count(DISTINCT citizen_id) FROM relation WHERE cohabiting`)
		if inHouseholds < 3000 || inHouseholds > 5000 {
			t.Errorf("%d citizens in households, want about half", inHouseholds)
		}
		for _, k := range []string{"LEGAL_GUARDIAN", "SUPPORT_ADMINISTRATOR", "CAREGIVER"} {
			if n := count(t, `SELECT count(*) FROM relation WHERE kind = ? AND NOT cohabiting`, k); n == 0 {
				t.Errorf("no non-cohabiting %s relations", k)
			}
		}
	})

	t.Run("sequences", func(t *testing.T) {
		for _, table := range identityTables {
			var next, maxID int64
			if err := db.QueryRowContext(ctx, `SELECT nextval(pg_get_serial_sequence(?, 'id')), (SELECT coalesce(max(id), 0) FROM `+table+`)`,
				table).Scan(&next, &maxID); err != nil {
				t.Fatal(err)
			}
			if next <= maxID {
				t.Errorf("%s: next id %d, max id %d", table, next, maxID)
			}
		}
	})
}

// TestDeterministic checks that the same seed and time give the same rows,
// without a database.
func TestDeterministic(t *testing.T) {
	munis, err := umbriaMunicipalities()
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2025, 11, 20, 11, 30, 0, 0, time.UTC)
	a, err := generate(7, now, "h", munis, map[string]int64{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := generate(7, now, "h", munis, map[string]int64{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := generate(8, now, "h", munis, map[string]int64{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range a.tables {
		if !reflect.DeepEqual(a.tables[i].rows, b.tables[i].rows) {
			t.Errorf("%s differs between two runs with the same seed", a.tables[i].name)
		}
	}
	if reflect.DeepEqual(a.t["citizen"].rows, c.t["citizen"].rows) {
		t.Error("different seeds give the same citizens")
	}
}
