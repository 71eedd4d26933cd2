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

// Progressive slow-down of failed sign-ins: once a username has more than
// slowDownAfter attempts in its window, each further failure waits
// slowDownStep per attempt beyond that, at most slowDownMax.
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
	// ErrThrottled means the attempt was refused without checking the
	// password: too many failed attempts for this username (existing or
	// not) or from this client address. The same attempts throttle a
	// username whether or not an operator has it.
	ErrThrottled = errors.New("auth: too many failed sign-ins, try again later")
	// ErrUnusableHash is an operator whose stored password hash cannot be
	// read (the data needs repair); it is also ErrInvalidCredentials, so the
	// caller answers it like a wrong password.
	ErrUnusableHash = fmt.Errorf("%w (the stored password hash cannot be read)", ErrInvalidCredentials)
)

// usernameRE is the operator.username CHECK constraint of the schema.
var usernameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{2,63}$`)

// NormalizeUsername trims surrounding white space and lower-cases a username
// as typed at sign-in.
func NormalizeUsername(username string) string {
	return strings.ToLower(strings.TrimSpace(username))
}

// Attempt is one sign-in attempt.
type Attempt struct {
	Username string
	Password string
	// Address is the client's address, from the connection or from a
	// trusted proxy's header (never a header the client controls).
	Address string
	// Device is the token of the device cookie the client presents (see
	// DeviceCookie), "" when none.
	Device string
}

// Outcome is a successful sign-in.
type Outcome struct {
	OperatorID int64
	// Device is the device token to (re)set on the client: the device is
	// now known for this operator.
	Device string
}

// Authenticator checks operators' usernames and passwords, throttling
// failures by username and by client address in the database, so that
// every process of a region shares the counts (see reserve):
//
//   - every attempt counts on its username's counter, whether or not an
//     operator has the username, and on its address's counter; after
//     MaxFailures attempts on a username, or AddressMaxFailures failures from
//     an address, within Window, further attempts are refused with
//     ErrThrottled for LockFor, without checking the password;
//   - the right password from a known device (one the operator signed in
//     from before, DeviceCookie) signs in despite a block and lifts the
//     username's block, so that guessing at someone's username does not
//     lock them out; an administrator's password reset lifts it too
//     (ClearUsername);
//   - after 3 attempts on a username each failure waits
//     min(250ms × (attempts−3), 2s);
//   - an unknown or deactivated username costs the same password
//     verification, against a dummy hash.
//
// An Authenticator must not be copied after first use.
type Authenticator struct {
	// DB is the database (or transaction) holding the operator table.
	DB bun.IDB
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
	// MaxFailures is the attempts per username and window; 0 means
	// DefaultMaxFailures.
	MaxFailures int
	// AddressMaxFailures is the failed attempts per address and window; 0
	// means DefaultAddressMaxFailures.
	AddressMaxFailures int
	// Window is how long failures count; 0 means DefaultWindow.
	Window time.Duration
	// LockFor is how long a block lasts; 0 means DefaultLockFor.
	LockFor time.Duration
	// DeviceTTL is how long a device stays known; 0 means DefaultDeviceTTL.
	DeviceTTL time.Duration
	// Sleep waits d or until ctx is done, returning ctx.Err() in the
	// latter case; nil means a real sleep. Tests replace it.
	Sleep func(ctx context.Context, d time.Duration) error
	// Verify checks a password against a stored hash; nil means
	// VerifyPassword. Tests replace it to see which hashes are checked.
	Verify func(hash, password string) (bool, error)

	dummyOnce sync.Once
	dummyHash string
}

func (a *Authenticator) now() time.Time {
	if a.Now != nil {
		return a.Now()
	}
	return time.Now()
}

func orDefault[T int | time.Duration](v, d T) T {
	if v > 0 {
		return v
	}
	return d
}

// DeviceLifetime is how long a device stays known after a sign-in.
func (a *Authenticator) DeviceLifetime() time.Duration {
	return orDefault(a.DeviceTTL, DefaultDeviceTTL)
}

func (a *Authenticator) sleep(ctx context.Context, d time.Duration) error {
	if a.Sleep != nil {
		return a.Sleep(ctx, d)
	}
	return sleepContext(ctx, d)
}

func (a *Authenticator) verify(hash, password string) (bool, error) {
	if a.Verify != nil {
		return a.Verify(hash, password)
	}
	return VerifyPassword(hash, password)
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

// slowDown is the wait after a failed attempt that was its username's
// attempts-th in the window.
func slowDown(attempts int) time.Duration {
	if attempts <= slowDownAfter {
		return 0
	}
	return min(slowDownStep*time.Duration(attempts-slowDownAfter), slowDownMax)
}

// DummyHash is the hash an unknown or inactive username's password is
// verified against: made once per Authenticator, with the current
// parameters, of a random password.
func (a *Authenticator) DummyHash() string {
	a.dummyOnce.Do(func() {
		b := make([]byte, 24)
		_, _ = rand.Read(b)
		a.dummyHash, _ = HashPassword(base64.RawStdEncoding.EncodeToString(b))
	})
	return a.dummyHash
}

// Authenticate checks an attempt's username (normalized with
// NormalizeUsername) and password and returns the operator and the device
// token to set.
//
// It fails with ErrInvalidCredentials for an unknown username, a
// deactivated operator or a wrong password, and with ErrThrottled when the
// username or the address is blocked (see Authenticator); the answers and
// the work done do not depend on whether the username exists. A failed
// attempt may first be delayed; if ctx ends during the delay the error
// wraps both the sentinel and ctx.Err(). Database errors and a malformed
// stored hash are returned wrapped.
//
// On success the username's counter is cleared, the address's attempt
// given back, last_sign_in_at set, the device remembered, and a hash made
// with outdated parameters replaced (see NeedsRehash).
func (a *Authenticator) Authenticate(ctx context.Context, at Attempt) (Outcome, error) {
	return a.check(ctx, NormalizeUsername(at.Username), at, true)
}

// CheckPassword checks the password of a signed-in operator (before a
// change of password) with the throttling of Authenticate, under the
// operator's username: a wrong password counts as a failed sign-in. A
// right one clears the username's counter but is not recorded as a
// sign-in. at.Username is ignored.
func (a *Authenticator) CheckPassword(ctx context.Context, operatorID int64, at Attempt) error {
	var name string
	err := a.DB.QueryRowContext(ctx, `SELECT username FROM operator WHERE id = ?`, operatorID).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		_, _ = a.verify(a.DummyHash(), at.Password)
		return ErrInvalidCredentials
	}
	if err != nil {
		return fmt.Errorf("auth: look up operator: %w", err)
	}
	_, err = a.check(ctx, name, at, false)
	return err
}

// check is Authenticate and CheckPassword for the normalized name.
func (a *Authenticator) check(ctx context.Context, name string, at Attempt, signIn bool) (Outcome, error) {
	now := a.now()
	window, lockFor := orDefault(a.Window, DefaultWindow), orDefault(a.LockFor, DefaultLockFor)
	// Count the attempt first, address then username (every attempt
	// locks its two rows in that order: no deadlock).
	addrKey, userKey := addressKey(at.Address), usernameKey(name)
	addr, err := reserve(ctx, a.DB, addrKey, orDefault(a.AddressMaxFailures, DefaultAddressMaxFailures), now, window, lockFor)
	if err != nil {
		return Outcome{}, err
	}
	user, err := reserve(ctx, a.DB, userKey, orDefault(a.MaxFailures, DefaultMaxFailures), now, window, lockFor)
	if err != nil {
		return Outcome{}, err
	}
	if err := purgeExpired(ctx, a.DB, now); err != nil {
		return Outcome{}, err
	}

	var (
		id     int64
		hash   string
		active bool
	)
	if usernameRE.MatchString(name) {
		err := a.DB.QueryRowContext(ctx, `SELECT id, password_hash, active FROM operator WHERE username = ?`, name).
			Scan(&id, &hash, &active)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return Outcome{}, fmt.Errorf("auth: look up operator: %w", err)
		}
	}
	known := false
	if at.Device != "" {
		if known, err = knownDevice(ctx, a.DB, name, at.Device, now); err != nil {
			return Outcome{}, err
		}
	}
	// A known device lifts the username's block (an attacker's guesses
	// must not lock the operator out of their work), never the address's.
	if addr.blocked || user.blocked && !known {
		return Outcome{}, ErrThrottled
	}

	if id == 0 || !active {
		_, _ = a.verify(a.DummyHash(), at.Password)
		return Outcome{}, a.failed(ctx, user)
	}
	ok, err := a.verify(hash, at.Password)
	if err != nil {
		// A stored hash that cannot be read: answered like a wrong password
		// after the same work (an INTERNAL would tell that the username
		// exists), and told to the server's log through ErrUnusableHash.
		_, _ = a.verify(a.DummyHash(), at.Password)
		_ = a.failed(ctx, user)
		return Outcome{}, fmt.Errorf("%w: operator %d: %w", ErrUnusableHash, id, err)
	}
	if !ok {
		if known {
			// Whoever is at the device is not sure of the password: it is
			// known no more, so the block holds for it too (a shared office
			// computer gives a guesser one try, not a way around the block).
			if err := forgetDevice(ctx, a.DB, at.Device); err != nil {
				return Outcome{}, err
			}
		}
		return Outcome{}, a.failed(ctx, user)
	}
	return a.succeed(ctx, id, hash, name, at, known, now, signIn)
}

// failed applies the slow-down of a failure on a username with the
// counter user and returns ErrInvalidCredentials.
func (a *Authenticator) failed(ctx context.Context, user counter) error {
	if d := slowDown(user.attempts); d > 0 {
		if err := a.sleep(ctx, d); err != nil {
			return fmt.Errorf("%w (%w)", ErrInvalidCredentials, err)
		}
	}
	return ErrInvalidCredentials
}

// succeed records a right password: the username's counter cleared, the
// address's attempt given back, the hash upgraded when outdated and, for a
// sign-in, last_sign_in_at and the device.
func (a *Authenticator) succeed(ctx context.Context, id int64, hash, name string, at Attempt, known bool, now time.Time, signIn bool) (Outcome, error) {
	newHash := hash
	if NeedsRehash(hash) {
		// A password that no longer meets ValidatePassword keeps its old
		// hash; it still verifies.
		if h, err := HashPassword(at.Password); err == nil {
			newHash = h
		}
	}
	res, err := a.DB.ExecContext(ctx, `UPDATE operator SET
		    last_sign_in_at = CASE WHEN ? THEN ?::timestamptz ELSE last_sign_in_at END, password_hash = ?
		WHERE id = ? AND active`, signIn, now, newHash, id)
	if err != nil {
		return Outcome{}, fmt.Errorf("auth: record sign-in: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return Outcome{}, fmt.Errorf("auth: record sign-in: %w", err)
	} else if n != 1 {
		return Outcome{}, ErrInvalidCredentials // deactivated meanwhile
	}
	if err := clear(ctx, a.DB, usernameKey(name)); err != nil {
		return Outcome{}, err
	}
	if err := release(ctx, a.DB, addressKey(at.Address), now); err != nil {
		return Outcome{}, err
	}
	out := Outcome{OperatorID: id}
	if signIn {
		if out.Device, err = rememberDevice(ctx, a.DB, id, at.Device, known, now, a.DeviceLifetime()); err != nil {
			return Outcome{}, err
		}
	}
	return out, nil
}
