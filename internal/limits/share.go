package limits

import (
	"context"
	"sync/atomic"
	"time"
)

// Exchange shares the budgets' spending between the processes that serve
// the same clients (several `siso serve` behind one balancer).
type Exchange interface {
	// Exchange records what this process charged per budget key since its
	// previous call and returns what the other processes charged since
	// then. On error spent was not recorded (it is offered again with the
	// next call); what it returns was still charged elsewhere.
	Exchange(ctx context.Context, spent map[string]int64) (map[string]int64, error)
}

// ShareInterval is how often at most a process exchanges its spending.
// Between two exchanges a client may spend up to its budget in each
// process before the others count it.
const ShareInterval = time.Second

// shared is the state of an extension whose budgets are shared.
type shared struct {
	x       Exchange
	onError func(error)
	running atomic.Bool
	last    atomic.Int64 // unix nanoseconds of the last exchange started
}

// Share makes the budgets count what other processes charge: at most every
// ShareInterval, the first operation charged starts an exchange in the
// background (no operation waits for it), which hands x what this process
// charged and takes from each key's bucket what the others did. onError
// (nil: ignored) hears of an exchange that failed; its spending is offered
// again with the next one. Call Share before serving.
func (e *Extension) Share(x Exchange, onError func(error)) {
	e.shared = &shared{x: x, onError: onError}
	e.budgets.keepSpent(nil) // start counting what this process charges
}

// maybeExchange starts an exchange when one is due and none is running.
func (e *Extension) maybeExchange(now time.Time) {
	s := e.shared
	if s == nil || now.UnixNano()-s.last.Load() < int64(ShareInterval) || !s.running.CompareAndSwap(false, true) {
		return
	}
	s.last.Store(now.UnixNano())
	go func() {
		defer s.running.Store(false)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := e.ExchangeNow(ctx); err != nil && s.onError != nil {
			s.onError(err)
		}
	}()
}

// ExchangeNow exchanges the spending at once (tests, and a process that
// wants the others' spending before it starts serving).
func (e *Extension) ExchangeNow(ctx context.Context) error {
	s := e.shared
	if s == nil {
		return nil
	}
	spent := e.budgets.takeSpent()
	others, err := s.x.Exchange(ctx, spent)
	e.budgets.chargeOthers(others, e.now())
	if err != nil {
		e.budgets.keepSpent(spent)
	}
	return err
}
