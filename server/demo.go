package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/admin"
	"github.com/siso-project/siso/internal/auth"
	"github.com/siso-project/siso/internal/seed"
)

// retireDemoCommand is what fixes a production database with demo accounts.
const retireDemoCommand = "siso operator retire-demo"

// refuseDemoAccounts fails when the demo credentials sign in on db: a
// demo account is active, or an active operator has the demo password.
// Production mode checks it before serving.
func refuseDemoAccounts(ctx context.Context, db bun.IDB) error {
	found, err := seed.FindDemoAccounts(ctx, db, auth.VerifyPassword)
	if err != nil {
		return err
	}
	if len(found) == 0 {
		return nil
	}
	return fmt.Errorf("SISO_MODE=production refuses to start: %d active operator(s) are demo accounts or sign in with the demo password (%s). "+
		"Run `%s` with this SISO_DATABASE_URL: it deactivates them and replaces their passwords (audited); then give real people "+
		"a new password with resetOperatorPassword, and create an administrator with `siso operator create` if the demo admin was the only one",
		len(found), names(found, 10), retireDemoCommand)
}

// retireDemo is `siso operator retire-demo`: it retires (admin.Retire) every
// operator refuseDemoAccounts would name and says who.
func retireDemo(ctx context.Context, db *bun.DB, out io.Writer) error {
	found, err := seed.FindDemoAccounts(ctx, db, auth.VerifyPassword)
	if err != nil {
		return err
	}
	if len(found) == 0 {
		fmt.Fprintln(out, "no active demo account and no operator with the demo password: nothing to retire")
		return nil
	}
	ids := make([]int64, len(found))
	for i, a := range found {
		ids[i] = a.ID
	}
	if err := (&admin.Service{DB: db}).Retire(ctx, admin.Actor{System: "cli:operator-retire-demo"}, ids, "retireDemoAccount"); err != nil {
		return fmt.Errorf("retire the demo accounts: %w", err)
	}
	fmt.Fprintf(out, "retired %d operator(s), now inactive with an unknown password: %s\n", len(found), names(found, len(found)))
	return nil
}

// names lists at most n usernames.
func names(accounts []seed.DemoAccount, n int) string {
	var b strings.Builder
	for i, a := range accounts {
		if i == n {
			fmt.Fprintf(&b, " and %d more", len(accounts)-n)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(a.Username)
	}
	return b.String()
}
