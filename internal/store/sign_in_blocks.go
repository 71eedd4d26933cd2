package store

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// SignInBlocks returns, for the operators among ids whose username is
// blocked from signing in now (the sign_in_throttle row of the username,
// keyed "u:" and the SHA-256 of the lower-case username, as internal/auth
// writes it), the end of the block.
func (s *Store) SignInBlocks(ctx context.Context, ids []int64) (map[int64]*time.Time, error) {
	var rows []struct {
		ID    int64     `bun:"id"`
		Until time.Time `bun:"blocked_until"`
	}
	err := s.DB.NewRaw(`SELECT o.id, t.blocked_until FROM operator o
		JOIN sign_in_throttle t ON t.key = 'u:' || encode(sha256(convert_to(lower(o.username), 'UTF8')), 'hex')
		WHERE o.id IN (?) AND t.blocked_until > now()`, bun.In(ids)).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("sign-in blocks: %w", err)
	}
	out := make(map[int64]*time.Time, len(rows))
	for _, r := range rows {
		out[r.ID] = &r.Until
	}
	return out, nil
}
