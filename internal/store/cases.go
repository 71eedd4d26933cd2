package store

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/authz"
)

// CaseQuery restricts a root list of cases.
type CaseQuery struct {
	CitizenID int64
	ZoneID    int
	Statuses  []string
	// MemberOperatorID lists the cases on whose team the operator currently is.
	MemberOperatorID int64
}

func caseSpec(v *authz.Viewer) ListSpec {
	return citizenBound(v, "care_case", "t.opened_at", "timestamptz", true)
}

func caseFilters(v *authz.Viewer, f CaseQuery) []Filter {
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
	if f.MemberOperatorID != 0 {
		fs = append(fs, Where(`EXISTS (SELECT 1 FROM case_member m WHERE m.case_id = t.id AND m.operator_id = ?
			AND m.valid_from <= current_date AND (m.valid_to IS NULL OR m.valid_to >= current_date))`, f.MemberOperatorID))
	}
	if len(fs) == 0 {
		fs = append(fs, zoneScopeFilter(v, "t.zone_id"))
	}
	return fs
}

// Cases lists the cases that exist for v.
func (s *Store) Cases(ctx context.Context, v *authz.Viewer, f CaseQuery, pg Page) (*Conn[Case], error) {
	m, err := pages[Case](ctx, s.DB, caseSpec(v), "0", caseFilters(v, f), visibleRel(authz.RowsSocial), pg)
	if err != nil {
		return nil, err
	}
	return one(m), nil
}

// CasesByCitizen pages the cases of each citizen.
func (s *Store) CasesByCitizen(ctx context.Context, v *authz.Viewer, parents []Parent, pg Page) (map[int64]*Conn[Case], error) {
	return carriedPages[Case](ctx, s.DB, caseSpec(v), "citizen_id", parents, visibleRel(authz.RowsSocial), pg)
}

// CasesByMember pages, for each operator, the cases on whose team the
// operator currently is, as far as they exist for v.
func (s *Store) CasesByMember(ctx context.Context, v *authz.Viewer, operatorIDs []int64, pg Page) (map[int64]*Conn[Case], error) {
	if len(operatorIDs) == 0 {
		return map[int64]*Conn[Case]{}, nil
	}
	spec := caseSpec(v)
	spec.Table = `(SELECT k.*, m.operator_id AS member_operator_id FROM care_case k JOIN case_member m ON m.case_id = k.id
		AND m.valid_from <= current_date AND (m.valid_to IS NULL OR m.valid_to >= current_date))`
	filters := []Filter{Where("t.member_operator_id = ANY(?::bigint[])", operatorIDs)}
	return pages[Case](ctx, s.DB, spec, "t.member_operator_id", filters, visibleRel(authz.RowsSocial), pg)
}

// CasesByIDs loads cases by id.
func (s *Store) CasesByIDs(ctx context.Context, v *authz.Viewer, ids []int64) ([]*Case, error) {
	return byIDs[Case](ctx, s.DB, v, "care_case", "citizen_id", ids, visibleRel(authz.RowsSocial))
}

// MembersByCase pages the team of each case.
func (s *Store) MembersByCase(ctx context.Context, v *authz.Viewer, parents []Parent, pg Page) (map[int64]*Conn[CaseMember], error) {
	spec := citizenBound(v, "case_member", "t.valid_from", "date", false)
	return carriedPages[CaseMember](ctx, s.DB, spec, "case_id", parents, visibleRel(authz.RowsCase), pg)
}

// CaseMembersByIDs loads case members by id.
func (s *Store) CaseMembersByIDs(ctx context.Context, v *authz.Viewer, ids []int64) ([]*CaseMember, error) {
	return byIDs[CaseMember](ctx, s.DB, v, "case_member", "citizen_id", ids, visibleRel(authz.RowsCase))
}

// maxHistory bounds the status history returned for one case.
const maxHistory = MaxPageSize

// StatusHistoryByCase loads the status history of each case, oldest first.
func (s *Store) StatusHistoryByCase(ctx context.Context, v *authz.Viewer, ids []int64) (map[int64]*Conn[CaseStatusChange], error) {
	spec := citizenBound(v, "case_status_change", "t.changed_at", "timestamptz", false)
	return parentPages[CaseStatusChange](ctx, s.DB, spec, "case_id", ids, nil, visibleRel(authz.RowsCase), Page{Limit: maxHistory})
}

// GrantsByCase loads the grants of each case.
func (s *Store) GrantsByCase(ctx context.Context, v *authz.Viewer, ids []int64) (map[int64]*Conn[CaseGrant], error) {
	spec := citizenBound(v, "case_grant", "t.valid_from", "timestamptz", true)
	return parentPages[CaseGrant](ctx, s.DB, spec, "case_id", ids, nil, visibleRel(authz.RowsCase), Page{Limit: MaxPageSize})
}

// CaseGrantsByIDs loads grants by id.
func (s *Store) CaseGrantsByIDs(ctx context.Context, v *authz.Viewer, ids []int64) ([]*CaseGrant, error) {
	return byIDs[CaseGrant](ctx, s.DB, v, "case_grant", "citizen_id", ids, visibleRel(authz.RowsCase))
}

// AssessmentsByCase pages the assessments of each case.
func (s *Store) AssessmentsByCase(ctx context.Context, v *authz.Viewer, parents []Parent, pg Page) (map[int64]*Conn[Assessment], error) {
	spec := citizenBound(v, "assessment", "t.assessed_on", "date", true)
	return carriedPages[Assessment](ctx, s.DB, spec, "case_id", parents, visibleRel(authz.RowsCare), pg)
}

// AssessmentsByIDs loads assessments by id.
func (s *Store) AssessmentsByIDs(ctx context.Context, v *authz.Viewer, ids []int64) ([]*Assessment, error) {
	return byIDs[Assessment](ctx, s.DB, v, "assessment", "citizen_id", ids, visibleRel(authz.RowsCare))
}

// PlansByCase loads the plan of each case.
func (s *Store) PlansByCase(ctx context.Context, v *authz.Viewer, ids []int64) (map[int64]*Plan, error) {
	m, err := parentPages[Plan](ctx, s.DB, citizenBound(v, "plan", "t.drawn_up_on", "date", true), "case_id", ids, nil, visibleRel(authz.RowsCare), Page{Limit: 1})
	if err != nil {
		return nil, err
	}
	out := make(map[int64]*Plan, len(m))
	for k, c := range m {
		if len(c.Rows) > 0 {
			out[k] = c.Rows[0]
		}
	}
	return out, nil
}

// PlansByIDs loads plans by id.
func (s *Store) PlansByIDs(ctx context.Context, v *authz.Viewer, ids []int64) ([]*Plan, error) {
	return byIDs[Plan](ctx, s.DB, v, "plan", "citizen_id", ids, visibleRel(authz.RowsCare))
}

// GoalsByPlan loads the goals of each plan, in order.
func (s *Store) GoalsByPlan(ctx context.Context, v *authz.Viewer, ids []int64) (map[int64]*Conn[PlanGoal], error) {
	spec := citizenBound(v, "plan_goal", "t.position", "int", false)
	return parentPages[PlanGoal](ctx, s.DB, spec, "plan_id", ids, nil, visibleRel(authz.RowsCare), Page{Limit: MaxPageSize})
}

func activitySpec(v *authz.Viewer) ListSpec {
	spec := citizenBound(v, "activity", "t.occurred_at", "timestamptz", true)
	spec.Table = `(SELECT a.*, i.provider_organization_id AS provider_org_id FROM activity a
		LEFT JOIN intervention i ON i.id = a.intervention_id)`
	return spec
}

// activityVisible: the diary exists for the care relationships; delivery
// records also for the provider that delivered them.
func activityVisible(v *authz.Viewer) Filter {
	return Where(fmt.Sprintf("(rel & %d) <> 0 OR ((rel & %d) <> 0 AND provider_org_id = ?)",
		int(authz.RowsCare), int(authz.RelProviderLink)), v.OrganizationID)
}

// ActivitiesByCase pages the diary of each case.
func (s *Store) ActivitiesByCase(ctx context.Context, v *authz.Viewer, parents []Parent, pg Page) (map[int64]*Conn[Activity], error) {
	return carriedPages[Activity](ctx, s.DB, activitySpec(v), "case_id", parents, activityVisible(v), pg)
}

// ActivitiesByIntervention pages the delivery records and notes of each intervention.
func (s *Store) ActivitiesByIntervention(ctx context.Context, v *authz.Viewer, ids []int64, pg Page) (map[int64]*Conn[Activity], error) {
	return parentPages[Activity](ctx, s.DB, activitySpec(v), "intervention_id", ids, nil, activityVisible(v), pg)
}

// ActivitiesByIDs loads activities by id.
func (s *Store) ActivitiesByIDs(ctx context.Context, v *authz.Viewer, ids []int64) ([]*Activity, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	spec := activitySpec(v)
	vis := activityVisible(v)
	args := append(append(append([]any{}, spec.RelArgs...), ids), vis.Args...)
	var rows []*Activity
	q := fmt.Sprintf(`SELECT * FROM (SELECT t.*, %s AS rel FROM %s AS t WHERE t.id = ANY(?::bigint[])) s WHERE %s`, spec.Rel, spec.Table, vis.SQL)
	if err := scanBound(ctx, s.DB, &rows, q, args...); err != nil {
		return nil, fmt.Errorf("load activities by id: %w", err)
	}
	return rows, nil
}
