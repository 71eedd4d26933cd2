// Package store holds SISO's persistent model (bun structs mirroring the
// tables of migrations/) and the queries over it. Every query that returns
// citizen-bound rows takes the viewer and computes the viewer's relationship
// to each row's citizen in the same statement (authz.RelSQL): rows with no
// relationship are not returned, and the relationship travels with the row
// so that field decisions need no further query.
package store

import (
	"time"

	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/authz"
	"github.com/siso-project/siso/internal/relay"
)

// Enumerations stored as text with CHECK constraints; their values are the
// GraphQL enum values.
type (
	Sex                string
	OrganizationKind   string
	OfficeKind         string
	RelationKind       string
	AccessChannel      string
	SpeakerKind        string
	ReferralStatus     string
	CaseStatus         string
	CaseClosureReason  string
	CaseMemberRole     string
	AssessmentKind     string
	PlanBeneficiary    string
	GoalTerm           string
	GoalOutcome        string
	ActivityKind       string
	InterventionStatus string
	ConsentPurpose     string
)

// RowMeta is scanned with every citizen-bound row: the viewer's
// relationship to the row's citizen and, for paged lists, the partition
// key, the partition's total and the row's sort key (for its cursor).
type RowMeta struct {
	Rel        authz.Rel `bun:"rel,scanonly"`
	ParentKey  int64     `bun:"parent_key,scanonly"`
	TotalCount int       `bun:"total_count,scanonly"`
	SortKey    string    `bun:"sort_key,scanonly"`
	Rn         int       `bun:"rn,scanonly"`
	RowID      int64     `bun:"row_id,scanonly"`
}

// Meta returns the row's metadata.
func (m *RowMeta) Meta() *RowMeta { return m }

// Zone is a social zone.
type Zone struct {
	bun.BaseModel `bun:"table:zone,alias:z"`

	ID                 int       `bun:"id,pk"`
	Code               string    `bun:"code"`
	Name               string    `bun:"name"`
	LeadMunicipalityID int       `bun:"lead_municipality_id"`
	Population2011     int       `bun:"population_2011,scanonly"`
	CreatedAt          time.Time `bun:"created_at"`
	UpdatedAt          time.Time `bun:"updated_at"`
}

// GlobalID is the Relay id.
func (z *Zone) GlobalID() string { return relay.ID("Zone", int64(z.ID)) }

// Municipality is a comune.
type Municipality struct {
	bun.BaseModel `bun:"table:municipality,alias:mu"`

	ID                   int       `bun:"id,pk,autoincrement"`
	IstatCode            string    `bun:"istat_code"`
	CadastralCode        string    `bun:"cadastral_code"`
	Name                 string    `bun:"name"`
	Province             string    `bun:"province"`
	ZoneID               int       `bun:"zone_id"`
	Population2011       int       `bun:"population_2011"`
	MembershipConfidence string    `bun:"membership_confidence"`
	CreatedAt            time.Time `bun:"created_at"`
	UpdatedAt            time.Time `bun:"updated_at"`
}

// GlobalID is the Relay id.
func (m *Municipality) GlobalID() string { return relay.ID("Municipality", int64(m.ID)) }

// Organization is an ente.
type Organization struct {
	bun.BaseModel `bun:"table:organization,alias:org"`

	ID             int64            `bun:"id,pk,autoincrement"`
	Kind           OrganizationKind `bun:"kind"`
	Name           string           `bun:"name"`
	TaxCode        *string          `bun:"tax_code"`
	MunicipalityID *int             `bun:"municipality_id"`
	ZoneID         *int             `bun:"zone_id"`
	AccreditedFrom *time.Time       `bun:"accredited_from,type:date"`
	AccreditedTo   *time.Time       `bun:"accredited_to,type:date"`
	Version        int              `bun:"version"`
	CreatedAt      time.Time        `bun:"created_at"`
	UpdatedAt      time.Time        `bun:"updated_at"`

	RowMeta
}

// GlobalID is the Relay id.
func (o *Organization) GlobalID() string { return relay.ID("Organization", o.ID) }

// Office is an ufficio or sportello.
type Office struct {
	bun.BaseModel `bun:"table:office,alias:of"`

	ID             int64      `bun:"id,pk,autoincrement"`
	OrganizationID int64      `bun:"organization_id"`
	ZoneID         int        `bun:"zone_id"`
	MunicipalityID int        `bun:"municipality_id"`
	Kind           OfficeKind `bun:"kind"`
	Name           string     `bun:"name"`
	Address        *string    `bun:"address"`
	Phone          *string    `bun:"phone"`
	Email          *string    `bun:"email"`
	Version        int        `bun:"version"`
	CreatedAt      time.Time  `bun:"created_at"`
	UpdatedAt      time.Time  `bun:"updated_at"`

	RowMeta
}

// GlobalID is the Relay id.
func (o *Office) GlobalID() string { return relay.ID("Office", o.ID) }

// Operator is a person who signs in.
type Operator struct {
	bun.BaseModel `bun:"table:operator,alias:op"`

	ID             int64      `bun:"id,pk,autoincrement"`
	Username       string     `bun:"username"`
	DisplayName    string     `bun:"display_name"`
	Email          *string    `bun:"email"`
	ProfessionCode *string    `bun:"profession_code"`
	OrganizationID *int64     `bun:"organization_id"`
	PasswordHash   string     `bun:"password_hash" json:"-"`
	Active         bool       `bun:"active"`
	LastSignInAt   *time.Time `bun:"last_sign_in_at"`
	// MustChangePassword: the password was given by an administrator and
	// the operator has not replaced it yet.
	MustChangePassword bool       `bun:"must_change_password"`
	PasswordChangedAt  *time.Time `bun:"password_changed_at"`
	Version            int        `bun:"version"`
	CreatedAt          time.Time  `bun:"created_at"`
	UpdatedAt          time.Time  `bun:"updated_at"`

	RowMeta
}

// GlobalID is the Relay id.
func (o *Operator) GlobalID() string { return relay.ID("Operator", o.ID) }

// OperatorRole is a role held by an operator.
type OperatorRole struct {
	bun.BaseModel `bun:"table:operator_role,alias:ro"`

	ID         int64      `bun:"id,pk,autoincrement"`
	OperatorID int64      `bun:"operator_id"`
	Role       authz.Role `bun:"role"`
	ZoneID     *int       `bun:"zone_id"`
	OfficeID   *int64     `bun:"office_id"`
	CreatedAt  time.Time  `bun:"created_at"`
}

// Citizen is a cittadino.
type Citizen struct {
	bun.BaseModel `bun:"table:citizen,alias:c"`

	ID                      int64      `bun:"id,pk,autoincrement"`
	FiscalCode              *string    `bun:"fiscal_code"`
	TemporaryID             *string    `bun:"temporary_id"`
	FirstName               string     `bun:"first_name"`
	LastName                string     `bun:"last_name"`
	BirthDate               *time.Time `bun:"birth_date,type:date"`
	BirthPlaceCode          *string    `bun:"birth_place_code"`
	BirthMunicipalityID     *int       `bun:"birth_municipality_id"`
	Sex                     *Sex       `bun:"sex"`
	Citizenship             *string    `bun:"citizenship"`
	ResidenceMunicipalityID *int       `bun:"residence_municipality_id"`
	ResidenceAddress        *string    `bun:"residence_address"`
	ResidencePostcode       *string    `bun:"residence_postcode"`
	ResidenceZoneID         *int       `bun:"residence_zone_id"`
	DomicileMunicipalityID  *int       `bun:"domicile_municipality_id"`
	DomicileAddress         *string    `bun:"domicile_address"`
	Phone                   *string    `bun:"phone"`
	Email                   *string    `bun:"email"`
	Homeless                bool       `bun:"homeless"`
	Language                *string    `bun:"language"`
	ProtectedAddress        bool       `bun:"protected_address"`
	PseudonymizedAt         *time.Time `bun:"pseudonymized_at"`
	SearchName              string     `bun:"search_name,scanonly"`
	// HouseholdIDs are the citizens recorded as living with this one
	// (current cohabiting relations), read with the row when it is loaded
	// by id (HouseholdRead), so that the household costs no statement of
	// its own. Ids only: the members are loaded through the viewer's scope.
	HouseholdIDs  []int64   `bun:"household_ids,array,scanonly"`
	HouseholdRead bool      `bun:"household_read,scanonly"`
	CreatedBy     *int64    `bun:"created_by"`
	Version       int       `bun:"version"`
	CreatedAt     time.Time `bun:"created_at"`
	UpdatedAt     time.Time `bun:"updated_at"`

	RowMeta
}

// GlobalID is the Relay id.
func (c *Citizen) GlobalID() string { return relay.ID("Citizen", c.ID) }

// AuthzGuard gives the field decisions what they need.
func (c *Citizen) AuthzGuard() *authz.Guard {
	return &authz.Guard{CitizenID: c.ID, Rel: c.Rel, ProtectedAddress: c.ProtectedAddress}
}

// Relation links two citizens.
type Relation struct {
	bun.BaseModel `bun:"table:relation,alias:rl"`

	ID               int64        `bun:"id,pk,autoincrement"`
	CitizenID        int64        `bun:"citizen_id"`
	RelatedCitizenID int64        `bun:"related_citizen_id"`
	Kind             RelationKind `bun:"kind"`
	Cohabiting       bool         `bun:"cohabiting"`
	ValidFrom        *time.Time   `bun:"valid_from,type:date"`
	ValidTo          *time.Time   `bun:"valid_to,type:date"`
	CreatedBy        *int64       `bun:"created_by"`
	Version          int          `bun:"version"`
	CreatedAt        time.Time    `bun:"created_at"`
	UpdatedAt        time.Time    `bun:"updated_at"`

	RowMeta
}

// GlobalID is the Relay id.
func (r *Relation) GlobalID() string { return relay.ID("Relation", r.ID) }

// AuthzGuard gives the field decisions what they need.
func (r *Relation) AuthzGuard() *authz.Guard {
	return &authz.Guard{CitizenID: r.CitizenID, Rel: r.Rel}
}

// Consent is an informativa / consenso.
type Consent struct {
	bun.BaseModel `bun:"table:consent,alias:cs"`

	ID          int64          `bun:"id,pk,autoincrement"`
	CitizenID   int64          `bun:"citizen_id"`
	Purpose     ConsentPurpose `bun:"purpose"`
	InformedAt  time.Time      `bun:"informed_at"`
	Given       bool           `bun:"given"`
	WithdrawnAt *time.Time     `bun:"withdrawn_at"`
	RecordedBy  *int64         `bun:"recorded_by"`
	Notes       *string        `bun:"notes"`
	Version     int            `bun:"version"`
	CreatedAt   time.Time      `bun:"created_at"`
	UpdatedAt   time.Time      `bun:"updated_at"`

	RowMeta
}

// GlobalID is the Relay id.
func (c *Consent) GlobalID() string { return relay.ID("Consent", c.ID) }

// AuthzGuard gives the field decisions what they need.
func (c *Consent) AuthzGuard() *authz.Guard {
	return &authz.Guard{CitizenID: c.CitizenID, Rel: c.Rel}
}

// Access is a scheda di accesso.
type Access struct {
	bun.BaseModel `bun:"table:access,alias:a"`

	ID              int64         `bun:"id,pk,autoincrement"`
	CitizenID       *int64        `bun:"citizen_id"`
	Anonymous       bool          `bun:"anonymous"`
	OccurredAt      time.Time     `bun:"occurred_at"`
	OfficeID        int64         `bun:"office_id"`
	ZoneID          int           `bun:"zone_id"`
	OperatorID      int64         `bun:"operator_id"`
	Channel         AccessChannel `bun:"channel"`
	SpeakerKind     SpeakerKind   `bun:"speaker_kind"`
	SpeakerName     *string       `bun:"speaker_name"`
	SpeakerContact  *string       `bun:"speaker_contact"`
	SpeakerRelation *string       `bun:"speaker_relation"`
	OutcomeCode     string        `bun:"outcome_code"`
	Notes           *string       `bun:"notes"`
	IdempotencyKey  *string       `bun:"idempotency_key" json:"-"`
	Version         int           `bun:"version"`
	CreatedAt       time.Time     `bun:"created_at"`
	UpdatedAt       time.Time     `bun:"updated_at"`

	RowMeta
	// Needs and RequestedServices are read with the row (accessWithChildren).
	Needs             []AccessNeedItem `bun:"needs,type:jsonb,scanonly"`
	RequestedServices []string         `bun:"requested_services,array,scanonly"`
}

// AccessNeedItem is a need of an access as read with it.
type AccessNeedItem struct {
	Code  string  `json:"code"`
	Notes *string `json:"notes"`
}

// GlobalID is the Relay id.
func (a *Access) GlobalID() string { return relay.ID("Access", a.ID) }

// AuthzGuard gives the field decisions what they need.
func (a *Access) AuthzGuard() *authz.Guard {
	g := &authz.Guard{Rel: a.Rel}
	if a.CitizenID != nil {
		g.CitizenID = *a.CitizenID
	}
	return g
}

// AccessNeed is a need expressed at an access.
type AccessNeed struct {
	bun.BaseModel `bun:"table:access_need,alias:an"`

	AccessID  int64   `bun:"access_id,pk"`
	NeedCode  string  `bun:"need_code,pk"`
	CitizenID *int64  `bun:"citizen_id"`
	Notes     *string `bun:"notes"`
}

// AccessRequestedService is a service requested at an access.
type AccessRequestedService struct {
	bun.BaseModel `bun:"table:access_requested_service,alias:ars"`

	AccessID             int64  `bun:"access_id,pk"`
	InterventionTypeCode string `bun:"intervention_type_code,pk"`
	CitizenID            *int64 `bun:"citizen_id"`
}

// Referral is an invio.
type Referral struct {
	bun.BaseModel `bun:"table:referral,alias:rf"`

	ID               int64          `bun:"id,pk,autoincrement"`
	CitizenID        int64          `bun:"citizen_id"`
	AccessID         *int64         `bun:"access_id"`
	CaseID           *int64         `bun:"case_id"`
	FromOfficeID     int64          `bun:"from_office_id"`
	FromZoneID       int            `bun:"from_zone_id"`
	ToOfficeID       *int64         `bun:"to_office_id"`
	ToOrganizationID int64          `bun:"to_organization_id"`
	ToZoneID         *int           `bun:"to_zone_id"`
	Reason           string         `bun:"reason"`
	Status           ReferralStatus `bun:"status"`
	ProposedAt       time.Time      `bun:"proposed_at"`
	ProposedBy       int64          `bun:"proposed_by"`
	SeenAt           *time.Time     `bun:"seen_at"`
	SeenBy           *int64         `bun:"seen_by"`
	AnsweredAt       *time.Time     `bun:"answered_at"`
	AnsweredBy       *int64         `bun:"answered_by"`
	RejectionReason  *string        `bun:"rejection_reason"`
	IdempotencyKey   *string        `bun:"idempotency_key" json:"-"`
	Version          int            `bun:"version"`
	CreatedAt        time.Time      `bun:"created_at"`
	UpdatedAt        time.Time      `bun:"updated_at"`

	RowMeta
}

// GlobalID is the Relay id.
func (r *Referral) GlobalID() string { return relay.ID("Referral", r.ID) }

// AuthzGuard gives the field decisions what they need.
func (r *Referral) AuthzGuard() *authz.Guard {
	return &authz.Guard{CitizenID: r.CitizenID, Rel: r.Rel}
}

// Case is a presa in carico (table care_case).
type Case struct {
	bun.BaseModel `bun:"table:care_case,alias:k"`

	ID                    int64              `bun:"id,pk,autoincrement"`
	CitizenID             int64              `bun:"citizen_id"`
	ZoneID                int                `bun:"zone_id"`
	OfficeID              int64              `bun:"office_id"`
	UserAreaCode          string             `bun:"user_area_code"`
	Status                CaseStatus         `bun:"status"`
	OpenedAt              time.Time          `bun:"opened_at"`
	ClosedAt              *time.Time         `bun:"closed_at"`
	ClosureReason         *CaseClosureReason `bun:"closure_reason"`
	ClosureNotes          *string            `bun:"closure_notes"`
	ResponsibleOperatorID int64              `bun:"responsible_operator_id"`
	SourceAccessID        *int64             `bun:"source_access_id"`
	SourceReferralID      *int64             `bun:"source_referral_id"`
	Summary               *string            `bun:"summary"`
	IdempotencyKey        *string            `bun:"idempotency_key" json:"-"`
	CreatedBy             *int64             `bun:"created_by"`
	Version               int                `bun:"version"`
	CreatedAt             time.Time          `bun:"created_at"`
	UpdatedAt             time.Time          `bun:"updated_at"`

	RowMeta
	// MemberOperatorID is set when the case was listed for a team member.
	MemberOperatorID *int64 `bun:"member_operator_id,scanonly"`
}

// GlobalID is the Relay id.
func (k *Case) GlobalID() string { return relay.ID("Case", k.ID) }

// AuthzGuard gives the field decisions what they need.
func (k *Case) AuthzGuard() *authz.Guard {
	return &authz.Guard{CitizenID: k.CitizenID, Rel: k.Rel}
}

// CaseMember is an operator on a case team.
type CaseMember struct {
	bun.BaseModel `bun:"table:case_member,alias:cm"`

	ID         int64          `bun:"id,pk,autoincrement"`
	CaseID     int64          `bun:"case_id"`
	CitizenID  int64          `bun:"citizen_id"`
	OperatorID int64          `bun:"operator_id"`
	Role       CaseMemberRole `bun:"role"`
	ValidFrom  time.Time      `bun:"valid_from,type:date"`
	ValidTo    *time.Time     `bun:"valid_to,type:date"`
	CreatedBy  *int64         `bun:"created_by"`
	Version    int            `bun:"version"`
	CreatedAt  time.Time      `bun:"created_at"`
	UpdatedAt  time.Time      `bun:"updated_at"`

	RowMeta
}

// GlobalID is the Relay id.
func (m *CaseMember) GlobalID() string { return relay.ID("CaseMember", m.ID) }

// AuthzGuard gives the field decisions what they need.
func (m *CaseMember) AuthzGuard() *authz.Guard {
	return &authz.Guard{CitizenID: m.CitizenID, Rel: m.Rel}
}

// CaseStatusChange is one step of a case's status history.
type CaseStatusChange struct {
	bun.BaseModel `bun:"table:case_status_change,alias:csc"`

	ID         int64       `bun:"id,pk,autoincrement"`
	CaseID     int64       `bun:"case_id"`
	CitizenID  int64       `bun:"citizen_id"`
	FromStatus *CaseStatus `bun:"from_status"`
	ToStatus   CaseStatus  `bun:"to_status"`
	ChangedAt  time.Time   `bun:"changed_at"`
	ChangedBy  int64       `bun:"changed_by"`
	Reason     *string     `bun:"reason"`

	RowMeta
}

// AuthzGuard gives the field decisions what they need.
func (s *CaseStatusChange) AuthzGuard() *authz.Guard {
	return &authz.Guard{CitizenID: s.CitizenID, Rel: s.Rel}
}

// Assessment is a valutazione.
type Assessment struct {
	bun.BaseModel `bun:"table:assessment,alias:asm"`

	ID                       int64          `bun:"id,pk,autoincrement"`
	CaseID                   int64          `bun:"case_id"`
	CitizenID                int64          `bun:"citizen_id"`
	Kind                     AssessmentKind `bun:"kind"`
	AssessedOn               time.Time      `bun:"assessed_on,type:date"`
	OperatorID               int64          `bun:"operator_id"`
	SinaMobility             *int           `bun:"sina_mobility"`
	SinaDailyActivities      *int           `bun:"sina_daily_activities"`
	SinaCognitiveDisorders   *int           `bun:"sina_cognitive_disorders"`
	SinaBehaviouralDisorders *int           `bun:"sina_behavioural_disorders"`
	SinaHealthCareNeed       *int           `bun:"sina_health_care_need"`
	SinaIncome               *int           `bun:"sina_income"`
	SinaSupportNetwork       *int           `bun:"sina_support_network"`
	FamilyAssessment         map[string]any `bun:"family_assessment,type:jsonb"`
	Observations             *string        `bun:"observations"`
	IdempotencyKey           *string        `bun:"idempotency_key" json:"-"`
	Version                  int            `bun:"version"`
	CreatedAt                time.Time      `bun:"created_at"`
	UpdatedAt                time.Time      `bun:"updated_at"`

	RowMeta
}

// GlobalID is the Relay id.
func (a *Assessment) GlobalID() string { return relay.ID("Assessment", a.ID) }

// AuthzGuard gives the field decisions what they need.
func (a *Assessment) AuthzGuard() *authz.Guard {
	return &authz.Guard{CitizenID: a.CitizenID, Rel: a.Rel}
}

// Plan is a progetto personalizzato.
type Plan struct {
	bun.BaseModel `bun:"table:plan,alias:pl"`

	ID          int64           `bun:"id,pk,autoincrement"`
	CaseID      int64           `bun:"case_id"`
	CitizenID   int64           `bun:"citizen_id"`
	Beneficiary PlanBeneficiary `bun:"beneficiary"`
	DrawnUpOn   time.Time       `bun:"drawn_up_on,type:date"`
	ReviewOn    *time.Time      `bun:"review_on,type:date"`
	Summary     *string         `bun:"summary"`
	OperatorID  int64           `bun:"operator_id"`
	Version     int             `bun:"version"`
	CreatedAt   time.Time       `bun:"created_at"`
	UpdatedAt   time.Time       `bun:"updated_at"`

	RowMeta
}

// GlobalID is the Relay id.
func (p *Plan) GlobalID() string { return relay.ID("Plan", p.ID) }

// AuthzGuard gives the field decisions what they need.
func (p *Plan) AuthzGuard() *authz.Guard {
	return &authz.Guard{CitizenID: p.CitizenID, Rel: p.Rel}
}

// PlanGoal is an obiettivo of a plan.
type PlanGoal struct {
	bun.BaseModel `bun:"table:plan_goal,alias:pg"`

	ID          int64       `bun:"id,pk,autoincrement"`
	PlanID      int64       `bun:"plan_id"`
	CitizenID   int64       `bun:"citizen_id"`
	Position    int         `bun:"position"`
	Description string      `bun:"description"`
	Term        GoalTerm    `bun:"term"`
	Indicator   *string     `bun:"indicator"`
	Outcome     GoalOutcome `bun:"outcome"`
	CreatedAt   time.Time   `bun:"created_at"`
	UpdatedAt   time.Time   `bun:"updated_at"`

	RowMeta
}

// AuthzGuard gives the field decisions what they need.
func (g *PlanGoal) AuthzGuard() *authz.Guard {
	return &authz.Guard{CitizenID: g.CitizenID, Rel: g.Rel}
}

// Intervention is an intervento / prestazione.
type Intervention struct {
	bun.BaseModel `bun:"table:intervention,alias:iv"`

	ID                     int64              `bun:"id,pk,autoincrement"`
	CitizenID              int64              `bun:"citizen_id"`
	CaseID                 *int64             `bun:"case_id"`
	ZoneID                 int                `bun:"zone_id"`
	TypeCode               string             `bun:"type_code"`
	ProviderOrganizationID *int64             `bun:"provider_organization_id"`
	Status                 InterventionStatus `bun:"status"`
	StartDate              time.Time          `bun:"start_date,type:date"`
	EndDate                *time.Time         `bun:"end_date,type:date"`
	AmountCents            int64              `bun:"amount_cents"`
	UserShareCents         int64              `bun:"user_share_cents"`
	HealthShareCents       int64              `bun:"health_share_cents"`
	HoursPerMonth          *float64           `bun:"hours_per_month"`
	FundingSourceCode      *string            `bun:"funding_source_code"`
	MeansTested            bool               `bun:"means_tested"`
	IseeCents              *int64             `bun:"isee_cents"`
	RequestedAt            time.Time          `bun:"requested_at"`
	RequestedBy            int64              `bun:"requested_by"`
	AuthorizedAt           *time.Time         `bun:"authorized_at"`
	AuthorizedBy           *int64             `bun:"authorized_by"`
	ClosedAt               *time.Time         `bun:"closed_at"`
	ClosedBy               *int64             `bun:"closed_by"`
	ClosureReason          *string            `bun:"closure_reason"`
	IdempotencyKey         *string            `bun:"idempotency_key" json:"-"`
	Version                int                `bun:"version"`
	CreatedAt              time.Time          `bun:"created_at"`
	UpdatedAt              time.Time          `bun:"updated_at"`

	RowMeta
}

// GlobalID is the Relay id.
func (i *Intervention) GlobalID() string { return relay.ID("Intervention", i.ID) }

// AuthzGuard gives the field decisions what they need.
func (i *Intervention) AuthzGuard() *authz.Guard {
	g := &authz.Guard{CitizenID: i.CitizenID, Rel: i.Rel}
	if i.ProviderOrganizationID != nil {
		g.ProviderOrgID = *i.ProviderOrganizationID
	}
	return g
}

// Activity is a diary entry or a delivery record.
type Activity struct {
	bun.BaseModel `bun:"table:activity,alias:ac"`

	ID             int64        `bun:"id,pk,autoincrement"`
	CitizenID      int64        `bun:"citizen_id"`
	CaseID         *int64       `bun:"case_id"`
	InterventionID *int64       `bun:"intervention_id"`
	OccurredAt     time.Time    `bun:"occurred_at"`
	OperatorID     int64        `bun:"operator_id"`
	Kind           ActivityKind `bun:"kind"`
	Text           *string      `bun:"text"`
	Hours          *float64     `bun:"hours"`
	AmountCents    *int64       `bun:"amount_cents"`
	Confidential   bool         `bun:"confidential"`
	IdempotencyKey *string      `bun:"idempotency_key" json:"-"`
	Version        int          `bun:"version"`
	CreatedAt      time.Time    `bun:"created_at"`
	UpdatedAt      time.Time    `bun:"updated_at"`

	RowMeta
	// ProviderOrgID is the provider of the intervention the entry records
	// delivery for (scanned with the row).
	ProviderOrgID *int64 `bun:"provider_org_id,scanonly"`
}

// GlobalID is the Relay id.
func (a *Activity) GlobalID() string { return relay.ID("Activity", a.ID) }

// AuthzGuard gives the field decisions what they need.
func (a *Activity) AuthzGuard() *authz.Guard {
	g := &authz.Guard{CitizenID: a.CitizenID, Rel: a.Rel, Confidential: a.Confidential}
	if a.ProviderOrgID != nil {
		g.ProviderOrgID = *a.ProviderOrgID
	}
	return g
}

// CaseGrant is an accesso al fascicolo.
type CaseGrant struct {
	bun.BaseModel `bun:"table:case_grant,alias:cg"`

	ID                    int64      `bun:"id,pk,autoincrement"`
	CaseID                int64      `bun:"case_id"`
	CitizenID             int64      `bun:"citizen_id"`
	GranteeOfficeID       *int64     `bun:"grantee_office_id"`
	GranteeOrganizationID *int64     `bun:"grantee_organization_id"`
	ValidFrom             time.Time  `bun:"valid_from"`
	ValidTo               time.Time  `bun:"valid_to"`
	Reason                string     `bun:"reason"`
	GrantedBy             int64      `bun:"granted_by"`
	RevokedAt             *time.Time `bun:"revoked_at"`
	RevokedBy             *int64     `bun:"revoked_by"`
	CreatedAt             time.Time  `bun:"created_at"`

	RowMeta
}

// GlobalID is the Relay id.
func (g *CaseGrant) GlobalID() string { return relay.ID("CaseGrant", g.ID) }

// AuthzGuard gives the field decisions what they need.
func (g *CaseGrant) AuthzGuard() *authz.Guard {
	return &authz.Guard{CitizenID: g.CitizenID, Rel: g.Rel}
}

// Code-list rows.
type (
	// UserArea is an area di utenza.
	UserArea struct {
		bun.BaseModel `bun:"table:user_area"`
		Code          string `bun:"code,pk"`
		LabelIt       string `bun:"label_it"`
		LabelEn       string `bun:"label_en"`
		InpsArea      int    `bun:"inps_area"`
		Sort          int    `bun:"sort"`
	}
	// NeedCategory is a bisogno.
	NeedCategory struct {
		bun.BaseModel `bun:"table:need_category"`
		Code          string `bun:"code,pk"`
		AreaCode      string `bun:"area_code"`
		LabelIt       string `bun:"label_it"`
		LabelEn       string `bun:"label_en"`
		Sort          int    `bun:"sort"`
	}
	// AccessOutcome is an esito.
	AccessOutcome struct {
		bun.BaseModel `bun:"table:access_outcome"`
		Code          string `bun:"code,pk"`
		LabelIt       string `bun:"label_it"`
		LabelEn       string `bun:"label_en"`
		Sort          int    `bun:"sort"`
	}
	// InterventionType is a tipo di intervento.
	InterventionType struct {
		bun.BaseModel `bun:"table:intervention_type"`
		Code          string `bun:"code,pk"`
		AreaCode      string `bun:"area_code"`
		InpsCode      string `bun:"inps_code"`
		LabelIt       string `bun:"label_it"`
		LabelEn       string `bun:"label_en"`
		Kind          string `bun:"kind"`
		Sort          int    `bun:"sort"`
	}
	// Profession is a professione.
	Profession struct {
		bun.BaseModel `bun:"table:profession"`
		Code          string `bun:"code,pk"`
		LabelIt       string `bun:"label_it"`
		LabelEn       string `bun:"label_en"`
		Sort          int    `bun:"sort"`
	}
	// FundingSource is a fonte di finanziamento.
	FundingSource struct {
		bun.BaseModel `bun:"table:funding_source"`
		Code          string `bun:"code,pk"`
		LabelIt       string `bun:"label_it"`
		LabelEn       string `bun:"label_en"`
		Sort          int    `bun:"sort"`
	}
)
