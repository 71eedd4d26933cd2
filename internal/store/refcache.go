package store

import (
	"context"
	"database/sql"
	"fmt"
	"sync"

	"github.com/uptrace/bun"
)

// Reference is the reference data at one version of reference_version
// (migration 0009): the code lists and the territory (zones,
// municipalities, organizations with their accreditations, offices). It is
// read-only: every request of the process shares it.
type Reference struct {
	Version   int64
	CodeLists *CodeLists

	Zones                 map[int64]*Zone
	Municipalities        map[int64]*Municipality
	MunicipalitiesByZone  map[int64][]*Municipality // by name
	Organizations         map[int64]*Organization
	Accreditations        map[int64][]string // by code
	Offices               map[int64]*Office
	OfficesByZone         map[int64][]*Office // by name, id
	OfficesByOrganization map[int64][]*Office // by name, id

	// The operators' directory, without password hashes and sign-in
	// counters (which change at every sign-in and are never read here).
	Operators         map[int64]*Operator
	RolesByOperator   map[int64][]*OperatorRole // by role, zone
	OfficesByOperator map[int64][]int64
}

// RefCache keeps the Reference of a process. A request asks for the
// version it read from the database (with its session, or on its own with
// ReferenceVersion); the cache reloads when it holds an older one, so a
// change committed by any process is seen by the next request of every
// process.
type RefCache struct {
	mu  sync.Mutex
	cur *Reference
}

// At returns a Reference at version or newer, loading it through s when
// the cache is older.
func (c *RefCache) At(ctx context.Context, s *Store, version int64) (*Reference, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cur != nil && c.cur.Version >= version {
		return c.cur, nil
	}
	ref, err := s.LoadReference(ctx)
	if err != nil {
		return nil, err
	}
	c.cur = ref
	return ref, nil
}

// ReferenceVersion reads the current version of the reference data.
func (s *Store) ReferenceVersion(ctx context.Context) (int64, error) {
	var v int64
	if err := scanBound(ctx, s.DB, &v, `SELECT version FROM reference_version`); err != nil {
		return 0, fmt.Errorf("read reference version: %w", err)
	}
	return v, nil
}

// LoadReference reads the whole reference data and its version from one
// snapshot.
func (s *Store) LoadReference(ctx context.Context) (*Reference, error) {
	db, ok := s.DB.(*bun.DB)
	if !ok {
		return nil, fmt.Errorf("load reference data: needs a database, not a transaction")
	}
	ref := &Reference{}
	err := db.RunInTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}, func(ctx context.Context, tx bun.Tx) error {
		return ref.load(ctx, tx)
	})
	if err != nil {
		return nil, fmt.Errorf("load reference data: %w", err)
	}
	return ref, nil
}

func (ref *Reference) load(ctx context.Context, tx bun.Tx) error {
	if err := tx.NewRaw(`SELECT version FROM reference_version`).Scan(ctx, &ref.Version); err != nil {
		return err
	}
	cl, err := New(tx).LoadCodeLists(ctx)
	if err != nil {
		return err
	}
	ref.CodeLists = cl
	var zones []*Zone
	if err := tx.NewRaw(`SELECT z.*, (SELECT coalesce(sum(population_2011), 0) FROM municipality m WHERE m.zone_id = z.id) AS population_2011
		FROM zone z ORDER BY z.id`).Scan(ctx, &zones); err != nil {
		return err
	}
	var munis []*Municipality
	if err := tx.NewSelect().Model(&munis).OrderExpr("name").Scan(ctx); err != nil {
		return err
	}
	var orgs []*Organization
	if err := tx.NewSelect().Model(&orgs).OrderExpr("id").Scan(ctx); err != nil {
		return err
	}
	var accr []struct {
		OrganizationID int64  `bun:"organization_id"`
		Code           string `bun:"intervention_type_code"`
	}
	if err := tx.NewRaw(`SELECT organization_id, intervention_type_code FROM organization_accreditation
		ORDER BY organization_id, intervention_type_code`).Scan(ctx, &accr); err != nil {
		return err
	}
	var offices []*Office
	if err := tx.NewSelect().Model(&offices).OrderExpr("name, id").Scan(ctx); err != nil {
		return err
	}
	var ops []*Operator
	if err := tx.NewSelect().Model(&ops).ExcludeColumn("password_hash", "last_sign_in_at").
		OrderExpr("id").Scan(ctx); err != nil {
		return err
	}
	ref.Operators = make(map[int64]*Operator, len(ops))
	for _, o := range ops {
		ref.Operators[o.ID] = o
	}
	st := New(tx)
	if ref.RolesByOperator, err = st.allRoles(ctx); err != nil {
		return err
	}
	if ref.OfficesByOperator, err = st.allOperatorOffices(ctx); err != nil {
		return err
	}
	ref.Zones = make(map[int64]*Zone, len(zones))
	for _, z := range zones {
		ref.Zones[int64(z.ID)] = z
	}
	ref.Municipalities = make(map[int64]*Municipality, len(munis))
	ref.MunicipalitiesByZone = map[int64][]*Municipality{}
	for _, m := range munis {
		ref.Municipalities[int64(m.ID)] = m
		ref.MunicipalitiesByZone[int64(m.ZoneID)] = append(ref.MunicipalitiesByZone[int64(m.ZoneID)], m)
	}
	ref.Organizations = make(map[int64]*Organization, len(orgs))
	for _, o := range orgs {
		ref.Organizations[o.ID] = o
	}
	ref.Accreditations = map[int64][]string{}
	for _, a := range accr {
		ref.Accreditations[a.OrganizationID] = append(ref.Accreditations[a.OrganizationID], a.Code)
	}
	ref.Offices = make(map[int64]*Office, len(offices))
	ref.OfficesByZone = map[int64][]*Office{}
	ref.OfficesByOrganization = map[int64][]*Office{}
	for _, o := range offices {
		ref.Offices[o.ID] = o
		ref.OfficesByZone[int64(o.ZoneID)] = append(ref.OfficesByZone[int64(o.ZoneID)], o)
		ref.OfficesByOrganization[o.OrganizationID] = append(ref.OfficesByOrganization[o.OrganizationID], o)
	}
	return nil
}
