package care

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/apperr"
	"github.com/siso-project/siso/internal/authz"
	"github.com/siso-project/siso/internal/store"
)

// Write policies of the care record (assessments, plans, the diary),
// named as in FORBIDDEN errors.
//
// Assessments, plans and diary text are SENSITIVE. The read matrix lets
// CASE_TEAM, GRANT and EMERGENCY read them, but only the team writes them:
// a grant lets another office see a case, an emergency access lets an
// operator look at a record in a hurry; neither makes them responsible
// for the record. Someone who has to write joins the team (AddCaseMember,
// by the responsible worker or the zone manager, itself audited).
const (
	WriteAssessment = "write.assessment"
	WritePlan       = "write.plan"
)

// Input limits of the care record.
const (
	maxObservations     = 8000
	maxFamilyKeys       = 20
	maxFamilyKey        = 100
	maxFamilyValue      = 1000
	maxGoals            = 30
	maxGoalDescription  = 1000
	maxGoalIndicator    = 1000
	maxPlanReviewPeriod = 2 // years after drawnUpOn
)

var (
	assessmentKinds = []string{"SINA", "FAMILY_MINOR", "FREE"}
	planBeneficiary = []string{"PERSON", "HOUSEHOLD", "GROUP"}
	goalTerms       = []string{"SHORT", "MEDIUM", "LONG"}
	goalOutcomes    = []string{"PENDING", "REACHED", "PARTLY_REACHED", "NOT_REACHED"}
)

// lockCaseForCare locks a case whose care record the viewer writes: the
// case exists for the viewer (else NOT_FOUND), the viewer is a current
// member of its team (else FORBIDDEN policy) and it is not CLOSED (else
// CONFLICT).
func lockCaseForCare(ctx context.Context, tx bun.Tx, v *authz.Viewer, id int64, policy, message string) (*caseRow, error) {
	k, err := lockCase(ctx, tx, v, id)
	if err != nil {
		return nil, err
	}
	member, err := isCurrentMember(ctx, tx, k.ID, v.OperatorID, "")
	if err != nil {
		return nil, err
	}
	if !member {
		return nil, apperr.NewForbidden(policy, message)
	}
	if k.Status == "CLOSED" {
		return nil, apperr.NewConflict("the case is closed: reopen it first")
	}
	return k, nil
}

// keysAccepted fails when key is set and table has no idempotency_key
// column yet (see the migration that adds it to assessment and
// intervention): a key that cannot be honoured is refused rather than
// ignored, so that a retry never records twice.
func keysAccepted(ctx context.Context, db bun.IDB, key *string, table, what string) error {
	if key == nil {
		return nil
	}
	var ok bool
	err := db.NewRaw(`SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass(?)
		AND attname = 'idempotency_key' AND NOT attisdropped)`, table).Scan(ctx, &ok)
	if err != nil {
		return fmt.Errorf("check idempotency support: %w", err)
	}
	if !ok {
		return apperr.BadInput("idempotencyKey", "this server does not accept idempotency keys for %s yet", what)
	}
	return nil
}

// keyColumn returns the extra column and value of an insert that records
// an idempotency key, or nothing without a key.
func keyColumn(key *string) (string, string, []any) {
	if key == nil {
		return "", "", nil
	}
	return ", idempotency_key", ", ?", []any{*key}
}

// ---------------------------------------------------------------------------
// Assessments
// ---------------------------------------------------------------------------

type assessmentInput struct {
	sina         *SinaArgs
	family       []byte // JSON
	observations *string
	key          *string
}

func validateAssessment(a RecordAssessmentArgs) (*assessmentInput, error) {
	in := &assessmentInput{}
	if !slices.Contains(assessmentKinds, a.Kind) {
		return nil, apperr.BadInput("kind", "kind is one of %s", strings.Join(assessmentKinds, ", "))
	}
	switch {
	case a.Kind == "SINA" && a.Sina == nil:
		return nil, apperr.BadInput("sina", "a SINA assessment gives the seven SINA dimensions")
	case a.Kind != "SINA" && a.Sina != nil:
		return nil, apperr.BadInput("sina", "the SINA dimensions are given only for a SINA assessment")
	case a.Kind == "FAMILY_MINOR" && len(a.FamilyAssessment) == 0:
		return nil, apperr.BadInput("familyAssessment", "a FAMILY_MINOR assessment gives the family assessment")
	case a.Kind != "FAMILY_MINOR" && len(a.FamilyAssessment) > 0:
		return nil, apperr.BadInput("familyAssessment", "the family assessment is given only for a FAMILY_MINOR assessment")
	}
	if s := a.Sina; s != nil {
		for _, d := range []struct {
			field    string
			value, n int
		}{
			{"sina.mobility", s.Mobility, 3},
			{"sina.dailyActivities", s.DailyActivities, 3},
			{"sina.cognitiveDisorders", s.CognitiveDisorders, 3},
			{"sina.behaviouralDisorders", s.BehaviouralDisorders, 2},
			{"sina.healthCareNeed", s.HealthCareNeed, 3},
			{"sina.income", s.Income, 3},
			{"sina.supportNetwork", s.SupportNetwork, 3},
		} {
			if d.value < 1 || d.value > d.n {
				return nil, apperr.BadInput(d.field, "%s is between 1 and %d", d.field, d.n)
			}
		}
		in.sina = s
	}
	if len(a.FamilyAssessment) > 0 {
		doc, err := familyAssessment(a.FamilyAssessment)
		if err != nil {
			return nil, err
		}
		in.family = doc
	}
	var err error
	if in.observations, err = optText("observations", a.Observations, maxObservations); err != nil {
		return nil, err
	}
	if a.Kind == "FREE" && in.observations == nil {
		return nil, apperr.BadInput("observations", "a FREE assessment is written in the observations")
	}
	if in.key, err = idempotencyKey(a.IdempotencyKey); err != nil {
		return nil, err
	}
	return in, nil
}

// familyAssessment validates the free-form family assessment: a bounded
// object of scalar values (strings, numbers, booleans, null).
func familyAssessment(m map[string]any) ([]byte, error) {
	if len(m) > maxFamilyKeys {
		return nil, apperr.BadInput("familyAssessment", "the family assessment has at most %d entries", maxFamilyKeys)
	}
	clean := make(map[string]any, len(m))
	for k, val := range m {
		key := strings.TrimSpace(k)
		if key == "" || len([]rune(key)) > maxFamilyKey {
			return nil, apperr.BadInput("familyAssessment", "the family assessment's keys have 1 to %d characters", maxFamilyKey)
		}
		if _, dup := clean[key]; dup {
			return nil, apperr.BadInput("familyAssessment", "key %q is given twice", key)
		}
		field := "familyAssessment." + key
		switch x := val.(type) {
		case nil, bool, int, int32, int64:
		case float64:
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return nil, apperr.BadInput(field, "%s is not a number", field)
			}
		case json.Number:
			if _, err := x.Float64(); err != nil {
				return nil, apperr.BadInput(field, "%s is not a number", field)
			}
		case string:
			s := strings.TrimSpace(x)
			if len([]rune(s)) > maxFamilyValue {
				return nil, apperr.BadInput(field, "%s is longer than %d characters", field, maxFamilyValue)
			}
			val = s
		default:
			return nil, apperr.BadInput(field, "%s is a text, a number, true or false (no lists or objects)", field)
		}
		clean[key] = val
	}
	doc, err := json.Marshal(clean)
	if err != nil {
		return nil, apperr.BadInput("familyAssessment", "the family assessment cannot be stored")
	}
	return doc, nil
}

// RecordAssessment records an assessment (valutazione) of a case and
// returns its id. Only a current member of the case team records it, on a
// case that is not CLOSED. assessedOn defaults to today; it is not in the
// future nor more than one year ago.
func (s *Service) RecordAssessment(ctx context.Context, a RecordAssessmentArgs) (int64, error) {
	v, err := viewerOf(ctx)
	if err != nil {
		return 0, err
	}
	in, err := validateAssessment(a)
	if err != nil {
		return 0, err
	}
	if err := keysAccepted(ctx, s.DB, in.key, "assessment", "assessments"); err != nil {
		return 0, err
	}
	return s.idempotent(ctx, in.key, "assessment", "operator_id", v.OperatorID, func(ctx context.Context, tx bun.Tx) (int64, error) {
		k, err := lockCaseForCare(ctx, tx, v, a.CaseID, WriteAssessment, "only the case team records assessments")
		if err != nil {
			return 0, err
		}
		on := k.Today
		if a.AssessedOn != nil {
			on = dateOf(*a.AssessedOn)
			switch {
			case on.After(k.Today):
				return 0, apperr.BadInput("assessedOn", "assessedOn cannot be in the future")
			case on.Before(k.Today.AddDate(-1, 0, 0)):
				return 0, apperr.BadInput("assessedOn", "assessedOn is more than one year ago")
			}
		}
		var sina [7]*int
		if d := in.sina; d != nil {
			sina = [7]*int{&d.Mobility, &d.DailyActivities, &d.CognitiveDisorders, &d.BehaviouralDisorders,
				&d.HealthCareNeed, &d.Income, &d.SupportNetwork}
		}
		var family *string
		if in.family != nil {
			doc := string(in.family)
			family = &doc
		}
		keyCol, keyVal, keyArg := keyColumn(in.key)
		args := []any{k.ID, k.CitizenID, a.Kind, on.Format(time.DateOnly), v.OperatorID}
		for _, d := range sina {
			args = append(args, d)
		}
		args = append(append(args, family, in.observations), keyArg...)
		var id int64
		err = tx.NewRaw(`INSERT INTO assessment (case_id, citizen_id, kind, assessed_on, operator_id,
				sina_mobility, sina_daily_activities, sina_cognitive_disorders, sina_behavioural_disorders,
				sina_health_care_need, sina_income, sina_support_network, family_assessment, observations`+keyCol+`)
			VALUES (?, ?, ?, ?::date, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?`+keyVal+`) RETURNING id`, args...).Scan(ctx, &id)
		if err != nil {
			return 0, fmt.Errorf("insert assessment: %w", err)
		}
		return id, created(ctx, tx, v, "Assessment", id)
	})
}

// ---------------------------------------------------------------------------
// Plans
// ---------------------------------------------------------------------------

type planInput struct {
	summary *string
	goals   []GoalArgs
}

func validatePlan(a SavePlanArgs) (*planInput, error) {
	in := &planInput{}
	if !slices.Contains(planBeneficiary, a.Beneficiary) {
		return nil, apperr.BadInput("beneficiary", "beneficiary is one of %s", strings.Join(planBeneficiary, ", "))
	}
	var err error
	if in.summary, err = optText("summary", a.Summary, maxSummary); err != nil {
		return nil, err
	}
	switch {
	case len(a.Goals) == 0:
		return nil, apperr.BadInput("goals", "a plan has at least one goal")
	case len(a.Goals) > maxGoals:
		return nil, apperr.BadInput("goals", "a plan has at most %d goals", maxGoals)
	}
	for i, g := range a.Goals {
		field := fmt.Sprintf("goals[%d]", i)
		d, err := requiredText(field+".description", g.Description, maxGoalDescription)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(goalTerms, g.Term) {
			return nil, apperr.BadInput(field+".term", "the term is one of %s", strings.Join(goalTerms, ", "))
		}
		indicator, err := optText(field+".indicator", g.Indicator, maxGoalIndicator)
		if err != nil {
			return nil, err
		}
		outcome := g.Outcome
		if outcome == "" {
			outcome = "PENDING"
		}
		if !slices.Contains(goalOutcomes, outcome) {
			return nil, apperr.BadInput(field+".outcome", "the outcome is one of %s", strings.Join(goalOutcomes, ", "))
		}
		in.goals = append(in.goals, GoalArgs{Description: d, Term: g.Term, Indicator: indicator, Outcome: outcome})
	}
	return in, nil
}

// SavePlan creates the plan (progetto personalizzato) of a case, or
// replaces it: its fields and, wholesale, its goals (in the order given).
// Replacing needs the plan's version (CONFLICT when stale, or when the
// plan was created meanwhile by someone else). Only a current member of
// the case team saves it, on a case that is not CLOSED. drawnUpOn
// defaults to today and lies between the case's opening and today;
// reviewOn follows drawnUpOn by at most two years. It returns the plan id.
func (s *Service) SavePlan(ctx context.Context, a SavePlanArgs) (int64, error) {
	v, err := viewerOf(ctx)
	if err != nil {
		return 0, err
	}
	in, err := validatePlan(a)
	if err != nil {
		return 0, err
	}
	var id int64
	err = s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		k, err := lockCaseForCare(ctx, tx, v, a.CaseID, WritePlan, "only the case team draws up the plan")
		if err != nil {
			return err
		}
		drawn := k.Today
		if a.DrawnUpOn != nil {
			drawn = dateOf(*a.DrawnUpOn)
			switch {
			case drawn.After(k.Today):
				return apperr.BadInput("drawnUpOn", "drawnUpOn cannot be in the future")
			case drawn.Before(k.OpenedOn):
				return apperr.BadInput("drawnUpOn", "drawnUpOn is before the case was opened (%s)", k.OpenedOn.Format(time.DateOnly))
			}
		}
		var review *string
		if a.ReviewOn != nil {
			r := dateOf(*a.ReviewOn)
			switch {
			case !r.After(drawn):
				return apperr.BadInput("reviewOn", "reviewOn must follow drawnUpOn")
			case r.After(drawn.AddDate(maxPlanReviewPeriod, 0, 0)):
				return apperr.BadInput("reviewOn", "a plan is reviewed within %d years of drawnUpOn", maxPlanReviewPeriod)
			}
			rs := r.Format(time.DateOnly)
			review = &rs
		}
		var cur struct {
			ID      int64 `bun:"id"`
			Version int   `bun:"version"`
		}
		err = tx.NewRaw(`SELECT id, version FROM plan WHERE case_id = ? FOR UPDATE`, k.ID).Scan(ctx, &cur)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if a.Version != nil {
				return apperr.NewConflict("the case has no plan yet: save it without a version to create it")
			}
			err = tx.NewRaw(`INSERT INTO plan (case_id, citizen_id, beneficiary, drawn_up_on, review_on, summary, operator_id)
				VALUES (?, ?, ?, ?::date, ?::date, ?, ?) RETURNING id`,
				k.ID, k.CitizenID, a.Beneficiary, drawn.Format(time.DateOnly), review, in.summary, v.OperatorID).Scan(ctx, &id)
			if err != nil {
				return fmt.Errorf("insert plan: %w", err)
			}
			if err := insertGoals(ctx, tx, id, k.CitizenID, in.goals); err != nil {
				return err
			}
			return created(ctx, tx, v, "Plan", id)
		case err != nil:
			return fmt.Errorf("lock plan: %w", err)
		}
		if a.Version == nil {
			return apperr.NewConflict(fmt.Sprintf("the case already has a plan (version %d): give its version to replace it", cur.Version))
		}
		if *a.Version != cur.Version {
			return apperr.NewConflict(fmt.Sprintf("the plan was changed by someone else (version %d, you had %d)", cur.Version, *a.Version))
		}
		id = cur.ID
		return updatedIn(ctx, tx, v, "Plan", id, func(ctx context.Context, tx bun.Tx) error {
			res, err := tx.ExecContext(ctx, `UPDATE plan SET beneficiary = ?, drawn_up_on = ?::date, review_on = ?::date,
					summary = ?, operator_id = ?, version = version + 1, updated_at = now()
				WHERE id = ? AND version = ?`,
				a.Beneficiary, drawn.Format(time.DateOnly), review, in.summary, v.OperatorID, id, cur.Version)
			if err != nil {
				return fmt.Errorf("update plan: %w", err)
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return apperr.NewConflict("the plan was changed by someone else")
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM plan_goal WHERE plan_id = ?`, id); err != nil {
				return fmt.Errorf("replace plan goals: %w", err)
			}
			return insertGoals(ctx, tx, id, k.CitizenID, in.goals)
		})
	})
	if err != nil {
		return 0, err
	}
	return id, nil
}

func insertGoals(ctx context.Context, tx bun.Tx, planID, citizenID int64, goals []GoalArgs) error {
	rows := make([]*store.PlanGoal, len(goals))
	for i, g := range goals {
		rows[i] = &store.PlanGoal{PlanID: planID, CitizenID: citizenID, Position: i, Description: g.Description,
			Term: store.GoalTerm(g.Term), Indicator: g.Indicator, Outcome: store.GoalOutcome(g.Outcome)}
	}
	if _, err := tx.NewInsert().Model(&rows).ExcludeColumn("id", "created_at", "updated_at").Exec(ctx); err != nil {
		return fmt.Errorf("insert plan goals: %w", err)
	}
	return nil
}
