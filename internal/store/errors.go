package store

import "database/sql"

var errNoRows = sql.ErrNoRows
