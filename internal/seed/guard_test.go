package seed

import (
	"context"
	"testing"

	"github.com/siso-project/siso/internal/testdb"
)

// TestFindDemoAccountsVerifiesEachHashOnce: the demo password is looked for
// in every active operator's hash, each distinct hash verified once and,
// when clean, not again at the next check.
func TestFindDemoAccountsVerifiesEachHashOnce(t *testing.T) {
	db := testdb.New(t, migrated)
	ctx := context.Background()
	insert := func(username, hash string, active bool) {
		t.Helper()
		if _, err := db.ExecContext(ctx, `INSERT INTO operator (username, display_name, password_hash, active)
			VALUES (?, ?, ?, ?)`, username, username, hash, active); err != nil {
			t.Fatal(err)
		}
	}
	// Fake hashes: "demo:*" verify the demo password.
	insert("mario.rossi", "clean:1", true)
	insert("anna.bianchi", "clean:2", true)
	insert("luca.verdi", "demo:1", true)
	insert("sara.neri", "demo:1", true)
	insert("old.account", "demo:2", false) // inactive: harmless
	insert("admin", "clean:3", true)       // a demo username: refused whatever its password
	var calls []string
	verify := func(hash, password string) (bool, error) {
		calls = append(calls, hash)
		return password == DefaultPassword && hash[:5] == "demo:", nil
	}
	check := func(wantCalls int, want ...string) {
		t.Helper()
		calls = nil
		found, err := FindDemoAccounts(ctx, db, verify)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, a := range found {
			got = append(got, a.Username)
		}
		if len(got) != len(want) {
			t.Fatalf("found %v, want %v", got, want)
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("found %v, want %v", got, want)
			}
		}
		if len(calls) != wantCalls {
			t.Errorf("verified %v, want %d verifications", calls, wantCalls)
		}
	}
	check(4, "admin", "luca.verdi", "sara.neri") // clean:1, clean:2, clean:3, demo:1 once
	check(1, "admin", "luca.verdi", "sara.neri") // only demo:1 again
	if _, err := db.ExecContext(ctx, `UPDATE operator SET password_hash = 'clean:4' WHERE username IN ('luca.verdi', 'sara.neri');
		UPDATE operator SET active = false WHERE username = 'admin'`); err != nil {
		t.Fatal(err)
	}
	check(1) // clean:4, once for both
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM demo_password_screened`).Scan(&n); err != nil || n != 4 {
		t.Errorf("%d screened hashes (%v), want 4 (clean:1..4; forgotten ones removed)", n, err)
	}
	if _, err := db.ExecContext(ctx, `DELETE FROM operator WHERE username = 'mario.rossi'`); err != nil {
		t.Fatal(err)
	}
	check(0)
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM demo_password_screened`).Scan(&n); err != nil || n != 3 {
		t.Errorf("%d screened hashes (%v), want 3 once mario.rossi's is gone", n, err)
	}
}
