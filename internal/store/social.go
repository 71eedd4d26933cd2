package store

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/authz"
)

// accessWithChildren reads each access with its needs and requested
// services, so that listing accesses costs no statement per access.
const accessWithChildren = `(SELECT a.*,
	(SELECT coalesce(jsonb_agg(jsonb_build_object('code', n.need_code, 'notes', n.notes) ORDER BY n.need_code), '[]')
	   FROM access_need n WHERE n.access_id = a.id) AS needs,
	(SELECT coalesce(array_agg(r.intervention_type_code ORDER BY r.intervention_type_code), '{}')
	   FROM access_requested_service r WHERE r.access_id = a.id) AS requested_services
	FROM access a)`

// accessSpec: an anonymous access belongs to no citizen; its zone decides.
func accessSpec(v *authz.Viewer) ListSpec {
	crel, cargs := authz.RelSQL(v, "t.citizen_id")
	zrel, zargs := authz.ZoneRelSQL(v, "t.zone_id")
	return ListSpec{Table: accessWithChildren, Sort: "t.occurred_at", SortType: "timestamptz", Desc: true,
		Rel:     fmt.Sprintf("(CASE WHEN t.citizen_id IS NULL THEN %s ELSE %s END)", zrel, crel),
		RelArgs: append(append([]any{}, zargs...), cargs...)}
}

// interventionVisible: the case relationships, or a provider's own rows.
func interventionVisible(v *authz.Viewer) Filter {
	return Where(fmt.Sprintf("(rel & %d) <> 0 OR ((rel & %d) <> 0 AND provider_organization_id = ?)",
		int(authz.RowsCase), int(authz.RelProviderLink)), v.OrganizationID)
}

// AccessQuery restricts a root list of accesses.
type AccessQuery struct {
	CitizenID  int64
	OfficeID   int64
	ZoneID     int
	OperatorID int64
	From, To   *time.Time
}

// Accesses lists the accesses that exist for v.
func (s *Store) Accesses(ctx context.Context, v *authz.Viewer, f AccessQuery, pg Page) (*Conn[Access], error) {
	var fs []Filter
	if f.CitizenID != 0 {
		fs = append(fs, Where("t.citizen_id = ?", f.CitizenID))
	}
	if f.OfficeID != 0 {
		fs = append(fs, Where("t.office_id = ?", f.OfficeID))
	}
	if f.ZoneID != 0 {
		fs = append(fs, Where("t.zone_id = ?", f.ZoneID))
	}
	if f.OperatorID != 0 {
		fs = append(fs, Where("t.operator_id = ?", f.OperatorID))
	}
	if f.From != nil {
		fs = append(fs, Where("t.occurred_at >= ?", *f.From))
	}
	if f.To != nil {
		fs = append(fs, Where("t.occurred_at < ?::date + 1", f.To.Format("2006-01-02")))
	}
	if len(fs) == 0 {
		// Without a narrowing filter, list what the viewer's zones hold.
		fs = append(fs, zoneScopeFilter(v, "t.zone_id"))
	}
	m, err := pages[Access](ctx, s.DB, accessSpec(v), "0", fs, visibleRel(authz.RowsSocial), pg)
	if err != nil {
		return nil, err
	}
	return one(m), nil
}

// zoneScopeFilter narrows a root list to the viewer's zones (all zones for
// regional roles), plus rows of citizens the viewer relates to otherwise;
// it is an index-friendly pre-filter, visibility is still decided by rel.
func zoneScopeFilter(v *authz.Viewer, zoneCol string) Filter {
	var zones []int
	for _, g := range v.Grants {
		if g.ZoneID == 0 {
			return Where("true")
		}
		zones = append(zones, g.ZoneID)
	}
	if len(zones) == 0 {
		return Where("true")
	}
	return Where(zoneCol+" = ANY(?::int[])", zones)
}

// AccessesByCitizen pages the accesses of each citizen.
func (s *Store) AccessesByCitizen(ctx context.Context, v *authz.Viewer, parents []Parent, pg Page) (map[int64]*Conn[Access], error) {
	return carriedPages[Access](ctx, s.DB, accessSpec(v), "citizen_id", parents, visibleRel(authz.RowsSocial), pg)
}

// AccessesByIDs loads accesses by id.
func (s *Store) AccessesByIDs(ctx context.Context, v *authz.Viewer, ids []int64) ([]*Access, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	spec := accessSpec(v)
	var rows []*Access
	args := append(append([]any{}, spec.RelArgs...), ids)
	q := fmt.Sprintf(`SELECT * FROM (SELECT t.*, %s AS rel FROM %s AS t WHERE t.id = ANY(?::bigint[])) s WHERE (rel & %d) <> 0`,
		spec.Rel, spec.Table, int(authz.RowsSocial))
	if err := scanBound(ctx, s.DB, &rows, q, args...); err != nil {
		return nil, fmt.Errorf("load accesses by id: %w", err)
	}
	return rows, nil
}

// ReferralQuery restricts a root list of referrals.
type ReferralQuery struct {
	CitizenID int64
	Statuses  []string
	Direction string // INCOMING, OUTGOING or ""
}

func referralSpec(v *authz.Viewer) ListSpec {
	return citizenBound(v, "referral", "t.proposed_at", "timestamptz", true)
}

// Referrals lists the referrals sent or received by the viewer's offices
// and organization (or of one citizen) that exist for v.
func (s *Store) Referrals(ctx context.Context, v *authz.Viewer, f ReferralQuery, pg Page) (*Conn[Referral], error) {
	var fs []Filter
	offices := append([]int64{0}, v.OfficeIDs...)
	in := Where("(t.to_office_id IN (?) OR (t.to_office_id IS NULL AND t.to_organization_id = ?))", bun.In(offices), v.OrganizationID)
	out := Where("t.from_office_id IN (?)", bun.In(offices))
	switch {
	case f.CitizenID != 0:
		fs = append(fs, Where("t.citizen_id = ?", f.CitizenID))
	case f.Direction == "INCOMING":
		fs = append(fs, in)
	case f.Direction == "OUTGOING":
		fs = append(fs, out)
	default:
		fs = append(fs, Where("("+in.SQL+") OR ("+out.SQL+")", append(in.Args, out.Args...)...))
	}
	if f.CitizenID != 0 && f.Direction == "INCOMING" {
		fs = append(fs, in)
	}
	if f.CitizenID != 0 && f.Direction == "OUTGOING" {
		fs = append(fs, out)
	}
	if len(f.Statuses) > 0 {
		fs = append(fs, Where("t.status IN (?)", bun.In(f.Statuses)))
	}
	visible := visibleRel(authz.RowsSocial)
	if f.CitizenID == 0 {
		// A receiver sees what is addressed to it even before it has any
		// other relationship with the citizen: that is how work arrives.
		visible = Where(fmt.Sprintf("(rel & %d) <> 0 OR to_office_id IN (?) OR (to_office_id IS NULL AND to_organization_id = ?)",
			int(authz.RowsSocial)), bun.In(offices), v.OrganizationID)
	}
	m, err := pages[Referral](ctx, s.DB, referralSpec(v), "0", fs, visible, pg)
	if err != nil {
		return nil, err
	}
	return one(m), nil
}

// ReferralsByCitizen pages the referrals of each citizen.
func (s *Store) ReferralsByCitizen(ctx context.Context, v *authz.Viewer, parents []Parent, pg Page) (map[int64]*Conn[Referral], error) {
	return carriedPages[Referral](ctx, s.DB, referralSpec(v), "citizen_id", parents, visibleRel(authz.RowsSocial), pg)
}

// ReferralsByAccess pages the referrals made from each access.
func (s *Store) ReferralsByAccess(ctx context.Context, v *authz.Viewer, ids []int64, pg Page) (map[int64]*Conn[Referral], error) {
	return parentPages[Referral](ctx, s.DB, referralSpec(v), "access_id", ids, nil, visibleRel(authz.RowsSocial), pg)
}

// ReferralsByIDs loads referrals by id.
func (s *Store) ReferralsByIDs(ctx context.Context, v *authz.Viewer, ids []int64) ([]*Referral, error) {
	return byIDs[Referral](ctx, s.DB, v, "referral", "citizen_id", ids, visibleRel(authz.RowsSocial))
}

// InterventionQuery restricts a root list of interventions.
type InterventionQuery struct {
	CitizenID  int64
	ZoneID     int
	Statuses   []string
	ProviderID int64
}

func interventionSpec(v *authz.Viewer) ListSpec {
	return citizenBound(v, "intervention", "t.start_date", "date", true)
}

// Interventions lists the interventions that exist for v.
func (s *Store) Interventions(ctx context.Context, v *authz.Viewer, f InterventionQuery, pg Page) (*Conn[Intervention], error) {
	var fs []Filter
	if f.CitizenID != 0 {
		fs = append(fs, Where("t.citizen_id = ?", f.CitizenID))
	}
	if f.ZoneID != 0 {
		fs = append(fs, Where("t.zone_id = ?", f.ZoneID))
	}
	if len(f.Statuses) > 0 {
		fs = append(fs, Where("t.status IN (?)", bun.In(f.Statuses)))
	}
	if f.ProviderID != 0 {
		fs = append(fs, Where("t.provider_organization_id = ?", f.ProviderID))
	}
	if len(fs) == 0 {
		if v.Has(authz.RoleProvider) && !v.Has(authz.RoleSocialWorker) && !v.Has(authz.RoleZoneManager) {
			fs = append(fs, Where("t.provider_organization_id = ?", v.OrganizationID))
		} else {
			fs = append(fs, zoneScopeFilter(v, "t.zone_id"))
		}
	}
	m, err := pages[Intervention](ctx, s.DB, interventionSpec(v), "0", fs, interventionVisible(v), pg)
	if err != nil {
		return nil, err
	}
	return one(m), nil
}

// InterventionsByCitizen pages the interventions of each citizen.
func (s *Store) InterventionsByCitizen(ctx context.Context, v *authz.Viewer, parents []Parent, pg Page) (map[int64]*Conn[Intervention], error) {
	return carriedPages[Intervention](ctx, s.DB, interventionSpec(v), "citizen_id", parents, interventionVisible(v), pg)
}

// InterventionsByCase pages the interventions of each case.
func (s *Store) InterventionsByCase(ctx context.Context, v *authz.Viewer, parents []Parent, pg Page) (map[int64]*Conn[Intervention], error) {
	return carriedPages[Intervention](ctx, s.DB, interventionSpec(v), "case_id", parents, interventionVisible(v), pg)
}

// InterventionsByIDs loads interventions by id.
func (s *Store) InterventionsByIDs(ctx context.Context, v *authz.Viewer, ids []int64) ([]*Intervention, error) {
	return byIDs[Intervention](ctx, s.DB, v, "intervention", "citizen_id", ids, interventionVisible(v))
}
