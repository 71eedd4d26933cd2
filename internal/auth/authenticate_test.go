package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/uptrace/bun"
)

// sleepRecorder replaces Authenticator.Sleep: it records the requested
// delays without waiting.
type sleepRecorder struct {
	mu     sync.Mutex
	delays []time.Duration
	err    error // returned by Sleep when set
}

func (s *sleepRecorder) Sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.delays = append(s.delays, d)
	return s.err
}

func (s *sleepRecorder) take() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.delays
	s.delays = nil
	return d
}

// verifyRecorder replaces Authenticator.Verify: it records the hashes
// checked and verifies for real.
type verifyRecorder struct {
	mu     sync.Mutex
	hashes []string
}

func (v *verifyRecorder) Verify(hash, password string) (bool, error) {
	v.mu.Lock()
	v.hashes = append(v.hashes, hash)
	v.mu.Unlock()
	return VerifyPassword(hash, password)
}

func (v *verifyRecorder) take() []string {
	v.mu.Lock()
	defer v.mu.Unlock()
	h := v.hashes
	v.hashes = nil
	return h
}

// throttleRow is a sign_in_throttle row (zero when there is none).
type throttleRow struct {
	attempts int
	blocked  sql.NullTime
	expires  time.Time
}

func readThrottle(t *testing.T, db bun.IDB, key throttleKey) throttleRow {
	t.Helper()
	var r throttleRow
	err := db.QueryRowContext(context.Background(),
		`SELECT attempts, blocked_until, expires_at FROM sign_in_throttle WHERE key = ?`, string(key)).
		Scan(&r.attempts, &r.blocked, &r.expires)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		t.Fatal(err)
	}
	return r
}

func signIn(a *Authenticator, username, password, address, device string) (Outcome, error) {
	return a.Authenticate(context.Background(), Attempt{Username: username, Password: password, Address: address, Device: device})
}

func TestAuthenticate(t *testing.T) {
	db := newDB(t)
	ctx := context.Background()
	clk := newClock()
	const pw = "s3cret-password"
	aliceHash := mustHash(t, pw)
	aliceID := insertOperator(t, db, "alice", aliceHash, true)
	insertOperator(t, db, "bob", mustHash(t, pw), false)

	tests := []struct {
		name      string
		username  string
		password  string
		wantID    int64
		wantErr   error
		wantDummy bool // the password was checked against the dummy hash
	}{
		{"right password", "alice", pw, aliceID, nil, false},
		{"username normalized", "  ALICE\t", pw, aliceID, nil, false},
		{"wrong password", "alice", pw + "x", 0, ErrInvalidCredentials, false},
		{"password is case-sensitive", "alice", strings.ToUpper(pw), 0, ErrInvalidCredentials, false},
		{"empty password", "alice", "", 0, ErrInvalidCredentials, false},
		{"unknown user", "carol", pw, 0, ErrInvalidCredentials, true},
		{"username not allowed by schema", "a'; --", pw, 0, ErrInvalidCredentials, true},
		{"empty username", "", pw, 0, ErrInvalidCredentials, true},
		{"NUL byte in username", "ali\x00ce", pw, 0, ErrInvalidCredentials, true},
		{"invalid UTF-8 username", "ali\xffce", pw, 0, ErrInvalidCredentials, true},
		{"inactive operator, right password", "bob", pw, 0, ErrInvalidCredentials, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := db.ExecContext(ctx, `UPDATE operator SET last_sign_in_at = NULL; DELETE FROM sign_in_throttle`); err != nil {
				t.Fatal(err)
			}
			clk.Advance(time.Hour)
			verifies := &verifyRecorder{}
			a := &Authenticator{DB: db, Now: clk.Now, Sleep: (&sleepRecorder{}).Sleep, Verify: verifies.Verify}
			out, err := signIn(a, tt.username, tt.password, "192.0.2.1", "")
			if out.OperatorID != tt.wantID || !errors.Is(err, tt.wantErr) || (err == nil) != (tt.wantErr == nil) {
				t.Fatalf("Authenticate(%q) = %d, %v; want %d, %v", tt.username, out.OperatorID, err, tt.wantID, tt.wantErr)
			}
			if err != nil && err.Error() != tt.wantErr.Error() {
				t.Errorf("error message %q is not the generic one", err)
			}
			wantHash := aliceHash
			if tt.wantDummy {
				wantHash = a.DummyHash()
			}
			if got := verifies.take(); len(got) != 1 || got[0] != wantHash {
				t.Errorf("verified %d hashes (dummy: %v), want one, the dummy: %v", len(got), len(got) == 1 && got[0] == a.DummyHash(), tt.wantDummy)
			}
			if NeedsRehash(a.DummyHash()) {
				t.Error("the dummy hash does not cost what a current hash costs")
			}
			st := readOperator(t, db, aliceID)
			if tt.wantErr == nil {
				if !st.lastSignIn.Valid || !st.lastSignIn.Time.Equal(clk.Now()) {
					t.Errorf("last_sign_in_at = %v, want %v", st.lastSignIn, clk.Now())
				}
				if out.Device == "" {
					t.Error("no device token after a sign-in")
				}
			} else if st.lastSignIn.Valid {
				t.Errorf("last_sign_in_at set on failure: %v", st.lastSignIn.Time)
			}
		})
	}
}

// TestFailuresLookTheSameForKnownAndUnknownUsernames runs the same wrong
// attempts at an operator's username and at a username nobody has, each
// from its own address, and compares every step: the error, the delay, the
// password verifications and the username's throttle state.
func TestFailuresLookTheSameForKnownAndUnknownUsernames(t *testing.T) {
	db := newDB(t)
	clk := newClock()
	aliceHash := mustHash(t, "s3cret-password")
	insertOperator(t, db, "alice", aliceHash, true)
	insertOperator(t, db, "bob", mustHash(t, "s3cret-password"), false)

	type step struct {
		err      string
		delays   []time.Duration
		verifies int
		row      throttleRow
	}
	run := func(name, address string) ([]step, []string) {
		sleeps, verifies := &sleepRecorder{}, &verifyRecorder{}
		a := &Authenticator{DB: db, Now: clk.Now, Sleep: sleeps.Sleep, Verify: verifies.Verify, MaxFailures: 6}
		var steps []step
		var hashes []string
		for range 9 {
			_, err := signIn(a, name, "wrong-password", address, "")
			if !errors.Is(err, ErrInvalidCredentials) && !errors.Is(err, ErrThrottled) {
				t.Fatalf("%s: %v", name, err)
			}
			h := verifies.take()
			hashes = append(hashes, h...)
			steps = append(steps, step{err.Error(), sleeps.take(), len(h), readThrottle(t, db, usernameKey(name))})
		}
		if name != "alice" {
			for _, h := range hashes {
				if h != a.DummyHash() {
					t.Errorf("%s: a hash other than the dummy was verified", name)
				}
			}
		} else {
			for _, h := range hashes {
				if h != aliceHash {
					t.Errorf("alice: a hash other than hers was verified")
				}
			}
		}
		return steps, hashes
	}
	known, _ := run("alice", "192.0.2.1")
	for _, other := range []struct{ name, address string }{{"carol", "192.0.2.2"}, {"bob", "192.0.2.3"}} {
		unknown, _ := run(other.name, other.address)
		for i := range known {
			k, u := known[i], unknown[i]
			if k.err != u.err || k.verifies != u.verifies || len(k.delays) != len(u.delays) ||
				k.row != u.row || (len(k.delays) == 1 && k.delays[0] != u.delays[0]) {
				t.Errorf("attempt %d: alice %+v, %s %+v", i+1, k, other.name, u)
			}
		}
	}
	// The steps themselves: 6 evaluated (slowed after 3), then throttled
	// without a verification.
	for i, s := range known {
		switch {
		case i < 6 && (s.err != ErrInvalidCredentials.Error() || s.verifies != 1):
			t.Errorf("attempt %d: %+v, want an evaluated failure", i+1, s)
		case i >= 6 && (s.err != ErrThrottled.Error() || s.verifies != 0 || len(s.delays) != 0 || !s.row.blocked.Valid):
			t.Errorf("attempt %d: %+v, want throttled", i+1, s)
		}
	}
}

// TestKnownDeviceSignsInDespiteTheBlock: an attacker's guesses block the
// username for the attacker, not for the operator on a device they signed
// in from before.
func TestKnownDeviceSignsInDespiteTheBlock(t *testing.T) {
	db := newDB(t)
	clk := newClock()
	const pw = "s3cret-password"
	aliceID := insertOperator(t, db, "alice", mustHash(t, pw), true)
	insertOperator(t, db, "bob", mustHash(t, pw), true)
	a := &Authenticator{DB: db, Now: clk.Now, Sleep: (&sleepRecorder{}).Sleep, MaxFailures: 5, LockFor: 10 * time.Minute}
	const office, attacker, home = "192.0.2.10", "203.0.113.9", "198.51.100.4"

	first, err := signIn(a, "alice", pw, office, "")
	if err != nil || first.Device == "" {
		t.Fatalf("first sign-in: %+v, %v", first, err)
	}
	bobDevice, err := signIn(a, "bob", pw, attacker, "")
	if err != nil {
		t.Fatal(err)
	}
	clk.Advance(time.Minute)
	for i := range 8 {
		if _, err := signIn(a, "alice", "guess", attacker, bobDevice.Device); err == nil {
			t.Fatalf("guess %d signed in", i+1)
		}
	}
	for name, tc := range map[string]struct{ address, device string }{
		"the attacker with the right password":        {attacker, ""},
		"the attacker with another operator's device": {attacker, bobDevice.Device},
		"alice on a new device":                       {home, ""},
		"a garbled device token":                      {home, "not-a-token"},
	} {
		if _, err := signIn(a, "alice", pw, tc.address, tc.device); !errors.Is(err, ErrThrottled) {
			t.Errorf("%s: %v, want ErrThrottled", name, err)
		}
	}
	// Alice on her device, from anywhere, signs in and lifts the block.
	out, err := signIn(a, "alice", pw, home, first.Device)
	if err != nil || out.OperatorID != aliceID || out.Device != first.Device {
		t.Fatalf("alice on her device: %+v, %v", out, err)
	}
	if r := readThrottle(t, db, usernameKey("alice")); r != (throttleRow{}) {
		t.Errorf("alice's block after her sign-in: %+v", r)
	}
	if _, err := signIn(a, "alice", pw, home, ""); err != nil {
		t.Errorf("alice on a new device once the block is lifted: %v", err)
	}

	// An administrator's reset (ClearUsername) lifts a block too.
	for range 6 {
		_, _ = signIn(a, "alice", "guess", attacker, "")
	}
	if _, err := signIn(a, "alice", pw, home, ""); !errors.Is(err, ErrThrottled) {
		t.Fatalf("blocked again: %v", err)
	}
	if err := ClearUsername(context.Background(), db, " Alice "); err != nil {
		t.Fatal(err)
	}
	if _, err := signIn(a, "alice", pw, home, ""); err != nil {
		t.Errorf("after ClearUsername: %v", err)
	}
}

// TestKnownDeviceIsNoWayAroundTheBlock: a wrong password at a device the
// operator signed in from makes the device unknown (so a shared office
// computer gives a guesser one try past the username's block, not many),
// and an address's block holds even for a known device.
func TestKnownDeviceIsNoWayAroundTheBlock(t *testing.T) {
	db := newDB(t)
	clk := newClock()
	const pw = "s3cret-password"
	insertOperator(t, db, "alice", mustHash(t, pw), true)
	a := &Authenticator{DB: db, Now: clk.Now, Sleep: (&sleepRecorder{}).Sleep, MaxFailures: 5, AddressMaxFailures: 20, LockFor: 10 * time.Minute}
	const office, attacker = "192.0.2.10", "203.0.113.9"
	first, err := signIn(a, "alice", pw, office, "")
	if err != nil || first.Device == "" {
		t.Fatalf("first sign-in: %+v, %v", first, err)
	}
	for range 6 {
		_, _ = signIn(a, "alice", "guess", attacker, "")
	}
	if _, err := signIn(a, "alice", "guess", office, first.Device); !errors.Is(err, ErrInvalidCredentials) {
		t.Fatalf("a guess at alice's device: %v, want ErrInvalidCredentials", err)
	}
	if _, err := signIn(a, "alice", pw, office, first.Device); !errors.Is(err, ErrThrottled) {
		t.Errorf("the right password at the device after a wrong one: %v, want ErrThrottled", err)
	}

	if err := ClearUsername(context.Background(), db, "alice"); err != nil {
		t.Fatal(err)
	}
	second, err := signIn(a, "alice", pw, office, "")
	if err != nil || second.Device == "" {
		t.Fatalf("sign-in after the reset: %+v, %v", second, err)
	}
	for i := range 25 { // the office's address is blocked by someone spraying names
		_, _ = signIn(a, fmt.Sprintf("user%d", i), "guess", office, "")
	}
	if _, err := signIn(a, "alice", pw, office, second.Device); !errors.Is(err, ErrThrottled) {
		t.Errorf("a known device at a blocked address: %v, want ErrThrottled", err)
	}
}

// TestForgetOperatorDevices: after a password reset, change or
// deactivation (which call it) no device of the operator is known.
func TestForgetOperatorDevices(t *testing.T) {
	db := newDB(t)
	clk := newClock()
	const pw = "s3cret-password"
	aliceID := insertOperator(t, db, "alice", mustHash(t, pw), true)
	insertOperator(t, db, "bob", mustHash(t, pw), true)
	a := &Authenticator{DB: db, Now: clk.Now, Sleep: (&sleepRecorder{}).Sleep}
	ctx := context.Background()
	alice, err := signIn(a, "alice", pw, "192.0.2.10", "")
	if err != nil {
		t.Fatal(err)
	}
	bob, err := signIn(a, "bob", pw, "192.0.2.10", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := ForgetOperatorDevices(ctx, db, aliceID); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, token string
		want        bool
	}{{"alice", alice.Device, false}, {"bob", bob.Device, true}} {
		if got, err := knownDevice(ctx, db, tc.name, tc.token, clk.Now()); err != nil || got != tc.want {
			t.Errorf("%s's device known: %v (%v), want %v", tc.name, got, err, tc.want)
		}
	}
}

// TestIPv6AddressesCountByTheirSubnet: the addresses of one /64 share a
// counter (a subscriber holds the whole /64); IPv4 addresses count alone.
func TestIPv6AddressesCountByTheirSubnet(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{"2001:db8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:9", true},
		{"2001:db8:1:2::1", "2001:db8:1:3::1", false},
		{"203.0.113.9", "203.0.113.10", false},
		{"::ffff:203.0.113.9", "::ffff:203.0.113.10", false},
		{"", "", true},
	} {
		if got := addressKey(tc.a) == addressKey(tc.b); got != tc.same {
			t.Errorf("%q and %q share a counter: %v, want %v", tc.a, tc.b, got, tc.same)
		}
	}
}

// TestAddressThrottle: one address guessing many usernames is blocked after
// AddressMaxFailures failures; others are not; a success does not count.
func TestAddressThrottle(t *testing.T) {
	db := newDB(t)
	clk := newClock()
	const pw = "s3cret-password"
	insertOperator(t, db, "alice", mustHash(t, pw), true)
	a := &Authenticator{DB: db, Now: clk.Now, Sleep: (&sleepRecorder{}).Sleep, AddressMaxFailures: 4}
	const sprayer = "203.0.113.9"
	if _, err := signIn(a, "alice", pw, sprayer, ""); err != nil {
		t.Fatal(err) // a success gives its attempt back
	}
	for _, name := range []string{"anna", "bruno", "carla", "dario"} {
		if _, err := signIn(a, name, "guess", sprayer, ""); !errors.Is(err, ErrInvalidCredentials) {
			t.Fatalf("%s: %v", name, err)
		}
	}
	for _, name := range []string{"elena", "alice"} {
		if _, err := signIn(a, name, pw, sprayer, ""); !errors.Is(err, ErrThrottled) {
			t.Errorf("%s from the blocked address: %v, want ErrThrottled", name, err)
		}
	}
	if _, err := signIn(a, "alice", pw, "192.0.2.1", ""); err != nil {
		t.Errorf("alice from another address: %v", err)
	}
}

// TestThrottleExpires: a block ends after LockFor with a fresh allowance,
// a quiet window forgets its failures, and expired rows are purged.
func TestThrottleExpires(t *testing.T) {
	db := newDB(t)
	clk := newClock()
	a := &Authenticator{DB: db, Now: clk.Now, Sleep: (&sleepRecorder{}).Sleep, MaxFailures: 3,
		Window: 15 * time.Minute, LockFor: 10 * time.Minute}
	guess := func() error { _, err := signIn(a, "carol", "guess", "192.0.2.1", ""); return err }
	for range 3 {
		if err := guess(); !errors.Is(err, ErrInvalidCredentials) {
			t.Fatal(err)
		}
	}
	if err := guess(); !errors.Is(err, ErrThrottled) {
		t.Fatalf("4th: %v", err)
	}
	blockEnd := clk.Now().Add(10 * time.Minute)
	if r := readThrottle(t, db, usernameKey("carol")); !r.blocked.Valid || !r.blocked.Time.Equal(blockEnd) || !r.expires.Equal(blockEnd) {
		t.Fatalf("row %+v, want blocked and expiring at %v", r, blockEnd)
	}
	clk.Set(blockEnd.Add(-time.Second))
	if err := guess(); !errors.Is(err, ErrThrottled) {
		t.Fatalf("just before the end: %v", err)
	}
	clk.Set(blockEnd)
	for i := range 3 {
		if err := guess(); !errors.Is(err, ErrInvalidCredentials) {
			t.Fatalf("failure %d after the block: %v", i+1, err)
		}
	}
	// A window with no more attempts is forgotten.
	clk.Advance(15 * time.Minute)
	if err := guess(); !errors.Is(err, ErrInvalidCredentials) {
		t.Fatal(err)
	}
	if r := readThrottle(t, db, usernameKey("carol")); r.attempts != 1 || r.blocked.Valid {
		t.Errorf("after a quiet window: %+v, want 1 attempt", r)
	}
	// Rows past their expiry are deleted by later attempts.
	clk.Advance(16 * time.Minute)
	if _, err := signIn(a, "dario", "guess", "192.0.2.2", ""); !errors.Is(err, ErrInvalidCredentials) {
		t.Fatal(err)
	}
	var n int
	if err := db.QueryRowContext(context.Background(), `SELECT count(*) FROM sign_in_throttle`).Scan(&n); err != nil || n != 2 {
		t.Errorf("%d rows (%v), want only dario's and its address's", n, err)
	}
}

func TestAuthenticateSlowDown(t *testing.T) {
	db := newDB(t)
	clk := newClock()
	const pw = "s3cret-password"
	insertOperator(t, db, "alice", mustHash(t, pw), true)
	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
	want := []time.Duration{
		0, 0, 0, // failures 1-3: no delay
		ms(250), ms(500), ms(750), ms(1000), ms(1250), ms(1500), ms(1750), ms(2000),
		ms(2000), // failure 12: capped
	}
	for _, name := range []string{"alice", "nobody"} {
		sleeps := &sleepRecorder{}
		a := &Authenticator{DB: db, Now: clk.Now, MaxFailures: 13, Sleep: sleeps.Sleep}
		for i, w := range want {
			if _, err := signIn(a, name, "wrong-password", "192.0.2.1", ""); !errors.Is(err, ErrInvalidCredentials) {
				t.Fatalf("%s failure %d: %v", name, i+1, err)
			}
			got := sleeps.take()
			switch {
			case w == 0 && len(got) != 0:
				t.Errorf("%s failure %d slept %v, want no delay", name, i+1, got)
			case w != 0 && (len(got) != 1 || got[0] != w):
				t.Errorf("%s failure %d slept %v, want [%v]", name, i+1, got, w)
			}
		}
	}
	// A success resets the slow-down.
	sleeps := &sleepRecorder{}
	a := &Authenticator{DB: db, Now: clk.Now, MaxFailures: 13, Sleep: sleeps.Sleep}
	if _, err := signIn(a, "alice", pw, "192.0.2.1", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := signIn(a, "alice", "wrong-password", "192.0.2.1", ""); !errors.Is(err, ErrInvalidCredentials) {
		t.Fatal(err)
	}
	if got := sleeps.take(); len(got) != 0 {
		t.Errorf("slept %v after a success, want no delay", got)
	}
}

func TestAuthenticateSlowDownHonoursContext(t *testing.T) {
	db := newDB(t)
	clk := newClock()
	insertOperator(t, db, "alice", mustHash(t, "s3cret-password"), true)
	if _, err := db.ExecContext(context.Background(), `INSERT INTO sign_in_throttle (key, attempts, window_start, expires_at)
		VALUES (?, 5, ?, ?)`, string(usernameKey("alice")), clk.Now(), clk.Now().Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	// The default Sleep: a canceled context ends the delay at once.
	a := &Authenticator{DB: db, Now: clk.Now}
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		time.Sleep(100 * time.Millisecond)
		cancel()
	}()
	_, err := a.Authenticate(ctx, Attempt{Username: "alice", Password: "wrong-password"}) // 6th: 750ms delay
	if !errors.Is(err, ErrInvalidCredentials) || !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want ErrInvalidCredentials and context.Canceled", err)
	}
	if r := readThrottle(t, db, usernameKey("alice")); r.attempts != 6 {
		t.Errorf("attempts = %d, want 6 (counted before the delay)", r.attempts)
	}
}

func TestSleepContext(t *testing.T) {
	if err := sleepContext(context.Background(), time.Millisecond); err != nil {
		t.Errorf("sleepContext = %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := sleepContext(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("sleepContext(canceled) = %v", err)
	}
}

func TestAuthenticateRehashesOutdatedHash(t *testing.T) {
	db := newDB(t)
	const pw = "s3cret-password"
	old := legacyHash(t, pw, 8192, 1, 1, 16, 32)
	id := insertOperator(t, db, "alice", old, true)
	a := &Authenticator{DB: db, Sleep: (&sleepRecorder{}).Sleep}

	if _, err := signIn(a, "alice", "wrong-password", "", ""); !errors.Is(err, ErrInvalidCredentials) {
		t.Fatal(err)
	}
	if st := readOperator(t, db, id); st.hash != old {
		t.Fatal("hash changed after a wrong password")
	}
	if got, err := signIn(a, "alice", pw, "", ""); err != nil || got.OperatorID != id {
		t.Fatalf("Authenticate with legacy hash = %d, %v", got.OperatorID, err)
	}
	st := readOperator(t, db, id)
	if st.hash == old || NeedsRehash(st.hash) {
		t.Fatalf("hash not upgraded: %q", st.hash)
	}
	if _, err := signIn(a, "alice", pw, "", ""); err != nil {
		t.Fatalf("sign-in with the upgraded hash: %v", err)
	}
}

// TestAuthenticateMalformedStoredHash: an operator whose stored hash cannot
// be read is answered like a wrong password (an internal error would tell
// that the username exists); the error still says why, for the log.
func TestAuthenticateMalformedStoredHash(t *testing.T) {
	db := newDB(t)
	insertOperator(t, db, "alice", "not-a-hash", true)
	a := &Authenticator{DB: db, Sleep: (&sleepRecorder{}).Sleep}
	_, err := signIn(a, "alice", "s3cret-password", "", "")
	if !errors.Is(err, ErrMalformedHash) || !errors.Is(err, ErrUnusableHash) || !errors.Is(err, ErrInvalidCredentials) {
		t.Fatalf("err = %v, want ErrInvalidCredentials wrapping ErrUnusableHash and ErrMalformedHash", err)
	}
}

func TestAuthenticateDatabaseErrorWrapped(t *testing.T) {
	db := newDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	a := &Authenticator{DB: db, Sleep: (&sleepRecorder{}).Sleep}
	_, err := a.Authenticate(ctx, Attempt{Username: "alice", Password: "s3cret-password"})
	if err == nil || errors.Is(err, ErrInvalidCredentials) || !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want a wrapped database error", err)
	}
}

// TestAuthenticateDeactivatedMeanwhile: an operator deactivated between
// the check and the record does not sign in.
func TestAuthenticateDeactivatedMeanwhile(t *testing.T) {
	db := newDB(t)
	clk := newClock()
	const pw = "s3cret-password"
	hash := mustHash(t, pw)
	id := insertOperator(t, db, "alice", hash, true)
	setActive(t, db, id, false)
	a := &Authenticator{DB: db, Now: clk.Now, Sleep: (&sleepRecorder{}).Sleep}
	if _, err := a.succeed(context.Background(), id, hash, "alice", Attempt{Password: pw}, false, clk.Now(), true); !errors.Is(err, ErrInvalidCredentials) {
		t.Errorf("succeed on a row deactivated meanwhile: %v, want ErrInvalidCredentials", err)
	}
	if st := readOperator(t, db, id); st.lastSignIn.Valid {
		t.Error("sign-in recorded for a deactivated operator")
	}
}

// TestAuthenticateConcurrentGuessing checks that parallel wrong attempts
// (as from several processes) cannot get more than MaxFailures guesses
// evaluated.
func TestAuthenticateConcurrentGuessing(t *testing.T) {
	db := newDB(t)
	clk := newClock()
	insertOperator(t, db, "alice", mustHash(t, "s3cret-password"), true)
	a := &Authenticator{DB: db, Now: clk.Now, MaxFailures: 5, Sleep: (&sleepRecorder{}).Sleep}

	const n = 24
	errs := make(chan error, n)
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			_, err := signIn(a, "alice", "wrong-password", "203.0.113.9", "")
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	var invalid, throttled int
	for err := range errs {
		switch {
		case errors.Is(err, ErrInvalidCredentials):
			invalid++
		case errors.Is(err, ErrThrottled):
			throttled++
		default:
			t.Errorf("unexpected error %v", err)
		}
	}
	if invalid != 5 || throttled != n-5 {
		t.Errorf("%d invalid, %d throttled; want 5 and %d", invalid, throttled, n-5)
	}
}

// CheckPassword (before a change of password) shares the username's
// throttle but does not record a sign-in.
func TestCheckPasswordCountsTowardsTheThrottle(t *testing.T) {
	db := newDB(t)
	ctx := context.Background()
	clk := newClock()
	const pw = "s3cret-password"
	id := insertOperator(t, db, "carla", mustHash(t, pw), true)
	a := &Authenticator{DB: db, Now: clk.Now, MaxFailures: 3, Sleep: (&sleepRecorder{}).Sleep}
	check := func(p string) error { return a.CheckPassword(ctx, id, Attempt{Password: p, Address: "192.0.2.1"}) }

	if err := check("wrong-one"); !errors.Is(err, ErrInvalidCredentials) {
		t.Fatalf("wrong password: %v", err)
	}
	if r := readThrottle(t, db, usernameKey("carla")); r.attempts != 1 {
		t.Errorf("attempts after a wrong check = %d, want 1", r.attempts)
	}
	if err := check(pw); err != nil {
		t.Fatalf("right password: %v", err)
	}
	if r, st := readThrottle(t, db, usernameKey("carla")), readOperator(t, db, id); r.attempts != 0 || st.lastSignIn.Valid {
		t.Errorf("after a right check: %+v %+v, want the counter cleared and no sign-in recorded", r, st)
	}
	for range 3 {
		_ = check("wrong-one")
	}
	if err := check(pw); !errors.Is(err, ErrThrottled) {
		t.Errorf("right password while throttled: %v, want ErrThrottled", err)
	}
	if _, err := signIn(a, "carla", pw, "192.0.2.1", ""); !errors.Is(err, ErrThrottled) {
		t.Errorf("sign-in while throttled by checks: %v, want ErrThrottled", err)
	}
	if err := a.CheckPassword(ctx, 999999, Attempt{Password: pw}); !errors.Is(err, ErrInvalidCredentials) {
		t.Errorf("unknown operator: %v", err)
	}
}
