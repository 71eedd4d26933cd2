package resolve

import (
	"context"

	"github.com/siso-project/siso/graph/model"
	"github.com/siso-project/siso/internal/relay"
	"github.com/siso-project/siso/internal/store"
)

// node fetches any object by global id through the same scoped loaders as
// every other path, so a forged or retyped id gives nothing more (nil).
func (r *queryResolver) node(ctx context.Context, gid string) (model.Node, error) {
	typ, id, err := relay.Parse(gid)
	if err != nil {
		return nil, nil
	}
	l := ld(ctx)
	switch typ {
	case "Citizen":
		return asNode(load(ctx, l.Citizen, id))
	case "Access":
		return asNode(load(ctx, l.Access, id))
	case "Case":
		return asNode(load(ctx, l.Case, id))
	case "Intervention":
		return asNode(load(ctx, l.Intervention, id))
	case "Referral":
		return asNode(load(ctx, l.Referral, id))
	case "Relation":
		return asNode(load(ctx, l.Relation, id))
	case "Consent":
		return asNode(load(ctx, l.Consent, id))
	case "CaseMember":
		return asNode(load(ctx, l.CaseMember, id))
	case "Assessment":
		return asNode(load(ctx, l.Assessment, id))
	case "Plan":
		return asNode(load(ctx, l.Plan, id))
	case "Activity":
		return asNode(load(ctx, l.Activity, id))
	case "CaseGrant":
		return asNode(load(ctx, l.CaseGrant, id))
	case "EmergencyAccess":
		return asNode(load(ctx, l.Emergency, id))
	case "Zone":
		return asNode(load(ctx, l.Zone, id))
	case "Municipality":
		return asNode(load(ctx, l.Municipality, id))
	case "Office":
		return asNode(load(ctx, l.Office, id))
	case "Organization":
		return asNode(load(ctx, l.Organization, id))
	case "Operator":
		return asNode(load(ctx, l.Operator, id))
	}
	return nil, nil
}

// asNode converts a typed nil into an untyped nil interface.
func asNode[T any, PT interface {
	*T
	model.Node
}](v *T, err error) (model.Node, error) {
	if err != nil || v == nil {
		return nil, err
	}
	return PT(v), nil
}

var _ model.Node = (*store.Citizen)(nil)
