package graph

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/99designs/gqlgen/graphql"

	"github.com/siso-project/siso/internal/apiclient"
	"github.com/siso-project/siso/internal/apperr"
	"github.com/siso-project/siso/internal/audit"
	"github.com/siso-project/siso/internal/authz"
)

// FieldPolicy is the field middleware through which every field of every
// response passes: it looks the field up in the policy table and lets the
// resolver run only when the rule allows the viewer to read it for the
// object that holds it. Denied fields resolve to null with a FORBIDDEN
// error naming the rule; the rest of the response is still returned.
type FieldPolicy struct {
	Policies authz.Policies
}

// Middleware implements graphql.FieldMiddleware.
func (p FieldPolicy) Middleware(ctx context.Context, next graphql.Resolver) (any, error) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Field.Field == nil {
		return next(ctx)
	}
	if strings.HasPrefix(fc.Object, "__") || strings.HasPrefix(fc.Field.Name, "__") {
		return next(ctx) // introspection is governed by the handler's settings
	}
	rule, listed := p.Policies.Lookup(fc.Object, fc.Field.Name)
	viewer := authz.ViewerFrom(ctx)
	if viewer != nil && viewer.MustChangePassword && !allowedBeforePasswordChange(fc) {
		return nil, apperr.NewForbidden(authz.PolicyPasswordChange,
			"change the password an administrator gave you first (changePassword)")
	}
	if !listed {
		return nil, apperr.NewForbidden(rule.Name, fmt.Sprintf("%s.%s has no policy and is denied", fc.Object, fc.Field.Name))
	}
	if rule.Tier != authz.TierPublic && rule.Tier != authz.TierSelf && viewer == nil {
		return nil, apperr.NewUnauthenticated("sign in first")
	}
	if viewer.IsClient() && !apiclient.AllowsField(viewer.Scopes, fc.Object, fc.Field.Name, rule.Name) {
		return nil, apperr.NewForbidden("scope", fmt.Sprintf("the API client's scopes do not cover %s.%s", fc.Object, fc.Field.Name))
	}
	var guard *authz.Guard
	if rule.Guard {
		guard = guardOf(fc.Parent)
	}
	if !rule.Allows(viewer, guard) {
		return nil, apperr.NewForbidden(rule.Name, fmt.Sprintf("not allowed to read %s.%s (policy %s)", fc.Object, fc.Field.Name, rule.Name))
	}
	if guard != nil && guard.CitizenID != 0 {
		recordRead(ctx, viewer, rule, guard)
	}
	return next(ctx)
}

// allowedBeforePasswordChange reports whether the field may be resolved for
// an operator who must change their password: the fields under the root
// fields of authz.BeforePasswordChange, except the walk from the viewer to
// the operator (and on to their cases).
func allowedBeforePasswordChange(fc *graphql.FieldContext) bool {
	if fc.Object == "Viewer" && fc.Field.Name == "operator" {
		return false
	}
	root := fc
	for root != nil && root.Object != "Query" && root.Object != "Mutation" {
		root = root.Parent
	}
	return root != nil && root.Field.Field != nil &&
		slices.Contains(authz.BeforePasswordChange, root.Object+"."+root.Field.Name)
}

// recordRead notes, for the audit trail, that the response carries data of
// the guard's citizen in the rule's tier; a read that only an emergency
// access allows is marked as such.
func recordRead(ctx context.Context, v *authz.Viewer, rule *authz.Rule, g *authz.Guard) {
	rec := audit.RecorderFrom(ctx)
	if rec == nil {
		return
	}
	if g.Rel.Any(authz.RelEmergency) {
		without := *g
		without.Rel &^= authz.RelEmergency
		if !rule.Allows(v, &without) {
			rec.ReadEmergency(g.CitizenID, 0, "", string(rule.Tier))
			return
		}
	}
	rec.Read(g.CitizenID, 0, string(rule.Tier))
}

// guardOf finds the Guard of the object that holds the field: the result
// of the parent field context. gqlgen sets it to the object itself, or, for
// list items, to a pointer to the slice element, which is a pointer to the
// object ([]*Citizen) or to an interface holding it ([]Node of nodes(ids:)).
// Every such wrapping is looked through, so the same object gives the same
// Guard (and the same decisions) whichever root field reached it.
func guardOf(parent *graphql.FieldContext) *authz.Guard {
	if parent == nil || parent.Result == nil {
		return nil
	}
	v := reflect.ValueOf(parent.Result)
	for range maxGuardIndirections {
		if v.Kind() == reflect.Interface {
			v = v.Elem() // the object an interface element holds
		}
		if !v.IsValid() || v.Kind() == reflect.Pointer && v.IsNil() {
			return nil
		}
		if g, ok := v.Interface().(authz.Guarded); ok {
			return g.AuthzGuard()
		}
		if v.Kind() != reflect.Pointer {
			return nil
		}
		v = v.Elem()
	}
	return nil
}

// maxGuardIndirections bounds the unwrapping of guardOf: the object, or a
// pointer to it or to an interface holding it.
const maxGuardIndirections = 2
