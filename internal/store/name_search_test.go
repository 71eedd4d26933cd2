package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/siso-project/siso/internal/authz"
	"github.com/siso-project/siso/internal/store"
)

// The search by name reads the viewer's relationships as sets from the
// tables of migration 0013 (citizen_search, referral_search). It must find
// exactly the citizens the per-row policy admits (authz.AnyRelSQL, what
// every other read applies), in the documented order (similarity, then id,
// both descending), page after page, with the capped total.

// nameSearchOracle is the search written the plain way: every citizen
// whose name matches, filtered by the per-row policy, in order.
func (m *monitor) nameSearchOracle(v *authz.Viewer, search string) (ids []int64, sims []string) {
	m.t.Helper()
	term := strings.ToLower(strings.Join(strings.Fields(search), " "))
	like := "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(term) + "%"
	cond, args := authz.AnyRelSQL(v, "t.id", authz.RowsCitizen)
	var rows []struct {
		ID  int64  `bun:"id"`
		Sim string `bun:"sim"`
	}
	q := `SELECT t.id, strict_word_similarity(?, t.search_name)::text AS sim FROM citizen t
		WHERE (t.search_name LIKE ? OR ? <<% t.search_name) AND ` + cond + `
		ORDER BY strict_word_similarity(?, t.search_name) DESC, t.id DESC`
	all := append(append([]any{term, like, term}, args...), term)
	if err := m.db.NewRaw(q, all...).Scan(context.Background(), &rows); err != nil {
		m.t.Fatalf("oracle for %q: %v", search, err)
	}
	for _, r := range rows {
		ids = append(ids, r.ID)
		sims = append(sims, r.Sim)
	}
	return ids, sims
}

// checkNameSearch pages through the search as the API does and compares
// every page with the oracle; pages caps how many pages are read.
func (m *monitor) checkNameSearch(name string, v *authz.Viewer, search string, size, pages int) {
	m.t.Helper()
	ctx := context.Background()
	want, wantSims := m.nameSearchOracle(v, search)
	wantTotal := min(len(want), store.NameSearchCountCap)
	var got []int64
	var gotSims []string
	cursor := ""
	for p := 0; p < pages; p++ {
		c, err := m.s.SearchCitizens(ctx, v, store.CitizenQuery{Search: search}, store.Page{Limit: size, Cursor: cursor})
		if err != nil {
			m.t.Fatalf("%s %q page %d: %v", name, search, p, err)
		}
		if c.TotalCount != wantTotal {
			m.t.Errorf("%s %q page %d: totalCount %d, want %d", name, search, p, c.TotalCount, wantTotal)
		}
		if c.HasPrevious != (cursor != "") {
			m.t.Errorf("%s %q page %d: hasPrevious %v", name, search, p, c.HasPrevious)
		}
		for _, r := range c.Rows {
			got = append(got, r.ID)
			gotSims = append(gotSims, r.SortKey)
			if r.Rel&authz.RowsCitizen == 0 {
				m.t.Errorf("%s %q: citizen %d returned with relationship %v", name, search, r.ID, r.Rel)
			}
		}
		if wantNext := len(want) > len(got); c.HasNext != wantNext {
			m.t.Errorf("%s %q page %d: hasNext %v, want %v", name, search, p, c.HasNext, wantNext)
		}
		if !c.HasNext {
			if len(c.Rows) > 0 {
				// Past the last row: no rows, the same total.
				after, err := m.s.SearchCitizens(ctx, v, store.CitizenQuery{Search: search},
					store.Page{Limit: size, Cursor: store.Cursor(c.Rows[len(c.Rows)-1].Meta())})
				if err != nil || len(after.Rows) != 0 || after.HasNext || after.TotalCount != wantTotal {
					m.t.Errorf("%s %q after the last row: %d rows, hasNext %v, totalCount %d (want %d), %v",
						name, search, len(after.Rows), after.HasNext, after.TotalCount, wantTotal, err)
				}
			}
			break
		}
		cursor = store.Cursor(c.Rows[len(c.Rows)-1].Meta())
	}
	if len(got) < len(want) {
		want, wantSims = want[:len(got)], wantSims[:len(got)]
	}
	if !slices.Equal(got, want) {
		m.t.Errorf("%s %q: ids\n got %v\nwant %v", name, search, got, want)
	}
	if !slices.Equal(gotSims, wantSims) {
		m.t.Errorf("%s %q: similarities\n got %v\nwant %v", name, search, gotSims, wantSims)
	}
}

// searchViewers are the viewers the policy lets search by name, and some
// it does not: each reaches a different part of searchByName.
func (m *monitor) searchViewers() []struct {
	name string
	v    *authz.Viewer
} {
	multiZone := m.viewer("as.perugia")
	multiZone.Grants = append(multiZone.Grants, authz.RoleGrant{Role: authz.RoleFrontDesk, ZoneID: 10})
	regional := m.viewer("resp.perugia")
	regional.Grants = []authz.RoleGrant{{Role: authz.RoleZoneManager}}
	client := &authz.Viewer{ClientID: 1, ClientName: "partner", Grants: []authz.RoleGrant{{Role: authz.RoleSocialWorker, ZoneID: 10}},
		ScopeAllows: func(string) bool { return true }}
	return []struct {
		name string
		v    *authz.Viewer
	}{
		{"front desk, zone 2", m.viewer("sportello.perugia")},
		{"social worker, zone 2 and case teams", m.viewer("as.perugia")},
		{"social worker, zone 10", m.viewer("as.terni")},
		{"zone manager, zone 2", m.viewer("resp.perugia")},
		{"provider", m.viewer("coop.perugia")},
		{"analyst", m.viewer("regione")},
		{"dpo", m.viewer("dpo")},
		{"admin", m.viewer("admin")},
		{"zones 2 and 10 in two roles", multiZone},
		{"zone manager of every zone", regional},
		{"API client, zone 10", client},
	}
}

func TestNameSearchFindsWhatThePolicyAdmitsInOrder(t *testing.T) {
	m := newMonitor(t)
	// Common surnames, a name with a first name's start, a typo, a
	// prefix, a fragment, LIKE's wildcards taken literally, spaces and
	// case, and nothing.
	terms := []string{"rossi", "Bianchi", "rossi ma", "rosis", "ross", "an", "ross_", "50%", "  ROSSI   MARIO ", "zzqx"}
	for _, sv := range m.searchViewers() {
		for _, term := range terms {
			m.checkNameSearch(sv.name, sv.v, term, 25, 6)
		}
	}
}

// The search tables follow every change that moves a citizen into or out
// of a viewer's reach, or renames them: a residence, an access or a case
// in a zone, a referral and its status, a case team, a grant, an
// emergency, a provider's intervention, a new name.
func TestNameSearchFollowsTheChanges(t *testing.T) {
	m := newMonitor(t)
	ctx := context.Background()
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := m.db.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	// Citizens of zone 10 alone, with a case, renamed to a surname nobody
	// has: each gets one relationship to the zone-2 viewers below.
	var ids []int64
	if err := m.db.NewRaw(`SELECT c.id FROM citizen c WHERE EXISTS (SELECT 1 FROM citizen_zone z WHERE z.citizen_id = c.id AND z.zone_id = 10)
		AND NOT EXISTS (SELECT 1 FROM citizen_zone z WHERE z.citizen_id = c.id AND z.zone_id <> 10)
		AND EXISTS (SELECT 1 FROM care_case k WHERE k.citizen_id = c.id)
		AND NOT EXISTS (SELECT 1 FROM referral r WHERE r.citizen_id = c.id)
		AND NOT EXISTS (SELECT 1 FROM case_grant g WHERE g.citizen_id = c.id)
		AND NOT EXISTS (SELECT 1 FROM intervention i WHERE i.citizen_id = c.id AND i.provider_organization_id = (SELECT organization_id FROM operator WHERE username = 'coop.perugia'))
		ORDER BY c.id LIMIT 9`).Scan(ctx, &ids); err != nil || len(ids) < 9 {
		t.Fatalf("citizens of zone 10 only: %v %v", ids, err)
	}
	// One more who is in zone 10 by residence only, to move.
	var mover int64
	if err := m.db.NewRaw(`SELECT c.id FROM citizen c JOIN citizen_zone z ON z.citizen_id = c.id AND z.zone_id = 10 AND NOT z.via_contact
		WHERE NOT EXISTS (SELECT 1 FROM citizen_zone y WHERE y.citizen_id = c.id AND y.zone_id <> 10)
		AND NOT EXISTS (SELECT 1 FROM referral r WHERE r.citizen_id = c.id) ORDER BY c.id LIMIT 1`).Scan(ctx, &mover); err != nil {
		t.Fatalf("a citizen of zone 10 by residence only: %v", err)
	}
	ids = append(ids, mover)
	for i, id := range ids {
		exec(`UPDATE citizen SET last_name = 'Trigrammi', first_name = ? WHERE id = ?`, fmt.Sprintf("Nome%c", 'A'+i), id)
	}
	var office int64
	if err := m.db.NewRaw(`SELECT office_id FROM operator_office oo JOIN operator o ON o.id = oo.operator_id
		WHERE o.username = 'as.perugia' ORDER BY 1 LIMIT 1`).Scan(ctx, &office); err != nil {
		t.Fatal(err)
	}
	asPerugia, desk := m.operatorID("as.perugia"), m.operatorID("sportello.perugia")
	referral := func(citizen int64, status string) {
		exec(`INSERT INTO referral (citizen_id, from_office_id, from_zone_id, to_office_id, to_organization_id, to_zone_id,
			reason, status, proposed_at, proposed_by, rejection_reason)
			SELECT ?, f.id, f.zone_id, o.id, o.organization_id, o.zone_id, 'prova', ?, now(), ?, CASE WHEN ? = 'REJECTED' THEN 'no' END
			FROM office o, (SELECT id, zone_id FROM office WHERE zone_id = 10 ORDER BY id LIMIT 1) f WHERE o.id = ?`,
			citizen, status, asPerugia, status, office)
	}
	referral(ids[0], "PROPOSED")
	referral(ids[1], "ACCEPTED")
	referral(ids[2], "REJECTED") // no relationship
	exec(`INSERT INTO case_member (case_id, citizen_id, operator_id, role, valid_from)
		SELECT k.id, k.citizen_id, ?, 'MEMBER', current_date - 1 FROM care_case k WHERE k.citizen_id = ? ORDER BY k.id LIMIT 1`, asPerugia, ids[3])
	exec(`INSERT INTO case_member (case_id, citizen_id, operator_id, role, valid_from, valid_to)
		SELECT k.id, k.citizen_id, ?, 'MEMBER', current_date - 10, current_date - 5 FROM care_case k WHERE k.citizen_id = ? ORDER BY k.id LIMIT 1`, asPerugia, ids[4]) // ended
	exec(`INSERT INTO emergency_access (operator_id, citizen_id, zone_id, reason, expires_at) VALUES (?, ?, 10, 'una prova di emergenza', now() + interval '1 hour')`, asPerugia, ids[5])
	exec(`INSERT INTO case_grant (case_id, citizen_id, grantee_office_id, valid_from, valid_to, reason, granted_by)
		SELECT k.id, k.citizen_id, ?, now() - interval '1 day', now() + interval '1 day', 'prova', ? FROM care_case k WHERE k.citizen_id = ? ORDER BY k.id LIMIT 1`,
		office, asPerugia, ids[6])
	exec(`UPDATE intervention SET provider_organization_id = (SELECT organization_id FROM operator WHERE username = 'coop.perugia'), status = 'ACTIVE'
		WHERE id = (SELECT id FROM intervention WHERE citizen_id = ? ORDER BY id LIMIT 1)`, ids[7])
	// ids[8]: an access in zone 2 links them to it.
	exec(`INSERT INTO access (citizen_id, office_id, zone_id, operator_id, occurred_at, channel, speaker_kind, outcome_code)
		SELECT ?, a.office_id, a.zone_id, ?, now(), a.channel, a.speaker_kind, a.outcome_code FROM access a WHERE a.zone_id = 2 ORDER BY a.id LIMIT 1`, ids[8], desk)

	terms := []string{"trigrammi", "trigrami", "trigrammi nomeb"}
	check := func(step string) {
		t.Helper()
		for _, sv := range m.searchViewers() {
			for _, term := range terms {
				m.checkNameSearch(step+": "+sv.name, sv.v, term, 4, 10)
			}
		}
	}
	check("linked")
	found := func(username, term string) []int64 {
		t.Helper()
		c, err := m.s.SearchCitizens(ctx, m.viewer(username), store.CitizenQuery{Search: term}, store.Page{Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		var out []int64
		for _, r := range c.Rows {
			out = append(out, r.ID)
		}
		slices.Sort(out)
		return out
	}
	// Not only the same answer as the oracle: the answer expected.
	if got, want := found("as.perugia", "trigrammi"), sorted(ids[0], ids[1], ids[3], ids[5], ids[6], ids[8]); !slices.Equal(got, want) {
		t.Errorf("as.perugia finds %v, want %v", got, want)
	}
	if got, want := found("coop.perugia", "trigrammi"), []int64{ids[7]}; !slices.Equal(got, want) {
		t.Errorf("coop.perugia finds %v, want %v", got, want)
	}

	// The referral is rejected, the case team and the grant end, the
	// emergency expires, the intervention closes, a citizen moves to zone 2
	// (the residence's row in zone 10 goes), another is renamed. (The move
	// names residence_zone_id: the trigger citizen_zone_residence of 0001
	// fires on UPDATE OF residence_zone_id, which a change of the
	// municipality alone, set by a BEFORE trigger, does not count as.)
	exec(`UPDATE referral SET status = 'REJECTED', rejection_reason = 'no' WHERE citizen_id = ?`, ids[1])
	exec(`UPDATE case_member SET valid_to = current_date - 1 WHERE citizen_id = ? AND operator_id = ?`, ids[3], asPerugia)
	exec(`UPDATE emergency_access SET expires_at = now() - interval '1 second', started_at = now() - interval '1 minute' WHERE citizen_id = ?`, ids[5])
	exec(`UPDATE case_grant SET revoked_at = now(), revoked_by = ? WHERE citizen_id = ?`, asPerugia, ids[6])
	exec(`UPDATE intervention SET status = 'CLOSED' WHERE citizen_id = ? AND status = 'ACTIVE'`, ids[7])
	exec(`UPDATE citizen SET residence_municipality_id = m.id, residence_zone_id = m.zone_id
		FROM (SELECT id, zone_id FROM municipality WHERE zone_id = 2 ORDER BY id LIMIT 1) m WHERE citizen.id = ?`, mover)
	exec(`UPDATE citizen SET last_name = 'Altrove' WHERE id = ?`, ids[0])
	check("changed")
	if got, want := found("as.perugia", "trigrammi"), sorted(ids[8], mover); !slices.Equal(got, want) {
		t.Errorf("as.perugia finds %v, want %v", got, want)
	}
	if got, want := found("as.perugia", "altrove"), []int64{ids[0]}; !slices.Equal(got, want) {
		t.Errorf("as.perugia finds %v by the new name, want %v", got, want)
	}
	if got := found("as.terni", "trigrammi"); slices.Contains(got, mover) || !slices.Contains(got, ids[2]) {
		t.Errorf("as.terni finds %v: %d moved to zone 2, %d is still in zone 10", got, mover, ids[2])
	}

	// The search tables say what citizen_zone and referral say.
	for _, q := range []string{
		`SELECT count(*) FROM ((SELECT z.citizen_id, z.zone_id, c.search_name FROM citizen_zone z JOIN citizen c ON c.id = z.citizen_id
			EXCEPT ALL SELECT citizen_id, zone_id, search_name FROM citizen_search)
			UNION ALL (SELECT citizen_id, zone_id, search_name FROM citizen_search
			EXCEPT ALL SELECT z.citizen_id, z.zone_id, c.search_name FROM citizen_zone z JOIN citizen c ON c.id = z.citizen_id)) x`,
		`SELECT count(*) FROM ((SELECT r.id, r.citizen_id, r.to_office_id, r.status, c.search_name FROM referral r JOIN citizen c ON c.id = r.citizen_id
			EXCEPT ALL SELECT referral_id, citizen_id, to_office_id, status, search_name FROM referral_search)
			UNION ALL (SELECT referral_id, citizen_id, to_office_id, status, search_name FROM referral_search
			EXCEPT ALL SELECT r.id, r.citizen_id, r.to_office_id, r.status, c.search_name FROM referral r JOIN citizen c ON c.id = r.citizen_id)) x`,
	} {
		if n := m.int(q); n != 0 {
			t.Errorf("%d rows differ: %s", n, q)
		}
	}
}

func sorted(ids ...int64) []int64 {
	slices.Sort(ids)
	return ids
}
