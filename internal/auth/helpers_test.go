package auth

import (
	"context"
	"database/sql"
	"sync"
	"testing"
	"time"

	"github.com/uptrace/bun"
)

// clock is a settable time source for the Now fields.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock {
	return &clock{t: time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC)}
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// insertOperator adds an operator with the given password hash and returns
// its id.
func insertOperator(t *testing.T, db bun.IDB, username, passwordHash string, active bool) int64 {
	t.Helper()
	var id int64
	err := db.QueryRowContext(context.Background(),
		`INSERT INTO operator (username, display_name, password_hash, active)
		 VALUES (?, ?, ?, ?) RETURNING id`,
		username, "Operator "+username, passwordHash, active).Scan(&id)
	if err != nil {
		t.Fatalf("insert operator %s: %v", username, err)
	}
	return id
}

// mustHash hashes a password or fails the test.
func mustHash(t *testing.T, password string) string {
	t.Helper()
	h, err := HashPassword(password)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// operatorState is the sign-in bookkeeping of one operator row.
type operatorState struct {
	lastSignIn sql.NullTime
	hash       string
}

func readOperator(t *testing.T, db bun.IDB, id int64) operatorState {
	t.Helper()
	var s operatorState
	err := db.QueryRowContext(context.Background(),
		`SELECT last_sign_in_at, password_hash FROM operator WHERE id = ?`, id).
		Scan(&s.lastSignIn, &s.hash)
	if err != nil {
		t.Fatalf("read operator %d: %v", id, err)
	}
	return s
}

func setActive(t *testing.T, db bun.IDB, id int64, active bool) {
	t.Helper()
	if _, err := db.ExecContext(context.Background(),
		`UPDATE operator SET active = ? WHERE id = ?`, active, id); err != nil {
		t.Fatal(err)
	}
}
