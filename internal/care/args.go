package care

import "time"

// AddressArgs is an address to write.
type AddressArgs struct {
	MunicipalityIstatCode *string
	Address               *string
	Postcode              *string
}

// CreateCitizenArgs is the input of CreateCitizen.
type CreateCitizenArgs struct {
	FiscalCode       *string
	NoFiscalCode     bool
	FirstName        string
	LastName         string
	BirthDate        *time.Time
	Sex              *string
	BirthPlaceCode   *string
	Citizenship      *string
	Residence        *AddressArgs
	Domicile         *AddressArgs
	Phone            *string
	Email            *string
	Homeless         bool
	Language         *string
	ProtectedAddress bool
}

// UpdateCitizenArgs is the input of UpdateCitizen: nil fields are left alone.
type UpdateCitizenArgs struct {
	ID               int64
	Version          int
	FirstName        *string
	LastName         *string
	Citizenship      *string
	Residence        *AddressArgs
	Domicile         *AddressArgs
	Phone            *string
	Email            *string
	Homeless         *bool
	Language         *string
	ProtectedAddress *bool
}

// LinkRelationArgs is the input of LinkRelation.
type LinkRelationArgs struct {
	CitizenID        int64
	RelatedCitizenID int64
	Kind             string
	Cohabiting       bool
	ValidFrom        *time.Time
}

// SpeakerArgs is who spoke at an access.
type SpeakerArgs struct {
	Kind     string
	Name     *string
	Contact  *string
	Relation *string
}

// NeedArgs is a need expressed at an access.
type NeedArgs struct {
	Code  string
	Notes *string
}

// RegisterAccessArgs is the input of RegisterAccess.
type RegisterAccessArgs struct {
	CitizenID int64
	// CitizenFiscalCode, the code the person showed at the desk, admits a
	// citizen registered in another zone (found as a possible duplicate).
	CitizenFiscalCode string
	Anonymous         bool
	OfficeID          int64
	OccurredAt        *time.Time
	Channel           string
	Speaker           *SpeakerArgs
	Needs             []NeedArgs
	RequestedServices []string
	Outcome           string
	Notes             *string
	IdempotencyKey    *string
}

// CreateReferralArgs is the input of CreateReferral.
type CreateReferralArgs struct {
	CitizenID        int64
	FromOfficeID     int64
	ToOfficeID       int64
	ToOrganizationID int64
	Reason           string
	AccessID         int64
	CaseID           int64
	IdempotencyKey   *string
}

// OpenCaseArgs is the input of OpenCase.
type OpenCaseArgs struct {
	CitizenID        int64
	OfficeID         int64
	UserArea         string
	Summary          *string
	SourceAccessID   int64
	SourceReferralID int64
	IdempotencyKey   *string
}

// AddCaseMemberArgs is the input of AddCaseMember.
type AddCaseMemberArgs struct {
	CaseID     int64
	Version    int
	OperatorID int64
	Role       string
	ValidFrom  *time.Time
}
