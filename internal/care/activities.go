package care

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/apperr"
	"github.com/siso-project/siso/internal/authz"
)

// Write policies of the diary and of delivery records, named as in
// FORBIDDEN errors.
const (
	// WriteActivity: the case diary is written by the case team.
	WriteActivity = "write.activity"
	// WriteDelivery: entries on an intervention are written by its case
	// team or by the operators of its provider.
	WriteDelivery = "write.activity.delivery"
	// WriteActivityProvider: what a provider's operator may record.
	WriteActivityProvider = "write.activity.provider"
)

// Input limits of activities.
const (
	maxActivityText  = 8000
	maxActivityHours = 24
)

var (
	activityKinds = []string{"MEETING", "HOME_VISIT", "REPORT", "PHONE_CALL", "DELIVERED_HOURS", "NOTE"}
	// providerKinds are the entries a provider's operator records: the
	// hours delivered and the home visits made. Diary text, notes,
	// reports, meetings and calls are SENSITIVE, which providers cannot
	// read, so they cannot write them either (DESIGN.md section 3, rule 6).
	providerKinds = []string{"DELIVERED_HOURS", "HOME_VISIT"}
	// textKinds are the entries that are nothing without their text.
	textKinds = []string{"NOTE", "REPORT"}
)

type activityInput struct {
	occurredAt time.Time
	text       *string
	hours      *float64
	key        *string
}

func validateActivity(a RecordActivityArgs, now time.Time) (*activityInput, error) {
	in := &activityInput{occurredAt: now}
	if a.CaseID == 0 && a.InterventionID == 0 {
		return nil, apperr.BadInput("caseId", "give the case (caseId) or the intervention (interventionId) the entry belongs to")
	}
	if !slices.Contains(activityKinds, a.Kind) {
		return nil, apperr.BadInput("kind", "kind is one of %s", strings.Join(activityKinds, ", "))
	}
	if a.OccurredAt != nil {
		in.occurredAt = *a.OccurredAt
		if in.occurredAt.After(now.Add(futureTolerance)) {
			return nil, apperr.BadInput("occurredAt", "occurredAt is in the future")
		}
		if in.occurredAt.Before(now.AddDate(-1, 0, 0)) {
			return nil, apperr.BadInput("occurredAt", "occurredAt is more than one year ago")
		}
	}
	var err error
	if in.text, err = optText("text", a.Text, maxActivityText); err != nil {
		return nil, err
	}
	if in.text == nil && slices.Contains(textKinds, a.Kind) {
		return nil, apperr.BadInput("text", "a %s is written in its text", strings.ToLower(a.Kind))
	}
	if h := a.Hours; h != nil {
		r := math.Round(*h*100) / 100
		if math.IsNaN(*h) || r <= 0 || r > maxActivityHours {
			return nil, apperr.BadInput("hours", "hours are more than 0 and at most %d per entry", maxActivityHours)
		}
		in.hours = &r
	}
	if a.Kind == "DELIVERED_HOURS" {
		if a.InterventionID == 0 {
			return nil, apperr.BadInput("interventionId", "delivered hours are recorded on an intervention")
		}
		if in.hours == nil {
			return nil, apperr.BadInput("hours", "the hours delivered are required")
		}
	}
	if a.AmountCents != nil {
		switch {
		case *a.AmountCents < 0 || *a.AmountCents > maxCents:
			return nil, apperr.BadInput("amountCents", "amountCents is between 0 and %d", maxCents)
		case a.InterventionID == 0:
			return nil, apperr.BadInput("amountCents", "an amount is recorded on an intervention's entries")
		}
	}
	if in.key, err = idempotencyKey(a.IdempotencyKey); err != nil {
		return nil, err
	}
	return in, nil
}

// RecordActivity records a diary entry or a delivery record and returns
// its id. With an idempotency key, a retry by the same operator (a phone
// resending an entry recorded offline) returns the first id and writes
// nothing; the key used by another operator is a CONFLICT.
//
// Who:
//   - a diary entry of a case (no intervention): a current member of the
//     case team, on a case that is not CLOSED;
//   - an entry on an intervention: a current member of its case's team
//     (any kind), or an operator of the intervention's provider
//     organization who holds PROVIDER in its zone (DELIVERED_HOURS and
//     HOME_VISIT only, without text and not confidential: providers do
//     not read the diary, so they do not write it). The entry's case is
//     the intervention's.
//
// Delivered hours, and every provider entry, are recorded while the
// intervention is AUTHORIZED or ACTIVE and dated within its start and end
// dates; the first delivered hours make an AUTHORIZED intervention ACTIVE
// (an audited update in the same transaction). occurredAt defaults to now;
// it is at most 5 minutes ahead and at most one year back.
func (s *Service) RecordActivity(ctx context.Context, a RecordActivityArgs) (int64, error) {
	v, err := viewerOf(ctx)
	if err != nil {
		return 0, err
	}
	in, err := validateActivity(a, time.Now())
	if err != nil {
		return 0, err
	}
	return s.idempotent(ctx, in.key, "activity", "operator_id", v.OperatorID, func(ctx context.Context, tx bun.Tx) (int64, error) {
		var citizenID int64
		var caseID, interventionID *int64
		if a.InterventionID == 0 {
			k, err := lockCaseForCare(ctx, tx, v, a.CaseID, WriteActivity, "only the case team writes in the diary")
			if err != nil {
				return 0, err
			}
			citizenID, caseID = k.CitizenID, &k.ID
		} else {
			iv, err := interventionEntry(ctx, tx, v, a, in)
			if err != nil {
				return 0, err
			}
			citizenID, caseID, interventionID = iv.CitizenID, iv.CaseID, &iv.ID
		}
		var id int64
		err := tx.NewRaw(`INSERT INTO activity (citizen_id, case_id, intervention_id, occurred_at, operator_id, kind,
				text, hours, amount_cents, confidential, idempotency_key)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			citizenID, caseID, interventionID, in.occurredAt, v.OperatorID, a.Kind,
			in.text, in.hours, a.AmountCents, a.Confidential, in.key).Scan(ctx, &id)
		if err != nil {
			return 0, fmt.Errorf("insert activity: %w", err)
		}
		return id, created(ctx, tx, v, "Activity", id)
	})
}

// interventionEntry checks, with the intervention locked, that the viewer
// may record entry a on it, and makes an AUTHORIZED intervention ACTIVE on
// its first delivered hours.
func interventionEntry(ctx context.Context, tx bun.Tx, v *authz.Viewer, a RecordActivityArgs, in *activityInput) (*interventionRow, error) {
	iv, err := loadIntervention(ctx, tx, v, a.InterventionID, "FOR UPDATE OF t")
	if err != nil {
		return nil, err
	}
	if a.CaseID != 0 && (iv.CaseID == nil || *iv.CaseID != a.CaseID) {
		return nil, apperr.BadInput("caseId", "the intervention does not belong to this case")
	}
	member := false
	if iv.CaseID != nil {
		if member, err = isCurrentMember(ctx, tx, *iv.CaseID, v.OperatorID, ""); err != nil {
			return nil, err
		}
	}
	provider := !member && iv.providedBy(v) && v.HasIn(authz.RoleProvider, iv.ZoneID)
	switch {
	case member:
		var status string
		if err := tx.NewRaw(`SELECT status FROM care_case WHERE id = ? FOR SHARE`, *iv.CaseID).Scan(ctx, &status); err != nil {
			return nil, fmt.Errorf("case status: %w", err)
		}
		if status == "CLOSED" {
			return nil, apperr.NewConflict("the case is closed: reopen it first")
		}
	case provider:
		if !slices.Contains(providerKinds, a.Kind) {
			return nil, apperr.NewForbidden(WriteActivityProvider, "a provider records delivered hours and home visits only")
		}
		if in.text != nil || a.Confidential {
			return nil, apperr.NewForbidden(WriteActivityProvider, "a provider records the time and hours of a delivery, not diary text: tell the case team")
		}
	default:
		return nil, apperr.NewForbidden(WriteDelivery, "only the case team or the operators of the provider record entries on this intervention")
	}
	if a.Kind != "DELIVERED_HOURS" && !provider {
		return iv, nil
	}
	if iv.Status != "AUTHORIZED" && iv.Status != "ACTIVE" {
		return nil, apperr.NewConflict(fmt.Sprintf("the intervention is %s: deliveries are recorded while it is AUTHORIZED or ACTIVE", iv.Status))
	}
	var on time.Time
	if err := tx.NewRaw(`SELECT (?::timestamptz AT TIME ZONE 'Europe/Rome')::date`, in.occurredAt).Scan(ctx, &on); err != nil {
		return nil, fmt.Errorf("delivery date: %w", err)
	}
	on = dateOf(on)
	switch {
	case on.Before(iv.StartDate):
		return nil, apperr.BadInput("occurredAt", "the intervention starts on %s", iv.StartDate.Format(time.DateOnly))
	case iv.EndDate != nil && on.After(*iv.EndDate):
		return nil, apperr.BadInput("occurredAt", "the intervention ends on %s", iv.EndDate.Format(time.DateOnly))
	}
	if a.Kind == "DELIVERED_HOURS" && iv.Status == "AUTHORIZED" {
		err := updatedIn(ctx, tx, v, "Intervention", iv.ID, func(ctx context.Context, tx bun.Tx) error {
			return bumpIntervention(ctx, tx.NewUpdate().Table("intervention").Set("status = 'ACTIVE'").
				Set("version = version + 1").Set("updated_at = now()").
				Where("id = ? AND version = ?", iv.ID, iv.Version))
		})
		if err != nil {
			return nil, err
		}
	}
	return iv, nil
}
