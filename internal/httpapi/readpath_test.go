package httpapi_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/siso-project/siso/internal/testenv"
)

// citizenPageQuery is the citizen page of DESIGN.md section 8 (citizen,
// household, accesses with needs and outcome, cases with teams,
// interventions with providers) with its lists' size as a variable.
const citizenPageQuery = `query Cartella($id: ID!, $n: Int!) { citizen(id: $id) {
	id fiscalCode firstName lastName birthDate residence { municipality { name } address } phone
	household { size members { id firstName lastName } }
	accesses(first: $n) { totalCount edges { node { occurredAt office { name } needs { category { labelIt } } outcome { labelIt } } } }
	cases(first: $n) { totalCount edges { node { id status userArea { labelIt } responsible { displayName }
		members(first: $n) { edges { node { role operator { displayName } } } } } } }
	interventions(first: $n) { totalCount edges { node { status type { labelIt } provider { name } startDate amountCents } } } } }`

// pageCitizen picks a zone-2 citizen on one of as.perugia's cases (so the
// social worker reads everything of the page) and gives them at least n
// accesses, cases with n team members each, and interventions.
func pageCitizen(t *testing.T, env *testenv.Env, n int) int64 {
	t.Helper()
	ctx := context.Background()
	var id, caseID int64
	if err := env.DB.NewRaw(`SELECT k.citizen_id, k.id FROM care_case k JOIN case_member m ON m.case_id = k.id
		JOIN operator o ON o.id = m.operator_id AND o.username = 'as.perugia'
		JOIN citizen c ON c.id = k.citizen_id AND NOT c.protected_address
		WHERE k.zone_id = 2 AND m.valid_to IS NULL ORDER BY k.id LIMIT 1`).Scan(ctx, &id, &caseID); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		// n accesses, copies of the citizen's first one
		`INSERT INTO access (citizen_id, occurred_at, office_id, zone_id, operator_id, channel, speaker_kind, outcome_code)
		 SELECT a.citizen_id, a.occurred_at - g * interval '1 day', a.office_id, a.zone_id, a.operator_id, a.channel, a.speaker_kind, a.outcome_code
		 FROM (SELECT * FROM access WHERE citizen_id = ?0 ORDER BY id LIMIT 1) a, generate_series(1, ?1) g`,
		`INSERT INTO access_need (access_id, need_code, citizen_id)
		 SELECT a.id, n.code, a.citizen_id FROM access a, (SELECT code FROM need_category ORDER BY code LIMIT 2) n
		 WHERE a.citizen_id = ?0 ON CONFLICT DO NOTHING`,
		// n cases, copies of as.perugia's case, each with the case's team
		`INSERT INTO care_case (citizen_id, zone_id, office_id, user_area_code, status, opened_at, responsible_operator_id)
		 SELECT k.citizen_id, k.zone_id, k.office_id, k.user_area_code, 'OPEN', k.opened_at - g * interval '1 day', k.responsible_operator_id
		 FROM care_case k, generate_series(1, ?1) g WHERE k.id = ?2`,
		`INSERT INTO case_member (case_id, citizen_id, operator_id, role, valid_from)
		 SELECT k.id, k.citizen_id, o.id, 'MEMBER', current_date - 1 FROM care_case k,
		   (SELECT id FROM operator WHERE id NOT IN (SELECT operator_id FROM case_member WHERE case_id = ?2) ORDER BY id LIMIT ?1) o
		 WHERE k.citizen_id = ?0`,
		`INSERT INTO case_member (case_id, citizen_id, operator_id, role, valid_from)
		 SELECT k.id, m.citizen_id, m.operator_id, m.role, m.valid_from FROM care_case k JOIN case_member m ON m.case_id = ?2
		 WHERE k.citizen_id = ?0 AND k.id <> ?2`,
		// n interventions with providers
		`INSERT INTO intervention (citizen_id, case_id, zone_id, type_code, provider_organization_id, status, start_date, requested_at, requested_by)
		 SELECT ?0, ?2, 2, t.code, (SELECT id FROM organization ORDER BY id LIMIT 1), 'REQUESTED', current_date - g, now(), (SELECT id FROM operator WHERE username = 'as.perugia')
		 FROM generate_series(1, ?1) g, (SELECT code FROM intervention_type ORDER BY code LIMIT 1) t`,
	} {
		if _, err := env.DB.ExecContext(ctx, q, id, n, caseID); err != nil {
			t.Fatalf("%s: %v", strings.Fields(q)[2], err)
		}
	}
	return id
}

// TestCitizenPageStatements holds the citizen page to at most 10 SQL
// statements, the session and the audit trail included, whatever the size
// of its lists: the count depends on the query's shape, not on the rows.
func TestCitizenPageStatements(t *testing.T) {
	env := testenv.New(t, testenv.CountingStatements())
	id := pageCitizen(t, env, 50)
	c := env.SignIn("as.perugia")
	vars := func(n int) map[string]any { return map[string]any{"id": globalID("Citizen", id), "n": n} }
	count := func(n int) int64 {
		env.Queries.Reset()
		r := c.Do(citizenPageQuery, vars(n))
		if len(r.Errors) > 0 {
			t.Fatalf("first %d: %v", n, r.Errors)
		}
		for _, list := range []string{`"accesses"`, `"cases"`, `"interventions"`} {
			if !strings.Contains(string(r.Data), list) {
				t.Fatalf("first %d: no %s in %s", n, list, r.Data)
			}
		}
		if n == 50 && strings.Count(string(r.Data), `"occurredAt"`) != 50 {
			t.Fatalf("first 50: %d accesses", strings.Count(string(r.Data), `"occurredAt"`))
		}
		return env.Queries.Count()
	}
	count(1) // the first request loads the process's reference data
	for _, n := range []int{1, 50} {
		t.Run(fmt.Sprintf("lists of %d", n), func(t *testing.T) {
			got := count(n)
			t.Logf("%d statements", got)
			if got > 10 {
				t.Errorf("the citizen page with lists of %d took %d SQL statements, want at most 10", n, got)
			}
		})
	}
	// The SPA's own citizen page (the benchmark's copy of its document,
	// which a test of internal/bench keeps equal to the frontend's).
	t.Run("the SPA's CitizenPage", func(t *testing.T) {
		q := spaDocument(t, "CitizenPage")
		env.Queries.Reset()
		if r := c.Do(q, map[string]any{"id": globalID("Citizen", id)}); len(r.Errors) > 0 {
			t.Fatal(r.Errors)
		}
		got := env.Queries.Count()
		t.Logf("%d statements", got)
		if got > 10 {
			t.Errorf("the SPA's citizen page took %d SQL statements, want at most 10", got)
		}
	})
}

// spaDocument returns the operation name of internal/bench's copy of the
// SPA's documents.
func spaDocument(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "bench", "documents.graphql"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	start := regexp.MustCompile(`(?m)^[ \t]*query\s+` + name + `\b`).FindStringIndex(text)
	if start == nil {
		t.Fatalf("no query %s in internal/bench/documents.graphql", name)
	}
	rest := text[start[0]:]
	first := strings.IndexByte(rest, '\n') + 1
	if next := regexp.MustCompile(`(?m)^[ \t]*(query|mutation|fragment)\s`).FindStringIndex(rest[first:]); next != nil {
		rest = rest[:first+next[0]]
	}
	return rest
}

// TestNoPersonalDataWithoutCommittedAudit: when the audit batch of a
// response fails to commit, the response carries no personal data (and the
// next one, once the trail can be written again, does).
func TestNoPersonalDataWithoutCommittedAudit(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	id := pageCitizen(t, env, 1)
	c := env.SignIn("as.perugia")
	var fiscalCode string
	if err := env.DB.NewRaw(`SELECT fiscal_code FROM citizen WHERE id = ?`, id).Scan(ctx, &fiscalCode); err != nil {
		t.Fatal(err)
	}
	count := func() (n int) {
		if err := env.DB.NewRaw(`SELECT count(*) FROM audit_event`).Scan(ctx, &n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	// A deferred constraint trigger fails the audit insert at its commit.
	for _, q := range []string{
		`CREATE FUNCTION zz_refuse_commit() RETURNS trigger LANGUAGE plpgsql AS $$
		 BEGIN RAISE EXCEPTION 'commit refused by the test'; END $$`,
		`CREATE CONSTRAINT TRIGGER zz_refuse_commit AFTER INSERT ON audit_event
		 DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION zz_refuse_commit()`,
	} {
		if _, err := env.DB.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	before := count()
	r := c.Do(citizenPageQuery, map[string]any{"id": globalID("Citizen", id), "n": 5})
	if strings.Contains(string(r.Data), fiscalCode) || (len(r.Data) > 0 && string(r.Data) != "null") {
		t.Errorf("the response carries data although its audit records were not committed: %s", r.Data)
	}
	if len(r.Errors) == 0 || r.Errors[0].Code() != "INTERNAL" {
		t.Errorf("errors %v, want INTERNAL", r.Errors)
	}
	if after := count(); after != before {
		t.Errorf("%d audit rows were written by the refused commit", after-before)
	}
	if _, err := env.DB.ExecContext(ctx, `DROP TRIGGER zz_refuse_commit ON audit_event`); err != nil {
		t.Fatal(err)
	}
	r = c.Do(citizenPageQuery, map[string]any{"id": globalID("Citizen", id), "n": 5})
	if len(r.Errors) > 0 || !strings.Contains(string(r.Data), fiscalCode) {
		t.Fatalf("after the trail works again: %v %s", r.Errors, r.Data)
	}
	if count() == before {
		t.Error("no audit record for the second read")
	}
}
