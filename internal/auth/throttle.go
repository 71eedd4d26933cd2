package auth

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/netip"
	"time"

	"github.com/uptrace/bun"
)

// Throttle defaults (Authenticator fields left at their zero value).
const (
	// DefaultMaxFailures is how many attempts a username (existing or not)
	// gets per window before it is blocked.
	DefaultMaxFailures = 10
	// DefaultAddressMaxFailures is how many failed attempts one client
	// address gets per window before it is blocked, whatever the usernames.
	DefaultAddressMaxFailures = 100
	// DefaultWindow is how long failures are remembered.
	DefaultWindow = 15 * time.Minute
	// DefaultLockFor is how long a block lasts.
	DefaultLockFor = 15 * time.Minute
)

// purgeBatch bounds the expired rows one attempt deletes.
const purgeBatch = 100

// throttleKey names a counter of the sign_in_throttle table.
type throttleKey string

// usernameKey is the counter of a normalized username. The username is
// hashed: what was typed (perhaps a password in the wrong field) is never
// stored.
func usernameKey(normalized string) throttleKey {
	h := sha256.Sum256([]byte(normalized))
	return throttleKey("u:" + hex.EncodeToString(h[:]))
}

// addressKey is the counter of a client address ("" when unknown; an
// unexpectedly long one is hashed to fit the column). An IPv6 address
// counts as its /64: one subscriber holds a whole /64 and could otherwise
// take a fresh counter for every guess.
func addressKey(addr string) throttleKey {
	if addr == "" {
		addr = "unknown"
	}
	addr = ClientNetwork(addr)
	if len(addr) > 64 {
		h := sha256.Sum256([]byte(addr))
		addr = "#" + hex.EncodeToString(h[:16])
	}
	return throttleKey("a:" + addr)
}

// ClientNetwork is what counts as one client of addr for throttles and
// budgets: the address itself, or the /64 of an IPv6 address (one
// subscriber holds a whole /64). Anything that is not an address is
// returned as it is.
func ClientNetwork(addr string) string {
	if ip, err := netip.ParseAddr(addr); err == nil && ip.Is6() && !ip.Is4In6() {
		return netip.PrefixFrom(ip.WithZone(""), 64).Masked().String()
	}
	return addr
}

// counter is a key's state after an attempt was counted.
type counter struct {
	attempts int  // attempts in the current window, this one included
	blocked  bool // attempts are refused until the block ends
}

// reserve counts one attempt on key before the password is checked, so
// that concurrent attempts (in any process: the state is in the database)
// cannot get more than max evaluated per window. The attempt after the
// max-th blocks the key for lockFor; while blocked nothing is counted. A
// row past its expiry starts a new window. A success gives the attempt back
// (release).
func reserve(ctx context.Context, db bun.IDB, key throttleKey, max int, now time.Time, window, lockFor time.Duration) (counter, error) {
	var c counter
	err := db.QueryRowContext(ctx, `INSERT INTO sign_in_throttle AS t (key, attempts, window_start, blocked_until, expires_at)
		VALUES (?0, 1, ?1, NULL, ?2)
		ON CONFLICT (key) DO UPDATE SET
		    attempts = CASE WHEN t.blocked_until > ?1 THEN t.attempts
		                    WHEN t.expires_at <= ?1 THEN 1
		                    ELSE t.attempts + 1 END,
		    window_start = CASE WHEN t.blocked_until > ?1 THEN t.window_start
		                        WHEN t.expires_at <= ?1 THEN ?1
		                        ELSE t.window_start END,
		    blocked_until = CASE WHEN t.blocked_until > ?1 THEN t.blocked_until
		                         WHEN t.expires_at > ?1 AND t.attempts + 1 > ?4 THEN ?3
		                         ELSE NULL END,
		    expires_at = CASE WHEN t.blocked_until > ?1 THEN t.expires_at
		                      WHEN t.expires_at <= ?1 THEN ?2
		                      WHEN t.attempts + 1 > ?4 THEN ?3
		                      ELSE t.expires_at END
		RETURNING attempts, coalesce(blocked_until > ?1, false)`,
		string(key), now, now.Add(window), now.Add(lockFor), max).Scan(&c.attempts, &c.blocked)
	if err != nil {
		return counter{}, fmt.Errorf("auth: count the sign-in attempt: %w", err)
	}
	return c, nil
}

// release gives back the attempt a success reserved on an address key
// (a block stays).
func release(ctx context.Context, db bun.IDB, key throttleKey, now time.Time) error {
	if _, err := db.ExecContext(ctx, `UPDATE sign_in_throttle SET attempts = greatest(attempts - 1, 0)
		WHERE key = ? AND (blocked_until IS NULL OR blocked_until <= ?)`, string(key), now); err != nil {
		return fmt.Errorf("auth: release the sign-in attempt: %w", err)
	}
	return nil
}

// clear forgets a key's failures and block.
func clear(ctx context.Context, db bun.IDB, key throttleKey) error {
	if _, err := db.ExecContext(ctx, `DELETE FROM sign_in_throttle WHERE key = ?`, string(key)); err != nil {
		return fmt.Errorf("auth: clear the sign-in throttle: %w", err)
	}
	return nil
}

// ClearUsername lifts the block and forgets the failures of a username
// (normalized with NormalizeUsername): what an administrator's password
// reset does.
func ClearUsername(ctx context.Context, db bun.IDB, username string) error {
	return clear(ctx, db, usernameKey(NormalizeUsername(username)))
}

// purgeExpired deletes a bounded batch of expired counters (rows locked by
// concurrent attempts are left for later), so that the table holds only
// the counters of the last window or block.
func purgeExpired(ctx context.Context, db bun.IDB, now time.Time) error {
	if _, err := db.ExecContext(ctx, `DELETE FROM sign_in_throttle WHERE key IN
		(SELECT key FROM sign_in_throttle WHERE expires_at < ? ORDER BY expires_at LIMIT ? FOR UPDATE SKIP LOCKED)`,
		now, purgeBatch); err != nil {
		return fmt.Errorf("auth: purge the sign-in throttle: %w", err)
	}
	return nil
}
