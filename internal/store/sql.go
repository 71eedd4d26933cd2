package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/schema"

	"github.com/siso-project/siso/internal/database"
)

// Statements with bind parameters. bun writes every argument into the SQL
// text, so each citizen, page or viewer makes a new text that PostgreSQL
// parses and plans again (planning the policy-wrapped lists costs several
// times their execution). The read paths of the API build their SQL with
// bun's "?" placeholders and run it through scanBound, which numbers the
// placeholders ($1, $2…) and hands the arguments to pgx: one text per query
// shape, prepared once per connection by pgx's statement cache and planned
// once. Rows are still scanned into the bun models.

// bindable reports whether pgx can take arg as a bind parameter (bun's
// query appenders, such as bun.In, only make sense in bun's formatting).
func bindable(arg any) bool {
	_, appender := arg.(schema.QueryAppender)
	return !appender
}

// numberPlaceholders turns bun's "?" placeholders into $1, $2… (outside
// quoted strings and identifiers); "??" is not a placeholder in our SQL.
func numberPlaceholders(q string) (string, int) {
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	var quote byte
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '?':
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	return b.String(), n
}

// scanBound runs q (with "?" placeholders) with args bound as parameters
// and scans the rows into dest (a pointer to a slice of models, or to
// scalars), like bun's NewRaw(q, args...).Scan(ctx, dest). When an argument
// cannot be bound (a bun appender) the query goes through bun unchanged.
func scanBound(ctx context.Context, db bun.IDB, dest any, q string, args ...any) error {
	for _, a := range args {
		if !bindable(a) {
			return db.NewRaw(q, args...).Scan(ctx, dest)
		}
	}
	text, n := numberPlaceholders(q)
	if n != len(args) {
		return fmt.Errorf("store: %d placeholders for %d arguments", n, len(args))
	}
	h, ok := database.Bound(db)
	if !ok {
		return db.NewRaw(q, args...).Scan(ctx, dest)
	}
	rows, err := h.QueryContext(ctx, text, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	if err := db.NewRaw("").DB().ScanRows(ctx, rows, dest); err != nil {
		return err
	}
	return rows.Err()
}
