package auth

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"
)

// sessionRow is the stored row of a session.
type sessionRow struct {
	operatorID int64
	lastSeen   time.Time
	revokedAt  sql.NullTime
	userAgent  sql.NullString
}

func readSession(t *testing.T, db bun.IDB, token string) (sessionRow, bool) {
	t.Helper()
	h := sha256.Sum256([]byte(token))
	var r sessionRow
	err := db.QueryRowContext(context.Background(),
		`SELECT operator_id, last_seen_at, revoked_at, user_agent FROM session WHERE token_hash = ?`, h[:]).
		Scan(&r.operatorID, &r.lastSeen, &r.revokedAt, &r.userAgent)
	if errors.Is(err, sql.ErrNoRows) {
		return r, false
	}
	if err != nil {
		t.Fatal(err)
	}
	return r, true
}

func countSessions(t *testing.T, db bun.IDB) int {
	t.Helper()
	var n int
	if err := db.QueryRowContext(context.Background(), `SELECT count(*) FROM session`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func mustCreate(t *testing.T, s *Sessions, operatorID int64) string {
	t.Helper()
	tok, _, err := s.Create(context.Background(), operatorID, "test-agent")
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func wantValid(t *testing.T, s *Sessions, token string, operatorID int64) Session {
	t.Helper()
	got, err := s.Lookup(context.Background(), token)
	if err != nil {
		t.Fatalf("Lookup: %v, want a valid session", err)
	}
	if got.OperatorID != operatorID {
		t.Fatalf("Lookup: operator %d, want %d", got.OperatorID, operatorID)
	}
	return got
}

func wantNoSession(t *testing.T, s *Sessions, token string) {
	t.Helper()
	if got, err := s.Lookup(context.Background(), token); !errors.Is(err, ErrNoSession) {
		t.Fatalf("Lookup = %+v, %v; want ErrNoSession", got, err)
	}
}

func newSessions(t *testing.T) (*Sessions, *clock, int64, int64) {
	t.Helper()
	db := newDB(t)
	clk := newClock()
	h := mustHash(t, "s3cret-password")
	alice := insertOperator(t, db, "alice", h, true)
	bob := insertOperator(t, db, "bob", h, true)
	return &Sessions{DB: db, Now: clk.Now, IdleTimeout: 30 * time.Minute, AbsoluteTimeout: 2 * time.Hour}, clk, alice, bob
}

func TestSessionCreateLookup(t *testing.T) {
	s, clk, alice, _ := newSessions(t)
	ctx := context.Background()
	t0 := clk.Now()

	tok, sess, err := s.Create(ctx, alice, "Mozilla/5.0 test")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil || len(raw) != 32 || len(tok) != 43 {
		t.Fatalf("token %q: want 32 bytes in unpadded base64url (%v)", tok, err)
	}
	want := Session{OperatorID: alice, CreatedAt: t0, LastSeenAt: t0, ExpiresAt: t0.Add(2 * time.Hour)}
	if sess != want {
		t.Fatalf("Create session = %+v, want %+v", sess, want)
	}

	// Only the SHA-256 of the token is stored.
	row, ok := readSession(t, s.DB, tok)
	if !ok {
		t.Fatal("no row with token_hash = sha256(token)")
	}
	if row.userAgent.String != "Mozilla/5.0 test" {
		t.Errorf("user_agent = %q", row.userAgent.String)
	}
	var stored []byte
	if err := s.DB.QueryRowContext(ctx, `SELECT token_hash FROM session`).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(stored, raw) || bytes.Contains(stored, []byte(tok)) {
		t.Error("the token itself is stored")
	}

	clk.Advance(10 * time.Second)
	got := wantValid(t, s, tok, alice)
	if !got.CreatedAt.Equal(t0) || !got.ExpiresAt.Equal(want.ExpiresAt) || !got.LastSeenAt.Equal(t0) {
		t.Errorf("Lookup = %+v, want %+v", got, want)
	}

	// Two sessions never share a token.
	tok2 := mustCreate(t, s, alice)
	if tok2 == tok {
		t.Error("two sessions got the same token")
	}
	wantValid(t, s, tok2, alice)
}

func TestSessionLookupTouchesLastSeen(t *testing.T) {
	s, clk, alice, _ := newSessions(t)
	t0 := clk.Now()
	tok := mustCreate(t, s, alice)

	// Within a minute: no write.
	clk.Advance(59 * time.Second)
	if got := wantValid(t, s, tok, alice); !got.LastSeenAt.Equal(t0) {
		t.Errorf("LastSeenAt = %v, want %v", got.LastSeenAt, t0)
	}
	if row, _ := readSession(t, s.DB, tok); !row.lastSeen.Equal(t0) {
		t.Errorf("last_seen_at written after 59s: %v", row.lastSeen)
	}
	// More than a minute: written.
	clk.Advance(2 * time.Second)
	if got := wantValid(t, s, tok, alice); !got.LastSeenAt.Equal(clk.Now()) {
		t.Errorf("LastSeenAt = %v, want %v", got.LastSeenAt, clk.Now())
	}
	if row, _ := readSession(t, s.DB, tok); !row.lastSeen.Equal(clk.Now()) {
		t.Errorf("last_seen_at = %v, want %v", row.lastSeen, clk.Now())
	}
}

func TestSessionIdleTimeout(t *testing.T) {
	s, clk, alice, _ := newSessions(t)
	t0 := clk.Now()
	tests := []struct {
		name    string
		lookups []time.Duration // offsets from creation; all but the last must succeed
		valid   bool            // whether the last one succeeds
	}{
		{"used just before the idle timeout", []time.Duration{30 * time.Minute}, true},
		{"idle just past the timeout", []time.Duration{30*time.Minute + time.Second}, false},
		{"activity extends it", []time.Duration{20 * time.Minute, 45 * time.Minute, 70 * time.Minute}, true},
		{"idle after activity", []time.Duration{20 * time.Minute, 51 * time.Minute}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clk.Set(t0)
			tok := mustCreate(t, s, alice)
			for i, at := range tt.lookups {
				clk.Set(t0.Add(at))
				if i < len(tt.lookups)-1 || tt.valid {
					wantValid(t, s, tok, alice)
				} else {
					wantNoSession(t, s, tok)
				}
			}
		})
	}
}

func TestSessionAbsoluteTimeout(t *testing.T) {
	s, clk, alice, _ := newSessions(t)
	t0 := clk.Now()
	tok := mustCreate(t, s, alice)
	// Kept busy every 20 minutes, it still ends after AbsoluteTimeout (2h).
	for at := 20 * time.Minute; at < 2*time.Hour; at += 20 * time.Minute {
		clk.Set(t0.Add(at))
		wantValid(t, s, tok, alice)
	}
	clk.Set(t0.Add(2*time.Hour - time.Second))
	wantValid(t, s, tok, alice)
	clk.Set(t0.Add(2 * time.Hour))
	wantNoSession(t, s, tok)
}

func TestSessionDefaults(t *testing.T) {
	s, clk, alice, _ := newSessions(t)
	s.IdleTimeout, s.AbsoluteTimeout = 0, 0
	t0 := clk.Now()
	tok, sess, err := s.Create(context.Background(), alice, "")
	if err != nil {
		t.Fatal(err)
	}
	if !sess.ExpiresAt.Equal(t0.Add(12 * time.Hour)) {
		t.Errorf("ExpiresAt = %v, want now+12h", sess.ExpiresAt)
	}
	if row, _ := readSession(t, s.DB, tok); row.userAgent.Valid {
		t.Errorf("empty user agent stored as %q, want NULL", row.userAgent.String)
	}
	clk.Set(t0.Add(30 * time.Minute))
	wantValid(t, s, tok, alice)
	clk.Set(t0.Add(60*time.Minute + time.Second))
	wantNoSession(t, s, tok)
}

func TestSessionLookupRejectsMalformedTokens(t *testing.T) {
	s, _, alice, _ := newSessions(t)
	tok := mustCreate(t, s, alice)
	for _, bad := range []string{
		"",
		"x",
		tok[:42],
		tok + "A",
		tok + "=",
		strings.Repeat("!", 43),
		strings.ToUpper(tok[:1]) + tok[1:] + "\x00",
	} {
		if _, err := s.Lookup(context.Background(), bad); !errors.Is(err, ErrNoSession) {
			t.Errorf("Lookup(%q) = %v, want ErrNoSession", bad, err)
		}
	}
	// A well-formed token that was never issued.
	other := base64.RawURLEncoding.EncodeToString(make([]byte, 32))
	wantNoSession(t, s, other)
}

func TestSessionRevoke(t *testing.T) {
	s, clk, alice, _ := newSessions(t)
	ctx := context.Background()
	tok := mustCreate(t, s, alice)
	other := mustCreate(t, s, alice)

	clk.Advance(time.Minute)
	if err := s.Revoke(ctx, tok); err != nil {
		t.Fatal(err)
	}
	wantNoSession(t, s, tok)
	wantValid(t, s, other, alice)
	row, _ := readSession(t, s.DB, tok)
	if !row.revokedAt.Valid || !row.revokedAt.Time.Equal(clk.Now()) {
		t.Errorf("revoked_at = %v, want %v", row.revokedAt, clk.Now())
	}

	// Revoking again, an unknown token or garbage is not an error and does
	// not move revoked_at.
	clk.Advance(time.Minute)
	for _, tk := range []string{tok, "", "garbage", base64.RawURLEncoding.EncodeToString(make([]byte, 32))} {
		if err := s.Revoke(ctx, tk); err != nil {
			t.Errorf("Revoke(%q) = %v", tk, err)
		}
	}
	if row2, _ := readSession(t, s.DB, tok); !row2.revokedAt.Time.Equal(row.revokedAt.Time) {
		t.Errorf("revoked_at moved from %v to %v", row.revokedAt.Time, row2.revokedAt.Time)
	}
}

func TestSessionRevokeAll(t *testing.T) {
	s, _, alice, bob := newSessions(t)
	a1, a2 := mustCreate(t, s, alice), mustCreate(t, s, alice)
	b1 := mustCreate(t, s, bob)
	if err := s.RevokeAll(context.Background(), alice); err != nil {
		t.Fatal(err)
	}
	wantNoSession(t, s, a1)
	wantNoSession(t, s, a2)
	wantValid(t, s, b1, bob)
}

func TestSessionRotate(t *testing.T) {
	s, _, alice, bob := newSessions(t)
	ctx := context.Background()

	t.Run("old token invalid, new valid", func(t *testing.T) {
		old := mustCreate(t, s, alice)
		keep := mustCreate(t, s, alice)
		tok, sess, err := s.Rotate(ctx, old, alice, "ua")
		if err != nil {
			t.Fatal(err)
		}
		if tok == old || sess.OperatorID != alice {
			t.Fatalf("Rotate = %q, %+v", tok, sess)
		}
		wantNoSession(t, s, old)
		wantValid(t, s, tok, alice)
		wantValid(t, s, keep, alice) // other sessions are untouched
	})
	t.Run("no previous cookie", func(t *testing.T) {
		tok, _, err := s.Rotate(ctx, "", alice, "ua")
		if err != nil {
			t.Fatal(err)
		}
		wantValid(t, s, tok, alice)
	})
	t.Run("previous session of another operator", func(t *testing.T) {
		old := mustCreate(t, s, bob)
		tok, _, err := s.Rotate(ctx, old, alice, "ua")
		if err != nil {
			t.Fatal(err)
		}
		wantNoSession(t, s, old)
		wantValid(t, s, tok, alice)
	})
	t.Run("failure changes nothing", func(t *testing.T) {
		old := mustCreate(t, s, alice)
		before := countSessions(t, s.DB)
		// No such operator: the insert fails, so the revocation must be
		// rolled back with it.
		tok, _, err := s.Rotate(ctx, old, 999999, "ua")
		if err == nil {
			t.Fatalf("Rotate for a missing operator = %q, nil; want an error", tok)
		}
		wantValid(t, s, old, alice)
		if row, _ := readSession(t, s.DB, old); row.revokedAt.Valid {
			t.Error("old session revoked although the rotation failed")
		}
		if after := countSessions(t, s.DB); after != before {
			t.Errorf("sessions %d → %d", before, after)
		}
	})
}

func TestSessionInactiveOperator(t *testing.T) {
	s, _, alice, bob := newSessions(t)
	tok := mustCreate(t, s, alice)
	bobTok := mustCreate(t, s, bob)
	setActive(t, s.DB, alice, false)
	wantNoSession(t, s, tok)
	wantValid(t, s, bobTok, bob)
	setActive(t, s.DB, alice, true)
	wantValid(t, s, tok, alice)
}

func TestSessionDeleteExpired(t *testing.T) {
	s, clk, alice, _ := newSessions(t)
	ctx := context.Background()
	t0 := clk.Now()

	expired := mustCreate(t, s, alice) // created at t0: past expiry at t0+2h
	clk.Set(t0.Add(90 * time.Minute))
	idle := mustCreate(t, s, alice) // last seen t0+90m: idle at t0+2h+1m
	clk.Set(t0.Add(2*time.Hour + time.Minute - time.Second))
	live := mustCreate(t, s, alice)
	revoked := mustCreate(t, s, alice)
	if err := s.Revoke(ctx, revoked); err != nil {
		t.Fatal(err)
	}

	clk.Set(t0.Add(2*time.Hour + time.Minute))
	n, err := s.DeleteExpired(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n != 3 {
		t.Errorf("DeleteExpired = %d, want 3", n)
	}
	for name, tok := range map[string]string{"expired": expired, "idle": idle, "revoked": revoked} {
		if _, ok := readSession(t, s.DB, tok); ok {
			t.Errorf("%s session not deleted", name)
		}
	}
	wantValid(t, s, live, alice)
	if n, err := s.DeleteExpired(ctx); err != nil || n != 0 {
		t.Errorf("second DeleteExpired = %d, %v; want 0", n, err)
	}
}

func TestSessionUserAgentTruncated(t *testing.T) {
	s, _, alice, _ := newSessions(t)
	ua := strings.Repeat("é", 400) + "\xff" // 801 bytes, invalid UTF-8 at the end
	tok, _, err := s.Create(context.Background(), alice, ua)
	if err != nil {
		t.Fatal(err)
	}
	row, _ := readSession(t, s.DB, tok)
	if len(row.userAgent.String) > 512 || !strings.HasPrefix(ua, row.userAgent.String) {
		t.Errorf("stored user agent has %d bytes, want a prefix of at most 512", len(row.userAgent.String))
	}
	for _, tt := range []struct {
		in   string
		n    int
		want string
	}{
		{"abc", 5, "abc"},
		{"abcdef", 3, "abc"},
		{"aé", 2, "a"},
		{"a\xffb", 5, "a\uFFFDb"},
	} {
		if got := truncateUTF8(tt.in, tt.n); got != tt.want {
			t.Errorf("truncateUTF8(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}
