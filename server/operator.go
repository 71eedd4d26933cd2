package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/admin"
	"github.com/siso-project/siso/internal/apperr"
	"github.com/siso-project/siso/internal/authz"
)

const operatorUsage = "usage: siso operator create --username NAME --display-name \"Full Name\" --role ROLE[:ZONE] [--role ...] [--profession CODE] [--organization ID]\n" +
	"       siso operator retire-demo"

// roleFlags collects repeated --role ROLE[:ZONE] flags.
type roleFlags []admin.RoleInput

func (r *roleFlags) String() string { return fmt.Sprint(*r) }

func (r *roleFlags) Set(s string) error {
	name, zone, _ := strings.Cut(strings.TrimSpace(s), ":")
	role := authz.Role(strings.ToUpper(name))
	known := false
	for _, k := range authz.Roles {
		known = known || k == role
	}
	if !known {
		return fmt.Errorf("unknown role %q: one of FRONT_DESK, SOCIAL_WORKER, ZONE_MANAGER, PROVIDER, ANALYST, DPO, ADMIN", name)
	}
	*r = append(*r, admin.RoleInput{Role: role, ZoneCode: zone})
	return nil
}

// operatorCommand: `siso operator create ...` creates an operator (the first
// administrator of a new region, say) and prints the generated one-time
// password once. The creation is audited as done by the system.
func operatorCommand(ctx context.Context, args []string, db *bun.DB, out io.Writer) error {
	if len(args) == 1 && args[0] == "retire-demo" {
		return retireDemo(ctx, db, out)
	}
	if len(args) == 0 || args[0] != "create" {
		return errors.New(operatorUsage)
	}
	fs := flag.NewFlagSet("operator create", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	username := fs.String("username", "", "the sign-in name")
	display := fs.String("display-name", "", "the name shown to colleagues")
	profession := fs.String("profession", "", "the profession's code")
	org := fs.Int64("organization", 0, "the organization's database id")
	var roles roleFlags
	fs.Var(&roles, "role", "a role, ROLE or ROLE:ZONE (repeatable)")
	if err := fs.Parse(args[1:]); err != nil {
		return fmt.Errorf("%w\n%s", err, operatorUsage)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q\n%s", fs.Arg(0), operatorUsage)
	}
	svc := &admin.Service{DB: db}
	res, err := svc.Create(ctx, admin.Actor{System: "cli:operator-create"}, admin.CreateInput{
		Username: *username, DisplayName: *display, ProfessionCode: *profession, OrganizationID: *org,
		OfficeIDs: []int64{}, Roles: roles,
	})
	if e, ok := apperr.As(err); ok && e.Code == apperr.BadUserInput {
		flagName := map[string]string{"username": "--username", "displayName": "--display-name",
			"professionCode": "--profession", "organizationId": "--organization"}[e.Field]
		if flagName == "" {
			flagName = "--role"
		}
		return fmt.Errorf("%s: %s", flagName, e.Message)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "operator %s created (id %d)\n", strings.ToLower(strings.TrimSpace(*username)), res.OperatorID)
	fmt.Fprintf(out, "one-time password: %s\n", res.OneTimePassword)
	fmt.Fprintln(out, "It is shown only now: give it to the operator by a safe channel.")
	return nil
}
