package store

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/authz"
)

// Zones returns every zone with its 2011 population, by code number.
func (s *Store) Zones(ctx context.Context) ([]*Zone, error) {
	var rows []*Zone
	err := s.DB.NewRaw(`SELECT z.*, (SELECT coalesce(sum(population_2011), 0) FROM municipality m WHERE m.zone_id = z.id) AS population_2011
		FROM zone z ORDER BY z.id`).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("load zones: %w", err)
	}
	return rows, nil
}

// Municipalities returns municipalities, optionally of one zone id and
// matching a name prefix, by name.
func (s *Store) Municipalities(ctx context.Context, zoneID int, search string) ([]*Municipality, error) {
	var rows []*Municipality
	q := s.DB.NewSelect().Model(&rows).OrderExpr("name")
	if zoneID != 0 {
		q = q.Where("zone_id = ?", zoneID)
	}
	if search != "" {
		q = q.Where("lower(name) LIKE ?", escapeLike(lower(search))+"%")
	}
	if err := q.Scan(ctx); err != nil {
		return nil, fmt.Errorf("load municipalities: %w", err)
	}
	return rows, nil
}

// MunicipalitiesByCadastral loads municipalities by cadastral code.
func (s *Store) MunicipalitiesByCadastral(ctx context.Context, codes []string) ([]*Municipality, error) {
	var rows []*Municipality
	if err := s.DB.NewSelect().Model(&rows).Where("cadastral_code IN (?)", bun.In(codes)).Scan(ctx); err != nil {
		return nil, fmt.Errorf("load municipalities: %w", err)
	}
	return rows, nil
}

// ZoneIDByCode returns the id of the zone with the code, or 0.
func (s *Store) ZoneIDByCode(ctx context.Context, code string) (int, error) {
	var id int
	err := s.DB.NewSelect().Table("zone").Column("id").Where("code = ?", code).Scan(ctx, &id)
	if err != nil && !isNoRows(err) {
		return 0, fmt.Errorf("find zone: %w", err)
	}
	return id, nil
}

// OfficeQuery restricts the list of offices.
type OfficeQuery struct {
	ZoneID int
	Kind   string
}

var referenceSpec = func(table, sort string) ListSpec {
	return ListSpec{Table: table, Sort: sort, SortType: "text", Rel: "0"}
}

// Offices lists offices by name.
func (s *Store) Offices(ctx context.Context, f OfficeQuery, pg Page) (*Conn[Office], error) {
	var fs []Filter
	if f.ZoneID != 0 {
		fs = append(fs, Where("t.zone_id = ?", f.ZoneID))
	}
	if f.Kind != "" {
		fs = append(fs, Where("t.kind = ?", f.Kind))
	}
	m, err := pages[Office](ctx, s.DB, referenceSpec("office", "t.name"), "0", fs, Where("true"), pg)
	if err != nil {
		return nil, err
	}
	return one(m), nil
}

// OrganizationQuery restricts the list of organizations.
type OrganizationQuery struct {
	Kind   string
	ZoneID int
}

// Organizations lists organizations by name.
func (s *Store) Organizations(ctx context.Context, f OrganizationQuery, pg Page) (*Conn[Organization], error) {
	var fs []Filter
	if f.ZoneID != 0 {
		fs = append(fs, Where("t.zone_id = ?", f.ZoneID))
	}
	if f.Kind != "" {
		fs = append(fs, Where("t.kind = ?", f.Kind))
	}
	m, err := pages[Organization](ctx, s.DB, referenceSpec("organization", "t.name"), "0", fs, Where("true"), pg)
	if err != nil {
		return nil, err
	}
	return one(m), nil
}

// OperatorQuery restricts the operators' directory.
type OperatorQuery struct {
	ZoneID         int
	OrganizationID int64
}

// Operators lists operators by display name.
func (s *Store) Operators(ctx context.Context, f OperatorQuery, pg Page) (*Conn[Operator], error) {
	var fs []Filter
	if f.ZoneID != 0 {
		fs = append(fs, Where("EXISTS (SELECT 1 FROM operator_role r WHERE r.operator_id = t.id AND r.zone_id = ?)", f.ZoneID))
	}
	if f.OrganizationID != 0 {
		fs = append(fs, Where("t.organization_id = ?", f.OrganizationID))
	}
	m, err := pages[Operator](ctx, s.DB, referenceSpec("operator", "t.display_name"), "0", fs, Where("true"), pg)
	if err != nil {
		return nil, err
	}
	return one(m), nil
}

// OperatorsByIDs loads operators by id.
func (s *Store) OperatorsByIDs(ctx context.Context, ids []int64) ([]*Operator, error) {
	var rows []*Operator
	if err := s.DB.NewSelect().Model(&rows).Where("id IN (?)", bun.In(ids)).Scan(ctx); err != nil {
		return nil, fmt.Errorf("load operators: %w", err)
	}
	return rows, nil
}

// RolesByOperator loads the roles of each operator.
func (s *Store) RolesByOperator(ctx context.Context, ids []int64) (map[int64][]*OperatorRole, error) {
	var rows []*OperatorRole
	if err := s.DB.NewSelect().Model(&rows).Where("operator_id IN (?)", bun.In(ids)).OrderExpr("operator_id, role, zone_id").Scan(ctx); err != nil {
		return nil, fmt.Errorf("load roles: %w", err)
	}
	out := map[int64][]*OperatorRole{}
	for _, r := range rows {
		out[r.OperatorID] = append(out[r.OperatorID], r)
	}
	return out, nil
}

// allRoles loads the roles of every operator.
func (s *Store) allRoles(ctx context.Context) (map[int64][]*OperatorRole, error) {
	var rows []*OperatorRole
	if err := s.DB.NewSelect().Model(&rows).OrderExpr("operator_id, role, zone_id").Scan(ctx); err != nil {
		return nil, fmt.Errorf("load roles: %w", err)
	}
	out := map[int64][]*OperatorRole{}
	for _, r := range rows {
		out[r.OperatorID] = append(out[r.OperatorID], r)
	}
	return out, nil
}

// allOperatorOffices loads the office ids of every operator.
func (s *Store) allOperatorOffices(ctx context.Context) (map[int64][]int64, error) {
	var rows []struct {
		OperatorID int64 `bun:"operator_id"`
		OfficeID   int64 `bun:"office_id"`
	}
	if err := s.DB.NewRaw(`SELECT operator_id, office_id FROM operator_office ORDER BY operator_id, office_id`).Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("load operator offices: %w", err)
	}
	out := map[int64][]int64{}
	for _, r := range rows {
		out[r.OperatorID] = append(out[r.OperatorID], r.OfficeID)
	}
	return out, nil
}

// OfficeIDsByOperator loads the office ids of each operator.
func (s *Store) OfficeIDsByOperator(ctx context.Context, ids []int64) (map[int64][]int64, error) {
	var rows []struct {
		OperatorID int64 `bun:"operator_id"`
		OfficeID   int64 `bun:"office_id"`
	}
	if err := s.DB.NewRaw(`SELECT operator_id, office_id FROM operator_office WHERE operator_id IN (?) ORDER BY operator_id, office_id`,
		bun.In(ids)).Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("load operator offices: %w", err)
	}
	out := map[int64][]int64{}
	for _, r := range rows {
		out[r.OperatorID] = append(out[r.OperatorID], r.OfficeID)
	}
	return out, nil
}

// Viewer builds the authorization viewer of an active operator, or nil.
func (s *Store) Viewer(ctx context.Context, operatorID int64) (*authz.Viewer, error) {
	ops, err := s.OperatorsByIDs(ctx, []int64{operatorID})
	if err != nil || len(ops) == 0 || !ops[0].Active {
		return nil, err
	}
	op := ops[0]
	roles, err := s.RolesByOperator(ctx, []int64{operatorID})
	if err != nil {
		return nil, err
	}
	offices, err := s.OfficeIDsByOperator(ctx, []int64{operatorID})
	if err != nil {
		return nil, err
	}
	v := &authz.Viewer{OperatorID: op.ID, Username: op.Username, DisplayName: op.DisplayName, OfficeIDs: offices[operatorID],
		MustChangePassword: op.MustChangePassword}
	if op.OrganizationID != nil {
		v.OrganizationID = *op.OrganizationID
	}
	for _, r := range roles[operatorID] {
		g := authz.RoleGrant{Role: r.Role}
		if r.ZoneID != nil {
			g.ZoneID = *r.ZoneID
		}
		if r.OfficeID != nil {
			g.OfficeID = *r.OfficeID
		}
		v.Grants = append(v.Grants, g)
	}
	return v, nil
}

// CodeLists holds every code list.
type CodeLists struct {
	UserAreas         []*UserArea
	NeedCategories    []*NeedCategory
	AccessOutcomes    []*AccessOutcome
	InterventionTypes []*InterventionType
	Professions       []*Profession
	FundingSources    []*FundingSource
}

// LoadCodeLists reads every code list, each in its order.
func (s *Store) LoadCodeLists(ctx context.Context) (*CodeLists, error) {
	cl := &CodeLists{}
	for _, dst := range []any{&cl.UserAreas, &cl.NeedCategories, &cl.AccessOutcomes, &cl.InterventionTypes, &cl.Professions, &cl.FundingSources} {
		if err := s.DB.NewSelect().Model(dst).OrderExpr("sort, code").Scan(ctx); err != nil {
			return nil, fmt.Errorf("load code lists: %w", err)
		}
	}
	return cl, nil
}
