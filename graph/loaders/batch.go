package loaders

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"
)

// Window says when a batch is sent. gqlgen resolves the fields of one
// level concurrently, each in its own goroutine, so the keys of a level
// arrive within microseconds of each other: a batch is sent as soon as no
// new key has arrived for Quiet, or for three times the longest wait
// between two of its keys when the machine is so busy that they come
// further apart (the dispatcher yields the processor meanwhile, so that the
// resolvers still to run get to ask first), and at the latest Max after its
// last key. A fixed wait of several milliseconds would be paid once per
// level of the query, by every request. The limit counts from the last key,
// not the first: a wide level on a busy machine takes longer than Max to
// ask all its keys, and a limit from the first would split it.
//
// A batch can still be split when the operating system pauses the thread
// that runs the resolvers for longer than the window; that costs a
// statement, never a wrong answer. (Waiting also for the scheduler's count
// of runnable goroutines to reach zero prevents it, measured, but costs
// 30-60% of the citizen page's latency: the count is rarely zero.)
type Window struct {
	Quiet time.Duration
	Max   time.Duration
}

// DefaultWindow is the window of the API's loaders.
func DefaultWindow() Window {
	return Window{Quiet: 100 * time.Microsecond, Max: 3 * time.Millisecond}
}

// Loader collects the keys that the resolvers of one request ask for into
// one fetch, and remembers each key's result for the rest of the request.
// A Loader belongs to one request: it is made per request (its cache holds
// what one viewer may see) and never shared.
type Loader[K comparable, V any] struct {
	fetch  func(ctx context.Context, keys []K) ([]V, []error)
	window Window

	mu      sync.Mutex
	results map[K]*entry[K, V]
	batch   *batch[K, V]
}

type batch[K comparable, V any] struct {
	ctx     context.Context
	keys    []K
	arrived time.Time     // when the last key was added
	gap     time.Duration // the longest wait between two keys so far
	done    chan struct{}
	values  []V
	errs    []error
}

type entry[K comparable, V any] struct {
	b     *batch[K, V] // nil for a primed value
	pos   int
	value V
}

// NewLoader makes a loader over fetch, which returns one value (and one
// error, or a nil slice) per key, in the order of the keys; a zero window is
// the default one.
func NewLoader[K comparable, V any](w Window, fetch func(ctx context.Context, keys []K) ([]V, []error)) *Loader[K, V] {
	if w == (Window{}) {
		w = DefaultWindow()
	}
	return &Loader[K, V]{fetch: fetch, window: w, results: map[K]*entry[K, V]{}}
}

// Load returns the value of key, fetched with the other keys asked for at
// the same time.
func (l *Loader[K, V]) Load(ctx context.Context, key K) (V, error) {
	return l.enqueue(ctx, key).wait(ctx)
}

// LoadAll returns the values of keys (fetched together); the error joins
// the keys' errors.
func (l *Loader[K, V]) LoadAll(ctx context.Context, keys []K) ([]V, error) {
	entries := make([]*entry[K, V], len(keys))
	for i, k := range keys {
		entries[i] = l.enqueue(ctx, k)
	}
	out := make([]V, len(keys))
	var errs []error
	for i, e := range entries {
		v, err := e.wait(ctx)
		out[i] = v
		if err != nil {
			errs = append(errs, err)
		}
	}
	return out, errors.Join(errs...)
}

// Prime stores value as key's result unless key was already asked for; it
// reports whether it did.
func (l *Loader[K, V]) Prime(key K, value V) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, ok := l.results[key]; ok {
		return false
	}
	l.results[key] = &entry[K, V]{value: value}
	return true
}

func (l *Loader[K, V]) enqueue(ctx context.Context, key K) *entry[K, V] {
	l.mu.Lock()
	defer l.mu.Unlock()
	if e, ok := l.results[key]; ok {
		return e
	}
	b := l.batch
	if b == nil {
		b = &batch[K, V]{ctx: ctx, done: make(chan struct{})}
		l.batch = b
		go l.dispatch(b)
	}
	b.keys = append(b.keys, key)
	now := time.Now()
	if len(b.keys) > 1 {
		b.gap = max(b.gap, now.Sub(b.arrived))
	}
	b.arrived = now
	e := &entry[K, V]{b: b, pos: len(b.keys) - 1}
	l.results[key] = e
	return e
}

// dispatch sends b once the keys stop arriving.
func (l *Loader[K, V]) dispatch(b *batch[K, V]) {
	for {
		runtime.Gosched()
		l.mu.Lock()
		last, gap := b.arrived, b.gap
		l.mu.Unlock()
		if idle := time.Since(last); idle >= min(max(l.window.Quiet, 3*gap), l.window.Max) {
			break
		}
	}
	l.mu.Lock()
	if l.batch == b {
		l.batch = nil
	}
	keys := b.keys
	l.mu.Unlock()
	b.values, b.errs = l.safeFetch(b.ctx, keys)
	close(b.done)
}

func (l *Loader[K, V]) safeFetch(ctx context.Context, keys []K) (values []V, errs []error) {
	defer func() {
		if p := recover(); p != nil {
			values, errs = nil, []error{fmt.Errorf("loader: panic during fetch: %v", p)}
		}
	}()
	values, errs = l.fetch(ctx, keys)
	if len(values) != len(keys) && len(errs) != 1 {
		return nil, []error{fmt.Errorf("loader: %d values for %d keys", len(values), len(keys))}
	}
	return values, errs
}

func (e *entry[K, V]) wait(ctx context.Context) (V, error) {
	var zero V
	if e.b == nil {
		return e.value, nil
	}
	select {
	case <-e.b.done:
	case <-ctx.Done():
		return zero, ctx.Err()
	}
	switch {
	case len(e.b.errs) == 1 && len(e.b.values) != len(e.b.keys):
		return zero, e.b.errs[0]
	case e.pos < len(e.b.errs) && e.b.errs[e.pos] != nil:
		return zero, e.b.errs[e.pos]
	}
	return e.b.values[e.pos], nil
}
