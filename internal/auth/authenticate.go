package auth

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/uptrace/bun"
)

// Defaults of the Authenticator fields left at their zero value.
const (
	DefaultMaxFailures = 10
	DefaultLockFor     = 15 * time.Minute
)

// Progressive slow-down of failed sign-ins: once an operator has more than
// slowDownAfter consecutive failures, each further failure waits
// slowDownStep per failure beyond that, at most slowDownMax.
const (
	slowDownAfter = 3
	slowDownStep  = 250 * time.Millisecond
	slowDownMax   = 2 * time.Second
)

var (
	// ErrInvalidCredentials means the username is unknown, the operator is
	// deactivated or the password is wrong. The cases are deliberately not
	// told apart.
	ErrInvalidCredentials = errors.New("auth: invalid username or password")
	// ErrLocked means sign-in is temporarily refused for this account
	// after too many failed attempts.
	ErrLocked = errors.New("auth: sign-in temporarily refused, try again later")
)

// usernameRE is the operator.username CHECK constraint of the schema.
var usernameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{2,63}$`)

// NormalizeUsername trims surrounding white space and lower-cases a username
// as typed at sign-in.
func NormalizeUsername(username string) string {
	return strings.ToLower(strings.TrimSpace(username))
}

// Authenticator checks operators' usernames and passwords against the
// operator table, slowing down and then locking out repeated failures.
//
// Lock-out: the number of consecutive failed sign-ins is kept in
// operator.failed_sign_ins. The failure that brings it to MaxFailures sets
// operator.locked_until to now+LockFor and resets the counter to 0, so that
// once the lock ends the operator has a fresh allowance of MaxFailures
// attempts. While locked, every attempt fails with ErrLocked without the
// password being checked, even if it is right. A successful sign-in resets
// the counter and the lock and records last_sign_in_at.
//
// Slow-down: after 3 consecutive failures, each further failed attempt
// waits min(250ms × (failures−3), 2s) before returning, or until ctx is
// done.
//
// An Authenticator must not be copied after first use.
type Authenticator struct {
	// DB is the database (or transaction) holding the operator table.
	DB bun.IDB
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
	// MaxFailures is the number of consecutive failures that locks the
	// account; 0 means DefaultMaxFailures.
	MaxFailures int
	// LockFor is how long a lock lasts; 0 means DefaultLockFor.
	LockFor time.Duration
	// Sleep waits d or until ctx is done, returning ctx.Err() in the
	// latter case; nil means a real sleep. Tests replace it.
	Sleep func(ctx context.Context, d time.Duration) error

	dummyOnce sync.Once
	dummyHash string
}

func (a *Authenticator) now() time.Time {
	if a.Now != nil {
		return a.Now()
	}
	return time.Now()
}

func (a *Authenticator) maxFailures() int {
	if a.MaxFailures > 0 {
		return a.MaxFailures
	}
	return DefaultMaxFailures
}

func (a *Authenticator) lockFor() time.Duration {
	if a.LockFor > 0 {
		return a.LockFor
	}
	return DefaultLockFor
}

func (a *Authenticator) sleep(ctx context.Context, d time.Duration) error {
	if a.Sleep != nil {
		return a.Sleep(ctx, d)
	}
	return sleepContext(ctx, d)
}

// sleepContext waits d or until ctx is done.
func sleepContext(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// slowDown is the wait after a failed attempt that left the operator with
// failures consecutive failures.
func slowDown(failures int) time.Duration {
	if failures <= slowDownAfter {
		return 0
	}
	return min(slowDownStep*time.Duration(failures-slowDownAfter), slowDownMax)
}

// burn spends the time of one password verification, so that an unknown or
// inactive username cannot be told from a wrong password by timing. The
// dummy hash is made once per Authenticator, with the current parameters.
func (a *Authenticator) burn(password string) {
	a.dummyOnce.Do(func() {
		b := make([]byte, 24)
		_, _ = rand.Read(b)
		a.dummyHash, _ = HashPassword(base64.RawStdEncoding.EncodeToString(b))
	})
	_, _ = VerifyPassword(a.dummyHash, password)
}

// Authenticate checks username (normalized with NormalizeUsername) and
// password and returns the operator's id.
//
// It fails with ErrInvalidCredentials for an unknown username, a deactivated
// operator or a wrong password, and with ErrLocked while the account is
// locked or when this failure locked it. A failed attempt may first be
// delayed (see Authenticator); if ctx ends during the delay the error wraps
// both the sentinel and ctx.Err(). Database errors and a malformed stored
// hash are returned wrapped.
//
// On success the counters are reset, last_sign_in_at is set, and a hash
// made with outdated parameters is replaced (see NeedsRehash).
func (a *Authenticator) Authenticate(ctx context.Context, username, password string) (int64, error) {
	now := a.now()
	name := NormalizeUsername(username)
	if !usernameRE.MatchString(name) {
		a.burn(password)
		return 0, ErrInvalidCredentials
	}

	var (
		id          int64
		hash        string
		active      bool
		lockedUntil sql.NullTime
	)
	err := a.DB.QueryRowContext(ctx,
		`SELECT id, password_hash, active, locked_until FROM operator WHERE username = ?`, name).
		Scan(&id, &hash, &active, &lockedUntil)
	if errors.Is(err, sql.ErrNoRows) {
		a.burn(password)
		return 0, ErrInvalidCredentials
	}
	if err != nil {
		return 0, fmt.Errorf("auth: look up operator: %w", err)
	}
	if !active {
		a.burn(password)
		return 0, ErrInvalidCredentials
	}
	if lockedUntil.Valid && lockedUntil.Time.After(now) {
		return 0, ErrLocked
	}

	if err := a.verify(ctx, id, hash, password, now, true); err != nil {
		return 0, err
	}
	return id, nil
}

// CheckPassword checks the password of a signed-in operator (before a
// change of password), with the same lock-out and slow-down as
// Authenticate: a wrong password counts as a failed sign-in and fails with
// ErrInvalidCredentials, or ErrLocked while or when the account is locked.
// A right one resets the counters but is not recorded as a sign-in.
func (a *Authenticator) CheckPassword(ctx context.Context, operatorID int64, password string) error {
	now := a.now()
	var (
		hash        string
		active      bool
		lockedUntil sql.NullTime
	)
	err := a.DB.QueryRowContext(ctx,
		`SELECT password_hash, active, locked_until FROM operator WHERE id = ?`, operatorID).
		Scan(&hash, &active, &lockedUntil)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !active) {
		a.burn(password)
		return ErrInvalidCredentials
	}
	if err != nil {
		return fmt.Errorf("auth: look up operator: %w", err)
	}
	if lockedUntil.Valid && lockedUntil.Time.After(now) {
		return ErrLocked
	}
	return a.verify(ctx, operatorID, hash, password, now, false)
}

// verify checks password against the stored hash of operator id, recording
// the failure or the success (as a sign-in when signIn).
func (a *Authenticator) verify(ctx context.Context, id int64, hash, password string, now time.Time, signIn bool) error {
	ok, err := VerifyPassword(hash, password)
	if err != nil {
		return fmt.Errorf("auth: operator %d: %w", id, err)
	}
	if !ok {
		return a.fail(ctx, id, now)
	}
	return a.succeed(ctx, id, hash, password, now, signIn)
}

// fail records a failed attempt atomically, locking the account when the
// counter reaches MaxFailures, then applies the slow-down.
func (a *Authenticator) fail(ctx context.Context, id int64, now time.Time) error {
	maxF := a.maxFailures()
	until := now.Add(a.lockFor())
	// SET expressions see the row as it was before the update, so
	// failed_sign_ins + 1 is the count including this attempt. The WHERE
	// clause skips a row that a concurrent attempt has just locked.
	var (
		failures int
		locked   sql.NullTime
	)
	err := a.DB.QueryRowContext(ctx, `UPDATE operator SET
		    failed_sign_ins = CASE WHEN failed_sign_ins + 1 >= ? THEN 0 ELSE failed_sign_ins + 1 END,
		    locked_until = CASE WHEN failed_sign_ins + 1 >= ? THEN ?::timestamptz ELSE locked_until END
		WHERE id = ? AND (locked_until IS NULL OR locked_until <= ?::timestamptz)
		RETURNING failed_sign_ins, locked_until`,
		maxF, maxF, until, id, now).Scan(&failures, &locked)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrLocked
	}
	if err != nil {
		return fmt.Errorf("auth: record failed sign-in: %w", err)
	}
	result := ErrInvalidCredentials
	if locked.Valid && locked.Time.After(now) {
		failures = maxF
		result = ErrLocked
	}
	if d := slowDown(failures); d > 0 {
		if err := a.sleep(ctx, d); err != nil {
			return fmt.Errorf("%w (%w)", result, err)
		}
	}
	return result
}

// succeed resets the counters after a right password, re-hashing it if the
// stored hash is outdated, and records the sign-in when signIn.
func (a *Authenticator) succeed(ctx context.Context, id int64, hash, password string, now time.Time, signIn bool) error {
	newHash := hash
	if NeedsRehash(hash) {
		// A password that no longer meets ValidatePassword keeps its old
		// hash; it still verifies.
		if h, err := HashPassword(password); err == nil {
			newHash = h
		}
	}
	res, err := a.DB.ExecContext(ctx, `UPDATE operator SET
		    failed_sign_ins = 0, locked_until = NULL,
		    last_sign_in_at = CASE WHEN ? THEN ?::timestamptz ELSE last_sign_in_at END, password_hash = ?
		WHERE id = ? AND active AND (locked_until IS NULL OR locked_until <= ?::timestamptz)`,
		signIn, now, newHash, id, now)
	if err != nil {
		return fmt.Errorf("auth: record sign-in: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("auth: record sign-in: %w", err)
	}
	if n == 1 {
		return nil
	}
	// The operator was locked (by a concurrent failed attempt) or
	// deactivated after it was read.
	var active bool
	err = a.DB.QueryRowContext(ctx, `SELECT active FROM operator WHERE id = ?`, id).Scan(&active)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return ErrInvalidCredentials
	case err != nil:
		return fmt.Errorf("auth: record sign-in: %w", err)
	case !active:
		return ErrInvalidCredentials
	}
	return ErrLocked
}
