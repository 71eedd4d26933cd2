package httpapi_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/siso-project/siso/internal/testenv"
)

const (
	createOperatorQ = `mutation($in: CreateOperatorInput!){ createOperator(input:$in){ oneTimePassword
		operator { id username displayName active version roles { role zone { code } office { id } } offices { id } } } }`
	updateOperatorQ = `mutation($in: UpdateOperatorInput!){ updateOperator(input:$in){ operator { id version displayName
		roles { role zone { code } } } } }`
	setActiveQ     = `mutation($id: ID!, $a: Boolean!){ setOperatorActive(input:{operatorId:$id, active:$a}){ operator { id active } } }`
	resetPasswordQ = `mutation($id: ID!){ resetOperatorPassword(input:{operatorId:$id}){ oneTimePassword operator { id } } }`
	adminEventsQ   = `query($op: ID, $first: Int){ administrationEvents(operatorId:$op, first:$first){ totalCount
		edges { node { actor action objectType objectId before after operator { username } } } } }`
	signInQ = `mutation($u:String!,$p:String!){signIn(input:{username:$u,password:$p}){viewer{username roles}}}`
)

type createdOperator struct {
	CreateOperator struct {
		OneTimePassword *string
		Operator        struct {
			ID, Username, DisplayName string
			Active                    bool
			Version                   int
			Roles                     []struct {
				Role string
				Zone *struct{ Code string }
			}
		}
	}
}

// signInAs signs a fresh client in with a password.
func signInAs(t *testing.T, env *testenv.Env, username, password string) (*testenv.Client, testenv.Response) {
	t.Helper()
	c := env.Anonymous()
	return c, c.Do(signInQ, map[string]any{"u": username, "p": password})
}

func officeOfZone(t *testing.T, env *testenv.Env, zone int) int64 {
	t.Helper()
	var id int64
	if err := env.DB.NewRaw(`SELECT id FROM office WHERE zone_id = ? ORDER BY id LIMIT 1`, zone).Scan(context.Background(), &id); err != nil {
		t.Fatal(err)
	}
	return id
}

func newOperatorInput(username string) map[string]any {
	return map[string]any{"username": username, "displayName": "Chiara Neri", "professionCode": "SOCIAL_WORKER",
		"officeIds": []string{}, "roles": []map[string]any{{"role": "SOCIAL_WORKER", "zoneCode": "2"}}}
}

func TestAdminCreatesOperatorWhoSignsInWithTheOneTimePassword(t *testing.T) {
	env := testenv.New(t)
	admin := env.SignIn("admin")
	in := newOperatorInput("  Chiara.Neri ")
	in["officeIds"] = []string{globalID("Office", officeOfZone(t, env, 2))}
	var c createdOperator
	mustOK(t, "create", admin.Do(createOperatorQ, map[string]any{"in": in})).Decode(t, &c)
	op := c.CreateOperator
	if op.OneTimePassword == nil || len(*op.OneTimePassword) < 12 {
		t.Fatalf("no one-time password: %+v", op)
	}
	if op.Operator.Username != "chiara.neri" || !op.Operator.Active || len(op.Operator.Roles) != 1 ||
		op.Operator.Roles[0].Role != "SOCIAL_WORKER" || op.Operator.Roles[0].Zone == nil || op.Operator.Roles[0].Zone.Code != "2" {
		t.Fatalf("operator as created: %+v", op.Operator)
	}
	client, r := signInAs(t, env, "chiara.neri", *op.OneTimePassword)
	mustOK(t, "sign in with the one-time password", r)
	// Replaced first (see password_test.go), then a social worker of zone 2: finds zone-2 citizens.
	mustOK(t, "change the one-time password", client.Do(changePasswordQ,
		map[string]any{"c": *op.OneTimePassword, "n": "una-frase-tutta-mia"}))
	var d struct{ Citizens struct{ TotalCount int } }
	mustOK(t, "search", client.Do(`{ citizens(filter:{zoneCode:"2"}, first:1){ totalCount } }`, nil)).Decode(t, &d)
	if d.Citizens.TotalCount == 0 {
		t.Error("the new social worker sees no citizen of their zone")
	}
	// The password is never stored in clear, and a second read of the operator shows no password.
	var stored string
	if err := env.DB.NewRaw(`SELECT password_hash FROM operator WHERE username = 'chiara.neri'`).Scan(context.Background(), &stored); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(stored, "$argon2id$") || strings.Contains(stored, *op.OneTimePassword) {
		t.Errorf("stored password: %q", stored)
	}

	// A chosen password: no one-time password is returned.
	in = newOperatorInput("mario.verdi")
	in["password"] = "una-password-lunga"
	c = createdOperator{}
	mustOK(t, "create with password", admin.Do(createOperatorQ, map[string]any{"in": in})).Decode(t, &c)
	if c.CreateOperator.OneTimePassword != nil {
		t.Error("a one-time password was returned for a chosen password")
	}
	if _, r := signInAs(t, env, "mario.verdi", "una-password-lunga"); len(r.Errors) > 0 {
		t.Errorf("sign in with the chosen password: %+v", r.Errors)
	}
	// The administrator who created a social worker still sees no citizen.
	r = admin.Do(`{ citizens(filter:{zoneCode:"2"}, first:1){ totalCount } }`, nil)
	d.Citizens.TotalCount = -1
	if len(r.Errors) == 0 {
		r.Decode(t, &d)
	}
	if d.Citizens.TotalCount > 0 {
		t.Errorf("the administrator sees %d citizens", d.Citizens.TotalCount)
	}
}

func TestOperatorAdministrationIsForAdministratorsOnly(t *testing.T) {
	env := testenv.New(t)
	target := globalID("Operator", operatorID(t, env, "sportello.perugia"))
	for _, who := range []string{"as.perugia", "resp.perugia", "dpo", "regione", "sportello.perugia"} {
		c := env.SignIn(who)
		for name, call := range map[string]struct {
			q    string
			vars map[string]any
		}{
			"createOperator":        {createOperatorQ, map[string]any{"in": newOperatorInput("nuovo.operatore")}},
			"updateOperator":        {updateOperatorQ, map[string]any{"in": map[string]any{"operatorId": target, "version": 1, "displayName": "X Y"}}},
			"setOperatorActive":     {setActiveQ, map[string]any{"id": target, "a": false}},
			"resetOperatorPassword": {resetPasswordQ, map[string]any{"id": target}},
		} {
			r := c.Do(call.q, call.vars)
			if len(r.Errors) != 1 || r.Errors[0].Code() != "FORBIDDEN" {
				t.Errorf("%s: %s gave %+v", who, name, r.Errors)
			}
		}
	}
	// Nothing changed.
	var n int
	if err := env.DB.NewRaw(`SELECT count(*) FROM operator WHERE username = 'nuovo.operatore' OR (username = 'sportello.perugia' AND (NOT active OR version <> 1))`).
		Scan(context.Background(), &n); err != nil || n != 0 {
		t.Errorf("a refused mutation wrote (%d, %v)", n, err)
	}
	// The administration events: administrators and the DPO, nobody else.
	for who, ok := range map[string]bool{"admin": true, "dpo": true, "as.perugia": false, "resp.perugia": false, "regione": false} {
		r := env.SignIn(who).Do(adminEventsQ, nil)
		if ok && len(r.Errors) > 0 {
			t.Errorf("%s cannot read the administration events: %+v", who, r.Errors)
		}
		if !ok {
			if e, found := r.ErrorAt("administrationEvents"); !found || e.Code() != "FORBIDDEN" {
				t.Errorf("%s reads the administration events: %s %+v", who, r.Data, r.Errors)
			}
		}
	}
}

func operatorID(t *testing.T, env *testenv.Env, username string) int64 {
	t.Helper()
	var id int64
	if err := env.DB.NewRaw(`SELECT id FROM operator WHERE username = ?`, username).Scan(context.Background(), &id); err != nil {
		t.Fatal(err)
	}
	return id
}

func TestOperatorInputErrorsNameTheirFields(t *testing.T) {
	env := testenv.New(t)
	admin := env.SignIn("admin")
	otherZoneOffice := globalID("Office", officeOfZone(t, env, 10))
	role := func(r map[string]any) []map[string]any { return []map[string]any{r} }
	for _, tc := range []struct {
		name, field string
		change      func(in map[string]any)
	}{
		{"short username", "username", func(in map[string]any) { in["username"] = "ab" }},
		{"username with spaces", "username", func(in map[string]any) { in["username"] = "mario rossi" }},
		{"username taken", "username", func(in map[string]any) { in["username"] = "AS.Perugia" }},
		{"empty name", "displayName", func(in map[string]any) { in["displayName"] = " " }},
		{"short password", "password", func(in map[string]any) { in["password"] = "corta-11ch" }},
		{"password with the username", "password", func(in map[string]any) { in["password"] = "xx-chiara.neri-xx" }},
		{"unknown profession", "professionCode", func(in map[string]any) { in["professionCode"] = "ASTRONAUT" }},
		{"not an organization id", "organizationId", func(in map[string]any) { in["organizationId"] = "nope" }},
		{"not an office id", "officeIds", func(in map[string]any) { in["officeIds"] = []string{"nope"} }},
		{"no role", "roles", func(in map[string]any) { in["roles"] = []map[string]any{} }},
		{"zone role without zone", "roles[0].zoneCode", func(in map[string]any) { in["roles"] = role(map[string]any{"role": "FRONT_DESK"}) }},
		{"regional role with zone", "roles[0].zoneCode", func(in map[string]any) {
			in["roles"] = role(map[string]any{"role": "ADMIN", "zoneCode": "2"})
		}},
		{"unknown zone", "roles[0].zoneCode", func(in map[string]any) {
			in["roles"] = role(map[string]any{"role": "SOCIAL_WORKER", "zoneCode": "99"})
		}},
		{"office of another zone", "roles[0].officeId", func(in map[string]any) {
			in["roles"] = role(map[string]any{"role": "SOCIAL_WORKER", "zoneCode": "2", "officeId": otherZoneOffice})
		}},
		{"same role twice", "roles[1].role", func(in map[string]any) {
			r := map[string]any{"role": "SOCIAL_WORKER", "zoneCode": "2"}
			in["roles"] = []map[string]any{r, r}
		}},
		{"administrator with social content", "roles", func(in map[string]any) {
			in["roles"] = []map[string]any{{"role": "ADMIN"}, {"role": "SOCIAL_WORKER", "zoneCode": "2"}}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := newOperatorInput("chiara.neri")
			tc.change(in)
			r := admin.Do(createOperatorQ, map[string]any{"in": in})
			if len(r.Errors) != 1 || r.Errors[0].Code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != tc.field {
				t.Fatalf("want BAD_USER_INPUT on %s, got %+v", tc.field, r.Errors)
			}
		})
	}
	var n int
	if err := env.DB.NewRaw(`SELECT count(*) FROM operator WHERE username = 'chiara.neri'`).Scan(context.Background(), &n); err != nil || n != 0 {
		t.Errorf("an invalid input created the operator (%d, %v)", n, err)
	}
}

func TestDeactivationAndPasswordResetEndSessions(t *testing.T) {
	env := testenv.New(t)
	admin := env.SignIn("admin")
	in := newOperatorInput("chiara.neri")
	in["password"] = "una-password-lunga"
	var c createdOperator
	mustOK(t, "create", admin.Do(createOperatorQ, map[string]any{"in": in})).Decode(t, &c)
	id := c.CreateOperator.Operator.ID
	client, r := signInAs(t, env, "chiara.neri", "una-password-lunga")
	mustOK(t, "sign in", r)
	mustOK(t, "viewer", client.Do(`{ viewer { username } }`, nil))

	mustOK(t, "deactivate", admin.Do(setActiveQ, map[string]any{"id": id, "a": false}))
	if e, ok := client.Do(`{ viewer { username } }`, nil).ErrorAt("viewer"); !ok || e.Code() != "UNAUTHENTICATED" {
		t.Errorf("the session of a deactivated operator still works: %+v", e)
	}
	if _, r := signInAs(t, env, "chiara.neri", "una-password-lunga"); len(r.Errors) == 0 || r.Errors[0].Code() != "UNAUTHENTICATED" {
		t.Errorf("a deactivated operator signed in: %+v", r.Errors)
	}
	// Reactivated: the old session stays ended, a new sign-in works.
	mustOK(t, "activate", admin.Do(setActiveQ, map[string]any{"id": id, "a": true}))
	if e, ok := client.Do(`{ viewer { username } }`, nil).ErrorAt("viewer"); !ok || e.Code() != "UNAUTHENTICATED" {
		t.Errorf("reactivation revived an old session: %+v", e)
	}
	client, r = signInAs(t, env, "chiara.neri", "una-password-lunga")
	mustOK(t, "sign in again", r)

	// A password reset ends the session and replaces the password.
	var reset struct {
		ResetOperatorPassword struct{ OneTimePassword string }
	}
	mustOK(t, "reset", admin.Do(resetPasswordQ, map[string]any{"id": id})).Decode(t, &reset)
	if e, ok := client.Do(`{ viewer { username } }`, nil).ErrorAt("viewer"); !ok || e.Code() != "UNAUTHENTICATED" {
		t.Errorf("the session survived a password reset: %+v", e)
	}
	if _, r := signInAs(t, env, "chiara.neri", "una-password-lunga"); len(r.Errors) == 0 {
		t.Error("the old password still works after a reset")
	}
	if _, r := signInAs(t, env, "chiara.neri", reset.ResetOperatorPassword.OneTimePassword); len(r.Errors) > 0 {
		t.Errorf("the new one-time password does not work: %+v", r.Errors)
	}
}

func TestUpdateOperatorAndTheAdministrationTrail(t *testing.T) {
	env := testenv.New(t)
	admin := env.SignIn("admin")
	var c createdOperator
	mustOK(t, "create", admin.Do(createOperatorQ, map[string]any{"in": newOperatorInput("chiara.neri")})).Decode(t, &c)
	op := c.CreateOperator.Operator
	otp := *c.CreateOperator.OneTimePassword

	// Roles replaced, version checked.
	up := map[string]any{"operatorId": op.ID, "version": op.Version, "displayName": "Chiara Neri Bianchi",
		"roles": []map[string]any{{"role": "ZONE_MANAGER", "zoneCode": "3"}}}
	var u struct {
		UpdateOperator struct {
			Operator struct {
				Version     int
				DisplayName string
				Roles       []struct {
					Role string
					Zone *struct{ Code string }
				}
			}
		}
	}
	mustOK(t, "update", admin.Do(updateOperatorQ, map[string]any{"in": up})).Decode(t, &u)
	got := u.UpdateOperator.Operator
	if got.Version != op.Version+1 || got.DisplayName != "Chiara Neri Bianchi" || len(got.Roles) != 1 ||
		got.Roles[0].Role != "ZONE_MANAGER" || got.Roles[0].Zone.Code != "3" {
		t.Errorf("updated: %+v", got)
	}
	if r := admin.Do(updateOperatorQ, map[string]any{"in": up}); len(r.Errors) != 1 || r.Errors[0].Code() != "CONFLICT" {
		t.Errorf("a stale version: %+v", r.Errors)
	}
	mustOK(t, "deactivate", admin.Do(setActiveQ, map[string]any{"id": op.ID, "a": false}))
	var reset struct {
		ResetOperatorPassword struct{ OneTimePassword string }
	}
	mustOK(t, "reset", admin.Do(resetPasswordQ, map[string]any{"id": op.ID})).Decode(t, &reset)

	// The audit trail: one ADMIN event per change, with before and after, never a password.
	rows, err := env.DB.QueryContext(context.Background(), `SELECT reason, actor_label, before IS NOT NULL, after IS NOT NULL,
		coalesce(before::text, '') || coalesce(after::text, '') FROM audit_event
		WHERE action = 'ADMIN' AND object_type = 'Operator' AND object_id = ? ORDER BY id`, dbID(t, op.ID))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var reasons []string
	for rows.Next() {
		var reason, actor, docs string
		var before, after bool
		if err := rows.Scan(&reason, &actor, &before, &after, &docs); err != nil {
			t.Fatal(err)
		}
		reasons = append(reasons, reason)
		if actor != "admin" || !after || before != (reason != "createOperator") {
			t.Errorf("%s: actor %q, before %v, after %v", reason, actor, before, after)
		}
		for _, secret := range []string{"password", "argon2", otp, reset.ResetOperatorPassword.OneTimePassword} {
			if strings.Contains(docs, secret) {
				t.Errorf("%s: the audit record contains %q: %s", reason, secret, docs)
			}
		}
	}
	if want := "createOperator updateOperator deactivateOperator resetOperatorPassword"; strings.Join(reasons, " ") != want {
		t.Errorf("events %v, want %s", reasons, want)
	}

	// The same through GraphQL, for the administrator and the DPO.
	for _, who := range []string{"admin", "dpo"} {
		var ev struct {
			AdministrationEvents struct {
				TotalCount int
				Edges      []struct {
					Node struct {
						Actor, Action, ObjectType string
						Before, After             *string
						Operator                  *struct{ Username string }
					}
				}
			}
		}
		mustOK(t, who+" events", env.SignIn(who).Do(adminEventsQ, map[string]any{"op": op.ID, "first": 10})).Decode(t, &ev)
		es := ev.AdministrationEvents
		if es.TotalCount != 4 || len(es.Edges) != 4 {
			t.Fatalf("%s: %d events", who, es.TotalCount)
		}
		newest := es.Edges[0].Node
		if newest.Action != "resetOperatorPassword" || newest.Actor != "admin" || newest.Before == nil || newest.After == nil ||
			newest.Operator == nil || newest.Operator.Username != "chiara.neri" {
			t.Errorf("%s: newest event %+v", who, newest)
		}
		if last := es.Edges[3].Node; last.Action != "createOperator" || last.Before != nil || !strings.Contains(*last.After, `"SOCIAL_WORKER"`) {
			t.Errorf("%s: creation event %+v", who, last)
		}
	}
}

func TestAdministratorCannotGiveThemselfRoles(t *testing.T) {
	env := testenv.New(t)
	admin := env.SignIn("admin")
	self := globalID("Operator", operatorID(t, env, "admin"))
	var v struct{ Node struct{ Version int } }
	mustOK(t, "version", admin.Do(`query($id:ID!){ node(id:$id){ ... on Operator { version } } }`, map[string]any{"id": self})).Decode(t, &v)
	for name, roles := range map[string][]map[string]any{
		"social worker": {{"role": "SOCIAL_WORKER", "zoneCode": "2"}},
		"admin and DPO": {{"role": "ADMIN"}, {"role": "DPO"}},
	} {
		r := admin.Do(updateOperatorQ, map[string]any{"in": map[string]any{"operatorId": self, "version": v.Node.Version, "roles": roles}})
		if len(r.Errors) != 1 || r.Errors[0].Code() != "FORBIDDEN" {
			t.Errorf("%s: %+v", name, r.Errors)
		}
	}
	if r := admin.Do(setActiveQ, map[string]any{"id": self, "a": false}); len(r.Errors) != 1 || r.Errors[0].Code() != "FORBIDDEN" {
		t.Errorf("the administrator deactivated themself: %+v", r.Errors)
	}
	var roles []string
	if err := env.DB.NewRaw(`SELECT r.role FROM operator_role r JOIN operator o ON o.id = r.operator_id WHERE o.username = 'admin'`).
		Scan(context.Background(), &roles); err != nil || len(roles) != 1 || roles[0] != "ADMIN" {
		t.Errorf("the administrator's roles: %v %v", roles, err)
	}
	// Their own display name they may change.
	mustOK(t, "own name", admin.Do(updateOperatorQ, map[string]any{"in": map[string]any{"operatorId": self, "version": v.Node.Version, "displayName": "Paolo Cecchetti"}}))
}

func TestApiClientAdministrationIsAuditedWithoutTheToken(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	var orgID int64
	if err := env.DB.NewRaw(`SELECT id FROM organization ORDER BY id LIMIT 1`).Scan(ctx, &orgID); err != nil {
		t.Fatal(err)
	}
	admin := env.SignIn("admin")
	var c struct {
		CreateApiClient struct {
			Token     string
			ApiClient struct{ ID string }
		}
	}
	mustOK(t, "create", admin.Do(`mutation($in: CreateApiClientInput!){ createApiClient(input:$in){ token apiClient { id } } }`,
		map[string]any{"in": map[string]any{"name": "Partner di prova", "organizationId": globalID("Organization", orgID),
			"role": "ANALYST", "scopes": []string{"statistics:read"}, "expiresAt": time.Now().AddDate(1, 0, 0).Format(time.RFC3339)}})).Decode(t, &c)
	mustOK(t, "revoke", admin.Do(`mutation($id:ID!){ revokeApiClient(input:{id:$id}){ apiClient { active } } }`,
		map[string]any{"id": c.CreateApiClient.ApiClient.ID}))
	rows, err := env.DB.QueryContext(ctx, `SELECT reason, before IS NOT NULL, after IS NOT NULL,
		coalesce(before::text, '') || coalesce(after::text, '') FROM audit_event
		WHERE action = 'ADMIN' AND object_type = 'ApiClient' AND object_id = ? AND actor_label = 'admin' ORDER BY id`,
		dbID(t, c.CreateApiClient.ApiClient.ID))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var reason, docs string
		var before, after bool
		if err := rows.Scan(&reason, &before, &after, &docs); err != nil {
			t.Fatal(err)
		}
		got = append(got, reason)
		if !after || before != (reason == "revoked") {
			t.Errorf("%s: before %v after %v", reason, before, after)
		}
		if strings.Contains(docs, "token_hash") || strings.Contains(docs, c.CreateApiClient.Token) {
			t.Errorf("%s: the audit record holds the token or its hash: %s", reason, docs)
		}
	}
	if strings.Join(got, "|") != "created Partner di prova|revoked" {
		t.Errorf("events %q", got)
	}
}
