package store

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/authz"
)

// Store runs SISO's queries on a database handle (a *bun.DB or a bun.Tx).
type Store struct {
	DB bun.IDB

	statsKey *statsKeyCache // the statistics' rounding secret, once read
}

// New returns a Store over db.
func New(db bun.IDB) *Store { return &Store{DB: db, statsKey: &statsKeyCache{}} }

// visibleRel returns the visibility condition "(rel & mask) <> 0".
func visibleRel(mask authz.Rel) Filter {
	return Where(fmt.Sprintf("(rel & %d) <> 0", int(mask)))
}

// citizenBound returns the list spec of a table whose rows belong to the
// citizen in t.citizen_id.
func citizenBound(v *authz.Viewer, table, sort, sortType string, desc bool) ListSpec {
	rel, args := authz.RelSQL(v, "t.citizen_id")
	return ListSpec{Table: table, Sort: sort, SortType: sortType, Desc: desc, Rel: rel, RelArgs: args}
}

// byIDs loads rows of a citizen-bound table by id, keeping those visible.
func byIDs[T any](ctx context.Context, db bun.IDB, v *authz.Viewer, table, citizenCol string, ids []int64, visible Filter) ([]*T, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rel, relArgs := authz.RelSQL(v, "t."+citizenCol)
	args := append(append([]any{}, relArgs...), ids)
	args = append(args, visible.Args...)
	var rows []*T
	q := fmt.Sprintf(`SELECT * FROM (SELECT t.*, %s AS rel FROM %s AS t WHERE t.id = ANY(?::bigint[])) s WHERE %s`, rel, table, visible.SQL)
	if err := scanBound(ctx, db, &rows, q, args...); err != nil {
		return nil, fmt.Errorf("load %s by id: %w", table, err)
	}
	return rows, nil
}

// ParentPages loads one page of a citizen-bound child list per parent id.
func parentPages[T any, PT interface {
	*T
	metaRow
}](ctx context.Context, db bun.IDB, spec ListSpec, parentCol string, parents []int64, extra []Filter, visible Filter, pg Page) (map[int64]*Conn[T], error) {
	if len(parents) == 0 {
		return map[int64]*Conn[T]{}, nil
	}
	filters := append([]Filter{Where("t."+parentCol+" = ANY(?::bigint[])", parents)}, extra...)
	return pages[T, PT](ctx, db, spec, "t."+parentCol, filters, visible, pg)
}

// carriedPages is parentPages for parents read in this request: each row
// takes its parent's relationship (see Parent) instead of the spec's Rel.
func carriedPages[T any, PT interface {
	*T
	metaRow
}](ctx context.Context, db bun.IDB, spec ListSpec, parentCol string, parents []Parent, visible Filter, pg Page) (map[int64]*Conn[T], error) {
	if len(parents) == 0 {
		return map[int64]*Conn[T]{}, nil
	}
	c := &carriedRels{col: "t." + parentCol, ids: make([]int64, len(parents)), rels: make([]int32, len(parents))}
	for i, p := range parents {
		c.ids[i], c.rels[i] = p.ID, int32(p.Rel)
	}
	spec.carried = c
	return pages[T, PT](ctx, db, spec, "t."+parentCol, nil, visible, pg)
}

// one returns the single partition of a root list (empty when no rows).
func one[T any](m map[int64]*Conn[T]) *Conn[T] {
	if c, ok := m[0]; ok {
		return c
	}
	return &Conn[T]{}
}
