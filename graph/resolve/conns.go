package resolve

import (
	"github.com/siso-project/siso/graph/model"
	"github.com/siso-project/siso/internal/store"
)

// Connection builders: one per connection type of the schema.

func citizenConn(c *store.Conn[store.Citizen]) *model.CitizenConnection {
	e, pi := edgesOf(c, func(cur string, n *store.Citizen) *model.CitizenEdge { return &model.CitizenEdge{Cursor: cur, Node: n} })
	return &model.CitizenConnection{Edges: e, PageInfo: pi, TotalCount: c.TotalCount}
}

func accessConn(c *store.Conn[store.Access]) *model.AccessConnection {
	e, pi := edgesOf(c, func(cur string, n *store.Access) *model.AccessEdge { return &model.AccessEdge{Cursor: cur, Node: n} })
	return &model.AccessConnection{Edges: e, PageInfo: pi, TotalCount: c.TotalCount}
}

func caseConn(c *store.Conn[store.Case]) *model.CaseConnection {
	e, pi := edgesOf(c, func(cur string, n *store.Case) *model.CaseEdge { return &model.CaseEdge{Cursor: cur, Node: n} })
	return &model.CaseConnection{Edges: e, PageInfo: pi, TotalCount: c.TotalCount}
}

func interventionConn(c *store.Conn[store.Intervention]) *model.InterventionConnection {
	e, pi := edgesOf(c, func(cur string, n *store.Intervention) *model.InterventionEdge {
		return &model.InterventionEdge{Cursor: cur, Node: n}
	})
	return &model.InterventionConnection{Edges: e, PageInfo: pi, TotalCount: c.TotalCount}
}

func referralConn(c *store.Conn[store.Referral]) *model.ReferralConnection {
	e, pi := edgesOf(c, func(cur string, n *store.Referral) *model.ReferralEdge {
		return &model.ReferralEdge{Cursor: cur, Node: n}
	})
	return &model.ReferralConnection{Edges: e, PageInfo: pi, TotalCount: c.TotalCount}
}

func relationConn(c *store.Conn[store.Relation]) *model.RelationConnection {
	e, pi := edgesOf(c, func(cur string, n *store.Relation) *model.RelationEdge {
		return &model.RelationEdge{Cursor: cur, Node: n}
	})
	return &model.RelationConnection{Edges: e, PageInfo: pi, TotalCount: c.TotalCount}
}

func consentConn(c *store.Conn[store.Consent]) *model.ConsentConnection {
	e, pi := edgesOf(c, func(cur string, n *store.Consent) *model.ConsentEdge { return &model.ConsentEdge{Cursor: cur, Node: n} })
	return &model.ConsentConnection{Edges: e, PageInfo: pi, TotalCount: c.TotalCount}
}

func memberConn(c *store.Conn[store.CaseMember]) *model.CaseMemberConnection {
	e, pi := edgesOf(c, func(cur string, n *store.CaseMember) *model.CaseMemberEdge {
		return &model.CaseMemberEdge{Cursor: cur, Node: n}
	})
	return &model.CaseMemberConnection{Edges: e, PageInfo: pi, TotalCount: c.TotalCount}
}

func assessmentConn(c *store.Conn[store.Assessment]) *model.AssessmentConnection {
	e, pi := edgesOf(c, func(cur string, n *store.Assessment) *model.AssessmentEdge {
		return &model.AssessmentEdge{Cursor: cur, Node: n}
	})
	return &model.AssessmentConnection{Edges: e, PageInfo: pi, TotalCount: c.TotalCount}
}

func activityConn(c *store.Conn[store.Activity]) *model.ActivityConnection {
	e, pi := edgesOf(c, func(cur string, n *store.Activity) *model.ActivityEdge {
		return &model.ActivityEdge{Cursor: cur, Node: n}
	})
	return &model.ActivityConnection{Edges: e, PageInfo: pi, TotalCount: c.TotalCount}
}

func officeConn(c *store.Conn[store.Office]) *model.OfficeConnection {
	e, pi := edgesOf(c, func(cur string, n *store.Office) *model.OfficeEdge { return &model.OfficeEdge{Cursor: cur, Node: n} })
	return &model.OfficeConnection{Edges: e, PageInfo: pi, TotalCount: c.TotalCount}
}

func organizationConn(c *store.Conn[store.Organization]) *model.OrganizationConnection {
	e, pi := edgesOf(c, func(cur string, n *store.Organization) *model.OrganizationEdge {
		return &model.OrganizationEdge{Cursor: cur, Node: n}
	})
	return &model.OrganizationConnection{Edges: e, PageInfo: pi, TotalCount: c.TotalCount}
}

func operatorConn(c *store.Conn[store.Operator]) *model.OperatorConnection {
	e, pi := edgesOf(c, func(cur string, n *store.Operator) *model.OperatorEdge {
		return &model.OperatorEdge{Cursor: cur, Node: n}
	})
	return &model.OperatorConnection{Edges: e, PageInfo: pi, TotalCount: c.TotalCount}
}

func emergencyConn(c *store.Conn[store.EmergencyAccess]) *model.EmergencyAccessConnection {
	e, pi := edgesOf(c, func(cur string, n *store.EmergencyAccess) *model.EmergencyAccessEdge {
		return &model.EmergencyAccessEdge{Cursor: cur, Node: n}
	})
	return &model.EmergencyAccessConnection{Edges: e, PageInfo: pi, TotalCount: c.TotalCount}
}
