package store

import (
	"context"
	"encoding/base64"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/apperr"
	"github.com/siso-project/siso/internal/authz"
)

// Page limits.
const (
	DefaultPageSize = 20
	MaxPageSize     = 100
)

// Page is a normalized Relay page request. It is comparable, so it can be
// part of a dataloader key.
type Page struct {
	Limit    int
	Backward bool   // last/before
	Cursor   string // after (forward) or before (backward); "" for none
}

// NewPage validates Relay arguments: first and last between 1 and 100
// (DefaultPageSize when both are omitted), not both, and well-formed cursors.
func NewPage(first *int, after *string, last *int, before *string) (Page, error) {
	if first != nil && last != nil {
		return Page{}, apperr.BadInput("last", "give first or last, not both")
	}
	p := Page{Limit: DefaultPageSize}
	switch {
	case last != nil:
		if *last < 1 || *last > MaxPageSize {
			return Page{}, apperr.BadInput("last", "last must be between 1 and %d", MaxPageSize)
		}
		p.Limit, p.Backward = *last, true
	case first != nil:
		if *first < 1 || *first > MaxPageSize {
			return Page{}, apperr.BadInput("first", "first must be between 1 and %d", MaxPageSize)
		}
		p.Limit = *first
	}
	if p.Backward && before != nil {
		p.Cursor = *before
	} else if !p.Backward && after != nil {
		p.Cursor = *after
	} else if before != nil && !p.Backward {
		p.Backward, p.Cursor = true, *before
	}
	if p.Cursor != "" {
		if _, _, err := decodeCursor(p.Cursor); err != nil {
			field := "after"
			if p.Backward {
				field = "before"
			}
			return Page{}, apperr.BadInput(field, "malformed cursor")
		}
	}
	return p, nil
}

// Conn is one page of rows of one partition (one parent, or the whole list).
type Conn[T any] struct {
	Rows        []*T
	TotalCount  int
	HasNext     bool
	HasPrevious bool
}

// Cursor returns the cursor of a row of a connection.
func Cursor(m *RowMeta) string { return encodeCursor(m.SortKey, m.RowID) }

func encodeCursor(sortKey string, id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(sortKey + "\x00" + strconv.FormatInt(id, 10)))
}

func decodeCursor(c string) (string, int64, error) {
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || len(raw) > 200 {
		return "", 0, fmt.Errorf("bad cursor")
	}
	key, idText, ok := strings.Cut(string(raw), "\x00")
	if !ok {
		return "", 0, fmt.Errorf("bad cursor")
	}
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil {
		return "", 0, fmt.Errorf("bad cursor")
	}
	return key, id, nil
}

// ListSpec describes a paged list over one table. Every list orders by a
// sort column and then the id, so cursors are stable keyset positions.
type ListSpec struct {
	Table    string // table name; the query aliases it "t"
	Sort     string // sort expression over t, e.g. "t.occurred_at"
	SortType string // SQL type to cast cursor keys back to, e.g. "timestamptz"
	Desc     bool
	// Rel is the SQL expression of the viewer's relationship (from
	// authz.RelSQL over a column of t), "0" for lists of reference rows.
	Rel     string
	RelArgs []any
	// SortArgs are the arguments of a Sort expression with placeholders.
	SortArgs []any

	// carried, when set, replaces Rel: each row takes the relationship
	// of its parent, computed when the parent was read (see Parent).
	carried *carriedRels
}

// Parent is a parent row of a child list with the viewer's relationship
// to the parent's citizen, computed in SQL when the parent was read in the
// same request (store.RowMeta.Rel). A child list of a citizen (or of a
// case, whose rows belong to the case's citizen) takes that relationship
// instead of deriving it again for every row; what depends on the child
// row itself (a provider's own interventions and deliveries) is still
// decided per row by the list's visibility filter.
type Parent struct {
	ID  int64
	Rel authz.Rel
}

type carriedRels struct {
	col  string // the child's column holding the parent id, e.g. "t.citizen_id"
	ids  []int64
	rels []int32
}

// Filter is a SQL condition over t with its arguments.
type Filter struct {
	SQL  string
	Args []any
}

// Where builds a Filter.
func Where(sql string, args ...any) Filter { return Filter{SQL: sql, Args: args} }

type metaRow interface{ Meta() *RowMeta }

// pages loads one page per partition with a single statement: partition is
// a SQL expression over t (the parent key, or "0" for one list); filters
// restrict rows (the first should restrict the partition key to the batch's
// parents); visible decides which rows exist for the viewer given the
// computed rel. totalCount counts the visible rows of each partition.
func pages[T any, PT interface {
	*T
	metaRow
}](ctx context.Context, db bun.IDB, spec ListSpec, partition string, filters []Filter, visible Filter, pg Page) (map[int64]*Conn[T], error) {
	var args []any
	var conds []string
	for _, f := range filters {
		conds = append(conds, "("+f.SQL+")")
		args = append(args, f.Args...)
	}
	where := "true"
	if len(conds) > 0 {
		where = strings.Join(conds, " AND ")
	}
	desc := spec.Desc != pg.Backward
	dir, cmp := "ASC", ">"
	if desc {
		dir, cmp = "DESC", "<"
	}
	sortVal := "sort_key::" + spec.SortType
	relExpr, relArgs, join := spec.Rel, spec.RelArgs, ""
	var joinArgs []any
	if c := spec.carried; c != nil {
		relExpr, relArgs = "p.rel", nil
		join = " JOIN unnest(?::bigint[], ?::int[]) AS p(parent_id, rel) ON " + c.col + " = p.parent_id"
		joinArgs = []any{c.ids, c.rels}
	}
	var q strings.Builder
	fmt.Fprintf(&q, `WITH base AS (
	SELECT t.*, t.id AS row_id, %s AS rel, %s AS parent_key, (%s)::text AS sort_key FROM %s AS t%s WHERE %s
), vis AS (
	SELECT base.*, count(*) OVER (PARTITION BY parent_key) AS total_count FROM base WHERE %s
), after_cursor AS (
	SELECT vis.*, row_number() OVER (PARTITION BY parent_key ORDER BY %s %s, id %s) AS rn FROM vis`,
		relExpr, partition, spec.Sort, spec.Table, join, where, visible.SQL, sortVal, dir, dir)
	allArgs := append(append(append(append(append([]any{}, relArgs...), spec.SortArgs...), joinArgs...), args...), visible.Args...)
	if pg.Cursor != "" {
		key, id, err := decodeCursorAs(pg.Cursor, spec.SortType, cursorField(pg))
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(&q, ` WHERE (%s, id) %s (?::%s, ?)`, sortVal, cmp, spec.SortType)
		allArgs = append(allArgs, key, id)
	}
	q.WriteString(`
)
SELECT * FROM after_cursor WHERE rn <= ? ORDER BY parent_key, rn`)
	allArgs = append(allArgs, pg.Limit+1)
	sql := q.String()

	var rows []*T
	if err := scanBound(ctx, db, &rows, sql, allArgs...); err != nil {
		return nil, fmt.Errorf("list %s: %w", spec.Table, err)
	}
	out := map[int64]*Conn[T]{}
	for _, r := range rows {
		m := PT(r).Meta()
		c := out[m.ParentKey]
		if c == nil {
			c = &Conn[T]{TotalCount: m.TotalCount}
			out[m.ParentKey] = c
		}
		if len(c.Rows) == pg.Limit {
			if pg.Backward {
				c.HasPrevious = true
			} else {
				c.HasNext = true
			}
			continue
		}
		c.Rows = append(c.Rows, r)
	}
	for _, c := range out {
		if pg.Backward {
			slices.Reverse(c.Rows)
			c.HasNext = pg.Cursor != ""
		} else {
			c.HasPrevious = pg.Cursor != ""
		}
	}
	return out, nil
}
