package seed

import (
	"context"
	"fmt"
	"slices"

	"github.com/uptrace/bun"
)

// DemoAccount is an active operator that the demo credentials sign in as.
type DemoAccount struct {
	ID       int64
	Username string
}

// FindDemoAccounts returns the active operators, by username, that are demo
// accounts (DemoUsernames) or whose password is DefaultPassword according
// to verify (auth.VerifyPassword). A hash that fails to parse is not the
// demo password.
//
// Each distinct password hash is verified once: hashes found not to be the
// demo password are remembered in demo_password_screened by their SHA-256,
// and forgotten once no operator has them, so that only new passwords cost
// a verification at the next check.
func FindDemoAccounts(ctx context.Context, db bun.IDB, verify func(hash, password string) (bool, error)) ([]DemoAccount, error) {
	rows, err := db.QueryContext(ctx, `SELECT o.id, o.username, o.password_hash, s.digest IS NOT NULL
		FROM operator o LEFT JOIN demo_password_screened s ON s.digest = sha256(convert_to(o.password_hash, 'UTF8'))
		WHERE o.active ORDER BY o.username`)
	if err != nil {
		return nil, fmt.Errorf("seed: read operators: %w", err)
	}
	type op struct {
		DemoAccount
		hash     string
		screened bool
	}
	var ops []op
	for rows.Next() {
		var o op
		if err := rows.Scan(&o.ID, &o.Username, &o.hash, &o.screened); err != nil {
			rows.Close()
			return nil, fmt.Errorf("seed: read operators: %w", err)
		}
		ops = append(ops, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("seed: read operators: %w", err)
	}

	demoHash := map[string]bool{} // verified hashes: is it the demo password?
	var found []DemoAccount
	for _, o := range ops {
		isDemo := slices.Contains(DemoUsernames, o.Username)
		if !o.screened {
			d, seen := demoHash[o.hash]
			if !seen {
				d, _ = verify(o.hash, DefaultPassword)
				demoHash[o.hash] = d
				if !d {
					if _, err := db.ExecContext(ctx, `INSERT INTO demo_password_screened (digest, screened_at)
						VALUES (sha256(convert_to(?, 'UTF8')), now()) ON CONFLICT DO NOTHING`, o.hash); err != nil {
						return nil, fmt.Errorf("seed: remember a screened password: %w", err)
					}
				}
			}
			isDemo = isDemo || d
		}
		if isDemo {
			found = append(found, o.DemoAccount)
		}
	}
	if _, err := db.ExecContext(ctx, `DELETE FROM demo_password_screened s WHERE NOT EXISTS
		(SELECT 1 FROM operator o WHERE sha256(convert_to(o.password_hash, 'UTF8')) = s.digest)`); err != nil {
		return nil, fmt.Errorf("seed: forget screened passwords: %w", err)
	}
	return found, nil
}
