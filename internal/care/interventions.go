package care

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/apperr"
	"github.com/siso-project/siso/internal/authz"
)

// Write policies of interventions, named as in FORBIDDEN errors.
const (
	// WriteInterventionRequest: a social worker on the case team requests.
	WriteInterventionRequest = "write.intervention.request"
	// WriteInterventionAuthorize: the zone manager of the intervention's
	// zone authorizes or refuses, never their own request.
	WriteInterventionAuthorize = "write.intervention.authorize"
	// WriteInterventionClose: the case team or the zone manager closes.
	WriteInterventionClose = "write.intervention.close"
)

// Input limits of interventions.
const (
	maxCents             = int64(100_000_000_000) // one billion euro
	maxHoursPerMonth     = 744                    // 31 days × 24 hours
	maxStartDistance     = 1                      // years before or after today
	maxInterventionYears = 5                      // years from start to end
)

// thirdSector are the organization kinds that deliver only what they are
// accredited for, while their accreditation runs.
var thirdSector = []string{"COOPERATIVE", "ASSOCIATION", "OTHER_THIRD_SECTOR"}

// interventionRow is a locked intervention with the viewer's relationship
// to its citizen.
type interventionRow struct {
	ID             int64      `bun:"id"`
	CitizenID      int64      `bun:"citizen_id"`
	CaseID         *int64     `bun:"case_id"`
	ZoneID         int        `bun:"zone_id"`
	TypeCode       string     `bun:"type_code"`
	ProviderOrgID  *int64     `bun:"provider_organization_id"`
	Status         string     `bun:"status"`
	StartDate      time.Time  `bun:"start_date"`
	EndDate        *time.Time `bun:"end_date"`
	AmountCents    int64      `bun:"amount_cents"`
	HoursPerMonth  *float64   `bun:"hours_per_month"`
	RequestedBy    int64      `bun:"requested_by"`
	Version        int        `bun:"version"`
	Today          time.Time  `bun:"today"`
	LastDeliveryOn *time.Time `bun:"last_delivery_on"`
	Rel            int        `bun:"rel"`
}

// providedBy reports whether the viewer's organization delivers it.
func (iv *interventionRow) providedBy(v *authz.Viewer) bool {
	return v.OrganizationID != 0 && iv.ProviderOrgID != nil && *iv.ProviderOrgID == v.OrganizationID
}

// guard is the read guard of the intervention.
func (iv *interventionRow) guard() *authz.Guard {
	g := &authz.Guard{CitizenID: iv.CitizenID, Rel: authz.Rel(iv.Rel)}
	if iv.ProviderOrgID != nil {
		g.ProviderOrgID = *iv.ProviderOrgID
	}
	return g
}

// loadIntervention reads an intervention that exists for the viewer (as in
// the read side: the case relationships, or the provider's own rows), else
// NOT_FOUND; lock is "" or "FOR UPDATE OF t".
func loadIntervention(ctx context.Context, db bun.IDB, v *authz.Viewer, id int64, lock string) (*interventionRow, error) {
	rel, args := authz.RelSQL(v, "t.citizen_id")
	var iv interventionRow
	err := db.NewRaw(fmt.Sprintf(`SELECT t.id, t.citizen_id, t.case_id, t.zone_id, t.type_code, t.provider_organization_id,
			t.status, t.start_date, t.end_date, t.amount_cents, t.hours_per_month::float8 AS hours_per_month,
			t.requested_by, t.version, current_date AS today,
			(SELECT max((a.occurred_at AT TIME ZONE 'Europe/Rome')::date) FROM activity a
			  WHERE a.intervention_id = t.id AND a.kind = 'DELIVERED_HOURS') AS last_delivery_on,
			%s AS rel
		FROM intervention t WHERE t.id = ? %s`, rel, lock), append(args, id)...).Scan(ctx, &iv)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperr.NewNotFound("Intervention")
	}
	if err != nil {
		return nil, fmt.Errorf("load intervention: %w", err)
	}
	r := authz.Rel(iv.Rel)
	if !r.Any(authz.RowsCase) && !(r.Any(authz.RelProviderLink) && iv.providedBy(v)) {
		return nil, apperr.NewNotFound("Intervention")
	}
	iv.StartDate, iv.Today = dateOf(iv.StartDate), dateOf(iv.Today)
	if iv.EndDate != nil {
		d := dateOf(*iv.EndDate)
		iv.EndDate = &d
	}
	if iv.LastDeliveryOn != nil {
		d := dateOf(*iv.LastDeliveryOn)
		iv.LastDeliveryOn = &d
	}
	return &iv, nil
}

// checkProvider validates the provider of an intervention of typeCode
// starting on start: an organization; a third-sector one accredited for
// the type on that date. It returns the message of what is wrong, or "".
func checkProvider(ctx context.Context, db bun.IDB, orgID int64, typeCode string, start time.Time) (string, error) {
	var org struct {
		Kind       string     `bun:"kind"`
		From       *time.Time `bun:"accredited_from"`
		To         *time.Time `bun:"accredited_to"`
		Accredited bool       `bun:"accredited"`
	}
	err := db.NewRaw(`SELECT o.kind, o.accredited_from, o.accredited_to,
			EXISTS (SELECT 1 FROM organization_accreditation a WHERE a.organization_id = o.id
				AND a.intervention_type_code = ?) AS accredited
		FROM organization o WHERE o.id = ?`, typeCode, orgID).Scan(ctx, &org)
	if errors.Is(err, sql.ErrNoRows) {
		return "unknown organization", nil
	}
	if err != nil {
		return "", fmt.Errorf("check provider: %w", err)
	}
	if !slices.Contains(thirdSector, org.Kind) {
		return "", nil
	}
	on := start.Format(time.DateOnly)
	switch {
	case !org.Accredited:
		return fmt.Sprintf("the provider is not accredited for %s", typeCode), nil
	case org.From == nil || dateOf(*org.From).After(start):
		return fmt.Sprintf("the provider's accreditation has not started on %s", on), nil
	case org.To != nil && dateOf(*org.To).Before(start):
		return fmt.Sprintf("the provider's accreditation has ended before %s", on), nil
	}
	return "", nil
}

// ---------------------------------------------------------------------------
// Request
// ---------------------------------------------------------------------------

type interventionInput struct {
	typeCode string
	start    time.Time
	end      *time.Time
	hours    *float64
	funding  *string
	key      *string
}

func validateIntervention(a RequestInterventionArgs) (*interventionInput, error) {
	in := &interventionInput{typeCode: strings.TrimSpace(a.TypeCode)}
	if in.typeCode == "" {
		return nil, apperr.BadInput("type", "the type of intervention is required")
	}
	if a.StartDate.IsZero() {
		return nil, apperr.BadInput("startDate", "the start date is required")
	}
	in.start = dateOf(a.StartDate)
	if a.EndDate != nil {
		end := dateOf(*a.EndDate)
		switch {
		case end.Before(in.start):
			return nil, apperr.BadInput("endDate", "endDate cannot precede startDate")
		case end.After(in.start.AddDate(maxInterventionYears, 0, 0)):
			return nil, apperr.BadInput("endDate", "an intervention lasts at most %d years: request a new one then", maxInterventionYears)
		}
		in.end = &end
	}
	for _, c := range []struct {
		field string
		value int64
	}{{"amountCents", a.AmountCents}, {"userShareCents", a.UserShareCents}, {"healthShareCents", a.HealthShareCents}} {
		if c.value < 0 || c.value > maxCents {
			return nil, apperr.BadInput(c.field, "%s is between 0 and %d", c.field, maxCents)
		}
	}
	if a.UserShareCents+a.HealthShareCents > a.AmountCents {
		field := "userShareCents"
		if a.HealthShareCents > a.AmountCents {
			field = "healthShareCents"
		}
		return nil, apperr.BadInput(field, "the user's and the health service's shares together cannot exceed the amount")
	}
	if h := a.HoursPerMonth; h != nil {
		if math.IsNaN(*h) || *h < 0 || *h > maxHoursPerMonth {
			return nil, apperr.BadInput("hoursPerMonth", "hoursPerMonth is between 0 and %d", maxHoursPerMonth)
		}
		r := math.Round(*h*100) / 100
		in.hours = &r
	}
	if a.FundingSourceCode != nil {
		if code := strings.TrimSpace(*a.FundingSourceCode); code != "" {
			in.funding = &code
		}
	}
	if a.IseeCents != nil {
		switch {
		case *a.IseeCents < 0 || *a.IseeCents > maxCents:
			return nil, apperr.BadInput("iseeCents", "iseeCents is between 0 and %d", maxCents)
		case !a.MeansTested:
			return nil, apperr.BadInput("iseeCents", "an ISEE value is given only for a means-tested intervention")
		}
	}
	var err error
	if in.key, err = idempotencyKey(a.IdempotencyKey); err != nil {
		return nil, err
	}
	return in, nil
}

// RequestIntervention requests an intervention for the citizen of a case
// and returns its id; it starts REQUESTED, in the case's zone. Only a
// social worker of the case's zone who is a current member of its team
// requests it, on a case that is not CLOSED. The start date is within one
// year of today; a third-sector provider must be accredited for the type
// on the start date.
func (s *Service) RequestIntervention(ctx context.Context, a RequestInterventionArgs) (int64, error) {
	v, err := viewerOf(ctx)
	if err != nil {
		return 0, err
	}
	if !v.Has(authz.RoleSocialWorker) {
		return 0, apperr.NewForbidden(WriteInterventionRequest, "only a social worker of the case team requests interventions")
	}
	in, err := validateIntervention(a)
	if err != nil {
		return 0, err
	}
	if err := keysAccepted(ctx, s.DB, in.key, "intervention", "interventions"); err != nil {
		return 0, err
	}
	return s.idempotent(ctx, in.key, "intervention", "requested_by", v.OperatorID, func(ctx context.Context, tx bun.Tx) (int64, error) {
		k, err := lockCase(ctx, tx, v, a.CaseID)
		if err != nil {
			return 0, err
		}
		member, err := isCurrentMember(ctx, tx, k.ID, v.OperatorID, "")
		if err != nil {
			return 0, err
		}
		var officeID int64
		if err := tx.NewRaw(`SELECT office_id FROM care_case WHERE id = ?`, k.ID).Scan(ctx, &officeID); err != nil {
			return 0, fmt.Errorf("case office: %w", err)
		}
		if !member || !holdsAt(v, k.ZoneID, officeID, authz.RoleSocialWorker) {
			return 0, apperr.NewForbidden(WriteInterventionRequest, "only a social worker of the case team requests interventions")
		}
		if k.Status == "CLOSED" {
			return 0, apperr.NewConflict("the case is closed: reopen it first")
		}
		switch {
		case in.start.Before(k.Today.AddDate(-maxStartDistance, 0, 0)):
			return 0, apperr.BadInput("startDate", "startDate is more than one year ago")
		case in.start.After(k.Today.AddDate(maxStartDistance, 0, 0)):
			return 0, apperr.BadInput("startDate", "startDate is more than one year ahead")
		}
		if i, err := firstUnknown(ctx, tx, "intervention_type", []string{in.typeCode}); err != nil {
			return 0, err
		} else if i >= 0 {
			return 0, apperr.BadInput("type", "unknown type of intervention %q", in.typeCode)
		}
		if in.funding != nil {
			if i, err := firstUnknown(ctx, tx, "funding_source", []string{*in.funding}); err != nil {
				return 0, err
			} else if i >= 0 {
				return 0, apperr.BadInput("fundingSource", "unknown funding source %q", *in.funding)
			}
		}
		if a.ProviderOrganizationID != 0 {
			if msg, err := checkProvider(ctx, tx, a.ProviderOrganizationID, in.typeCode, in.start); err != nil {
				return 0, err
			} else if msg != "" {
				return 0, apperr.BadInput("providerId", "%s", msg)
			}
		}
		var end *string
		if in.end != nil {
			e := in.end.Format(time.DateOnly)
			end = &e
		}
		keyCol, keyVal, keyArg := keyColumn(in.key)
		args := append([]any{k.CitizenID, k.ID, k.ZoneID, in.typeCode, nullID(a.ProviderOrganizationID),
			in.start.Format(time.DateOnly), end, a.AmountCents, a.UserShareCents, a.HealthShareCents, in.hours,
			in.funding, a.MeansTested, a.IseeCents, v.OperatorID}, keyArg...)
		var id int64
		err = tx.NewRaw(`INSERT INTO intervention (citizen_id, case_id, zone_id, type_code, provider_organization_id, status,
				start_date, end_date, amount_cents, user_share_cents, health_share_cents, hours_per_month,
				funding_source_code, means_tested, isee_cents, requested_at, requested_by`+keyCol+`)
			VALUES (?, ?, ?, ?, ?, 'REQUESTED', ?::date, ?::date, ?, ?, ?, ?, ?, ?, ?, now(), ?`+keyVal+`) RETURNING id`,
			args...).Scan(ctx, &id)
		if err != nil {
			return 0, fmt.Errorf("insert intervention: %w", err)
		}
		return id, created(ctx, tx, v, "Intervention", id)
	})
}

// ---------------------------------------------------------------------------
// Authorize, refuse, close
// ---------------------------------------------------------------------------

// AuthorizeIntervention decides a REQUESTED intervention: approve makes it
// AUTHORIZED (authorized_at, authorized_by), else it is REFUSED with the
// reason (closure_reason; closed_at and closed_by record who refused and
// when). Only a zone manager of the intervention's zone decides, and never
// on a request of their own. The reason is required to refuse and not
// stored on approval. On approval a third-sector provider must still be
// accredited for the type on the start date (else CONFLICT).
func (s *Service) AuthorizeIntervention(ctx context.Context, id int64, version int, approve bool, reason string) error {
	v, err := viewerOf(ctx)
	if err != nil {
		return err
	}
	if !v.Has(authz.RoleZoneManager) {
		return apperr.NewForbidden(WriteInterventionAuthorize, "only the zone manager authorizes or refuses interventions")
	}
	var why *string
	if approve {
		if _, err := optText("reason", &reason, maxReason); err != nil {
			return err
		}
	} else {
		r, err := requiredText("reason", reason, maxReason)
		if err != nil {
			return err
		}
		why = &r
	}
	return s.updated(ctx, v, "Intervention", id, func(ctx context.Context, tx bun.Tx) error {
		iv, err := loadIntervention(ctx, tx, v, id, "FOR UPDATE OF t")
		if err != nil {
			return err
		}
		if !v.HasIn(authz.RoleZoneManager, iv.ZoneID) {
			return apperr.NewForbidden(WriteInterventionAuthorize, "only the zone manager of the intervention's zone authorizes or refuses it")
		}
		if iv.RequestedBy == v.OperatorID {
			return apperr.NewForbidden(WriteInterventionAuthorize, "an intervention is authorized by someone other than who requested it")
		}
		if iv.Status != "REQUESTED" {
			return apperr.NewConflict(fmt.Sprintf("the intervention is already %s", iv.Status))
		}
		if iv.Version != version {
			return apperr.NewConflict(fmt.Sprintf("the intervention was changed by someone else (version %d, you had %d)", iv.Version, version))
		}
		q := tx.NewUpdate().Table("intervention").Set("version = version + 1").Set("updated_at = now()").
			Where("id = ? AND version = ?", id, version)
		if approve {
			if iv.ProviderOrgID != nil {
				msg, err := checkProvider(ctx, tx, *iv.ProviderOrgID, iv.TypeCode, iv.StartDate)
				if err != nil {
					return err
				}
				if msg != "" {
					return apperr.NewConflict(msg + ": refuse the request, or have it requested again with another provider")
				}
			}
			q = q.Set("status = 'AUTHORIZED'").Set("authorized_at = now()").Set("authorized_by = ?", v.OperatorID)
		} else {
			q = q.Set("status = 'REFUSED'").Set("closed_at = now()").Set("closed_by = ?", v.OperatorID).
				Set("closure_reason = ?", why)
		}
		return bumpIntervention(ctx, q)
	})
}

// CloseIntervention closes an AUTHORIZED or ACTIVE intervention: status
// CLOSED, end_date, closed_at, closed_by, closure_reason. A current member
// of its case's team or the zone manager of its zone closes it. endDate
// defaults to today (or to the planned end when that is already past; to
// the start date when it has not started); it is not before the start, not
// in the future (unless it is the start date), and not before the last
// delivery recorded.
func (s *Service) CloseIntervention(ctx context.Context, id int64, version int, endDate *time.Time, reason string) error {
	v, err := viewerOf(ctx)
	if err != nil {
		return err
	}
	why, err := requiredText("reason", reason, maxReason)
	if err != nil {
		return err
	}
	return s.updated(ctx, v, "Intervention", id, func(ctx context.Context, tx bun.Tx) error {
		iv, err := loadIntervention(ctx, tx, v, id, "FOR UPDATE OF t")
		if err != nil {
			return err
		}
		member := false
		if iv.CaseID != nil {
			if member, err = isCurrentMember(ctx, tx, *iv.CaseID, v.OperatorID, ""); err != nil {
				return err
			}
		}
		if !member && !v.HasIn(authz.RoleZoneManager, iv.ZoneID) {
			return apperr.NewForbidden(WriteInterventionClose, "only the case team or the zone manager closes an intervention")
		}
		if iv.Status != "AUTHORIZED" && iv.Status != "ACTIVE" {
			return apperr.NewConflict(fmt.Sprintf("the intervention is %s: only an AUTHORIZED or ACTIVE one is closed", iv.Status))
		}
		if iv.Version != version {
			return apperr.NewConflict(fmt.Sprintf("the intervention was changed by someone else (version %d, you had %d)", iv.Version, version))
		}
		latest := iv.Today
		if iv.StartDate.After(latest) {
			latest = iv.StartDate
		}
		end := latest
		if iv.EndDate != nil && iv.EndDate.Before(end) {
			end = *iv.EndDate
		}
		if endDate != nil {
			end = dateOf(*endDate)
			switch {
			case end.Before(iv.StartDate):
				return apperr.BadInput("endDate", "endDate cannot precede the start date (%s)", iv.StartDate.Format(time.DateOnly))
			case end.After(latest):
				return apperr.BadInput("endDate", "endDate cannot be in the future")
			}
		}
		if iv.LastDeliveryOn != nil && iv.LastDeliveryOn.After(end) {
			return apperr.BadInput("endDate", "hours were delivered after endDate (the last on %s)", iv.LastDeliveryOn.Format(time.DateOnly))
		}
		return bumpIntervention(ctx, tx.NewUpdate().Table("intervention").
			Set("status = 'CLOSED'").Set("end_date = ?::date", end.Format(time.DateOnly)).
			Set("closed_at = now()").Set("closed_by = ?", v.OperatorID).Set("closure_reason = ?", why).
			Set("version = version + 1").Set("updated_at = now()").
			Where("id = ? AND version = ?", id, version))
	})
}

// bumpIntervention runs an update of one intervention guarded by its version.
func bumpIntervention(ctx context.Context, q *bun.UpdateQuery) error {
	res, err := q.Exec(ctx)
	if err != nil {
		return fmt.Errorf("update intervention: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return apperr.NewConflict("the intervention was changed by someone else")
	}
	return nil
}

// ---------------------------------------------------------------------------
// Delivery per month
// ---------------------------------------------------------------------------

// MonthTotal is what was delivered for an intervention in one month.
type MonthTotal struct {
	// Month is "2026-09" (the month of the entries in Europe/Rome time).
	Month string
	// Hours is the sum of the hours of the month's DELIVERED_HOURS entries.
	Hours float64
	// AmountCents is the value of the month's delivery: each entry's
	// amount when it was recorded, else its hours at the intervention's
	// hourly rate when that is known (see DeliveryByMonth).
	AmountCents int64
	// Entries counts the month's DELIVERED_HOURS entries.
	Entries int
	// EstimatedEntries counts the entries valued at the hourly rate.
	EstimatedEntries int
	// UnpricedEntries counts the entries with no amount and no known rate:
	// their hours are in Hours but nothing of them is in AmountCents.
	UnpricedEntries int
}

// DeliveryByMonth sums, per month, the DELIVERED_HOURS entries of an
// intervention (oldest month first; months without entries are left out).
//
// The amount of an entry is its own amount_cents when recorded. Otherwise
// it is valued at the intervention's hourly rate, amount_cents /
// (hours_per_month × planned months), where the planned months are the
// calendar months from start_date to end_date, both counted: the
// intervention's amount_cents is its total over its whole span (the
// schema's "Total amount", as the demo data builds it: hours per month ×
// hourly rate × months), so dividing it by hours_per_month alone would
// overstate a multi-month intervention's rate by its number of months.
// Without an end date, hours per month or amount the rate is unknown and
// such entries are counted in UnpricedEntries.
//
// The intervention must exist for the viewer as on the read side (case
// relationships, or the provider's own organization), else NOT_FOUND; its
// delivery records are read under the "delivery" rule (so an API client
// needs interventions:read). The caller (a GraphQL field of Intervention)
// records the read in the audit trail like the other fields.
func (s *Service) DeliveryByMonth(ctx context.Context, interventionID int64) ([]MonthTotal, error) {
	v := authz.ViewerFrom(ctx)
	if v == nil {
		return nil, apperr.NewUnauthenticated("sign in first")
	}
	iv, err := loadIntervention(ctx, s.DB, v, interventionID, "")
	if err != nil {
		return nil, err
	}
	if !authz.DeliveryRecord.Allows(v, iv.guard()) {
		return nil, apperr.NewForbidden(authz.DeliveryRecord.Name, "not allowed to read the delivery records of this intervention")
	}
	var rows []struct {
		Month         string  `bun:"month"`
		Hours         float64 `bun:"hours"`
		Entries       int     `bun:"entries"`
		RecordedCents int64   `bun:"recorded_cents"`
		UnpricedHours float64 `bun:"unpriced_hours"`
		UnpricedCount int     `bun:"unpriced_count"`
	}
	err = s.DB.NewRaw(`SELECT to_char(a.occurred_at AT TIME ZONE 'Europe/Rome', 'YYYY-MM') AS month,
			coalesce(sum(a.hours), 0)::float8 AS hours, count(*) AS entries,
			coalesce(sum(a.amount_cents), 0) AS recorded_cents,
			coalesce(sum(a.hours) FILTER (WHERE a.amount_cents IS NULL), 0)::float8 AS unpriced_hours,
			count(*) FILTER (WHERE a.amount_cents IS NULL) AS unpriced_count
		FROM activity a WHERE a.intervention_id = ? AND a.kind = 'DELIVERED_HOURS'
		GROUP BY 1 ORDER BY 1`, iv.ID).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("delivery by month: %w", err)
	}
	rate := hourlyRate(iv)
	out := make([]MonthTotal, len(rows))
	for i, r := range rows {
		m := MonthTotal{Month: r.Month, Hours: math.Round(r.Hours*100) / 100, Entries: r.Entries, AmountCents: r.RecordedCents}
		if r.UnpricedCount > 0 {
			if rate > 0 {
				m.AmountCents += int64(math.Round(r.UnpricedHours * rate))
				m.EstimatedEntries = r.UnpricedCount
			} else {
				m.UnpricedEntries = r.UnpricedCount
			}
		}
		out[i] = m
	}
	return out, nil
}

// hourlyRate is the intervention's cost of one hour in cents, 0 when it
// cannot be known (see DeliveryByMonth).
func hourlyRate(iv *interventionRow) float64 {
	if iv.AmountCents <= 0 || iv.HoursPerMonth == nil || *iv.HoursPerMonth <= 0 || iv.EndDate == nil {
		return 0
	}
	s, e := iv.StartDate, *iv.EndDate
	months := (e.Year()-s.Year())*12 + int(e.Month()) - int(s.Month()) + 1
	if months < 1 {
		return 0
	}
	return float64(iv.AmountCents) / (*iv.HoursPerMonth * float64(months))
}
