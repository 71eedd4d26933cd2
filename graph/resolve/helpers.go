package resolve

import (
	"context"

	"github.com/siso-project/siso/internal/apiclient"

	"github.com/siso-project/siso/graph/loaders"
	"github.com/siso-project/siso/graph/model"
	"github.com/siso-project/siso/internal/apperr"
	"github.com/siso-project/siso/internal/authz"
	"github.com/siso-project/siso/internal/relay"
	"github.com/siso-project/siso/internal/store"
)

// Authenticator signs operators in and out; the HTTP layer implements it
// because it owns the session cookie.
type Authenticator interface {
	SignIn(ctx context.Context, username, password string) (*authz.Viewer, error)
	SignOut(ctx context.Context) (bool, error)
	// ChangePassword changes the signed-in operator's own password and
	// rotates their session; it returns the viewer after the change.
	ChangePassword(ctx context.Context, currentPassword, newPassword string) (*authz.Viewer, error)
}

func ld(ctx context.Context) *loaders.Loaders { return loaders.From(ctx) }

// mustViewer returns the viewer or UNAUTHENTICATED.
func mustViewer(ctx context.Context) (*authz.Viewer, error) {
	v := authz.ViewerFrom(ctx)
	if v == nil {
		return nil, apperr.NewUnauthenticated("sign in first")
	}
	return v, nil
}

func page(first *int, after *string, last *int, before *string) (store.Page, error) {
	return store.NewPage(first, after, last, before)
}

// pagedLoader is a dataloader of one page of a child list per parent.
type pagedLoader[T any] interface {
	Load(context.Context, loaders.PageKey) (*store.Conn[T], error)
}

// childPage validates the Relay arguments and loads the page of parent id;
// rel is the viewer's relationship read with the parent (see store.Parent).
func childPage[T any, C any](ctx context.Context, l pagedLoader[T], id int64, rel authz.Rel, first *int, after *string, last *int, before *string, conv func(*store.Conn[T]) C) (C, error) {
	var zero C
	pg, err := page(first, after, last, before)
	if err != nil {
		return zero, err
	}
	c, err := l.Load(ctx, loaders.PageKey{ID: id, Rel: rel, Page: pg})
	if err != nil {
		return zero, err
	}
	return conv(c), nil
}

// lookupID parses a global id argument of a lookup: a malformed id or an
// id of another type is NOT_FOUND, exactly like an id never issued.
func lookupID(gid, typ string) (int64, error) {
	id, err := relay.ParseAs(gid, typ)
	if err != nil {
		return 0, apperr.NewNotFound(typ)
	}
	return id, nil
}

// optionalID parses an optional global id used as a filter; a malformed
// one is BAD_USER_INPUT on field.
func optionalID(gid *string, typ, field string) (int64, error) {
	if gid == nil {
		return 0, nil
	}
	id, err := relay.ParseAs(*gid, typ)
	if err != nil {
		return 0, apperr.BadInput(field, "not a %s id", typ)
	}
	return id, nil
}

// load returns the object with id through a by-id loader, or nil.
func load[T any](ctx context.Context, l interface {
	Load(context.Context, int64) (*T, error)
}, id int64) (*T, error) {
	v, err := l.Load(ctx, id)
	if err != nil {
		return nil, err
	}
	return v, nil
}

// loadOpt is load for optional foreign keys.
func loadOpt[T any, K ~int | ~int64](ctx context.Context, l interface {
	Load(context.Context, int64) (*T, error)
}, id *K) (*T, error) {
	if id == nil {
		return nil, nil
	}
	return load(ctx, l, int64(*id))
}

// mustLoad is load for an object that must exist for the viewer: a missing
// one is NOT_FOUND.
func mustLoad[T any](ctx context.Context, l interface {
	Load(context.Context, int64) (*T, error)
}, id int64, typ string) (*T, error) {
	v, err := load(ctx, l, id)
	if err != nil {
		return nil, err
	}
	if v == nil {
		return nil, apperr.NewNotFound(typ)
	}
	return v, nil
}

type metaRow interface{ Meta() *store.RowMeta }

// edgesOf builds Relay edges and page info from a store connection.
func edgesOf[T any, PT interface {
	*T
	metaRow
}, E any](c *store.Conn[T], mk func(cursor string, n *T) E) ([]E, *model.PageInfo) {
	edges := make([]E, 0, len(c.Rows))
	pi := &model.PageInfo{HasNextPage: c.HasNext, HasPreviousPage: c.HasPrevious}
	for i, r := range c.Rows {
		cur := store.Cursor(PT(r).Meta())
		edges = append(edges, mk(cur, r))
		if i == 0 {
			pi.StartCursor = &cur
		}
		if i == len(c.Rows)-1 {
			pi.EndCursor = &cur
		}
	}
	return edges, pi
}

// nullOnNotFound turns a missing object into (nil, NOT_FOUND).
func notFoundIfNil[T any](v *T, typ string) (*T, error) {
	if v == nil {
		return nil, apperr.NewNotFound(typ)
	}
	return v, nil
}

// adminViewer returns the viewer when it is an operator holding ADMIN.
func adminViewer(ctx context.Context) (*authz.Viewer, error) {
	v, err := mustViewer(ctx)
	if err != nil {
		return nil, err
	}
	if v.IsClient() || !v.Has(authz.RoleAdmin) {
		return nil, apperr.NewForbidden(apiclient.PolicyAdmin, "only administrators manage API clients")
	}
	return v, nil
}

// statsZones are the zones whose statistics v may see (nil: every zone).
func statsZones(v *authz.Viewer) []int {
	if zones, all := v.ZonesFor(authz.RoleAnalyst); all || len(zones) > 0 {
		if all {
			return nil
		}
		return zones
	}
	zones, all := v.ZonesFor(authz.RoleZoneManager)
	if all {
		return nil
	}
	if zones == nil {
		zones = []int{}
	}
	return zones
}

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func unlessSuppressed(c *store.StatsCell, n int64) *int {
	if c.Suppressed {
		return nil
	}
	i := int(n)
	return &i
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// count is a measure that is null when its cell is suppressed.
func count(suppressed bool, n int64) *int {
	if suppressed {
		return nil
	}
	i := int(n)
	return &i
}

func typeOf(ctx context.Context, code string) (*store.InterventionType, error) {
	if code == "" {
		return nil, nil
	}
	ts, err := interventionTypes(ctx, []string{code})
	if err != nil || len(ts) == 0 {
		return nil, err
	}
	return ts[0], nil
}

// monitoredZones are the zones whose monitoring the viewer may see (nil:
// every zone), narrowed to zoneCode when given.
func (r *queryResolver) monitoredZones(ctx context.Context, zoneCode *string) ([]int, error) {
	v, err := mustViewer(ctx)
	if err != nil {
		return nil, err
	}
	var zones []int
	all := false
	for _, role := range []authz.Role{authz.RoleAnalyst, authz.RoleZoneManager, authz.RoleSocialWorker} {
		z, a := v.ZonesFor(role)
		all = all || a
		zones = append(zones, z...)
	}
	if all {
		zones = nil
	} else if zones == nil {
		zones = []int{}
	}
	if zoneCode == nil {
		return zones, nil
	}
	id, err := r.zoneFilter(ctx, zoneCode, "filter.zoneCode")
	if err != nil {
		return nil, err
	}
	if zones != nil && !containsInt(zones, id) {
		return nil, apperr.NewForbidden(authz.Monitoring.Name, "that zone is not one you monitor")
	}
	return []int{id}, nil
}
