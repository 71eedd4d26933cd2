// Package migrations holds SISO's SQL migrations, embedded in the binary.
//
// Files are named NNNN_description.sql and applied in lexical order, each in
// its own transaction, by internal/migrate (at start-up and by `siso migrate`).
// An applied migration is never edited: add a new file instead.
package migrations

import "embed"

// FS holds the *.sql migration files.
//
//go:embed *.sql
var FS embed.FS
