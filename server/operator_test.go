package main

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/siso-project/siso/internal/auth"
	"github.com/siso-project/siso/internal/testdb"
	"github.com/siso-project/siso/internal/testenv"
)

func TestOperatorCreatePrintsTheOneTimePasswordOnce(t *testing.T) {
	db := testdb.New(t, testenv.Demo)
	ctx := context.Background()
	var out bytes.Buffer
	err := operatorCommand(ctx, []string{"create", "--username", "admin.marche", "--display-name", "Primo Amministratore",
		"--role", "ADMIN"}, db, &out)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`one-time password: (\S+)`).FindStringSubmatch(out.String())
	if m == nil || strings.Count(out.String(), m[1]) != 1 {
		t.Fatalf("output: %q", out.String())
	}
	var hash, roles string
	if err := db.NewRaw(`SELECT o.password_hash, string_agg(r.role, ',') FROM operator o JOIN operator_role r ON r.operator_id = o.id
		WHERE o.username = 'admin.marche' GROUP BY o.password_hash`).Scan(ctx, &hash, &roles); err != nil {
		t.Fatal(err)
	}
	if ok, err := auth.VerifyPassword(hash, m[1]); !ok || err != nil || roles != "ADMIN" {
		t.Errorf("password verifies %v (%v), roles %q", ok, err, roles)
	}
	var actor string
	if err := db.NewRaw(`SELECT actor_label FROM audit_event WHERE action = 'ADMIN' AND object_type = 'Operator'
		AND reason = 'createOperator' ORDER BY id DESC LIMIT 1`).Scan(ctx, &actor); err != nil || actor != "cli:operator-create" {
		t.Errorf("audit actor %q (%v)", actor, err)
	}
	// Problems name the flag.
	for args, want := range map[string]string{
		"create --username x --display-name Nome --role ADMIN":                "--username",
		"create --username mario.rossi --display-name Nome --role FRONT_DESK": "--role",
		"create --username mario.rossi --display-name Nome --role NOBODY":     "unknown role",
		"list": "usage",
	} {
		err := operatorCommand(ctx, strings.Fields(args), db, &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v", args, err)
		}
	}
}
