package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/uptrace/bun"
)

// Defaults of the Sessions fields left at their zero value.
const (
	DefaultIdleTimeout     = 30 * time.Minute
	DefaultAbsoluteTimeout = 12 * time.Hour
)

const (
	// tokenBytes is the entropy of a session token.
	tokenBytes = 32
	// tokenLen is the length of its unpadded base64url encoding.
	tokenLen = 43
	// touchInterval is how stale last_seen_at may get before Lookup
	// writes it again; it saves a write per request at the cost of the
	// idle timeout being up to this much shorter in effect.
	touchInterval = time.Minute
	// maxUserAgent is how many bytes of the User-Agent are stored.
	maxUserAgent = 512
)

// ErrNoSession means the token does not name a current session: it is
// unknown, revoked, expired, idle too long, or its operator is deactivated.
var ErrNoSession = errors.New("auth: no valid session")

// Session is a valid server-side session.
type Session struct {
	OperatorID int64
	CreatedAt  time.Time
	LastSeenAt time.Time
	// ExpiresAt is the absolute expiry, whatever the activity.
	ExpiresAt time.Time
}

// Sessions stores operators' sessions in the session table. The token given
// to the client is 32 random bytes in unpadded base64url; only its SHA-256
// hash is stored, so a copy of the database does not yield usable tokens.
//
// A session ends at the first of: revocation, ExpiresAt (CreatedAt +
// AbsoluteTimeout), IdleTimeout without a Lookup, or the deactivation of
// its operator.
type Sessions struct {
	// DB is the database (or transaction) holding the session table.
	DB bun.IDB
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
	// IdleTimeout ends a session not used for this long; 0 means
	// DefaultIdleTimeout.
	IdleTimeout time.Duration
	// AbsoluteTimeout ends a session this long after its creation; 0 means
	// DefaultAbsoluteTimeout.
	AbsoluteTimeout time.Duration
}

// now returns the current time at the microsecond precision of timestamptz,
// so that the values returned equal those stored.
func (s *Sessions) now() time.Time {
	t := time.Now()
	if s.Now != nil {
		t = s.Now()
	}
	return t.Truncate(time.Microsecond)
}

func (s *Sessions) idleTimeout() time.Duration {
	if s.IdleTimeout > 0 {
		return s.IdleTimeout
	}
	return DefaultIdleTimeout
}

func (s *Sessions) absoluteTimeout() time.Duration {
	if s.AbsoluteTimeout > 0 {
		return s.AbsoluteTimeout
	}
	return DefaultAbsoluteTimeout
}

// hashToken returns the stored form of a token, or false if the token is
// not shaped like one Create makes (so that garbage never reaches the
// database).
func hashToken(token string) ([]byte, bool) {
	if len(token) != tokenLen {
		return nil, false
	}
	if _, err := base64.RawURLEncoding.Strict().DecodeString(token); err != nil {
		return nil, false
	}
	h := sha256.Sum256([]byte(token))
	return h[:], true
}

// Create starts a session for the operator and returns its token, to be
// sent to the client (see SessionCookie), and the session. userAgent is
// stored, truncated, for the operator's list of active sessions.
func (s *Sessions) Create(ctx context.Context, operatorID int64, userAgent string) (string, Session, error) {
	return s.create(ctx, s.DB, operatorID, userAgent)
}

func (s *Sessions) create(ctx context.Context, db bun.IDB, operatorID int64, userAgent string) (string, Session, error) {
	raw := make([]byte, tokenBytes)
	if _, err := rand.Read(raw); err != nil {
		return "", Session{}, fmt.Errorf("auth: read random token: %w", err)
	}
	token := base64.RawURLEncoding.EncodeToString(raw)
	hash, _ := hashToken(token)
	now := s.now()
	sess := Session{
		OperatorID: operatorID,
		CreatedAt:  now,
		LastSeenAt: now,
		ExpiresAt:  now.Add(s.absoluteTimeout()),
	}
	var ua sql.NullString
	if userAgent != "" {
		ua = sql.NullString{String: truncateUTF8(userAgent, maxUserAgent), Valid: true}
	}
	_, err := db.ExecContext(ctx, `INSERT INTO session
		    (token_hash, operator_id, created_at, last_seen_at, expires_at, user_agent)
		VALUES (?, ?, ?, ?, ?, ?)`,
		hash, operatorID, sess.CreatedAt, sess.LastSeenAt, sess.ExpiresAt, ua)
	if err != nil {
		return "", Session{}, fmt.Errorf("auth: create session: %w", err)
	}
	return token, sess, nil
}

// truncateUTF8 cuts s to at most n bytes without splitting a character and
// replaces invalid UTF-8, which a text column would refuse.
func truncateUTF8(s string, n int) string {
	if !utf8.ValidString(s) {
		s = string([]rune(s)) // invalid bytes become U+FFFD
	}
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// Rotate revokes the session of oldToken, if any and whoever it belongs to,
// and creates a new one for operatorID, in one transaction. Call it at
// sign-in with the token of the cookie the client sent (possibly empty), so
// that a session id planted before sign-in is never authenticated.
func (s *Sessions) Rotate(ctx context.Context, oldToken string, operatorID int64, userAgent string) (string, Session, error) {
	var (
		token string
		sess  Session
	)
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := s.revoke(ctx, tx, oldToken); err != nil {
			return err
		}
		var err error
		token, sess, err = s.create(ctx, tx, operatorID, userAgent)
		return err
	})
	if err != nil {
		return "", Session{}, fmt.Errorf("auth: rotate session: %w", err)
	}
	return token, sess, nil
}

// Lookup returns the session of token, or ErrNoSession if there is no such
// session or it is revoked, past ExpiresAt, idle for longer than
// IdleTimeout, or its operator is deactivated. It records the activity,
// writing last_seen_at only when the stored value is more than a minute
// old.
func (s *Sessions) Lookup(ctx context.Context, token string) (Session, error) {
	r, err := s.Resolve(ctx, token)
	return r.Session, err
}

// touch moves the session's last_seen_at to now; the condition on
// last_seen_at keeps it from moving backwards when requests race.
func (s *Sessions) touch(ctx context.Context, hash []byte, now time.Time) error {
	if _, err := s.DB.ExecContext(ctx,
		`UPDATE session SET last_seen_at = ? WHERE token_hash = ? AND last_seen_at < ?::timestamptz`,
		now, hash, now); err != nil {
		return fmt.Errorf("auth: touch session: %w", err)
	}
	return nil
}

// Revoke ends the session of token (sign-out). An unknown or already ended
// session is not an error.
func (s *Sessions) Revoke(ctx context.Context, token string) error {
	return s.revoke(ctx, s.DB, token)
}

func (s *Sessions) revoke(ctx context.Context, db bun.IDB, token string) error {
	hash, ok := hashToken(token)
	if !ok {
		return nil
	}
	if _, err := db.ExecContext(ctx,
		`UPDATE session SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL`,
		s.now(), hash); err != nil {
		return fmt.Errorf("auth: revoke session: %w", err)
	}
	return nil
}

// RevokeAll ends every session of the operator, for example after a
// password change, a deactivation or a suspected compromise.
func (s *Sessions) RevokeAll(ctx context.Context, operatorID int64) error {
	return RevokeAllIn(ctx, s.DB, operatorID, s.now())
}

// RevokeAllIn ends every session of the operator at now through db, so that a
// change that must end them (a password reset, a deactivation) does it in
// its own transaction.
func RevokeAllIn(ctx context.Context, db bun.IDB, operatorID int64, now time.Time) error {
	if _, err := db.ExecContext(ctx,
		`UPDATE session SET revoked_at = ? WHERE operator_id = ? AND revoked_at IS NULL`,
		now, operatorID); err != nil {
		return fmt.Errorf("auth: revoke sessions of operator %d: %w", operatorID, err)
	}
	return nil
}

// DeleteExpired deletes the sessions that can no longer be used (revoked,
// past their absolute expiry or idle too long) and returns how many it
// deleted. Run it periodically.
func (s *Sessions) DeleteExpired(ctx context.Context) (int64, error) {
	now := s.now()
	res, err := s.DB.ExecContext(ctx, `DELETE FROM session
		WHERE revoked_at IS NOT NULL OR expires_at <= ?::timestamptz OR last_seen_at < ?::timestamptz`,
		now, now.Add(-s.idleTimeout()))
	if err != nil {
		return 0, fmt.Errorf("auth: delete expired sessions: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("auth: delete expired sessions: %w", err)
	}
	return n, nil
}
