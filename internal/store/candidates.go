package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/siso-project/siso/internal/authz"
	"github.com/siso-project/siso/internal/relay"
)

// Candidate is a registered person who may be the one at the desk.
type Candidate struct {
	ID                      int64      `bun:"id"`
	FirstName               string     `bun:"first_name"`
	LastName                string     `bun:"last_name"`
	BirthDate               *time.Time `bun:"birth_date"`
	ResidenceMunicipalityID *int       `bun:"residence_municipality_id"`
	Match                   string     `bun:"match"`
	InScope                 bool       `bun:"in_scope"`
}

// GlobalID is the Relay id of the citizen.
func (c *Candidate) GlobalID() string { return relay.ID("Citizen", c.ID) }

// MaxCandidates bounds a duplicate lookup.
const MaxCandidates = 10

// Candidates looks region-wide for people already registered: by exact
// codice fiscale, or by the same birth date and a similar last name.
func (s *Store) Candidates(ctx context.Context, v *authz.Viewer, fiscalCode, lastName string, birthDate *time.Time) ([]*Candidate, error) {
	rel, relArgs := authz.RelSQL(v, "c.id")
	var conds []string
	var args []any
	args = append(args, relArgs...)
	if fiscalCode != "" {
		conds = append(conds, "c.fiscal_code = ?")
		args = append(args, fiscalCode)
	}
	if birthDate != nil && lastName != "" {
		conds = append(conds, "(c.birth_date = ?::date AND similarity(lower(c.last_name), lower(?)) >= 0.4)")
		args = append(args, birthDate.Format("2006-01-02"), lastName)
	}
	if len(conds) == 0 {
		return nil, nil
	}
	q := fmt.Sprintf(`SELECT c.id, c.first_name, c.last_name, c.birth_date, c.residence_municipality_id,
			CASE WHEN c.fiscal_code = ? THEN 'FISCAL_CODE' ELSE 'NAME_AND_BIRTH_DATE' END AS match,
			(%s & %d) <> 0 AS in_scope
		FROM citizen c WHERE c.pseudonymized_at IS NULL AND (%s)
		ORDER BY (c.fiscal_code = ?) DESC NULLS LAST, c.last_name, c.first_name LIMIT %d`,
		rel, int(authz.RowsSocial), strings.Join(conds, " OR "), MaxCandidates)
	all := append([]any{fiscalCode}, args...)
	all = append(all, fiscalCode)
	var out []*Candidate
	if err := s.DB.NewRaw(q, all...).Scan(ctx, &out); err != nil {
		return nil, fmt.Errorf("find candidates: %w", err)
	}
	return out, nil
}
