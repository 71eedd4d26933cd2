package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// The load of the test: 16 clients (front desks writing accesses and
// searching, social workers reading citizen pages, managers and partners'
// shapes of reading lists) for loadDuration.
const (
	loadClients  = 16
	loadDuration = 30 * time.Second
)

// loadQueries are the reads, by operator.
var loadQueries = map[string][]string{
	"sportello.perugia": {`{ citizens(filter: {search: "rossi"}, first: 10) { totalCount edges { node { id fiscalCode lastName } } } }`},
	"as.perugia": {`query($id: ID!) { citizen(id: $id) { id fiscalCode firstName lastName birthDate residence { municipality { name } }
		household { size members { id lastName } } accesses(first: 20) { totalCount edges { node { id } } }
		cases(first: 10) { totalCount } interventions(first: 20) { totalCount } } }`},
	"resp.perugia": {`{ cases(first: 20) { totalCount edges { node { id } } } }`, `{ interventions(first: 20) { totalCount edges { node { id } } } }`},
	"as.terni":     {`{ viewer { username zones { code } } zones { code name municipalities { name } } }`, `{ referrals(first: 20) { totalCount } }`},
}

// loadResult is what one run saw.
type loadResult struct {
	mu       sync.Mutex
	outcomes []outcome
	writes   map[string]outcome // by idempotency key
}

func (r *loadResult) add(o outcome, key string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.outcomes = append(r.outcomes, o)
	if key != "" {
		r.writes[key] = o
	}
}

// answered reports a response with no server failure in it.
func (o outcome) answered() bool {
	if o.err != nil || o.status != http.StatusOK {
		return false
	}
	for _, e := range o.errors {
		if c := e.Extensions["code"]; c == "INTERNAL" || c == "UNAVAILABLE" {
			return false
		}
	}
	return true
}

// runLoad runs the clients until stop says so. Each client's requests
// are counted in sent.
func runLoad(t *testing.T, s *served, run string, sent *atomic.Int64, stop func(o outcome) bool) *loadResult {
	t.Helper()
	res := &loadResult{writes: map[string]outcome{}}
	users := []string{"sportello.perugia", "as.perugia", "resp.perugia", "as.terni"}
	desk := s.client(t, "sportello.perugia")
	in := intakeInput(t, desk)
	var citizens []string
	if o := s.client(t, "as.perugia").post(`{ citizens(filter: {search: "ro"}, first: 50) { edges { node { id } } } }`, nil); o.answered() {
		var d struct {
			Citizens struct {
				Edges []struct{ Node struct{ ID string } }
			}
		}
		_ = json.Unmarshal(o.data, &d)
		for _, e := range d.Citizens.Edges {
			citizens = append(citizens, e.Node.ID)
		}
	}
	if len(citizens) == 0 {
		t.Fatal("no citizen for the citizen pages")
	}
	clients := make([]*gqlClient, loadClients)
	for i := range clients { // all signed in before the first request
		clients[i] = s.client(t, users[i%len(users)])
	}
	var wg sync.WaitGroup
	for i, c := range clients {
		user := users[i%len(users)]
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; ; n++ {
				var o outcome
				key := ""
				switch {
				case user == "sportello.perugia" && n%2 == 0:
					key = fmt.Sprintf("load-%s-%02d-%06d", run, i, n)
					w := map[string]any{}
					for k, v := range in {
						w[k] = v
					}
					w["idempotencyKey"] = key
					o = c.post(registerAccess, map[string]any{"in": w})
				default:
					qs := loadQueries[user]
					o = c.post(qs[n%len(qs)], map[string]any{"id": citizens[(i*31+n)%len(citizens)]})
				}
				res.add(o, key)
				sent.Add(1)
				if stop(o) {
					return
				}
			}
		}()
	}
	wg.Wait()
	return res
}

// checkWrites checks that the writes answered are stored once each and
// the others are not stored at all.
func checkWrites(t *testing.T, s *served, res *loadResult) (stored int) {
	t.Helper()
	var ok, not []string
	for k, o := range res.writes {
		if o.answered() {
			ok = append(ok, k)
		} else {
			not = append(not, k)
		}
	}
	if len(ok) > 0 {
		if n := countAccesses(t, s, ok...); n != len(ok) {
			t.Errorf("%d writes answered, %d stored", len(ok), n)
		}
	}
	if len(not) > 0 {
		if n := countAccesses(t, s, not...); n != 0 {
			t.Errorf("%d of %d writes refused were stored", n, len(not))
		}
	}
	return len(ok)
}

// Mixed reads and writes by 16 clients for 30 s answer no 5xx and no
// INTERNAL; then SIGTERM in the middle of a second run: every request is
// answered, or refused with 503 UNAVAILABLE and Retry-After, or never
// reached the server (its connection was refused after the drain), and no
// refused write is stored. Outcomes are counted; nothing is timed.
func TestLoadThenSIGTERMUnderLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("the load test runs for 30 s")
	}
	s := startServe(t, map[string]string{"SISO_SHUTDOWN_GRACE": "2s"})

	// 1. The load.
	var sent1 atomic.Int64
	deadline := time.Now().Add(loadDuration)
	first := runLoad(t, s, "a", &sent1, func(outcome) bool { return time.Now().After(deadline) })
	failures := 0
	kinds := map[string]int{}
	for _, o := range first.outcomes {
		if !o.answered() {
			failures++
			k := fmt.Sprintf("HTTP %d %s %v", o.status, o.code(), o.err)
			if kinds[k]++; kinds[k] == 1 {
				t.Errorf("under load: %+v", o)
			}
		}
	}
	stored := checkWrites(t, s, first)
	t.Logf("load: %d requests by %d clients in %s, %d writes, %d failed", len(first.outcomes), loadClients, loadDuration, stored, failures)
	if failures > 0 || stored == 0 {
		t.Fatalf("%d of %d requests failed under load (%d writes)", failures, len(first.outcomes), stored)
	}

	// 2. SIGTERM in the middle of a second run: once the clients have sent
	// a tenth of the first run's requests. Each client stops at its first
	// refusal, as a balancer takes the process out.
	var sent2 atomic.Int64
	var once sync.Once
	half := sent1.Load() / 10
	second := runLoad(t, s, "b", &sent2, func(o outcome) bool {
		if sent2.Load() >= half {
			once.Do(s.sigterm)
		}
		return !o.answered()
	})
	once.Do(s.sigterm) // in case the run ended early
	if err := s.wait(); err != nil {
		t.Errorf("siso serve after SIGTERM: %v", err)
	}
	var answered, refused, notSent int
	for _, o := range second.outcomes {
		switch {
		case o.answered():
			answered++
		case o.refused():
			refused++
		case o.notSent():
			notSent++
		default:
			t.Errorf("a request during the shutdown was neither answered nor refused before processing: HTTP %d %s %v", o.status, o.code(), o.err)
		}
	}
	checkWrites(t, s, second)
	t.Logf("shutdown under load: %d answered, %d refused with 503, %d not sent (connection refused)", answered, refused, notSent)
	if refused+notSent < loadClients {
		t.Errorf("%d clients stopped by the shutdown, want %d", refused+notSent, loadClients)
	}
}
