package httpapi_test

import (
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/siso-project/siso/internal/httpapi"
	"github.com/siso-project/siso/internal/limits"
	"github.com/siso-project/siso/internal/testenv"
)

// TestCostBudgetIsSharedByProcesses: two `siso serve` processes on one
// database (behind one balancer) charge one budget per client. After an
// operator spends their minute's budget on one process, the other refuses
// them within a few requests, long before its own copy of the budget would
// run out.
func TestCostBudgetIsSharedByProcesses(t *testing.T) {
	budget := limits.Config{BudgetPerMinute: 200, MaxCost: 20}
	a := testenv.New(t, httpapi.WithLimits(budget))
	cfg := httpapi.Config{Mode: httpapi.Development, MaxBodyBytes: 1 << 20, RequestTimeout: 30 * time.Second,
		SessionIdle: 30 * time.Minute, SessionAbsolute: 12 * time.Hour}
	srvB := httptest.NewServer(httpapi.New(cfg, a.DB, slog.New(slog.NewTextHandler(io.Discard, nil)), httpapi.WithLimits(budget)))
	t.Cleanup(srvB.Close)
	b := &testenv.Env{T: t, DB: a.DB, Server: srvB, Queries: a.Queries}

	const q = `{ viewer { username } }`
	onA, onB := a.SignIn("as.perugia"), b.SignIn("as.perugia")
	r := onA.Do(q, nil)
	cost, _ := r.Extensions["cost"].(map[string]any)["requested"].(float64)
	if cost < 1 {
		t.Fatalf("no cost reported: %v", r.Extensions)
	}
	perMinute := int(float64(budget.BudgetPerMinute) / cost) // requests a budget pays for
	spent := 1
	for ; spent <= perMinute; spent++ {
		if r := onA.Do(q, nil); len(r.Errors) > 0 {
			break
		}
	}
	if spent > perMinute {
		t.Fatalf("process A never refused: %d requests of cost %v on a budget of %d", spent, cost, budget.BudgetPerMinute)
	}
	time.Sleep(limits.ShareInterval + 100*time.Millisecond)
	onA.Do(q, nil) // refused; hands A's spending to the other processes

	// Without sharing, B would serve about perMinute requests.
	for i := 1; i <= perMinute/2; i++ {
		r := onB.Do(q, nil)
		if len(r.Errors) > 0 {
			if r.Errors[0].Code() != "RATE_LIMITED" {
				t.Fatalf("request %d on B: %+v", i, r.Errors)
			}
			t.Logf("B refused request %d of %d its own budget allows", i, perMinute)
			return
		}
		time.Sleep(300 * time.Millisecond)
	}
	t.Fatalf("process B served %d requests of a client whose budget process A had spent", perMinute/2)
}
