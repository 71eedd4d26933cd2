// Package loaders holds the per-request dataloaders of the GraphQL API.
// A new set is made for every request (never shared between viewers) and
// every batch applies the viewer's row scope inside its one query, so a
// list of N objects costs one statement per level, not N.
package loaders

import (
	"context"
	"time"

	"github.com/siso-project/siso/internal/authz"
	"github.com/siso-project/siso/internal/store"
)

// PageKey asks for one page of a child list of one parent. Rel is the
// viewer's relationship to the parent's citizen as read with the parent in
// this request (lists of a citizen or of a case carry it to their rows;
// the other lists compute it in SQL and ignore it).
type PageKey struct {
	ID   int64
	Rel  authz.Rel
	Page store.Page
}

type (
	byID[T any]  = *Loader[int64, *T]
	paged[T any] = *Loader[PageKey, *store.Conn[T]]
	group[V any] = *Loader[int64, V]
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

	Zone         *Cached[*store.Zone]
	Municipality *Cached[*store.Municipality]
	Office       *Cached[*store.Office]
	Organization *Cached[*store.Organization]
	Operator     *Cached[*store.Operator]

	MunicipalitiesByZone     *Cached[[]*store.Municipality]
	OfficesByZone            *Cached[[]*store.Office]
	OfficesByOrganization    *Cached[[]*store.Office]
	RolesByOperator          *Cached[[]*store.OperatorRole]
	OfficeIDsByOperator      *Cached[[]int64]
	AccreditationsByOrg      *Cached[[]string]
	HouseholdIDs             group[[]int64]
	SignInBlock              group[*time.Time]
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

	// Reference returns the process's reference data at the version the
	// request read (or newer).
	Reference func(context.Context) (*store.Reference, error)
}

// New makes the loaders of one request. viewer returns the request's
// viewer at the time a batch runs; ref the reference data (code lists and
// territory) that the request reads from memory; w when batches are sent
// (the zero Window is the default one).
func New(s *store.Store, viewer func() *authz.Viewer, ref func(context.Context) (*store.Reference, error), w Window) *Loaders {
	if ref == nil {
		ref = func(context.Context) (*store.Reference, error) { return nil, errNoReference }
	}
	l := &Loaders{Store: s, Reference: ref}
	req := requester{viewer: viewer, window: w}
	// Through the field, so that a mutation can make the request read the
	// reference data again after its writes (UseFreshReference).
	ref = func(ctx context.Context) (*store.Reference, error) { return l.Reference(ctx) }
	l.Citizen = scopedByID(req, s.CitizensByIDs, func(c *store.Citizen) int64 { return c.ID })
	l.Access = scopedByID(req, s.AccessesByIDs, func(r *store.Access) int64 { return r.ID })
	l.Case = scopedByID(req, s.CasesByIDs, func(r *store.Case) int64 { return r.ID })
	l.Intervention = scopedByID(req, s.InterventionsByIDs, func(r *store.Intervention) int64 { return r.ID })
	l.Referral = scopedByID(req, s.ReferralsByIDs, func(r *store.Referral) int64 { return r.ID })
	l.Relation = scopedByID(req, s.RelationsByIDs, func(r *store.Relation) int64 { return r.ID })
	l.Consent = scopedByID(req, s.ConsentsByIDs, func(r *store.Consent) int64 { return r.ID })
	l.CaseMember = scopedByID(req, s.CaseMembersByIDs, func(r *store.CaseMember) int64 { return r.ID })
	l.Assessment = scopedByID(req, s.AssessmentsByIDs, func(r *store.Assessment) int64 { return r.ID })
	l.Plan = scopedByID(req, s.PlansByIDs, func(r *store.Plan) int64 { return r.ID })
	l.Activity = scopedByID(req, s.ActivitiesByIDs, func(r *store.Activity) int64 { return r.ID })
	l.CaseGrant = scopedByID(req, s.CaseGrantsByIDs, func(r *store.CaseGrant) int64 { return r.ID })
	l.Emergency = scopedByID(req, s.EmergencyAccessesByIDs, func(r *store.EmergencyAccess) int64 { return r.ID })

	l.Zone = cached(ref, func(r *store.Reference, id int64) *store.Zone { return r.Zones[id] })
	l.Municipality = cached(ref, func(r *store.Reference, id int64) *store.Municipality { return r.Municipalities[id] })
	l.Office = cached(ref, func(r *store.Reference, id int64) *store.Office { return r.Offices[id] })
	l.Organization = cached(ref, func(r *store.Reference, id int64) *store.Organization { return r.Organizations[id] })
	l.Operator = cached(ref, func(r *store.Reference, id int64) *store.Operator { return r.Operators[id] })

	l.MunicipalitiesByZone = cached(ref, func(r *store.Reference, id int64) []*store.Municipality { return r.MunicipalitiesByZone[id] })
	l.OfficesByZone = cached(ref, func(r *store.Reference, id int64) []*store.Office { return r.OfficesByZone[id] })
	l.OfficesByOrganization = cached(ref, func(r *store.Reference, id int64) []*store.Office { return r.OfficesByOrganization[id] })
	l.RolesByOperator = cached(ref, func(r *store.Reference, id int64) []*store.OperatorRole { return r.RolesByOperator[id] })
	l.OfficeIDsByOperator = cached(ref, func(r *store.Reference, id int64) []int64 { return r.OfficesByOperator[id] })
	l.AccreditationsByOrg = cached(ref, func(r *store.Reference, id int64) []string { return r.Accreditations[id] })
	l.HouseholdIDs = newGroup(w, s.HouseholdMemberIDs)
	l.SignInBlock = newGroup(w, s.SignInBlocks)
	l.ReferralsByAccess = idPaged(req, s.ReferralsByAccess)
	l.StatusHistoryByCase = scopedGroup(req, s.StatusHistoryByCase)
	l.GrantsByCase = scopedGroup(req, s.GrantsByCase)
	l.PlanByCase = scopedGroup(req, s.PlansByCase)
	l.EmergencyByCitizen = scopedGroup(req, s.RunningEmergencyByCitizen)
	l.GoalsByPlan = scopedGroup(req, s.GoalsByPlan)

	l.AccessesByCitizen = carriedPaged(req, s.AccessesByCitizen)
	l.CasesByCitizen = carriedPaged(req, s.CasesByCitizen)
	l.InterventionsByCitizen = carriedPaged(req, s.InterventionsByCitizen)
	l.ReferralsByCitizen = carriedPaged(req, s.ReferralsByCitizen)
	l.RelationsByCitizen = carriedPaged(req, s.RelationsByCitizen)
	l.ConsentsByCitizen = carriedPaged(req, s.ConsentsByCitizen)
	l.MembersByCase = carriedPaged(req, s.MembersByCase)
	l.AssessmentsByCase = carriedPaged(req, s.AssessmentsByCase)
	l.InterventionsByCase = carriedPaged(req, s.InterventionsByCase)
	l.ActivitiesByCase = carriedPaged(req, s.ActivitiesByCase)
	l.ActivitiesByIntervention = idPaged(req, s.ActivitiesByIntervention)
	l.CasesByMember = idPaged(req, s.CasesByMember)

	return l
}

// requester is what the scoped loaders share: the request's viewer and its
// batching window.
type requester struct {
	viewer func() *authz.Viewer
	window Window
}

func newByID[T any](w Window, fetch func(context.Context, []int64) ([]*T, error), id func(*T) int64) byID[T] {
	// A key with no row (unknown, or out of the viewer's scope) loads as nil.
	return NewLoader(w, func(ctx context.Context, keys []int64) ([]*T, []error) {
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
	})
}

func scopedByID[T any](r requester, fetch func(context.Context, *authz.Viewer, []int64) ([]*T, error), id func(*T) int64) byID[T] {
	return newByID(r.window, func(ctx context.Context, ids []int64) ([]*T, error) { return fetch(ctx, r.viewer(), ids) }, id)
}

func newGroup[V any](w Window, fetch func(context.Context, []int64) (map[int64]V, error)) group[V] {
	return NewLoader(w, func(ctx context.Context, keys []int64) ([]V, []error) {
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
	})
}

func scopedGroup[V any](r requester, fetch func(context.Context, *authz.Viewer, []int64) (map[int64]V, error)) group[V] {
	return newGroup(r.window, func(ctx context.Context, ids []int64) (map[int64]V, error) { return fetch(ctx, r.viewer(), ids) })
}

// newPaged batches page requests: keys asking for the same page shape go
// to one statement (so the count of statements depends on the query's
// shape, not on the number of parents).
func newPaged[T any](r requester, fetch func(context.Context, *authz.Viewer, []PageKey, store.Page) (map[int64]*store.Conn[T], error)) paged[T] {
	return NewLoader(r.window, func(ctx context.Context, keys []PageKey) ([]*store.Conn[T], []error) {
		byPage := map[store.Page][]PageKey{}
		for _, k := range keys {
			byPage[k.Page] = append(byPage[k.Page], k)
		}
		results := map[PageKey]*store.Conn[T]{}
		errsByPage := map[store.Page]error{}
		for pg, ks := range byPage {
			m, err := fetch(ctx, r.viewer(), ks, pg)
			if err != nil {
				errsByPage[pg] = err
				continue
			}
			for _, k := range ks {
				if c, ok := m[k.ID]; ok {
					results[k] = c
				}
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
	})
}

// idPaged is newPaged for lists that compute the relationship in SQL.
func idPaged[T any](r requester, fetch func(context.Context, *authz.Viewer, []int64, store.Page) (map[int64]*store.Conn[T], error)) paged[T] {
	return newPaged(r, func(ctx context.Context, v *authz.Viewer, keys []PageKey, pg store.Page) (map[int64]*store.Conn[T], error) {
		ids := make([]int64, len(keys))
		for i, k := range keys {
			ids[i] = k.ID
		}
		return fetch(ctx, v, ids, pg)
	})
}

// carriedPaged is newPaged for lists whose rows take their parent's
// relationship (store.Parent): the keys' Rel goes to the statement.
func carriedPaged[T any](r requester, fetch func(context.Context, *authz.Viewer, []store.Parent, store.Page) (map[int64]*store.Conn[T], error)) paged[T] {
	return newPaged(r, func(ctx context.Context, v *authz.Viewer, keys []PageKey, pg store.Page) (map[int64]*store.Conn[T], error) {
		parents := make([]store.Parent, len(keys))
		for i, k := range keys {
			parents[i] = store.Parent{ID: k.ID, Rel: k.Rel}
		}
		return fetch(ctx, v, parents, pg)
	})
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
