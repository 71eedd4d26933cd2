// Package care holds the write side of SISO: every mutation of the social
// care record, each in one transaction that re-checks, inside it, the same
// relationship the read policy uses and then writes only the named fields.
package care

import (
	"github.com/uptrace/bun"
)

// Service runs the workflows.
type Service struct {
	DB *bun.DB
}
