package resolve

import (
	"context"
	"fmt"

	"github.com/siso-project/siso/graph/model"
	"github.com/siso-project/siso/internal/admin"
	"github.com/siso-project/siso/internal/apperr"
	"github.com/siso-project/siso/internal/authz"
	"github.com/siso-project/siso/internal/store"
)

// operatorAdmin returns the administration service and the administrator
// acting; non-administrators and API clients are FORBIDDEN.
func (r *Resolver) operatorAdmin(ctx context.Context) (*admin.Service, admin.Actor, error) {
	v, err := mustViewer(ctx)
	if err != nil {
		return nil, admin.Actor{}, err
	}
	if v.IsClient() || !v.Has(authz.RoleAdmin) || v.OperatorID == 0 {
		return nil, admin.Actor{}, apperr.NewForbidden(admin.PolicyAdmin, "only administrators administer operators")
	}
	return &admin.Service{DB: r.Store.DB}, admin.Actor{OperatorID: v.OperatorID}, nil
}

// idList parses a list of global ids of typ; a bad one is BAD_USER_INPUT on field.
func idList(gids []string, typ, field string) ([]int64, error) {
	out := make([]int64, 0, len(gids))
	for _, g := range gids {
		id, err := inputID(g, typ, field)
		if err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, nil
}

// roleInputs converts the roles of an operator input.
func roleInputs(in []*model.RoleAssignmentInput) ([]admin.RoleInput, error) {
	out := make([]admin.RoleInput, 0, len(in))
	for i, r := range in {
		ri := admin.RoleInput{Role: r.Role, ZoneCode: deref(r.ZoneCode)}
		if r.OfficeID != nil && *r.OfficeID != "" {
			id, err := inputID(*r.OfficeID, "Office", fmt.Sprintf("roles[%d].officeId", i))
			if err != nil {
				return nil, err
			}
			ri.OfficeID = id
		}
		out = append(out, ri)
	}
	return out, nil
}

func createOperatorArgs(in model.CreateOperatorInput) (admin.CreateInput, error) {
	out := admin.CreateInput{Username: in.Username, DisplayName: in.DisplayName,
		ProfessionCode: deref(in.ProfessionCode), Password: deref(in.Password)}
	var err error
	if in.OrganizationID != nil && *in.OrganizationID != "" {
		if out.OrganizationID, err = inputID(*in.OrganizationID, "Organization", "organizationId"); err != nil {
			return out, err
		}
	}
	if out.OfficeIDs, err = idList(in.OfficeIds, "Office", "officeIds"); err != nil {
		return out, err
	}
	out.Roles, err = roleInputs(in.Roles)
	return out, err
}

func updateOperatorArgs(in model.UpdateOperatorInput) (admin.UpdateInput, error) {
	out := admin.UpdateInput{Version: in.Version, DisplayName: in.DisplayName, ProfessionCode: in.ProfessionCode}
	var err error
	if out.OperatorID, err = lookupID(in.OperatorID, "Operator"); err != nil {
		return out, err
	}
	if in.OrganizationID != nil {
		var org int64
		if *in.OrganizationID != "" {
			if org, err = inputID(*in.OrganizationID, "Organization", "organizationId"); err != nil {
				return out, err
			}
		}
		out.OrganizationID = &org
	}
	if in.OfficeIds != nil {
		if out.OfficeIDs, err = idList(in.OfficeIds, "Office", "officeIds"); err != nil {
			return out, err
		}
	}
	if in.Roles != nil {
		if out.Roles, err = roleInputs(in.Roles); err != nil {
			return out, err
		}
		if out.Roles == nil {
			out.Roles = []admin.RoleInput{}
		}
	}
	return out, nil
}

// freshOperator reads the operator as written (not through the request's
// loader, which may hold the state before the write).
func (r *Resolver) freshOperator(ctx context.Context, id int64) (*store.Operator, error) {
	ops, err := r.Store.OperatorsByIDs(ctx, []int64{id})
	if err != nil {
		return nil, err
	}
	if len(ops) == 0 {
		return nil, apperr.NewNotFound("Operator")
	}
	return ops[0], nil
}

func administrationEventConn(events []*admin.Event, hasNext, hasPrev bool, total int) *model.AdministrationEventConnection {
	out := &model.AdministrationEventConnection{Edges: make([]*model.AdministrationEventEdge, 0, len(events)),
		PageInfo: &model.PageInfo{HasNextPage: hasNext, HasPreviousPage: hasPrev}, TotalCount: total}
	for _, e := range events {
		out.Edges = append(out.Edges, &model.AdministrationEventEdge{Cursor: e.Cursor(), Node: e})
	}
	if n := len(events); n > 0 {
		first, last := events[0].Cursor(), events[n-1].Cursor()
		out.PageInfo.StartCursor, out.PageInfo.EndCursor = &first, &last
	}
	return out
}
