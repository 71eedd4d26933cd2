// Package model holds the GraphQL types that are not stored rows: values
// built from a row (addresses, the household, the SINA block), the viewer,
// and the inputs, payloads and connections that gqlgen generates here.
// Values that carry citizen data keep the Guard of the row they come from,
// so the field policy decides them like the row itself.
package model

import (
	"github.com/siso-project/siso/internal/authz"
	"github.com/siso-project/siso/internal/store"
)

// Guarded is embedded by values built from a citizen-bound row.
type Guarded struct{ G authz.Guard }

// AuthzGuard returns the guard of the row the value comes from.
func (g *Guarded) AuthzGuard() *authz.Guard { return &g.G }

// BirthPlace is a place of birth.
type BirthPlace struct {
	Guarded
	Code           string
	MunicipalityID *int
	Foreign        bool
}

// Address is a residence or domicile.
type Address struct {
	Guarded
	MunicipalityID *int
	Address        *string
	Postcode       *string
}

// Household is a citizen's nucleo familiare.
type Household struct {
	Guarded
	Members       []*store.Citizen
	Size          int
	HiddenMembers int
}

// Speaker is who spoke at an access.
type Speaker struct {
	Guarded
	Kind     store.SpeakerKind
	Name     *string
	Contact  *string
	Relation *string
}

// AccessNeed is a need expressed at an access.
type AccessNeed struct {
	Guarded
	NeedCode string
	Notes    *string
}

// SinaAssessment is the SINA block of an assessment.
type SinaAssessment struct {
	Guarded
	Mobility             *int
	DailyActivities      *int
	CognitiveDisorders   *int
	BehaviouralDisorders *int
	HealthCareNeed       *int
	Income               *int
	SupportNetwork       *int
}

// Viewer is the signed-in operator.
type Viewer struct {
	V *authz.Viewer
}

// RoleAssignment is a role with its zone and office.
type RoleAssignment struct {
	Role     authz.Role
	ZoneID   int
	OfficeID int64
}

// CodeLists is the set of code lists; its fields are resolved on demand.
type CodeLists struct{}

// Node is every object with a Relay global id.
type Node interface {
	GlobalID() string
}
