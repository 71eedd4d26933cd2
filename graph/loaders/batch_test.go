package loaders

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// wide is a window no busy machine outlasts between two goroutines started
// together: these tests count fetches, not time.
var wide = Window{Quiet: 250 * time.Millisecond, Max: 5 * time.Second}

func TestLoaderBatchesConcurrentKeys(t *testing.T) {
	var fetches atomic.Int32
	var sizes []int
	var mu sync.Mutex
	l := NewLoader(wide, func(_ context.Context, keys []int) ([]string, []error) {
		fetches.Add(1)
		mu.Lock()
		sizes = append(sizes, len(keys))
		mu.Unlock()
		out := make([]string, len(keys))
		errs := make([]error, len(keys))
		for i, k := range keys {
			if k < 0 {
				errs[i] = fmt.Errorf("no %d", k)
				continue
			}
			out[i] = fmt.Sprint("v", k)
		}
		return out, errs
	})
	ctx := context.Background()
	var wg sync.WaitGroup
	got := make([]string, 50)
	for i := range 50 {
		wg.Go(func() {
			v, err := l.Load(ctx, i%25) // each key asked twice
			if err != nil {
				t.Error(err)
			}
			got[i] = v
		})
	}
	wg.Wait()
	for i, v := range got {
		if v != fmt.Sprint("v", i%25) {
			t.Errorf("key %d: %q", i%25, v)
		}
	}
	if n := fetches.Load(); n != 1 {
		t.Errorf("%d fetches (sizes %v) for keys asked at once, want one", n, sizes)
	}
	// A key already loaded costs no fetch; a key's error is its own.
	before := fetches.Load()
	if v, err := l.Load(ctx, 3); err != nil || v != "v3" {
		t.Errorf("cached: %q %v", v, err)
	}
	if fetches.Load() != before {
		t.Error("a loaded key was fetched again")
	}
	vs, err := l.LoadAll(ctx, []int{1, -1, 30})
	if err == nil || vs[0] != "v1" || vs[2] != "v30" {
		t.Errorf("LoadAll: %v %v", vs, err)
	}
	if !l.Prime(100, "primed") || l.Prime(1, "x") {
		t.Error("Prime stores only keys not asked for")
	}
	if v, _ := l.Load(ctx, 100); v != "primed" {
		t.Errorf("primed: %q", v)
	}
}

func TestLoaderWholeBatchErrorAndCancel(t *testing.T) {
	boom := errors.New("database down")
	l := NewLoader(wide, func(context.Context, []int) ([]string, []error) { return nil, []error{boom} })
	if _, err := l.Load(context.Background(), 1); !errors.Is(err, boom) {
		t.Errorf("got %v, want the batch's error", err)
	}
	block := make(chan struct{})
	slow := NewLoader(wide, func(context.Context, []int) ([]string, []error) {
		<-block
		return []string{"late"}, nil
	})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := slow.Load(ctx, 1); !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want the request's cancellation", err)
	}
	close(block)
}
