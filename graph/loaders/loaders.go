// Package loaders holds the per-request dataloaders of the GraphQL API.
// A new set is made for every request (never shared between viewers) and
// every batch applies the viewer's row scope inside its one query, so a
// list of N objects costs one statement per level, not N.
package loaders

import (
	"context"
	"time"

	"github.com/vikstrous/dataloadgen"

	"github.com/siso-project/siso/internal/authz"
	"github.com/siso-project/siso/internal/store"
)

// wait is how long a loader collects keys before it runs its batch.
const wait = 6 * time.Millisecond

// PageKey asks for one page of a child list of one parent.
type PageKey struct {
	ID   int64
	Page store.Page
}

type (
	byID[T any]  = *dataloadgen.Loader[int64, *T]
	paged[T any] = *dataloadgen.Loader[PageKey, *store.Conn[T]]
	group[V any] = *dataloadgen.Loader[int64, V]
)

// Loaders is the set of dataloaders of one request.
type Loaders struct {
	Store *store.Store

	Citizen      byID[store.Citizen]
	Access       byID[store.Access]
	Case         byID[store.Case]
	Intervention byID[store.Intervention]
	Referral     byID[store.Referral]
	Relation     byID[store.Relation]
	Consent      byID[store.Consent]
	CaseMember   byID[store.CaseMember]
	Assessment   byID[store.Assessment]
	Plan         byID[store.Plan]
	Activity     byID[store.Activity]
	CaseGrant    byID[store.CaseGrant]
	Emergency    byID[store.EmergencyAccess]

	Zone         byID[store.Zone]
	Municipality byID[store.Municipality]
	Office       byID[store.Office]
	Organization byID[store.Organization]
	Operator     byID[store.Operator]

	MunicipalitiesByZone     group[[]*store.Municipality]
	OfficesByZone            group[[]*store.Office]
	OfficesByOrganization    group[[]*store.Office]
	RolesByOperator          group[[]*store.OperatorRole]
	OfficeIDsByOperator      group[[]int64]
	AccreditationsByOrg      group[[]string]
	HouseholdIDs             group[[]int64]
	ReferralsByAccess        paged[store.Referral]
	StatusHistoryByCase      group[*store.Conn[store.CaseStatusChange]]
	GrantsByCase             group[*store.Conn[store.CaseGrant]]
	PlanByCase               group[*store.Plan]
	EmergencyByCitizen       group[*store.EmergencyAccess]
	GoalsByPlan              group[*store.Conn[store.PlanGoal]]
	AccessesByCitizen        paged[store.Access]
	CasesByCitizen           paged[store.Case]
	InterventionsByCitizen   paged[store.Intervention]
	ReferralsByCitizen       paged[store.Referral]
	RelationsByCitizen       paged[store.Relation]
	ConsentsByCitizen        paged[store.Consent]
	MembersByCase            paged[store.CaseMember]
	AssessmentsByCase        paged[store.Assessment]
	InterventionsByCase      paged[store.Intervention]
	ActivitiesByCase         paged[store.Activity]
	ActivitiesByIntervention paged[store.Activity]
	CasesByMember            paged[store.Case]

	CodeLists *dataloadgen.Loader[struct{}, *store.CodeLists]
}

// New makes the loaders of one request. viewer returns the request's
// viewer at the time a batch runs.
func New(s *store.Store, viewer func() *authz.Viewer) *Loaders {
	l := &Loaders{Store: s}
	l.Citizen = scopedByID(viewer, s.CitizensByIDs, func(c *store.Citizen) int64 { return c.ID })
	l.Access = scopedByID(viewer, s.AccessesByIDs, func(r *store.Access) int64 { return r.ID })
	l.Case = scopedByID(viewer, s.CasesByIDs, func(r *store.Case) int64 { return r.ID })
	l.Intervention = scopedByID(viewer, s.InterventionsByIDs, func(r *store.Intervention) int64 { return r.ID })
	l.Referral = scopedByID(viewer, s.ReferralsByIDs, func(r *store.Referral) int64 { return r.ID })
	l.Relation = scopedByID(viewer, s.RelationsByIDs, func(r *store.Relation) int64 { return r.ID })
	l.Consent = scopedByID(viewer, s.ConsentsByIDs, func(r *store.Consent) int64 { return r.ID })
	l.CaseMember = scopedByID(viewer, s.CaseMembersByIDs, func(r *store.CaseMember) int64 { return r.ID })
	l.Assessment = scopedByID(viewer, s.AssessmentsByIDs, func(r *store.Assessment) int64 { return r.ID })
	l.Plan = scopedByID(viewer, s.PlansByIDs, func(r *store.Plan) int64 { return r.ID })
	l.Activity = scopedByID(viewer, s.ActivitiesByIDs, func(r *store.Activity) int64 { return r.ID })
	l.CaseGrant = scopedByID(viewer, s.CaseGrantsByIDs, func(r *store.CaseGrant) int64 { return r.ID })
	l.Emergency = scopedByID(viewer, s.EmergencyAccessesByIDs, func(r *store.EmergencyAccess) int64 { return r.ID })

	l.Zone = newByID(s.ZonesByIDs, func(z *store.Zone) int64 { return int64(z.ID) })
	l.Municipality = newByID(s.MunicipalitiesByIDs, func(m *store.Municipality) int64 { return int64(m.ID) })
	l.Office = newByID(s.OfficesByIDs, func(o *store.Office) int64 { return o.ID })
	l.Organization = newByID(s.OrganizationsByIDs, func(o *store.Organization) int64 { return o.ID })
	l.Operator = newByID(s.OperatorsByIDs, func(o *store.Operator) int64 { return o.ID })

	l.MunicipalitiesByZone = newGroup(s.MunicipalitiesByZone)
	l.OfficesByZone = newGroup(func(ctx context.Context, ids []int64) (map[int64][]*store.Office, error) {
		return s.OfficesBy(ctx, "zone_id", ids)
	})
	l.OfficesByOrganization = newGroup(func(ctx context.Context, ids []int64) (map[int64][]*store.Office, error) {
		return s.OfficesBy(ctx, "organization_id", ids)
	})
	l.RolesByOperator = newGroup(s.RolesByOperator)
	l.OfficeIDsByOperator = newGroup(s.OfficeIDsByOperator)
	l.AccreditationsByOrg = newGroup(s.AccreditationsByOrganization)
	l.HouseholdIDs = newGroup(s.HouseholdMemberIDs)
	l.ReferralsByAccess = newPaged(viewer, s.ReferralsByAccess)
	l.StatusHistoryByCase = scopedGroup(viewer, s.StatusHistoryByCase)
	l.GrantsByCase = scopedGroup(viewer, s.GrantsByCase)
	l.PlanByCase = scopedGroup(viewer, s.PlansByCase)
	l.EmergencyByCitizen = scopedGroup(viewer, s.RunningEmergencyByCitizen)
	l.GoalsByPlan = scopedGroup(viewer, s.GoalsByPlan)

	l.AccessesByCitizen = newPaged(viewer, s.AccessesByCitizen)
	l.CasesByCitizen = newPaged(viewer, s.CasesByCitizen)
	l.InterventionsByCitizen = newPaged(viewer, s.InterventionsByCitizen)
	l.ReferralsByCitizen = newPaged(viewer, s.ReferralsByCitizen)
	l.RelationsByCitizen = newPaged(viewer, s.RelationsByCitizen)
	l.ConsentsByCitizen = newPaged(viewer, s.ConsentsByCitizen)
	l.MembersByCase = newPaged(viewer, s.MembersByCase)
	l.AssessmentsByCase = newPaged(viewer, s.AssessmentsByCase)
	l.InterventionsByCase = newPaged(viewer, s.InterventionsByCase)
	l.ActivitiesByCase = newPaged(viewer, s.ActivitiesByCase)
	l.ActivitiesByIntervention = newPaged(viewer, s.ActivitiesByIntervention)
	l.CasesByMember = newPaged(viewer, s.CasesByMember)

	l.CodeLists = dataloadgen.NewLoader(func(ctx context.Context, keys []struct{}) ([]*store.CodeLists, []error) {
		cl, err := s.LoadCodeLists(ctx)
		out := make([]*store.CodeLists, len(keys))
		errs := make([]error, len(keys))
		for i := range keys {
			out[i], errs[i] = cl, err
		}
		return out, errs
	}, dataloadgen.WithWait(wait))
	return l
}

func newByID[T any](fetch func(context.Context, []int64) ([]*T, error), id func(*T) int64) byID[T] {
	// A key with no row (unknown, or out of the viewer's scope) loads as nil.
	return dataloadgen.NewLoader(func(ctx context.Context, keys []int64) ([]*T, []error) {
		out := make([]*T, len(keys))
		errs := make([]error, len(keys))
		rows, err := fetch(ctx, keys)
		if err != nil {
			for i := range errs {
				errs[i] = err
			}
			return out, errs
		}
		byID := make(map[int64]*T, len(rows))
		for _, r := range rows {
			byID[id(r)] = r
		}
		for i, k := range keys {
			out[i] = byID[k]
		}
		return out, errs
	}, dataloadgen.WithWait(wait))
}

func scopedByID[T any](viewer func() *authz.Viewer, fetch func(context.Context, *authz.Viewer, []int64) ([]*T, error), id func(*T) int64) byID[T] {
	return newByID(func(ctx context.Context, ids []int64) ([]*T, error) { return fetch(ctx, viewer(), ids) }, id)
}

func newGroup[V any](fetch func(context.Context, []int64) (map[int64]V, error)) group[V] {
	return dataloadgen.NewLoader(func(ctx context.Context, keys []int64) ([]V, []error) {
		m, err := fetch(ctx, keys)
		out := make([]V, len(keys))
		errs := make([]error, len(keys))
		for i, k := range keys {
			if err != nil {
				errs[i] = err
				continue
			}
			out[i] = m[k]
		}
		return out, errs
	}, dataloadgen.WithWait(wait))
}

func scopedGroup[V any](viewer func() *authz.Viewer, fetch func(context.Context, *authz.Viewer, []int64) (map[int64]V, error)) group[V] {
	return newGroup(func(ctx context.Context, ids []int64) (map[int64]V, error) { return fetch(ctx, viewer(), ids) })
}

// newPaged batches page requests: keys asking for the same page shape go
// to one statement (so the count of statements depends on the query's
// shape, not on the number of parents).
func newPaged[T any](viewer func() *authz.Viewer, fetch func(context.Context, *authz.Viewer, []int64, store.Page) (map[int64]*store.Conn[T], error)) paged[T] {
	return dataloadgen.NewLoader(func(ctx context.Context, keys []PageKey) ([]*store.Conn[T], []error) {
		byPage := map[store.Page][]int64{}
		for _, k := range keys {
			byPage[k.Page] = append(byPage[k.Page], k.ID)
		}
		results := map[PageKey]*store.Conn[T]{}
		errsByPage := map[store.Page]error{}
		for pg, ids := range byPage {
			m, err := fetch(ctx, viewer(), ids, pg)
			if err != nil {
				errsByPage[pg] = err
				continue
			}
			for id, c := range m {
				results[PageKey{ID: id, Page: pg}] = c
			}
		}
		out := make([]*store.Conn[T], len(keys))
		errs := make([]error, len(keys))
		for i, k := range keys {
			if err := errsByPage[k.Page]; err != nil {
				errs[i] = err
				continue
			}
			if c, ok := results[k]; ok {
				out[i] = c
			} else {
				out[i] = &store.Conn[T]{}
			}
		}
		return out, errs
	}, dataloadgen.WithWait(wait))
}

type ctxKey struct{}

// With returns ctx carrying l.
func With(ctx context.Context, l *Loaders) context.Context {
	return context.WithValue(ctx, ctxKey{}, l)
}

// From returns the request's loaders.
func From(ctx context.Context) *Loaders {
	l, _ := ctx.Value(ctxKey{}).(*Loaders)
	return l
}
