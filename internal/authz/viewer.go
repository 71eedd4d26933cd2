// Package authz is SISO's single authorization layer: who the viewer is, how
// the viewer relates to each citizen (computed in SQL per request, never
// trusted from the client), which rows exist for the viewer and which fields
// of those rows the viewer may read. Everything is denied unless a policy in
// this package allows it.
package authz

import (
	"context"
	"slices"
	"time"
)

// Role is a role an operator holds.
type Role string

// The roles of DESIGN.md section 3.
const (
	RoleFrontDesk    Role = "FRONT_DESK"
	RoleSocialWorker Role = "SOCIAL_WORKER"
	RoleZoneManager  Role = "ZONE_MANAGER"
	RoleProvider     Role = "PROVIDER"
	RoleAnalyst      Role = "ANALYST"
	RoleDPO          Role = "DPO"
	RoleAdmin        Role = "ADMIN"
)

// Roles lists every role, in the order of the design's matrix.
var Roles = []Role{RoleFrontDesk, RoleSocialWorker, RoleZoneManager, RoleProvider, RoleAnalyst, RoleDPO, RoleAdmin}

// RoleGrant is one role held in one zone (ZoneID 0 = every zone) and
// optionally limited to one office.
type RoleGrant struct {
	Role     Role
	ZoneID   int
	OfficeID int64
}

// Viewer is the authenticated caller of a request.
type Viewer struct {
	OperatorID     int64
	Username       string
	DisplayName    string
	OrganizationID int64
	OfficeIDs      []int64
	Grants         []RoleGrant
	// SessionID identifies the session or API client, for the audit trail.
	SessionID string
	// MustChangePassword: the operator still has the password an
	// administrator gave them; until they change it their session can only
	// read the viewer, change the password and sign out
	// (PolicyPasswordChange).
	MustChangePassword bool

	// ClientID is set (and OperatorID is 0) when the caller is a partner
	// agency's API client: it holds one role in its zones, narrowed by
	// its scopes, never writes and never has case-team, grant or
	// emergency relationships.
	ClientID   int64
	ClientName string
	// ClientExpiresAt is when the client's token stops working.
	ClientExpiresAt time.Time
	Scopes          []string
	// ScopeAllows, for API clients, says whether the scopes admit a field
	// rule (by rule name); nil for operators.
	ScopeAllows func(rule string) bool
}

// IsClient reports whether the viewer is an API client.
func (v *Viewer) IsClient() bool { return v != nil && v.ClientID != 0 }

// Label names the viewer in audit records: the username or the client's name.
func (v *Viewer) Label() string {
	if v == nil {
		return ""
	}
	if v.IsClient() {
		return "client:" + v.ClientName
	}
	return v.Username
}

// Has reports whether the viewer holds role in any zone.
func (v *Viewer) Has(role Role) bool {
	if v == nil {
		return false
	}
	for _, g := range v.Grants {
		if g.Role == role {
			return true
		}
	}
	return false
}

// HasIn reports whether the viewer holds role in zone (or in every zone).
func (v *Viewer) HasIn(role Role, zoneID int) bool {
	if v == nil {
		return false
	}
	for _, g := range v.Grants {
		if g.Role == role && (g.ZoneID == 0 || g.ZoneID == zoneID) {
			return true
		}
	}
	return false
}

// ZonesFor returns the zone ids where the viewer holds role. allZones is
// true when the role is held regionally (zone 0).
func (v *Viewer) ZonesFor(role Role) (zones []int, allZones bool) {
	if v == nil {
		return nil, false
	}
	for _, g := range v.Grants {
		if g.Role != role {
			continue
		}
		if g.ZoneID == 0 {
			allZones = true
			continue
		}
		if !slices.Contains(zones, g.ZoneID) {
			zones = append(zones, g.ZoneID)
		}
	}
	slices.Sort(zones)
	return zones, allZones
}

// RoleNames returns the distinct roles held, in matrix order.
func (v *Viewer) RoleNames() []Role {
	var out []Role
	for _, r := range Roles {
		if v.Has(r) {
			out = append(out, r)
		}
	}
	return out
}

// InOffice reports whether officeID is one of the viewer's offices.
func (v *Viewer) InOffice(officeID int64) bool {
	return v != nil && slices.Contains(v.OfficeIDs, officeID)
}

type viewerKey struct{}

// viewerHolder is the request's viewer. It is a holder rather than a value
// so that signIn and signOut change the viewer for the rest of the same
// request (the payload of signIn is read as the new viewer).
type viewerHolder struct{ v *Viewer }

// WithViewer returns a context carrying the request's viewer (nil for an
// anonymous request).
func WithViewer(ctx context.Context, v *Viewer) context.Context {
	return context.WithValue(ctx, viewerKey{}, &viewerHolder{v: v})
}

// SetViewer replaces the viewer of the request that ctx belongs to; it
// reports false when ctx was not made by WithViewer.
func SetViewer(ctx context.Context, v *Viewer) bool {
	h, ok := ctx.Value(viewerKey{}).(*viewerHolder)
	if ok {
		h.v = v
	}
	return ok
}

// ViewerFrom returns the request's viewer, or nil when nobody is signed in.
func ViewerFrom(ctx context.Context) *Viewer {
	h, _ := ctx.Value(viewerKey{}).(*viewerHolder)
	if h == nil {
		return nil
	}
	return h.v
}
