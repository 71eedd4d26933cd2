package limits

import (
	"container/list"
	"math"
	"sync"
	"time"
)

// idleTTL is how long a client's bucket is kept without use. A bucket idle
// for a minute is full again, so dropping it after two changes nothing.
const idleTTL = 2 * time.Minute

// budgets is a set of token buckets, one per client key, each holding at
// most capacity cost units and refilled continuously at capacity per minute.
// It is safe for concurrent use.
type budgets struct {
	capacity float64
	maxKeys  int

	mu   sync.Mutex
	keys map[string]*list.Element // of *bucket
	lru  *list.List               // most recently used first
	// spent is what this process charged per key since the last
	// takeSpent, for the other processes (see Extension.Share).
	spent map[string]int64
}

type bucket struct {
	key    string
	tokens float64
	// filled is when tokens was last brought up to date.
	filled time.Time
	// used is when the bucket was last charged or asked to be.
	used time.Time
}

func newBudgets(capacity, maxKeys int) *budgets {
	return &budgets{
		capacity: float64(capacity),
		maxKeys:  maxKeys,
		keys:     map[string]*list.Element{},
		lru:      list.New(),
	}
}

// refill brings b's tokens up to now. A clock that goes backwards refills
// nothing.
func (bs *budgets) refill(b *bucket, now time.Time) {
	if elapsed := now.Sub(b.filled); elapsed > 0 {
		b.tokens = math.Min(bs.capacity, b.tokens+elapsed.Minutes()*bs.capacity)
		b.filled = now
	}
}

// charge takes cost units from key's bucket at now. It returns the units
// left; when the bucket holds fewer than cost it takes nothing, ok is false
// and retryAfter is the number of seconds until it will hold enough.
func (bs *budgets) charge(key string, cost int, now time.Time) (remaining int, retryAfter int, ok bool) {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	bs.evictIdle(now)
	var b *bucket
	if e, found := bs.keys[key]; found {
		b = e.Value.(*bucket)
		bs.lru.MoveToFront(e)
		bs.refill(b, now)
	} else {
		for len(bs.keys) >= bs.maxKeys {
			bs.remove(bs.lru.Back())
		}
		b = &bucket{key: key, tokens: bs.capacity, filled: now}
		bs.keys[key] = bs.lru.PushFront(b)
	}
	if now.After(b.used) {
		b.used = now
	}
	c := float64(cost)
	if c > b.tokens {
		wait := math.Ceil((c - b.tokens) * 60 / bs.capacity)
		return max(0, int(b.tokens)), max(1, int(wait)), false
	}
	b.tokens -= c
	if bs.spent != nil {
		bs.spent[key] += int64(cost)
	}
	return int(b.tokens), 0, true
}

// takeSpent returns what was charged per key since the last call, and
// starts counting again.
func (bs *budgets) takeSpent() map[string]int64 {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	spent := bs.spent
	bs.spent = map[string]int64{}
	return spent
}

// keepSpent gives back spending that could not be shared, to be shared
// with the next.
func (bs *budgets) keepSpent(spent map[string]int64) {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	if bs.spent == nil {
		bs.spent = map[string]int64{}
	}
	for key, units := range spent {
		bs.spent[key] += units
	}
}

// chargeOthers takes what other processes charged from the keys' buckets
// at now. A bucket may go into debt, down to one minute of budget: a
// client that spent it elsewhere waits here too.
func (bs *budgets) chargeOthers(spent map[string]int64, now time.Time) {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	for key, units := range spent {
		var b *bucket
		if e, found := bs.keys[key]; found {
			b = e.Value.(*bucket)
			bs.refill(b, now)
		} else {
			for len(bs.keys) >= bs.maxKeys {
				bs.remove(bs.lru.Back())
			}
			b = &bucket{key: key, tokens: bs.capacity, filled: now, used: now}
			bs.keys[key] = bs.lru.PushFront(b)
		}
		b.tokens = math.Max(-bs.capacity, b.tokens-float64(units))
	}
}

// remaining returns the units in key's bucket at now, without charging.
func (bs *budgets) remaining(key string, now time.Time) int {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	e, found := bs.keys[key]
	if !found {
		return int(bs.capacity)
	}
	b := *e.Value.(*bucket)
	bs.refill(&b, now)
	return max(0, int(b.tokens))
}

// len returns the number of buckets kept.
func (bs *budgets) len() int {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	return len(bs.keys)
}

// evictIdle drops the buckets unused for longer than idleTTL, least
// recently used first; the caller holds mu.
func (bs *budgets) evictIdle(now time.Time) {
	for e := bs.lru.Back(); e != nil; e = bs.lru.Back() {
		if now.Sub(e.Value.(*bucket).used) <= idleTTL {
			return
		}
		bs.remove(e)
	}
}

func (bs *budgets) remove(e *list.Element) {
	delete(bs.keys, e.Value.(*bucket).key)
	bs.lru.Remove(e)
}
