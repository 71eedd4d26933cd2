package limits

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestBucketRefill(t *testing.T) {
	t0 := newTestClock().Now()
	b := newBudgets(600, 10) // 10 units a second
	if left, _, ok := b.charge("k", 600, t0); !ok || left != 0 {
		t.Fatalf("full charge: %d %v", left, ok)
	}
	if _, retry, ok := b.charge("k", 100, t0); ok || retry != 10 {
		t.Errorf("empty: ok %v, retry %d, want 10", ok, retry)
	}
	if got := b.remaining("k", t0.Add(5*time.Second)); got != 50 {
		t.Errorf("after 5 s: %d, want 50", got)
	}
	if _, retry, ok := b.charge("k", 100, t0.Add(5*time.Second)); ok || retry != 5 {
		t.Errorf("after 5 s: ok %v, retry %d, want 5", ok, retry)
	}
	if left, _, ok := b.charge("k", 100, t0.Add(10*time.Second)); !ok || left != 0 {
		t.Errorf("after 10 s: %d %v", left, ok)
	}
	// Never above capacity.
	if got := b.remaining("k", t0.Add(time.Hour)); got != 600 {
		t.Errorf("after an hour: %d, want 600", got)
	}
	// A clock that goes backwards refills nothing.
	if got := b.remaining("k", t0); got != 0 {
		t.Errorf("clock backwards: %d, want 0", got)
	}
	if got := b.remaining("unknown", t0); got != 600 {
		t.Errorf("unknown key: %d, want the full budget", got)
	}
}

func TestBucketsEvictIdle(t *testing.T) {
	t0 := newTestClock().Now()
	b := newBudgets(100, 1000)
	b.charge("a", 1, t0)
	b.charge("b", 1, t0.Add(time.Minute))
	b.charge("c", 1, t0.Add(2*time.Minute))
	if n := b.len(); n != 3 {
		t.Fatalf("%d buckets, want 3", n)
	}
	// At 2 min 30 s, a (idle 2 min 30 s) goes; b (1 min 30 s) stays.
	b.charge("c", 1, t0.Add(150*time.Second))
	if n := b.len(); n != 2 {
		t.Errorf("%d buckets, want 2", n)
	}
	b.charge("d", 1, t0.Add(10*time.Minute))
	if n := b.len(); n != 1 {
		t.Errorf("%d buckets, want 1", n)
	}
}

func TestBucketsCap(t *testing.T) {
	t0 := newTestClock().Now()
	b := newBudgets(100, 3)
	for i, k := range []string{"a", "b", "c"} {
		b.charge(k, 50, t0.Add(time.Duration(i)*time.Second))
	}
	b.charge("a", 10, t0.Add(3*time.Second)) // a is now the most recent
	b.charge("d", 50, t0.Add(4*time.Second)) // evicts b, the least recent
	if n := b.len(); n != 3 {
		t.Errorf("%d buckets, want 3", n)
	}
	now := t0.Add(4 * time.Second)
	if got := b.remaining("b", now); got != 100 {
		t.Errorf("evicted b: %d, want a full budget", got)
	}
	if got := b.remaining("a", now); got >= 100 {
		t.Errorf("a was evicted (%d)", got)
	}
}

func TestBucketsManyKeysStayBounded(t *testing.T) {
	t0 := newTestClock().Now()
	ext := New(Config{MaxClients: 1000}, func() time.Time { return t0 }, nil)
	for i := range 5000 {
		ext.budgets.charge(fmt.Sprintf("client:%d", i), 1, t0)
	}
	if n := ext.budgets.len(); n != 1000 {
		t.Errorf("%d buckets, want 1000", n)
	}
}

func TestConfigFromEnv(t *testing.T) {
	cfg, err := configFromLookup(func(string) (string, bool) { return "", false })
	if err != nil || cfg != DefaultConfig() {
		t.Fatalf("unset: %+v %v", cfg, err)
	}
	env := map[string]string{
		EnvMaxCost:         "2000",
		EnvMaxDepth:        " 8 ",
		EnvMaxAliases:      "5",
		EnvMaxRootFields:   "3",
		EnvMaxQueryBytes:   "4096",
		EnvBudgetPerMinute: "10000",
	}
	lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	cfg, err = configFromLookup(lookup)
	if err != nil {
		t.Fatal(err)
	}
	want := DefaultConfig()
	want.MaxCost, want.MaxDepth, want.MaxAliases, want.MaxRootFields, want.MaxQueryBytes, want.BudgetPerMinute = 2000, 8, 5, 3, 4096, 10000
	if cfg != want {
		t.Errorf("got %+v, want %+v", cfg, want)
	}

	for _, bad := range []struct{ env, value string }{
		{EnvMaxCost, "lots"},
		{EnvMaxDepth, "0"},
		{EnvMaxAliases, "-1"},
		{EnvMaxRootFields, "1.5"},
		{EnvMaxQueryBytes, "99999999999"},
		{EnvBudgetPerMinute, "1999"}, // below SISO_MAX_COST
	} {
		t.Run(bad.env, func(t *testing.T) {
			t.Setenv(EnvMaxCost, "2000")
			t.Setenv(bad.env, bad.value)
			_, err := ConfigFromEnv()
			if err == nil || !strings.Contains(err.Error(), bad.env) {
				t.Errorf("%s=%q: error %v", bad.env, bad.value, err)
			}
		})
	}
}
