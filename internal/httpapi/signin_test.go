package httpapi_test

import (
	"context"
	"net/http"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/siso-project/siso/internal/auth"
	"github.com/siso-project/siso/internal/httpapi"
	"github.com/siso-project/siso/internal/seed"
	"github.com/siso-project/siso/internal/testenv"
)

// noSignInDelay makes the sign-in slow-down return at once (the delays
// themselves are tested in internal/auth with a recorder).
func noSignInDelay() httpapi.Option {
	return httpapi.WithSignIn(func(a *auth.Authenticator) {
		a.Sleep = func(context.Context, time.Duration) error { return nil }
	})
}

const signInAsQ = `mutation($u:String!,$p:String!){ signIn(input:{username:$u, password:$p}){ viewer { username } } }`

// TestSignInFailuresDoNotTellWhoExists: a run of wrong passwords gets the
// same answers, step by step, for an existing username and an unknown one,
// and both end up throttled. Each name runs on its own server and database,
// so that the per-address throttle sees the same history.
func TestSignInFailuresDoNotTellWhoExists(t *testing.T) {
	const attempts = 16
	answers := map[string][]testenv.Error{}
	for _, name := range []string{"as.terni", "nessuno.qui"} {
		c := testenv.New(t, noSignInDelay()).Anonymous()
		for i := range attempts {
			r := c.Do(signInAsQ, map[string]any{"u": name, "p": "not-the-password-" + string(rune('a'+i))})
			if len(r.Errors) != 1 {
				t.Fatalf("%s attempt %d: %s %+v", name, i+1, r.Data, r.Errors)
			}
			answers[name] = append(answers[name], r.Errors[0])
		}
	}
	known, unknown := answers["as.terni"], answers["nessuno.qui"]
	for i := range attempts {
		k, u := known[i], unknown[i]
		if k.Message != u.Message || k.Code() != u.Code() || k.Code() != "UNAUTHENTICATED" {
			t.Errorf("attempt %d: existing %q (%s), unknown %q (%s)", i+1, k.Message, k.Code(), u.Message, u.Code())
		}
	}
	if known[attempts-1].Message == known[0].Message {
		t.Errorf("after %d failures sign-in is not throttled: %q", attempts, known[attempts-1].Message)
	}
}

// TestAttackerCannotLockOutAnOperator: guesses at an operator's username
// throttle the guesser, but the operator's right password from a device they
// signed in from before still signs in (and lifts the block); a new device
// waits, or an administrator's password reset lifts it.
func TestAttackerCannotLockOutAnOperator(t *testing.T) {
	env := testenv.New(t, noSignInDelay())
	operator := env.SignIn("as.terni") // this device is now known
	mustOK(t, "sign out", operator.Do(`mutation { signOut { signedOut } }`, nil))

	attacker := env.Anonymous()
	var last testenv.Response
	for range 20 {
		last = attacker.Do(signInAsQ, map[string]any{"u": "as.terni", "p": "guess"})
		if len(last.Errors) != 1 || last.Errors[0].Code() != "UNAUTHENTICATED" {
			t.Fatalf("guess: %+v", last.Errors)
		}
	}
	// The guesser is refused now, even with the right password.
	r := attacker.Do(signInAsQ, map[string]any{"u": "as.terni", "p": seed.DefaultPassword})
	if len(r.Errors) != 1 || r.Errors[0].Code() != "UNAUTHENTICATED" {
		t.Fatalf("the right password from the guesser's device: %s %+v", r.Data, r.Errors)
	}
	// The operator, on their own device, is not.
	mustOK(t, "the operator on a known device", operator.Do(signInAsQ, map[string]any{"u": "as.terni", "p": seed.DefaultPassword}))
}

// TestAdministratorSeesTheSignInBlock: Operator.lockedUntil shows the end
// of the username's block to an administrator, and a password reset lifts
// it.
func TestAdministratorSeesTheSignInBlock(t *testing.T) {
	env := testenv.New(t, noSignInDelay())
	admin := env.SignIn("admin")
	var id int64
	if err := env.DB.NewRaw(`SELECT id FROM operator WHERE username = 'as.terni'`).Scan(context.Background(), &id); err != nil {
		t.Fatal(err)
	}
	const q = `query($id: ID!){ node(id: $id) { ... on Operator { lockedUntil } } }`
	lockedUntil := func() *string {
		t.Helper()
		var d struct{ Node struct{ LockedUntil *string } }
		mustOK(t, "lockedUntil", admin.Do(q, map[string]any{"id": globalID("Operator", id)})).Decode(t, &d)
		return d.Node.LockedUntil
	}
	if got := lockedUntil(); got != nil {
		t.Fatalf("lockedUntil before any failure: %s", *got)
	}
	attacker := env.Anonymous()
	for range 12 {
		attacker.Do(signInAsQ, map[string]any{"u": "as.terni", "p": "guess"})
	}
	if lockedUntil() == nil {
		t.Fatal("lockedUntil is null while the username is blocked")
	}
	mustOK(t, "reset", admin.Do(resetPasswordQ, map[string]any{"id": globalID("Operator", id)}))
	if got := lockedUntil(); got != nil {
		t.Errorf("lockedUntil after the password reset: %s", *got)
	}
}

// TestSignInThrottleCountsTheClientAddress: failures count on the
// connection's address, whatever X-Forwarded-For says, unless the peer is a
// trusted proxy (SISO_TRUSTED_PROXIES).
func TestSignInThrottleCountsTheClientAddress(t *testing.T) {
	for _, tc := range []struct {
		name    string
		opts    []httpapi.Option
		wantKey string
	}{
		{"no trusted proxy", nil, "a:127.0.0.1"},
		{"behind a trusted proxy", []httpapi.Option{httpapi.WithTrustedProxies(netip.MustParsePrefix("127.0.0.0/8"))}, "a:203.0.113.9"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := testenv.New(t, append(tc.opts, noSignInDelay())...)
			body := `{"query":"mutation { signIn(input:{username:\"as.terni\", password:\"guess-guess\"}) { viewer { username } } }"}`
			for _, hop := range []string{"198.51.100.1, 203.0.113.9", "198.51.100.2, 203.0.113.9"} {
				req, _ := http.NewRequest(http.MethodPost, env.Server.URL+"/graphql", strings.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("X-Forwarded-For", hop)
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
			}
			var keys []string
			if err := env.DB.NewRaw(`SELECT key FROM sign_in_throttle WHERE key LIKE 'a:%' ORDER BY key`).Scan(t.Context(), &keys); err != nil {
				t.Fatal(err)
			}
			if len(keys) != 1 || keys[0] != tc.wantKey {
				t.Errorf("address counters %v, want [%s]", keys, tc.wantKey)
			}
		})
	}
}
