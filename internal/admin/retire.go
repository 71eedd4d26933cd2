package admin

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/auth"
)

// Retire deactivates the operators and replaces each one's password with a
// random one that is never shown (must_change_password set), ending their
// sessions: even if an administrator reactivates one, it signs in only after
// resetOperatorPassword. Each change is audited with reason, in one
// transaction. It is how the demo accounts are taken out of a production
// database (`siso operator retire-demo`).
func (s *Service) Retire(ctx context.Context, by Actor, ids []int64, reason string) error {
	password, err := GeneratePassword()
	if err != nil {
		return err
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return err
	}
	return s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := requireAdmin(ctx, tx, by); err != nil {
			return err
		}
		now := s.now()
		for _, id := range ids {
			before, err := lockOperator(ctx, tx, id, nil)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE operator SET active = false, password_hash = ?,
				must_change_password = true, version = version + 1, updated_at = ? WHERE id = ?`,
				hash, now, id); err != nil {
				return fmt.Errorf("admin: retire operator %d: %w", id, err)
			}
			if err := auth.RevokeAllIn(ctx, tx, id, now); err != nil {
				return err
			}
			if err := auth.ForgetOperatorDevices(ctx, tx, id); err != nil {
				return err
			}
			if err := s.audited(ctx, tx, by, id, reason, before); err != nil {
				return err
			}
		}
		return nil
	})
}
