package httpapi_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/siso-project/siso/internal/seed"
	"github.com/siso-project/siso/internal/testenv"
)

const (
	changePasswordQ = `mutation($c: String!, $n: String!){ changePassword(input:{currentPassword:$c, newPassword:$n}){
		viewer { username mustChangePassword } } }`
	mustChangeQ = `{ viewer { username mustChangePassword } }`
)

// mustChange reads viewer.mustChangePassword.
func mustChange(t *testing.T, c *testenv.Client) bool {
	t.Helper()
	var d struct {
		Viewer struct{ MustChangePassword bool }
	}
	mustOK(t, "viewer", c.Do(mustChangeQ, nil)).Decode(t, &d)
	return d.Viewer.MustChangePassword
}

// refusedBeforeChange checks that every field but viewer, changePassword and
// signOut is refused with the policy password.change-required.
func refusedBeforeChange(t *testing.T, c *testenv.Client, who string) {
	t.Helper()
	for _, tc := range []struct {
		name, q string
		vars    map[string]any
		at      string
	}{
		{"citizens", `{ citizens(first:1){ totalCount } }`, nil, "citizens"},
		{"zones", `{ zones { code } }`, nil, "zones"},
		{"operators", `{ operators(first:1){ totalCount } }`, nil, "operators"},
		{"codeLists", `{ codeLists { professions { code } } }`, nil, "codeLists"},
		{"viewer's cases", `{ viewer { operator { id } } }`, nil, "viewer"},
		{"createCitizen", `mutation($in: CreateCitizenInput!){ createCitizen(input:$in){ citizen { id } } }`,
			map[string]any{"in": map[string]any{"firstName": "Anna", "lastName": "Rossi", "birthDate": "1980-01-01",
				"sex": "F", "fiscalCode": "RSSNNA80A41G478G"}}, "createCitizen"},
	} {
		r := c.Do(tc.q, tc.vars)
		var found bool
		for _, e := range r.Errors {
			if e.Code() == "FORBIDDEN" && e.Extensions["policy"] == "password.change-required" {
				found = true
			}
			if e.Code() != "FORBIDDEN" {
				t.Errorf("%s, %s: unexpected error %+v", who, tc.name, e)
			}
		}
		if !found || strings.Contains(string(r.Data), `"totalCount"`) || strings.Contains(string(r.Data), `"code"`) {
			t.Errorf("%s, %s: not refused with password.change-required: %s %+v", who, tc.name, r.Data, r.Errors)
		}
	}
}

func TestOperatorMustChangeTheOneTimePassword(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	admin := env.SignIn("admin")
	var c createdOperator
	mustOK(t, "create", admin.Do(createOperatorQ, map[string]any{"in": newOperatorInput("chiara.neri")})).Decode(t, &c)
	otp := *c.CreateOperator.OneTimePassword
	op := c.CreateOperator.Operator.ID

	client, r := signInAs(t, env, "chiara.neri", otp)
	mustOK(t, "sign in with the one-time password", r)
	if !mustChange(t, client) {
		t.Fatal("a new operator is not asked to change the one-time password")
	}
	// The viewer with its zones and offices (what the SPA needs) still answers.
	mustOK(t, "viewer", client.Do(`{ viewer { id username displayName roles organization { id } zones { code } offices { id } } }`, nil))
	refusedBeforeChange(t, client, "after createOperator")

	// Input errors, each on its field, and nothing changed.
	const strong = "una-nuova-frase-segreta"
	for _, tc := range []struct {
		name, current, next, field string
	}{
		{"wrong current password", "not-the-password", strong, "currentPassword"},
		{"no current password", "", strong, "currentPassword"},
		{"too short", otp, "corta-11chr", "newPassword"},
		{"contains the username", otp, "xx-Chiara.Neri-2025", "newPassword"},
		{"same as the current", otp, otp, "newPassword"},
	} {
		r := client.Do(changePasswordQ, map[string]any{"c": tc.current, "n": tc.next})
		if len(r.Errors) != 1 || r.Errors[0].Code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != tc.field {
			t.Errorf("%s: %+v, want BAD_USER_INPUT on %s", tc.name, r.Errors, tc.field)
		}
	}
	// The wrong current password counted towards the lock-out (the one with
	// no password did not reach the check).
	var failed int
	if err := env.DB.NewRaw(`SELECT attempts FROM sign_in_throttle
		WHERE key = 'u:' || encode(sha256('chiara.neri'::bytea), 'hex')`).Scan(ctx, &failed); err != nil || failed != 1 {
		t.Errorf("failed sign-ins after a wrong current password = %d (%v), want 1", failed, err)
	}
	if !mustChange(t, client) {
		t.Fatal("a refused change cleared the flag")
	}

	// The change: the same client continues (new cookie) and works normally.
	var ch struct {
		ChangePassword struct {
			Viewer struct {
				Username           string
				MustChangePassword bool
			}
		}
	}
	mustOK(t, "change", client.Do(changePasswordQ, map[string]any{"c": otp, "n": strong})).Decode(t, &ch)
	if ch.ChangePassword.Viewer.Username != "chiara.neri" || ch.ChangePassword.Viewer.MustChangePassword {
		t.Errorf("after the change: %+v", ch.ChangePassword.Viewer)
	}
	if mustChange(t, client) {
		t.Error("the flag is still set after the change")
	}
	var d struct{ Citizens struct{ TotalCount int } }
	mustOK(t, "search after the change", client.Do(`{ citizens(filter:{zoneCode:"2"}, first:1){ totalCount } }`, nil)).Decode(t, &d)
	if d.Citizens.TotalCount == 0 {
		t.Error("the social worker sees no citizen of their zone after the change")
	}
	var changedAt *time.Time
	if err := env.DB.NewRaw(`SELECT password_changed_at FROM operator WHERE username = 'chiara.neri'`).Scan(ctx, &changedAt); err != nil || changedAt == nil {
		t.Errorf("password_changed_at not recorded (%v)", err)
	}
	if _, r := signInAs(t, env, "chiara.neri", otp); len(r.Errors) == 0 || r.Errors[0].Code() != "UNAUTHENTICATED" {
		t.Errorf("the one-time password still signs in: %+v", r.Errors)
	}
	fresh, r := signInAs(t, env, "chiara.neri", strong)
	mustOK(t, "sign in with the new password", r)
	if mustChange(t, fresh) {
		t.Error("a sign-in with the chosen password is asked to change it")
	}

	// A reset by the administrator asks for a change again.
	var reset struct {
		ResetOperatorPassword struct{ OneTimePassword string }
	}
	mustOK(t, "reset", admin.Do(resetPasswordQ, map[string]any{"id": op})).Decode(t, &reset)
	again, r := signInAs(t, env, "chiara.neri", reset.ResetOperatorPassword.OneTimePassword)
	mustOK(t, "sign in after the reset", r)
	if !mustChange(t, again) {
		t.Error("resetOperatorPassword did not set the flag")
	}
	refusedBeforeChange(t, again, "after resetOperatorPassword")

	// A password an administrator chose is also to be changed.
	in := newOperatorInput("mario.verdi")
	in["password"] = "scelta-dall-amministratore"
	mustOK(t, "create with a password", admin.Do(createOperatorQ, map[string]any{"in": in}))
	chosen, r := signInAs(t, env, "mario.verdi", "scelta-dall-amministratore")
	mustOK(t, "sign in with the chosen password", r)
	if !mustChange(t, chosen) {
		t.Error("a password the administrator chose is not to be changed")
	}

	// The audit trail: the change by the operator, no password material.
	rows, err := env.DB.QueryContext(ctx, `SELECT reason, actor_label, coalesce(before::text, '') || coalesce(after::text, '')
		FROM audit_event WHERE action = 'ADMIN' AND object_type = 'Operator' AND object_id = ? ORDER BY id`, dbID(t, op))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var reasons []string
	for rows.Next() {
		var reason, actor, docs string
		if err := rows.Scan(&reason, &actor, &docs); err != nil {
			t.Fatal(err)
		}
		reasons = append(reasons, reason+":"+actor)
		for _, secret := range []string{"password", "argon2", otp, strong, reset.ResetOperatorPassword.OneTimePassword} {
			if strings.Contains(docs, secret) {
				t.Errorf("%s: the audit record contains %q", reason, secret)
			}
		}
	}
	if want := "createOperator:admin changePassword:chiara.neri resetOperatorPassword:admin"; strings.Join(reasons, " ") != want {
		t.Errorf("events %v, want %s", reasons, want)
	}
}

// Demo operators are not asked to change; a change from a second session
// ends the first one and keeps the second.
func TestPasswordChangeEndsTheOtherSessions(t *testing.T) {
	env := testenv.New(t)
	first := env.SignIn("sportello.perugia")
	second := env.SignIn("sportello.perugia")
	if mustChange(t, first) {
		t.Fatal("a demo operator is asked to change the password")
	}
	mustOK(t, "change", second.Do(changePasswordQ, map[string]any{"c": seed.DefaultPassword, "n": "frase-nuova-di-sportello"}))
	if e, ok := first.Do(`{ viewer { username } }`, nil).ErrorAt("viewer"); !ok || e.Code() != "UNAUTHENTICATED" {
		t.Errorf("the first session survived the change: %+v", e)
	}
	mustOK(t, "the changing session continues", second.Do(`{ zones { code } }`, nil))
	if _, r := signInAs(t, env, "sportello.perugia", seed.DefaultPassword); len(r.Errors) == 0 {
		t.Error("the old password still signs in")
	}
	// Anonymous callers cannot change a password.
	if r := env.Anonymous().Do(changePasswordQ, map[string]any{"c": "x", "n": "frase-nuova-di-sportello"}); len(r.Errors) != 1 ||
		r.Errors[0].Code() != "UNAUTHENTICATED" {
		t.Errorf("anonymous change: %+v", r.Errors)
	}
}
