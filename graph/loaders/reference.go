package loaders

import (
	"context"
	"errors"

	"github.com/siso-project/siso/internal/store"
)

// Cached answers keys from the process's reference data (store.Reference:
// code lists and territory) without a statement. It has the methods of a
// Loader that resolvers use.
type Cached[V any] struct {
	ref  func(context.Context) (*store.Reference, error)
	pick func(*store.Reference, int64) V
}

func cached[V any](ref func(context.Context) (*store.Reference, error), pick func(*store.Reference, int64) V) *Cached[V] {
	return &Cached[V]{ref: ref, pick: pick}
}

// Load returns the value of key (the zero value when there is none).
func (c *Cached[V]) Load(ctx context.Context, key int64) (V, error) {
	var zero V
	ref, err := c.ref(ctx)
	if err != nil {
		return zero, err
	}
	return c.pick(ref, key), nil
}

// LoadAll returns the values of keys.
func (c *Cached[V]) LoadAll(ctx context.Context, keys []int64) ([]V, error) {
	ref, err := c.ref(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]V, len(keys))
	for i, k := range keys {
		out[i] = c.pick(ref, k)
	}
	return out, nil
}

// Prime does nothing: the reference data is already in memory.
func (c *Cached[V]) Prime(int64, V) bool { return false }

// errNoReference is returned when a request has no way to read the
// reference data (loaders made without it).
var errNoReference = errors.New("loaders: no reference data")
