package care

import "time"

// SinaArgs are the SINA dimensions of an assessment (values as in the
// INPS flow: 1..3, behavioural disorders 1..2).
type SinaArgs struct {
	Mobility             int
	DailyActivities      int
	CognitiveDisorders   int
	BehaviouralDisorders int
	HealthCareNeed       int
	Income               int
	SupportNetwork       int
}

// RecordAssessmentArgs is the input of RecordAssessment.
type RecordAssessmentArgs struct {
	CaseID int64
	// Kind is SINA, FAMILY_MINOR or FREE.
	Kind string
	// AssessedOn defaults to today.
	AssessedOn *time.Time
	// Sina is required for (and only for) a SINA assessment.
	Sina *SinaArgs
	// FamilyAssessment is required for (and only for) a FAMILY_MINOR
	// assessment: at most 20 keys, scalar values, strings of at most 1000
	// characters.
	FamilyAssessment map[string]any
	// Observations are required for a FREE assessment.
	Observations   *string
	IdempotencyKey *string
}

// GoalArgs is a goal of a plan.
type GoalArgs struct {
	Description string
	// Term is SHORT, MEDIUM or LONG.
	Term      string
	Indicator *string
	// Outcome is PENDING (the default), REACHED, PARTLY_REACHED or NOT_REACHED.
	Outcome string
}

// SavePlanArgs is the input of SavePlan.
type SavePlanArgs struct {
	CaseID int64
	// Version is the plan's version: nil to create the case's plan,
	// required to replace it.
	Version *int
	// Beneficiary is PERSON, HOUSEHOLD or GROUP.
	Beneficiary string
	// DrawnUpOn defaults to today.
	DrawnUpOn *time.Time
	ReviewOn  *time.Time
	Summary   *string
	// Goals replace the plan's goals wholesale, in this order.
	Goals []GoalArgs
}

// RecordActivityArgs is the input of RecordActivity.
type RecordActivityArgs struct {
	// CaseID is the case of a diary entry; 0 for an entry on an
	// intervention only (its case is then the intervention's).
	CaseID int64
	// InterventionID is the intervention a delivery record (or another
	// entry about it) belongs to; 0 for a plain diary entry.
	InterventionID int64
	// OccurredAt defaults to now.
	OccurredAt *time.Time
	// Kind is MEETING, HOME_VISIT, REPORT, PHONE_CALL, DELIVERED_HOURS or NOTE.
	Kind         string
	Text         *string
	Hours        *float64
	AmountCents  *int64
	Confidential bool
	// IdempotencyKey makes a retried call (a phone resending an entry
	// recorded offline) store the entry once and return its id.
	IdempotencyKey *string
}

// RequestInterventionArgs is the input of RequestIntervention.
type RequestInterventionArgs struct {
	CaseID   int64
	TypeCode string
	// ProviderOrganizationID is the organization that will deliver it
	// (0: not chosen yet).
	ProviderOrganizationID int64
	StartDate              time.Time
	EndDate                *time.Time
	AmountCents            int64
	UserShareCents         int64
	HealthShareCents       int64
	HoursPerMonth          *float64
	FundingSourceCode      *string
	MeansTested            bool
	IseeCents              *int64
	IdempotencyKey         *string
}
