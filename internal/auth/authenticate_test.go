package auth

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"
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

func TestAuthenticate(t *testing.T) {
	db := newDB(t)
	ctx := context.Background()
	clk := newClock()
	const pw = "s3cret-password"
	aliceID := insertOperator(t, db, "alice", mustHash(t, pw), true)
	insertOperator(t, db, "bob", mustHash(t, pw), false)

	tests := []struct {
		name      string
		username  string
		password  string
		wantID    int64
		wantErr   error
		wantFails int // alice's failed_sign_ins afterwards
	}{
		{"right password", "alice", pw, aliceID, nil, 0},
		{"username normalized", "  ALICE\t", pw, aliceID, nil, 0},
		{"wrong password", "alice", pw + "x", 0, ErrInvalidCredentials, 1},
		{"password is case-sensitive", "alice", strings.ToUpper(pw), 0, ErrInvalidCredentials, 1},
		{"empty password", "alice", "", 0, ErrInvalidCredentials, 1},
		{"unknown user", "carol", pw, 0, ErrInvalidCredentials, 0},
		{"username not allowed by schema", "a'; --", pw, 0, ErrInvalidCredentials, 0},
		{"empty username", "", pw, 0, ErrInvalidCredentials, 0},
		{"NUL byte in username", "ali\x00ce", pw, 0, ErrInvalidCredentials, 0},
		{"invalid UTF-8 username", "ali\xffce", pw, 0, ErrInvalidCredentials, 0},
		{"inactive operator, right password", "bob", pw, 0, ErrInvalidCredentials, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Start each case from a clean state.
			if _, err := db.ExecContext(ctx, `UPDATE operator SET failed_sign_ins = 0, locked_until = NULL, last_sign_in_at = NULL`); err != nil {
				t.Fatal(err)
			}
			clk.Advance(time.Hour)
			a := &Authenticator{DB: db, Now: clk.Now, Sleep: (&sleepRecorder{}).Sleep}
			id, err := a.Authenticate(ctx, tt.username, tt.password)
			if id != tt.wantID || !errors.Is(err, tt.wantErr) || (err == nil) != (tt.wantErr == nil) {
				t.Fatalf("Authenticate(%q) = %d, %v; want %d, %v", tt.username, id, err, tt.wantID, tt.wantErr)
			}
			if err != nil && err.Error() != tt.wantErr.Error() {
				t.Errorf("error message %q is not the generic one", err)
			}
			st := readOperator(t, db, aliceID)
			if st.failed != tt.wantFails {
				t.Errorf("failed_sign_ins = %d, want %d", st.failed, tt.wantFails)
			}
			if tt.wantErr == nil {
				if !st.lastSignIn.Valid || !st.lastSignIn.Time.Equal(clk.Now()) {
					t.Errorf("last_sign_in_at = %v, want %v", st.lastSignIn, clk.Now())
				}
			} else if st.lastSignIn.Valid {
				t.Errorf("last_sign_in_at set on failure: %v", st.lastSignIn.Time)
			}
			if tt.wantErr != nil && tt.wantID == 0 && tt.username != "alice" && a.dummyHash == "" {
				t.Error("no dummy verification was spent on an unknown or inactive user")
			}
		})
	}
}

// TestAuthenticateUnknownUserSpendsVerificationTime checks that an unknown
// username costs about as much as a wrong password (no user enumeration by
// timing).
func TestAuthenticateUnknownUserSpendsVerificationTime(t *testing.T) {
	db := newDB(t)
	ctx := context.Background()
	insertOperator(t, db, "alice", mustHash(t, "s3cret-password"), true)
	a := &Authenticator{DB: db, Sleep: (&sleepRecorder{}).Sleep}
	if _, err := a.Authenticate(ctx, "nobody", "whatever-password"); !errors.Is(err, ErrInvalidCredentials) {
		t.Fatal(err)
	}
	dummy := a.dummyHash
	if NeedsRehash(dummy) {
		t.Fatalf("dummy hash %q is not a current hash", dummy)
	}
	// A single verification with the current parameters; the unknown user
	// must take at least half of it (generous, to stay robust on busy
	// machines).
	start := time.Now()
	_, _ = VerifyPassword(dummy, "x")
	one := time.Since(start)
	start = time.Now()
	if _, err := a.Authenticate(ctx, "nobody-else", "whatever-password"); !errors.Is(err, ErrInvalidCredentials) {
		t.Fatal(err)
	}
	if got := time.Since(start); got < one/2 {
		t.Errorf("unknown user took %v, one verification takes %v", got, one)
	}
	if a.dummyHash != dummy {
		t.Error("dummy hash recomputed; want once per Authenticator")
	}
}

func TestAuthenticateLockout(t *testing.T) {
	db := newDB(t)
	ctx := context.Background()
	clk := newClock()
	const pw = "s3cret-password"
	id := insertOperator(t, db, "alice", mustHash(t, pw), true)
	sleeps := &sleepRecorder{}
	a := &Authenticator{DB: db, Now: clk.Now, MaxFailures: 3, LockFor: 10 * time.Minute, Sleep: sleeps.Sleep}

	for i := 1; i <= 2; i++ {
		if _, err := a.Authenticate(ctx, "alice", "wrong-password"); !errors.Is(err, ErrInvalidCredentials) {
			t.Fatalf("failure %d: %v, want ErrInvalidCredentials", i, err)
		}
		if st := readOperator(t, db, id); st.failed != i || st.lockedUntil.Valid {
			t.Fatalf("after failure %d: failed=%d locked_until=%v", i, st.failed, st.lockedUntil)
		}
	}
	// The third failure locks and resets the counter.
	if _, err := a.Authenticate(ctx, "alice", "wrong-password"); !errors.Is(err, ErrLocked) {
		t.Fatalf("locking failure: %v, want ErrLocked", err)
	}
	lockEnd := clk.Now().Add(10 * time.Minute)
	st := readOperator(t, db, id)
	if st.failed != 0 || !st.lockedUntil.Valid || !st.lockedUntil.Time.Equal(lockEnd) {
		t.Fatalf("after lock: failed=%d locked_until=%v, want 0 and %v", st.failed, st.lockedUntil, lockEnd)
	}

	// While locked, even the right password is refused, and nothing is
	// counted or slowed down.
	sleeps.take()
	for _, at := range []time.Duration{0, time.Minute, 10*time.Minute - time.Second} {
		clk.Set(lockEnd.Add(-10 * time.Minute).Add(at))
		for _, p := range []string{pw, "wrong-password"} {
			if got, err := a.Authenticate(ctx, " Alice ", p); !errors.Is(err, ErrLocked) || got != 0 {
				t.Fatalf("at +%v with %q: %d, %v; want ErrLocked", at, p, got, err)
			}
		}
	}
	if st := readOperator(t, db, id); st.failed != 0 || !st.lockedUntil.Time.Equal(lockEnd) {
		t.Errorf("attempts while locked changed the row: failed=%d locked_until=%v", st.failed, st.lockedUntil)
	}
	if d := sleeps.take(); len(d) != 0 {
		t.Errorf("attempts while locked slept %v", d)
	}
	// The password is not even checked while locked: a corrupt stored hash
	// would otherwise give ErrMalformedHash.
	var saved string
	if err := db.QueryRowContext(ctx, `SELECT password_hash FROM operator WHERE id = ?`, id).Scan(&saved); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `UPDATE operator SET password_hash = 'corrupt' WHERE id = ?`, id); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Authenticate(ctx, "alice", pw); !errors.Is(err, ErrLocked) {
		t.Fatalf("locked operator: %v, want ErrLocked without verifying the password", err)
	}
	if _, err := db.ExecContext(ctx, `UPDATE operator SET password_hash = ? WHERE id = ?`, saved, id); err != nil {
		t.Fatal(err)
	}

	// When the lock ends there is a fresh allowance: two more failures are
	// plain failures, the third locks again.
	clk.Set(lockEnd)
	for i := 1; i <= 2; i++ {
		if _, err := a.Authenticate(ctx, "alice", "wrong-password"); !errors.Is(err, ErrInvalidCredentials) {
			t.Fatalf("failure %d after the lock: %v", i, err)
		}
	}
	if _, err := a.Authenticate(ctx, "alice", "wrong-password"); !errors.Is(err, ErrLocked) {
		t.Fatalf("second lock: %v", err)
	}
	if _, err := a.Authenticate(ctx, "alice", pw); !errors.Is(err, ErrLocked) {
		t.Fatalf("right password during second lock: %v", err)
	}

	// After the second lock, the right password succeeds and clears it.
	clk.Advance(10 * time.Minute)
	if got, err := a.Authenticate(ctx, "alice", pw); err != nil || got != id {
		t.Fatalf("right password after the lock: %d, %v", got, err)
	}
	st = readOperator(t, db, id)
	if st.failed != 0 || st.lockedUntil.Valid || !st.lastSignIn.Time.Equal(clk.Now()) {
		t.Errorf("after success: failed=%d locked_until=%v last_sign_in_at=%v", st.failed, st.lockedUntil, st.lastSignIn)
	}
}

func TestAuthenticateSuccessResetsCounter(t *testing.T) {
	db := newDB(t)
	ctx := context.Background()
	clk := newClock()
	const pw = "s3cret-password"
	id := insertOperator(t, db, "alice", mustHash(t, pw), true)
	a := &Authenticator{DB: db, Now: clk.Now, MaxFailures: 4, Sleep: (&sleepRecorder{}).Sleep}

	for range 3 {
		if _, err := a.Authenticate(ctx, "alice", "wrong-password"); !errors.Is(err, ErrInvalidCredentials) {
			t.Fatal(err)
		}
	}
	if _, err := a.Authenticate(ctx, "alice", pw); err != nil {
		t.Fatal(err)
	}
	if st := readOperator(t, db, id); st.failed != 0 {
		t.Fatalf("failed_sign_ins after success = %d, want 0", st.failed)
	}
	// Without the reset, the next failure would be the fourth and lock.
	for i := 1; i <= 3; i++ {
		if _, err := a.Authenticate(ctx, "alice", "wrong-password"); !errors.Is(err, ErrInvalidCredentials) {
			t.Fatalf("failure %d after success: %v, want ErrInvalidCredentials", i, err)
		}
	}
	if _, err := a.Authenticate(ctx, "alice", "wrong-password"); !errors.Is(err, ErrLocked) {
		t.Fatalf("fourth failure: %v, want ErrLocked", err)
	}
}

func TestAuthenticateDefaults(t *testing.T) {
	db := newDB(t)
	ctx := context.Background()
	clk := newClock()
	id := insertOperator(t, db, "alice", mustHash(t, "s3cret-password"), true)
	a := &Authenticator{DB: db, Now: clk.Now, Sleep: (&sleepRecorder{}).Sleep}
	for i := 1; i < 10; i++ {
		if _, err := a.Authenticate(ctx, "alice", "wrong"); !errors.Is(err, ErrInvalidCredentials) {
			t.Fatalf("failure %d: %v", i, err)
		}
	}
	if _, err := a.Authenticate(ctx, "alice", "wrong"); !errors.Is(err, ErrLocked) {
		t.Fatalf("failure 10: %v, want ErrLocked", err)
	}
	if st := readOperator(t, db, id); !st.lockedUntil.Time.Equal(clk.Now().Add(15 * time.Minute)) {
		t.Errorf("locked_until = %v, want now+15m", st.lockedUntil.Time)
	}
}

func TestAuthenticateSlowDown(t *testing.T) {
	db := newDB(t)
	ctx := context.Background()
	clk := newClock()
	const pw = "s3cret-password"
	insertOperator(t, db, "alice", mustHash(t, pw), true)
	sleeps := &sleepRecorder{}
	a := &Authenticator{DB: db, Now: clk.Now, MaxFailures: 13, Sleep: sleeps.Sleep}

	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
	want := []time.Duration{
		0, 0, 0, // failures 1-3: no delay
		ms(250), ms(500), ms(750), ms(1000), ms(1250), ms(1500), ms(1750), ms(2000),
		ms(2000), // failure 12: capped
		ms(2000), // failure 13 locks: capped
	}
	for i, w := range want {
		_, err := a.Authenticate(ctx, "alice", "wrong-password")
		if i < len(want)-1 && !errors.Is(err, ErrInvalidCredentials) || i == len(want)-1 && !errors.Is(err, ErrLocked) {
			t.Fatalf("failure %d: %v", i+1, err)
		}
		got := sleeps.take()
		switch {
		case w == 0 && len(got) != 0:
			t.Errorf("failure %d slept %v, want no delay", i+1, got)
		case w != 0 && (len(got) != 1 || got[0] != w):
			t.Errorf("failure %d slept %v, want [%v]", i+1, got, w)
		}
	}

	// A success resets the slow-down; unknown users are never delayed.
	clk.Advance(time.Hour)
	if _, err := a.Authenticate(ctx, "alice", pw); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 5; i++ {
		_, _ = a.Authenticate(ctx, "nobody", "wrong-password")
	}
	if _, err := a.Authenticate(ctx, "alice", "wrong-password"); !errors.Is(err, ErrInvalidCredentials) {
		t.Fatal(err)
	}
	if got := sleeps.take(); len(got) != 0 {
		t.Errorf("slept %v after a success and unknown users, want no delay", got)
	}
}

func TestAuthenticateSlowDownHonoursContext(t *testing.T) {
	db := newDB(t)
	clk := newClock()
	id := insertOperator(t, db, "alice", mustHash(t, "s3cret-password"), true)
	if _, err := db.ExecContext(context.Background(), `UPDATE operator SET failed_sign_ins = 5 WHERE id = ?`, id); err != nil {
		t.Fatal(err)
	}
	// The default Sleep: a canceled context ends the delay at once.
	a := &Authenticator{DB: db, Now: clk.Now}
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		time.Sleep(100 * time.Millisecond)
		cancel()
	}()
	start := time.Now()
	_, err := a.Authenticate(ctx, "alice", "wrong-password") // 6th failure: 750ms delay
	if !errors.Is(err, ErrInvalidCredentials) || !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want ErrInvalidCredentials and context.Canceled", err)
	}
	if el := time.Since(start); el > 600*time.Millisecond {
		t.Errorf("took %v; the 750ms delay was not cut short by the cancellation", el)
	}
	if st := readOperator(t, db, id); st.failed != 6 {
		t.Errorf("failed_sign_ins = %d, want 6 (counted before the delay)", st.failed)
	}
}

func TestSleepContext(t *testing.T) {
	if err := sleepContext(context.Background(), time.Millisecond); err != nil {
		t.Errorf("sleepContext = %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start := time.Now()
	if err := sleepContext(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("sleepContext(canceled) = %v", err)
	}
	if time.Since(start) > time.Second {
		t.Error("sleepContext ignored the cancellation")
	}
}

func TestAuthenticateRehashesOutdatedHash(t *testing.T) {
	db := newDB(t)
	ctx := context.Background()
	const pw = "s3cret-password"
	old := legacyHash(t, pw, 8192, 1, 1, 16, 32)
	id := insertOperator(t, db, "alice", old, true)
	a := &Authenticator{DB: db, Sleep: (&sleepRecorder{}).Sleep}

	if _, err := a.Authenticate(ctx, "alice", "wrong-password"); !errors.Is(err, ErrInvalidCredentials) {
		t.Fatal(err)
	}
	if st := readOperator(t, db, id); st.hash != old {
		t.Fatal("hash changed after a wrong password")
	}
	if got, err := a.Authenticate(ctx, "alice", pw); err != nil || got != id {
		t.Fatalf("Authenticate with legacy hash = %d, %v", got, err)
	}
	st := readOperator(t, db, id)
	if st.hash == old || NeedsRehash(st.hash) {
		t.Fatalf("hash not upgraded: %q", st.hash)
	}
	if ok, err := VerifyPassword(st.hash, pw); err != nil || !ok {
		t.Fatalf("upgraded hash does not verify: %v, %v", ok, err)
	}
	if _, err := a.Authenticate(ctx, "alice", pw); err != nil {
		t.Fatalf("sign-in with the upgraded hash: %v", err)
	}
}

func TestAuthenticateMalformedStoredHash(t *testing.T) {
	db := newDB(t)
	insertOperator(t, db, "alice", "not-a-hash", true)
	a := &Authenticator{DB: db, Sleep: (&sleepRecorder{}).Sleep}
	_, err := a.Authenticate(context.Background(), "alice", "s3cret-password")
	if !errors.Is(err, ErrMalformedHash) || errors.Is(err, ErrInvalidCredentials) {
		t.Fatalf("err = %v, want a wrapped ErrMalformedHash", err)
	}
}

func TestAuthenticateDatabaseErrorWrapped(t *testing.T) {
	db := newDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	a := &Authenticator{DB: db, Sleep: (&sleepRecorder{}).Sleep}
	_, err := a.Authenticate(ctx, "alice", "s3cret-password")
	if err == nil || errors.Is(err, ErrInvalidCredentials) || !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want a wrapped database error", err)
	}
}

// TestAuthenticateRaceGuards covers the window between reading the operator
// and recording the outcome: if a concurrent attempt locked the account (or
// it was deactivated) in between, the outcome is not recorded.
func TestAuthenticateRaceGuards(t *testing.T) {
	db := newDB(t)
	ctx := context.Background()
	clk := newClock()
	const pw = "s3cret-password"
	hash := mustHash(t, pw)
	id := insertOperator(t, db, "alice", hash, true)
	a := &Authenticator{DB: db, Now: clk.Now, MaxFailures: 3, Sleep: (&sleepRecorder{}).Sleep}
	until := clk.Now().Add(time.Minute)
	if _, err := db.ExecContext(ctx, `UPDATE operator SET locked_until = ?, failed_sign_ins = 1 WHERE id = ?`, until, id); err != nil {
		t.Fatal(err)
	}

	if err := a.succeed(ctx, id, hash, pw, clk.Now(), true); !errors.Is(err, ErrLocked) {
		t.Errorf("succeed on a row locked meanwhile: %v, want ErrLocked", err)
	}
	if err := a.fail(ctx, id, clk.Now()); !errors.Is(err, ErrLocked) {
		t.Errorf("fail on a row locked meanwhile: %v, want ErrLocked", err)
	}
	st := readOperator(t, db, id)
	if st.failed != 1 || !st.lockedUntil.Time.Equal(until) || st.lastSignIn.Valid {
		t.Errorf("row changed: failed=%d locked_until=%v last_sign_in_at=%v", st.failed, st.lockedUntil, st.lastSignIn)
	}

	setActive(t, db, id, false)
	clk.Advance(time.Hour)
	if err := a.succeed(ctx, id, hash, pw, clk.Now(), true); !errors.Is(err, ErrInvalidCredentials) {
		t.Errorf("succeed on a row deactivated meanwhile: %v, want ErrInvalidCredentials", err)
	}
	if st := readOperator(t, db, id); st.lastSignIn.Valid {
		t.Error("sign-in recorded for a deactivated operator")
	}
}

// TestAuthenticateConcurrentGuessing checks that parallel wrong attempts
// cannot get more than MaxFailures guesses evaluated before the lock.
func TestAuthenticateConcurrentGuessing(t *testing.T) {
	db := newDB(t)
	ctx := context.Background()
	clk := newClock()
	id := insertOperator(t, db, "alice", mustHash(t, "s3cret-password"), true)
	a := &Authenticator{DB: db, Now: clk.Now, MaxFailures: 5, Sleep: (&sleepRecorder{}).Sleep}

	const n = 24
	errs := make(chan error, n)
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := a.Authenticate(ctx, "alice", "wrong-password")
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	var invalid, locked int
	for err := range errs {
		switch {
		case errors.Is(err, ErrInvalidCredentials):
			invalid++
		case errors.Is(err, ErrLocked):
			locked++
		default:
			t.Errorf("unexpected error %v", err)
		}
	}
	if invalid != 4 || locked != n-4 {
		t.Errorf("%d invalid, %d locked; want 4 and %d", invalid, locked, n-4)
	}
	if st := readOperator(t, db, id); st.failed != 0 || !st.lockedUntil.Valid {
		t.Errorf("failed=%d locked_until=%v; want 0 and a lock", st.failed, st.lockedUntil)
	}
}

// CheckPassword (before a change of password) shares the lock-out of
// sign-in but does not record a sign-in.
func TestCheckPasswordCountsTowardsTheLockout(t *testing.T) {
	db := newDB(t)
	ctx := context.Background()
	clk := newClock()
	const pw = "s3cret-password"
	id := insertOperator(t, db, "carla", mustHash(t, pw), true)
	a := &Authenticator{DB: db, Now: clk.Now, MaxFailures: 3, Sleep: (&sleepRecorder{}).Sleep}

	if err := a.CheckPassword(ctx, id, "wrong-one"); !errors.Is(err, ErrInvalidCredentials) {
		t.Fatalf("wrong password: %v", err)
	}
	if st := readOperator(t, db, id); st.failed != 1 {
		t.Errorf("failures after a wrong check = %d, want 1", st.failed)
	}
	if err := a.CheckPassword(ctx, id, pw); err != nil {
		t.Fatalf("right password: %v", err)
	}
	if st := readOperator(t, db, id); st.failed != 0 || st.lastSignIn.Valid {
		t.Errorf("after a right check: %+v, want the counter reset and no sign-in recorded", st)
	}
	for range 2 {
		_ = a.CheckPassword(ctx, id, "wrong-one")
	}
	if err := a.CheckPassword(ctx, id, "wrong-one"); !errors.Is(err, ErrLocked) {
		t.Fatalf("third failure: %v, want ErrLocked", err)
	}
	if err := a.CheckPassword(ctx, id, pw); !errors.Is(err, ErrLocked) {
		t.Errorf("right password while locked: %v, want ErrLocked", err)
	}
	if _, err := a.Authenticate(ctx, "carla", pw); !errors.Is(err, ErrLocked) {
		t.Errorf("sign-in while locked by checks: %v, want ErrLocked", err)
	}
}
