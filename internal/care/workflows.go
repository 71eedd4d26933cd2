package care

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/apperr"
	"github.com/siso-project/siso/internal/authz"
	"github.com/siso-project/siso/internal/store"
)

// Write policies of the workflows, named as in FORBIDDEN errors.
const (
	WriteAccess         = "write.access"
	WriteAccessOffice   = "write.access.office"
	WriteReferral       = "write.referral"
	WriteReferralOffice = "write.referral.office"
	WriteReferralAnswer = "write.referral.answer"
	WriteCaseOpen       = "write.case.open"
	WriteCaseTeam       = "write.case.team"
	WriteCaseStatus     = "write.case.status"
)

// Input limits.
const (
	maxNeeds             = 20
	maxRequestedServices = 20
	maxNotes             = 4000
	maxNeedNotes         = 1000
	maxSpeakerText       = 200
	maxReason            = 2000
	maxSummary           = 4000
	futureTolerance      = 5 * time.Minute
)

// Enumerations checked by the database; validated here first so that the
// client gets the offending field rather than a constraint violation.
var (
	accessChannels = []string{"IN_PERSON", "PHONE", "EMAIL", "HOME_VISIT", "OTHER"}
	speakerKinds   = []string{"CITIZEN", "RELATIVE", "OTHER_SERVICE", "OTHER"}
	memberRoles    = []string{"RESPONSIBLE", "MEMBER", "FILE_MANAGER"}
	caseStatuses   = []string{"PROPOSED", "OPEN", "SUSPENDED", "CLOSED", "REOPENED"}
	closureReasons = []string{"GOALS_REACHED", "TRANSFERRED", "MOVED_AWAY", "DECEASED",
		"REFUSED_BY_CITIZEN", "NO_LONGER_ELIGIBLE", "OTHER"}
)

// caseTransitions are the moves ChangeCaseStatus allows (closing is
// CloseCase's, from any status but CLOSED).
var caseTransitions = map[string][]string{
	"PROPOSED":  {"OPEN"},
	"OPEN":      {"SUSPENDED"},
	"SUSPENDED": {"OPEN"},
	"REOPENED":  {"SUSPENDED"},
	"CLOSED":    {"REOPENED"},
}

// ---------------------------------------------------------------------------
// Accesses
// ---------------------------------------------------------------------------

// accessInput is a validated RegisterAccessArgs.
type accessInput struct {
	occurredAt      time.Time
	channel         string
	speakerKind     string
	speakerName     *string
	speakerContact  *string
	speakerRelation *string
	needs           []NeedArgs
	services        []string
	outcome         string
	notes           *string
	key             *string
}

func validateAccess(a RegisterAccessArgs, now time.Time) (*accessInput, error) {
	in := &accessInput{}
	switch {
	case a.Anonymous && a.CitizenID != 0:
		return nil, apperr.BadInput("anonymous", "give citizenId or anonymous, not both")
	case !a.Anonymous && a.CitizenID == 0:
		return nil, apperr.BadInput("citizenId", "citizenId is required (or set anonymous for an anonymous access)")
	}
	in.occurredAt = now
	if a.OccurredAt != nil {
		in.occurredAt = *a.OccurredAt
		if in.occurredAt.After(now.Add(futureTolerance)) {
			return nil, apperr.BadInput("occurredAt", "occurredAt is in the future")
		}
		if in.occurredAt.Before(now.AddDate(-1, 0, 0)) {
			return nil, apperr.BadInput("occurredAt", "occurredAt is more than one year ago")
		}
	}
	if !slices.Contains(accessChannels, a.Channel) {
		return nil, apperr.BadInput("channel", "channel is one of %s", strings.Join(accessChannels, ", "))
	}
	in.channel = a.Channel
	in.speakerKind = "CITIZEN"
	if sp := a.Speaker; sp != nil {
		if !slices.Contains(speakerKinds, sp.Kind) {
			return nil, apperr.BadInput("speaker.kind", "speaker kind is one of %s", strings.Join(speakerKinds, ", "))
		}
		in.speakerKind = sp.Kind
		var err error
		if in.speakerName, err = optText("speaker.name", sp.Name, maxSpeakerText); err != nil {
			return nil, err
		}
		if in.speakerContact, err = optText("speaker.contact", sp.Contact, maxSpeakerText); err != nil {
			return nil, err
		}
		if in.speakerRelation, err = optText("speaker.relation", sp.Relation, maxSpeakerText); err != nil {
			return nil, err
		}
		if (sp.Kind == "RELATIVE" || sp.Kind == "OTHER_SERVICE") && in.speakerName == nil {
			return nil, apperr.BadInput("speaker.name", "the name of who spoke is required when it is a relative or another service")
		}
	}
	switch {
	case len(a.Needs) == 0:
		return nil, apperr.BadInput("needs", "at least one need is required")
	case len(a.Needs) > maxNeeds:
		return nil, apperr.BadInput("needs", "at most %d needs", maxNeeds)
	}
	seen := map[string]bool{}
	for i, n := range a.Needs {
		field := fmt.Sprintf("needs[%d]", i)
		code := strings.TrimSpace(n.Code)
		if code == "" {
			return nil, apperr.BadInput(field+".code", "the need code is required")
		}
		if seen[code] {
			return nil, apperr.BadInput(field+".code", "need %q is listed twice", code)
		}
		seen[code] = true
		notes, err := optText(field+".notes", n.Notes, maxNeedNotes)
		if err != nil {
			return nil, err
		}
		in.needs = append(in.needs, NeedArgs{Code: code, Notes: notes})
	}
	if len(a.RequestedServices) > maxRequestedServices {
		return nil, apperr.BadInput("requestedServices", "at most %d requested services", maxRequestedServices)
	}
	seen = map[string]bool{}
	for i, s := range a.RequestedServices {
		field := fmt.Sprintf("requestedServices[%d]", i)
		code := strings.TrimSpace(s)
		if code == "" {
			return nil, apperr.BadInput(field, "the service code is required")
		}
		if seen[code] {
			return nil, apperr.BadInput(field, "service %q is listed twice", code)
		}
		seen[code] = true
		in.services = append(in.services, code)
	}
	in.outcome = strings.TrimSpace(a.Outcome)
	if in.outcome == "" {
		return nil, apperr.BadInput("outcome", "the outcome is required")
	}
	var err error
	if in.notes, err = optText("notes", a.Notes, maxNotes); err != nil {
		return nil, err
	}
	if in.key, err = idempotencyKey(a.IdempotencyKey); err != nil {
		return nil, err
	}
	return in, nil
}

// RegisterAccess records an access (scheda di accesso) and returns its id.
func (s *Service) RegisterAccess(ctx context.Context, a RegisterAccessArgs) (int64, error) {
	v, err := viewerOf(ctx)
	if err != nil {
		return 0, err
	}
	if !v.Has(authz.RoleFrontDesk) && !v.Has(authz.RoleSocialWorker) {
		return 0, apperr.NewForbidden(WriteAccess, "only front-desk operators and social workers register accesses")
	}
	if !v.InOffice(a.OfficeID) {
		return 0, apperr.NewForbidden(WriteAccessOffice, "accesses are registered in one of your own offices")
	}
	in, err := validateAccess(a, time.Now())
	if err != nil {
		return 0, err
	}
	return s.idempotent(ctx, in.key, "access", "operator_id", v.OperatorID, func(ctx context.Context, tx bun.Tx) (int64, error) {
		of, err := loadOffice(ctx, tx, a.OfficeID)
		if err != nil {
			return 0, err
		}
		if of == nil || !holdsAt(v, of.ZoneID, of.ID, authz.RoleFrontDesk, authz.RoleSocialWorker) {
			return 0, apperr.NewForbidden(WriteAccessOffice, "you do not register accesses in this office")
		}
		var citizenID *int64
		if !a.Anonymous {
			if _, err := lockCitizenRel(ctx, tx, v, a.CitizenID, authz.RowsSocial, "FOR SHARE"); err != nil {
				// A person registered elsewhere who is at the desk: the code
				// they show links the record instead of duplicating it.
				if apperr.CodeOf(err) != apperr.NotFound || !presentedCode(ctx, tx, a.CitizenID, a.CitizenFiscalCode) {
					return 0, err
				}
			}
			citizenID = &a.CitizenID
		}
		needCodes := make([]string, len(in.needs))
		for i, n := range in.needs {
			needCodes[i] = n.Code
		}
		if i, err := firstUnknown(ctx, tx, "need_category", needCodes); err != nil {
			return 0, err
		} else if i >= 0 {
			return 0, apperr.BadInput(fmt.Sprintf("needs[%d].code", i), "unknown need %q", needCodes[i])
		}
		if i, err := firstUnknown(ctx, tx, "intervention_type", in.services); err != nil {
			return 0, err
		} else if i >= 0 {
			return 0, apperr.BadInput(fmt.Sprintf("requestedServices[%d]", i), "unknown service %q", in.services[i])
		}
		if i, err := firstUnknown(ctx, tx, "access_outcome", []string{in.outcome}); err != nil {
			return 0, err
		} else if i >= 0 {
			return 0, apperr.BadInput("outcome", "unknown outcome %q", in.outcome)
		}

		acc := &store.Access{
			CitizenID: citizenID, Anonymous: a.Anonymous, OccurredAt: in.occurredAt,
			OfficeID: of.ID, ZoneID: of.ZoneID, OperatorID: v.OperatorID,
			Channel: store.AccessChannel(in.channel), SpeakerKind: store.SpeakerKind(in.speakerKind),
			SpeakerName: in.speakerName, SpeakerContact: in.speakerContact, SpeakerRelation: in.speakerRelation,
			OutcomeCode: in.outcome, Notes: in.notes, IdempotencyKey: in.key,
		}
		if _, err := tx.NewInsert().Model(acc).ExcludeColumn("id", "created_at", "updated_at", "version").
			Returning("id").Exec(ctx, &acc.ID); err != nil {
			return 0, fmt.Errorf("insert access: %w", err)
		}
		needs := make([]*store.AccessNeed, len(in.needs))
		for i, n := range in.needs {
			needs[i] = &store.AccessNeed{AccessID: acc.ID, NeedCode: n.Code, CitizenID: citizenID, Notes: n.Notes}
		}
		if _, err := tx.NewInsert().Model(&needs).Exec(ctx); err != nil {
			return 0, fmt.Errorf("insert access needs: %w", err)
		}
		if len(in.services) > 0 {
			services := make([]*store.AccessRequestedService, len(in.services))
			for i, code := range in.services {
				services[i] = &store.AccessRequestedService{AccessID: acc.ID, InterventionTypeCode: code, CitizenID: citizenID}
			}
			if _, err := tx.NewInsert().Model(&services).Exec(ctx); err != nil {
				return 0, fmt.Errorf("insert requested services: %w", err)
			}
		}
		return acc.ID, created(ctx, tx, v, "Access", acc.ID)
	})
}

// ---------------------------------------------------------------------------
// Referrals
// ---------------------------------------------------------------------------

// CreateReferral sends a citizen to another office or organization.
func (s *Service) CreateReferral(ctx context.Context, a CreateReferralArgs) (int64, error) {
	v, err := viewerOf(ctx)
	if err != nil {
		return 0, err
	}
	referrers := []authz.Role{authz.RoleFrontDesk, authz.RoleSocialWorker, authz.RoleZoneManager}
	if !slices.ContainsFunc(referrers, v.Has) {
		return 0, apperr.NewForbidden(WriteReferral, "only front-desk operators, social workers and zone managers send referrals")
	}
	if !v.InOffice(a.FromOfficeID) {
		return 0, apperr.NewForbidden(WriteReferralOffice, "referrals are sent from one of your own offices")
	}
	if a.ToOfficeID == 0 && a.ToOrganizationID == 0 {
		return 0, apperr.BadInput("toOfficeId", "give the office (toOfficeId) or the organization (toOrganizationId) the citizen is referred to")
	}
	if a.ToOfficeID != 0 && a.ToOfficeID == a.FromOfficeID {
		return 0, apperr.BadInput("toOfficeId", "a referral cannot go to the office it comes from")
	}
	reason, err := requiredText("reason", a.Reason, maxReason)
	if err != nil {
		return 0, err
	}
	key, err := idempotencyKey(a.IdempotencyKey)
	if err != nil {
		return 0, err
	}
	return s.idempotent(ctx, key, "referral", "proposed_by", v.OperatorID, func(ctx context.Context, tx bun.Tx) (int64, error) {
		from, err := loadOffice(ctx, tx, a.FromOfficeID)
		if err != nil {
			return 0, err
		}
		if from == nil || !holdsAt(v, from.ZoneID, from.ID, referrers...) {
			return 0, apperr.NewForbidden(WriteReferralOffice, "you do not send referrals from this office")
		}
		if _, err := lockCitizenRel(ctx, tx, v, a.CitizenID, authz.RowsSocial, "FOR SHARE"); err != nil {
			return 0, err
		}
		var toOffice *officeRow
		toOrg, toZone := a.ToOrganizationID, (*int)(nil)
		if a.ToOfficeID != 0 {
			if toOffice, err = loadOffice(ctx, tx, a.ToOfficeID); err != nil {
				return 0, err
			}
			if toOffice == nil {
				return 0, apperr.BadInput("toOfficeId", "unknown office")
			}
		}
		if a.ToOrganizationID != 0 {
			org, err := loadOrganization(ctx, tx, a.ToOrganizationID)
			if err != nil {
				return 0, err
			}
			if org == nil {
				return 0, apperr.BadInput("toOrganizationId", "unknown organization")
			}
			if toOffice != nil && toOffice.OrganizationID != org.ID {
				return 0, apperr.BadInput("toOfficeId", "the office does not belong to the organization given in toOrganizationId")
			}
			toZone = org.ZoneID
		}
		if toOffice != nil {
			toOrg, toZone = toOffice.OrganizationID, &toOffice.ZoneID
		}
		if a.AccessID != 0 {
			if ok, err := belongsTo(ctx, tx, "access", a.AccessID, a.CitizenID); err != nil {
				return 0, err
			} else if !ok {
				return 0, apperr.BadInput("accessId", "not an access of this citizen")
			}
		}
		if a.CaseID != 0 {
			if ok, err := belongsTo(ctx, tx, "care_case", a.CaseID, a.CitizenID); err != nil {
				return 0, err
			} else if !ok {
				return 0, apperr.BadInput("caseId", "not a case of this citizen")
			}
		}
		var id int64
		err = tx.NewRaw(`INSERT INTO referral (citizen_id, access_id, case_id, from_office_id, from_zone_id,
				to_office_id, to_organization_id, to_zone_id, reason, status, proposed_at, proposed_by, idempotency_key)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PROPOSED', now(), ?, ?) RETURNING id`,
			a.CitizenID, nullID(a.AccessID), nullID(a.CaseID), from.ID, from.ZoneID,
			nullID(a.ToOfficeID), toOrg, toZone, reason, v.OperatorID, key).Scan(ctx, &id)
		if err != nil {
			return 0, fmt.Errorf("insert referral: %w", err)
		}
		return id, created(ctx, tx, v, "Referral", id)
	})
}

// AnswerReferral marks a received referral SEEN, ACCEPTED or REJECTED.
func (s *Service) AnswerReferral(ctx context.Context, id int64, version int, status, reason string) error {
	v, err := viewerOf(ctx)
	if err != nil {
		return err
	}
	answerers := []authz.Role{authz.RoleFrontDesk, authz.RoleSocialWorker, authz.RoleZoneManager, authz.RoleProvider}
	if !slices.ContainsFunc(answerers, v.Has) {
		return apperr.NewForbidden(WriteReferralAnswer, "only operators of the receiving office or organization answer referrals")
	}
	if status != "SEEN" && status != "ACCEPTED" && status != "REJECTED" {
		return apperr.BadInput("status", "a referral is answered with SEEN, ACCEPTED or REJECTED")
	}
	var rejection *string
	if status == "REJECTED" {
		r, err := requiredText("reason", reason, maxReason)
		if err != nil {
			return err
		}
		rejection = &r
	}
	return s.updated(ctx, v, "Referral", id, func(ctx context.Context, tx bun.Tx) error {
		var ref struct {
			Status  string `bun:"status"`
			Version int    `bun:"version"`
		}
		offices := append([]int64{0}, v.OfficeIDs...)
		err := tx.NewRaw(`SELECT status, version FROM referral WHERE id = ?
			AND (to_office_id IN (?) OR (to_office_id IS NULL AND to_organization_id = ?)) FOR UPDATE`,
			id, bun.In(offices), v.OrganizationID).Scan(ctx, &ref)
		if errors.Is(err, sql.ErrNoRows) {
			return apperr.NewNotFound("Referral")
		}
		if err != nil {
			return fmt.Errorf("lock referral: %w", err)
		}
		// The state is reported before the version: a retried answer
		// learns that the referral is already ACCEPTED, not just stale.
		allowed := ref.Status == "PROPOSED" || (ref.Status == "SEEN" && status != "SEEN")
		if !allowed {
			return apperr.NewConflict(fmt.Sprintf("the referral is already %s", ref.Status))
		}
		if ref.Version != version {
			return apperr.NewConflict(fmt.Sprintf("the referral was changed by someone else (version %d, you had %d)", ref.Version, version))
		}
		q := tx.NewUpdate().Table("referral").
			Set("status = ?", status).
			Set("seen_at = COALESCE(seen_at, now())").
			Set("seen_by = COALESCE(seen_by, ?)", v.OperatorID).
			Set("version = version + 1").Set("updated_at = now()").
			Where("id = ? AND version = ?", id, version)
		if status != "SEEN" {
			q = q.Set("answered_at = now()").Set("answered_by = ?", v.OperatorID).Set("rejection_reason = ?", rejection)
		}
		res, err := q.Exec(ctx)
		if err != nil {
			return fmt.Errorf("update referral: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return apperr.NewConflict("the referral was changed by someone else")
		}
		if status == "ACCEPTED" {
			// The citizen is now in contact with the receiving zone's services.
			if _, err := tx.ExecContext(ctx, `INSERT INTO citizen_zone (citizen_id, zone_id, via_contact)
				SELECT citizen_id, to_zone_id, true FROM referral WHERE id = ? AND to_zone_id IS NOT NULL
				ON CONFLICT (citizen_id, zone_id) DO UPDATE SET via_contact = true`, id); err != nil {
				return fmt.Errorf("link the citizen to the receiving zone: %w", err)
			}
		}
		return nil
	})
}

// ---------------------------------------------------------------------------
// Cases
// ---------------------------------------------------------------------------

// OpenCase takes a citizen into care; the viewer becomes responsible.
func (s *Service) OpenCase(ctx context.Context, a OpenCaseArgs) (int64, error) {
	v, err := viewerOf(ctx)
	if err != nil {
		return 0, err
	}
	if !v.Has(authz.RoleSocialWorker) || !v.InOffice(a.OfficeID) {
		return 0, apperr.NewForbidden(WriteCaseOpen, "only a social worker opens a case, in one of their own offices")
	}
	area := strings.TrimSpace(a.UserArea)
	if area == "" {
		return 0, apperr.BadInput("userArea", "the user area is required")
	}
	summary, err := optText("summary", a.Summary, maxSummary)
	if err != nil {
		return 0, err
	}
	key, err := idempotencyKey(a.IdempotencyKey)
	if err != nil {
		return 0, err
	}
	return s.idempotent(ctx, key, "care_case", "created_by", v.OperatorID, func(ctx context.Context, tx bun.Tx) (int64, error) {
		of, err := loadOffice(ctx, tx, a.OfficeID)
		if err != nil {
			return 0, err
		}
		if of == nil || !holdsAt(v, of.ZoneID, of.ID, authz.RoleSocialWorker) {
			return 0, apperr.NewForbidden(WriteCaseOpen, "you are not a social worker in this office's zone")
		}
		// FOR UPDATE serializes concurrent openings for the same citizen,
		// so the duplicate check below sees a case committed meanwhile.
		if _, err := lockCitizenRel(ctx, tx, v, a.CitizenID, authz.RowsSocial, "FOR UPDATE"); err != nil {
			return 0, err
		}
		if i, err := firstUnknown(ctx, tx, "user_area", []string{area}); err != nil {
			return 0, err
		} else if i >= 0 {
			return 0, apperr.BadInput("userArea", "unknown user area %q", area)
		}
		if a.SourceAccessID != 0 {
			if ok, err := belongsTo(ctx, tx, "access", a.SourceAccessID, a.CitizenID); err != nil {
				return 0, err
			} else if !ok {
				return 0, apperr.BadInput("sourceAccessId", "not an access of this citizen")
			}
		}
		if a.SourceReferralID != 0 {
			var n int
			offices := append([]int64{0}, v.OfficeIDs...)
			err := tx.NewRaw(`SELECT count(*) FROM referral WHERE id = ? AND citizen_id = ? AND status = 'ACCEPTED'
				AND (to_office_id IN (?) OR (to_office_id IS NULL AND to_organization_id = ?))`,
				a.SourceReferralID, a.CitizenID, bun.In(offices), v.OrganizationID).Scan(ctx, &n)
			if err != nil {
				return 0, fmt.Errorf("check source referral: %w", err)
			}
			if n == 0 {
				return 0, apperr.BadInput("sourceReferralId", "not an accepted referral of this citizen addressed to you")
			}
		}
		if err := noOtherOpenCase(ctx, tx, a.CitizenID, of.ZoneID, area, 0); err != nil {
			return 0, err
		}
		var id int64
		err = tx.NewRaw(`INSERT INTO care_case (citizen_id, zone_id, office_id, user_area_code, status, opened_at,
				responsible_operator_id, source_access_id, source_referral_id, summary, created_by, idempotency_key)
			VALUES (?, ?, ?, ?, 'OPEN', now(), ?, ?, ?, ?, ?, ?) RETURNING id`,
			a.CitizenID, of.ZoneID, of.ID, area, v.OperatorID, nullID(a.SourceAccessID), nullID(a.SourceReferralID),
			summary, v.OperatorID, key).Scan(ctx, &id)
		if err != nil {
			return 0, fmt.Errorf("insert case: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO case_member (case_id, citizen_id, operator_id, role, valid_from, created_by)
			VALUES (?, ?, ?, 'RESPONSIBLE', current_date, ?)`, id, a.CitizenID, v.OperatorID, v.OperatorID); err != nil {
			return 0, fmt.Errorf("insert case member: %w", err)
		}
		if err := recordStatus(ctx, tx, id, a.CitizenID, "", "OPEN", v.OperatorID, "Presa in carico"); err != nil {
			return 0, err
		}
		return id, created(ctx, tx, v, "Case", id)
	})
}

// AddCaseMember adds an operator to a case team. The role RESPONSIBLE
// hands the responsibility over: the previous responsible's row ends the
// day before validFrom.
func (s *Service) AddCaseMember(ctx context.Context, a AddCaseMemberArgs) error {
	v, err := viewerOf(ctx)
	if err != nil {
		return err
	}
	if !slices.Contains(memberRoles, a.Role) {
		return apperr.BadInput("role", "role is one of %s", strings.Join(memberRoles, ", "))
	}
	if a.OperatorID == 0 {
		return apperr.BadInput("operatorId", "the operator is required")
	}
	return s.updated(ctx, v, "Case", a.CaseID, func(ctx context.Context, tx bun.Tx) error {
		k, err := lockCase(ctx, tx, v, a.CaseID)
		if err != nil {
			return err
		}
		responsible, err := isCurrentMember(ctx, tx, k.ID, v.OperatorID, "RESPONSIBLE")
		if err != nil {
			return err
		}
		if !responsible && !v.HasIn(authz.RoleZoneManager, k.ZoneID) {
			return apperr.NewForbidden(WriteCaseTeam, "only the responsible worker or the zone manager changes the team of a case")
		}
		if err := checkVersion(k, a.Version); err != nil {
			return err
		}
		if k.Status == "CLOSED" {
			return apperr.NewConflict("the case is closed: reopen it before changing its team")
		}
		from := k.Today
		if a.ValidFrom != nil {
			from = dateOf(*a.ValidFrom)
			switch {
			case from.After(k.Today):
				return apperr.BadInput("validFrom", "validFrom cannot be in the future")
			case from.Before(k.Today.AddDate(-1, 0, 0)):
				return apperr.BadInput("validFrom", "validFrom is more than one year ago")
			case from.Before(k.OpenedOn):
				return apperr.BadInput("validFrom", "validFrom is before the case was opened (%s)", k.OpenedOn.Format(time.DateOnly))
			}
		}
		var eligible int
		err = tx.NewRaw(`SELECT count(*) FROM operator o WHERE o.id = ? AND o.active AND EXISTS (
				SELECT 1 FROM operator_role r WHERE r.operator_id = o.id AND r.role IN ('SOCIAL_WORKER', 'ZONE_MANAGER')
				AND (r.zone_id IS NULL OR r.zone_id = ?))`, a.OperatorID, k.ZoneID).Scan(ctx, &eligible)
		if err != nil {
			return fmt.Errorf("check operator: %w", err)
		}
		if eligible == 0 {
			return apperr.BadInput("operatorId", "the operator must be active and a social worker or zone manager in the case's zone")
		}
		var overlapping int
		err = tx.NewRaw(`SELECT count(*) FROM case_member WHERE case_id = ? AND operator_id = ? AND role = ?
			AND (valid_to IS NULL OR valid_to >= ?::date)`, k.ID, a.OperatorID, a.Role, from.Format(time.DateOnly)).Scan(ctx, &overlapping)
		if err != nil {
			return fmt.Errorf("check case member: %w", err)
		}
		if overlapping > 0 {
			return apperr.NewConflict(fmt.Sprintf("the operator is already on the team of this case as %s", a.Role))
		}
		fromSQL := from.Format(time.DateOnly)
		if a.Role == "RESPONSIBLE" {
			if _, err := tx.ExecContext(ctx, `UPDATE case_member
				SET valid_to = GREATEST(?::date - 1, valid_from), version = version + 1, updated_at = now()
				WHERE case_id = ? AND role = 'RESPONSIBLE' AND (valid_to IS NULL OR valid_to >= ?::date)`,
				fromSQL, k.ID, fromSQL); err != nil {
				return fmt.Errorf("end previous responsible: %w", err)
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO case_member (case_id, citizen_id, operator_id, role, valid_from, created_by)
			VALUES (?, ?, ?, ?, ?::date, ?)`, k.ID, k.CitizenID, a.OperatorID, a.Role, fromSQL, v.OperatorID); err != nil {
			return fmt.Errorf("insert case member: %w", err)
		}
		q := tx.NewUpdate().Table("care_case").Set("version = version + 1").Set("updated_at = now()").
			Where("id = ? AND version = ?", k.ID, a.Version)
		if a.Role == "RESPONSIBLE" {
			q = q.Set("responsible_operator_id = ?", a.OperatorID)
		}
		return bumpCase(ctx, q)
	})
}

// ChangeCaseStatus moves a case along an allowed transition (see
// caseTransitions); closing is CloseCase's.
func (s *Service) ChangeCaseStatus(ctx context.Context, id int64, version int, status, reason string) error {
	v, err := viewerOf(ctx)
	if err != nil {
		return err
	}
	if !slices.Contains(caseStatuses, status) {
		return apperr.BadInput("status", "status is one of %s", strings.Join(caseStatuses, ", "))
	}
	if status == "CLOSED" {
		return apperr.BadInput("status", "a case is closed with closeCase, which records the closure reason")
	}
	why, err := requiredText("reason", reason, maxReason)
	if err != nil {
		return err
	}
	return s.updated(ctx, v, "Case", id, func(ctx context.Context, tx bun.Tx) error {
		k, err := lockCaseForStatus(ctx, tx, v, id, version)
		if err != nil {
			return err
		}
		if k.Status == status {
			return apperr.NewConflict(fmt.Sprintf("the case is already %s", status))
		}
		if !slices.Contains(caseTransitions[k.Status], status) {
			return apperr.NewConflict(fmt.Sprintf("a case cannot go from %s to %s", k.Status, status))
		}
		q := tx.NewUpdate().Table("care_case").Set("status = ?", status).
			Set("version = version + 1").Set("updated_at = now()").
			Where("id = ? AND version = ?", k.ID, version)
		if status == "REOPENED" {
			if err := noOtherOpenCase(ctx, tx, k.CitizenID, k.ZoneID, k.UserAreaCode, k.ID); err != nil {
				return err
			}
			q = q.Set("closed_at = NULL").Set("closure_reason = NULL").Set("closure_notes = NULL")
		}
		if err := bumpCase(ctx, q); err != nil {
			return err
		}
		if status == "REOPENED" {
			if err := restoreResponsible(ctx, tx, k, v.OperatorID); err != nil {
				return err
			}
		}
		return recordStatus(ctx, tx, k.ID, k.CitizenID, k.Status, status, v.OperatorID, why)
	})
}

// CloseCase closes a case with a reason; the team's memberships end today.
func (s *Service) CloseCase(ctx context.Context, id int64, version int, reason, notes string) error {
	v, err := viewerOf(ctx)
	if err != nil {
		return err
	}
	if !slices.Contains(closureReasons, reason) {
		return apperr.BadInput("reason", "the closure reason is one of %s", strings.Join(closureReasons, ", "))
	}
	closureNotes, err := optText("notes", &notes, maxNotes)
	if err != nil {
		return err
	}
	if reason == "OTHER" && closureNotes == nil {
		return apperr.BadInput("notes", "notes are required when the closure reason is OTHER")
	}
	return s.updated(ctx, v, "Case", id, func(ctx context.Context, tx bun.Tx) error {
		k, err := lockCaseForStatus(ctx, tx, v, id, version)
		if err != nil {
			return err
		}
		if k.Status == "CLOSED" {
			return apperr.NewConflict("the case is already CLOSED")
		}
		q := tx.NewUpdate().Table("care_case").Set("status = 'CLOSED'").Set("closed_at = now()").
			Set("closure_reason = ?", reason).Set("closure_notes = ?", closureNotes).
			Set("version = version + 1").Set("updated_at = now()").
			Where("id = ? AND version = ?", k.ID, version)
		if err := bumpCase(ctx, q); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE case_member
			SET valid_to = GREATEST(current_date, valid_from), version = version + 1, updated_at = now()
			WHERE case_id = ? AND (valid_to IS NULL OR valid_to > current_date)`, k.ID); err != nil {
			return fmt.Errorf("end case memberships: %w", err)
		}
		why := reason
		if closureNotes != nil {
			why += ": " + *closureNotes
		}
		return recordStatus(ctx, tx, k.ID, k.CitizenID, k.Status, "CLOSED", v.OperatorID, why)
	})
}

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

// idempotent runs write in one transaction unless key was used already: a
// key used by the same operator (in table's byCol) replays the recorded id
// without writing, one used by another operator is a CONFLICT. A
// concurrent request with the same key that commits first is replayed too.
func (s *Service) idempotent(ctx context.Context, key *string, table, byCol string, operatorID int64,
	write func(ctx context.Context, tx bun.Tx) (int64, error)) (int64, error) {
	var id int64
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if key != nil {
			prev, err := replay(ctx, tx, table, byCol, *key, operatorID)
			if err != nil || prev != 0 {
				id = prev
				return err
			}
		}
		var err error
		id, err = write(ctx, tx)
		return err
	})
	if err != nil && key != nil && isUniqueViolationOn(err, table+"_idempotency_key_key") {
		prev, rerr := replay(ctx, s.DB, table, byCol, *key, operatorID)
		if rerr != nil {
			return 0, rerr
		}
		if prev != 0 {
			return prev, nil
		}
	}
	if err != nil {
		return 0, err
	}
	return id, nil
}

// replay returns the id of the row of table recorded with key by
// operatorID, 0 when the key is new, or a CONFLICT when another operator
// used it.
func replay(ctx context.Context, db bun.IDB, table, byCol, key string, operatorID int64) (int64, error) {
	var row struct {
		ID int64         `bun:"id"`
		By sql.NullInt64 `bun:"by_operator"`
	}
	err := db.NewRaw(fmt.Sprintf(`SELECT id, %s AS by_operator FROM %s WHERE idempotency_key = ?`, byCol, table), key).Scan(ctx, &row)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("look up idempotency key: %w", err)
	}
	if !row.By.Valid || row.By.Int64 != operatorID {
		return 0, apperr.NewConflict("this idempotency key was already used for another request")
	}
	return row.ID, nil
}

func isUniqueViolationOn(err error, constraint string) bool {
	var pg *pgconn.PgError
	return errors.As(err, &pg) && pg.Code == "23505" && pg.ConstraintName == constraint
}

// idempotencyKey validates an optional idempotency key.
func idempotencyKey(p *string) (*string, error) {
	if p == nil {
		return nil, nil
	}
	k := *p
	if n := utf8.RuneCountInString(k); n < 8 || n > 100 {
		return nil, apperr.BadInput("idempotencyKey", "an idempotency key has 8 to 100 characters")
	}
	if strings.IndexFunc(k, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0 {
		return nil, apperr.BadInput("idempotencyKey", "an idempotency key has no spaces or control characters")
	}
	return &k, nil
}

// requiredText validates a required free text.
func requiredText(field, s string, max int) (string, error) {
	p, err := optText(field, &s, max)
	if err != nil {
		return "", err
	}
	if p == nil {
		return "", apperr.BadInput(field, "%s is required", field)
	}
	return *p, nil
}

// holdsAt reports whether v holds one of roles in zone (or every zone),
// through a grant that is not limited to another office.
func holdsAt(v *authz.Viewer, zoneID int, officeID int64, roles ...authz.Role) bool {
	for _, g := range v.Grants {
		if slices.Contains(roles, g.Role) && (g.ZoneID == 0 || g.ZoneID == zoneID) && (g.OfficeID == 0 || g.OfficeID == officeID) {
			return true
		}
	}
	return false
}

type officeRow struct {
	ID             int64 `bun:"id"`
	OrganizationID int64 `bun:"organization_id"`
	ZoneID         int   `bun:"zone_id"`
}

// loadOffice returns an office, or nil when there is none with id.
func loadOffice(ctx context.Context, db bun.IDB, id int64) (*officeRow, error) {
	var of officeRow
	err := db.NewRaw(`SELECT id, organization_id, zone_id FROM office WHERE id = ?`, id).Scan(ctx, &of)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("load office: %w", err)
	}
	return &of, nil
}

type organizationRow struct {
	ID     int64 `bun:"id"`
	ZoneID *int  `bun:"zone_id"`
}

// loadOrganization returns an organization, or nil when there is none with id.
func loadOrganization(ctx context.Context, db bun.IDB, id int64) (*organizationRow, error) {
	var org organizationRow
	err := db.NewRaw(`SELECT id, zone_id FROM organization WHERE id = ?`, id).Scan(ctx, &org)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("load organization: %w", err)
	}
	return &org, nil
}

// lockCitizenRel locks a citizen's row (lock is "FOR SHARE" or "FOR
// UPDATE") and returns the viewer's relationship to it; a citizen with no
// relationship in mask is NOT_FOUND, as one that does not exist.
func lockCitizenRel(ctx context.Context, tx bun.Tx, v *authz.Viewer, id int64, mask authz.Rel, lock string) (authz.Rel, error) {
	rel, args := authz.RelSQL(v, "t.id")
	var r int
	err := tx.NewRaw(fmt.Sprintf(`SELECT %s AS rel FROM citizen t WHERE t.id = ? %s`, rel, lock), append(args, id)...).Scan(ctx, &r)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, apperr.NewNotFound("Citizen")
	}
	if err != nil {
		return 0, fmt.Errorf("lock citizen: %w", err)
	}
	if authz.Rel(r)&mask == 0 {
		return 0, apperr.NewNotFound("Citizen")
	}
	return authz.Rel(r), nil
}

// firstUnknown returns the index of the first of codes missing from the
// code list table, or -1.
func firstUnknown(ctx context.Context, db bun.IDB, table string, codes []string) (int, error) {
	if len(codes) == 0 {
		return -1, nil
	}
	var found []string
	if err := db.NewRaw(fmt.Sprintf(`SELECT code FROM %s WHERE code IN (?)`, table), bun.In(codes)).Scan(ctx, &found); err != nil {
		return 0, fmt.Errorf("check %s codes: %w", table, err)
	}
	for i, c := range codes {
		if !slices.Contains(found, c) {
			return i, nil
		}
	}
	return -1, nil
}

// belongsTo reports whether the row id of table (access or care_case)
// belongs to the citizen.
func belongsTo(ctx context.Context, db bun.IDB, table string, id, citizenID int64) (bool, error) {
	var n int
	if err := db.NewRaw(fmt.Sprintf(`SELECT count(*) FROM %s WHERE id = ? AND citizen_id = ?`, table), id, citizenID).Scan(ctx, &n); err != nil {
		return false, fmt.Errorf("check %s: %w", table, err)
	}
	return n > 0, nil
}

func nullID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// dateOf is the calendar date of t, as a UTC midnight.
func dateOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// caseRow is a locked case with the viewer's relationship to its citizen.
type caseRow struct {
	ID                    int64     `bun:"id"`
	CitizenID             int64     `bun:"citizen_id"`
	ZoneID                int       `bun:"zone_id"`
	UserAreaCode          string    `bun:"user_area_code"`
	Status                string    `bun:"status"`
	ResponsibleOperatorID int64     `bun:"responsible_operator_id"`
	Version               int       `bun:"version"`
	OpenedOn              time.Time `bun:"opened_on"`
	Today                 time.Time `bun:"today"`
	Rel                   int       `bun:"rel"`
}

// lockCase locks a case that exists for the viewer (its citizen is in
// RowsSocial), else NOT_FOUND.
func lockCase(ctx context.Context, tx bun.Tx, v *authz.Viewer, id int64) (*caseRow, error) {
	rel, args := authz.RelSQL(v, "t.citizen_id")
	var k caseRow
	err := tx.NewRaw(fmt.Sprintf(`SELECT t.id, t.citizen_id, t.zone_id, t.user_area_code, t.status,
			t.responsible_operator_id, t.version, t.opened_at::date AS opened_on, current_date AS today, %s AS rel
		FROM care_case t WHERE t.id = ? FOR UPDATE OF t`, rel), append(args, id)...).Scan(ctx, &k)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperr.NewNotFound("Case")
	}
	if err != nil {
		return nil, fmt.Errorf("lock case: %w", err)
	}
	if authz.Rel(k.Rel)&authz.RowsSocial == 0 {
		return nil, apperr.NewNotFound("Case")
	}
	k.OpenedOn, k.Today = dateOf(k.OpenedOn), dateOf(k.Today)
	return &k, nil
}

// lockCaseForStatus locks a case whose status the viewer may change (a
// current member of its team, or the zone manager of its zone) and checks
// the version.
func lockCaseForStatus(ctx context.Context, tx bun.Tx, v *authz.Viewer, id int64, version int) (*caseRow, error) {
	k, err := lockCase(ctx, tx, v, id)
	if err != nil {
		return nil, err
	}
	member, err := isCurrentMember(ctx, tx, k.ID, v.OperatorID, "")
	if err != nil {
		return nil, err
	}
	if !member && !v.HasIn(authz.RoleZoneManager, k.ZoneID) {
		return nil, apperr.NewForbidden(WriteCaseStatus, "only the case team or the zone manager changes the status of a case")
	}
	if err := checkVersion(k, version); err != nil {
		return nil, err
	}
	return k, nil
}

func checkVersion(k *caseRow, version int) error {
	if k.Version != version {
		return apperr.NewConflict(fmt.Sprintf("the case was changed by someone else (version %d, you had %d)", k.Version, version))
	}
	return nil
}

// isCurrentMember reports whether the operator is on the case's team today
// (in role, or in any role when role is "").
func isCurrentMember(ctx context.Context, tx bun.Tx, caseID, operatorID int64, role string) (bool, error) {
	var n int
	err := tx.NewRaw(`SELECT count(*) FROM case_member WHERE case_id = ? AND operator_id = ? AND (? = '' OR role = ?)
		AND valid_from <= current_date AND (valid_to IS NULL OR valid_to >= current_date)`,
		caseID, operatorID, role, role).Scan(ctx, &n)
	if err != nil {
		return false, fmt.Errorf("check case membership: %w", err)
	}
	return n > 0, nil
}

// noOtherOpenCase fails with CONFLICT when the citizen has a case other
// than exceptID that is not closed in the same zone and user area.
func noOtherOpenCase(ctx context.Context, tx bun.Tx, citizenID int64, zoneID int, area string, exceptID int64) error {
	var n int
	err := tx.NewRaw(`SELECT count(*) FROM care_case WHERE citizen_id = ? AND zone_id = ? AND user_area_code = ?
		AND status <> 'CLOSED' AND id <> ?`, citizenID, zoneID, area, exceptID).Scan(ctx, &n)
	if err != nil {
		return fmt.Errorf("check open cases: %w", err)
	}
	if n > 0 {
		return apperr.NewConflict("an open case already exists in this area for this citizen in this zone")
	}
	return nil
}

// bumpCase runs an update of one case guarded by its version.
func bumpCase(ctx context.Context, q *bun.UpdateQuery) error {
	res, err := q.Exec(ctx)
	if err != nil {
		return fmt.Errorf("update case: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return apperr.NewConflict("the case was changed by someone else")
	}
	return nil
}

// restoreResponsible gives a reopened case's responsible worker an open
// RESPONSIBLE membership again: the row closed today is reopened, else a
// new one starts today.
func restoreResponsible(ctx context.Context, tx bun.Tx, k *caseRow, by int64) error {
	res, err := tx.ExecContext(ctx, `UPDATE case_member SET valid_to = NULL, version = version + 1, updated_at = now()
		WHERE id = (SELECT id FROM case_member WHERE case_id = ? AND operator_id = ? AND role = 'RESPONSIBLE'
			AND valid_to >= current_date ORDER BY valid_from DESC LIMIT 1)
		AND NOT EXISTS (SELECT 1 FROM case_member WHERE case_id = ? AND operator_id = ? AND role = 'RESPONSIBLE' AND valid_to IS NULL)`,
		k.ID, k.ResponsibleOperatorID, k.ID, k.ResponsibleOperatorID)
	if err != nil {
		return fmt.Errorf("restore responsible: %w", err)
	}
	if n, _ := res.RowsAffected(); n > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO case_member (case_id, citizen_id, operator_id, role, valid_from, created_by)
		SELECT ?, ?, ?, 'RESPONSIBLE', current_date, ?
		WHERE NOT EXISTS (SELECT 1 FROM case_member WHERE case_id = ? AND operator_id = ? AND role = 'RESPONSIBLE'
			AND (valid_to IS NULL OR valid_to >= current_date))`,
		k.ID, k.CitizenID, k.ResponsibleOperatorID, by, k.ID, k.ResponsibleOperatorID); err != nil {
		return fmt.Errorf("restore responsible: %w", err)
	}
	return nil
}

// recordStatus appends a step to a case's status history (from "" = none).
func recordStatus(ctx context.Context, tx bun.Tx, caseID, citizenID int64, from, to string, by int64, reason string) error {
	var fromStatus *string
	if from != "" {
		fromStatus = &from
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO case_status_change (case_id, citizen_id, from_status, to_status, changed_by, reason)
		VALUES (?, ?, ?, ?, ?, ?)`, caseID, citizenID, fromStatus, to, by, reason); err != nil {
		return fmt.Errorf("record status change: %w", err)
	}
	return nil
}

// presentedCode reports whether code is the codice fiscale of the citizen.
func presentedCode(ctx context.Context, tx bun.Tx, citizenID int64, code string) bool {
	code = strings.ToUpper(strings.Join(strings.Fields(code), ""))
	if len(code) != 16 {
		return false
	}
	var ok bool
	err := tx.NewRaw(`SELECT EXISTS (SELECT 1 FROM citizen WHERE id = ? AND fiscal_code = ? FOR SHARE)`, citizenID, code).Scan(ctx, &ok)
	return err == nil && ok
}
