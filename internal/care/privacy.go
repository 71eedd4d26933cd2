package care

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/apperr"
	"github.com/siso-project/siso/internal/authz"
)

// Policies of the access-control workflows, named as in FORBIDDEN errors.
const (
	WriteCaseGrant = "write.case.grant"
	WriteEmergency = "write.emergency"
)

// Limits of grants and emergency accesses.
const (
	MaxGrantLength           = 365 * 24 * time.Hour
	DefaultEmergencyDuration = 4 * time.Hour
	MinEmergencyDuration     = 15 * time.Minute
	MinEmergencyReason       = 20
)

// GrantCaseAccessArgs is the input of GrantCaseAccess.
type GrantCaseAccessArgs struct {
	CaseID                int64
	GranteeOfficeID       int64
	GranteeOrganizationID int64
	ValidFrom             *time.Time
	ValidTo               time.Time
	Reason                string
}

// GrantCaseAccess lets another office or organization see a case (and so
// its citizen) for a limited time. The case's responsible worker or the
// zone manager grants it.
func (s *Service) GrantCaseAccess(ctx context.Context, a GrantCaseAccessArgs) (int64, error) {
	v, err := viewerOf(ctx)
	if err != nil {
		return 0, err
	}
	if (a.GranteeOfficeID == 0) == (a.GranteeOrganizationID == 0) {
		return 0, apperr.BadInput("granteeOfficeId", "give a grantee office or a grantee organization, not both")
	}
	reason, err := requiredText("reason", a.Reason, maxReason)
	if err != nil {
		return 0, err
	}
	if len([]rune(reason)) < 10 {
		return 0, apperr.BadInput("reason", "say why the access is granted (at least 10 characters)")
	}
	now := time.Now()
	from := now
	if a.ValidFrom != nil {
		from = *a.ValidFrom
	}
	switch {
	case !a.ValidTo.After(from):
		return 0, apperr.BadInput("validTo", "validTo must follow validFrom")
	case a.ValidTo.Sub(from) > MaxGrantLength:
		return 0, apperr.BadInput("validTo", "a grant lasts at most one year")
	case a.ValidTo.Before(now):
		return 0, apperr.BadInput("validTo", "validTo is in the past")
	}
	var id int64
	err = s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		k, err := lockCase(ctx, tx, v, a.CaseID)
		if err != nil {
			return err
		}
		if err := mayManageAccess(ctx, tx, v, k); err != nil {
			return err
		}
		if a.GranteeOfficeID != 0 {
			if of, err := loadOffice(ctx, tx, a.GranteeOfficeID); err != nil {
				return err
			} else if of == nil {
				return apperr.BadInput("granteeOfficeId", "no such office")
			}
		} else if org, err := loadOrganization(ctx, tx, a.GranteeOrganizationID); err != nil {
			return err
		} else if org == nil {
			return apperr.BadInput("granteeOrganizationId", "no such organization")
		}
		if err := tx.NewRaw(`INSERT INTO case_grant (case_id, citizen_id, grantee_office_id, grantee_organization_id,
				valid_from, valid_to, reason, granted_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			k.ID, k.CitizenID, nullID(a.GranteeOfficeID), nullID(a.GranteeOrganizationID), from, a.ValidTo, reason, v.OperatorID).
			Scan(ctx, &id); err != nil {
			return err
		}
		rec := recorder(ctx, v)
		rec.Grant(id, k.CitizenID, k.ZoneID, reason)
		return logWrites(ctx, tx, rec)
	})
	if err != nil {
		return 0, wrapDB(err, "grant case access")
	}
	return id, nil
}

// RevokeCaseAccess ends a grant at once; it returns the grant's case id.
func (s *Service) RevokeCaseAccess(ctx context.Context, grantID int64) (int64, error) {
	v, err := viewerOf(ctx)
	if err != nil {
		return 0, err
	}
	var caseID int64
	err = s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var g struct {
			CaseID    int64      `bun:"case_id"`
			RevokedAt *time.Time `bun:"revoked_at"`
		}
		err := tx.NewRaw(`SELECT case_id, revoked_at FROM case_grant WHERE id = ? FOR UPDATE`, grantID).Scan(ctx, &g)
		if errors.Is(err, sql.ErrNoRows) {
			return apperr.NewNotFound("CaseGrant")
		}
		if err != nil {
			return fmt.Errorf("lock grant: %w", err)
		}
		k, err := lockCase(ctx, tx, v, g.CaseID)
		if err != nil {
			if apperr.CodeOf(err) == apperr.NotFound {
				return apperr.NewNotFound("CaseGrant")
			}
			return err
		}
		if err := mayManageAccess(ctx, tx, v, k); err != nil {
			return err
		}
		if g.RevokedAt != nil {
			return apperr.NewConflict("the grant is already revoked")
		}
		caseID = g.CaseID
		if _, err := tx.ExecContext(ctx, `UPDATE case_grant SET revoked_at = now(), revoked_by = ? WHERE id = ?`, v.OperatorID, grantID); err != nil {
			return err
		}
		rec := recorder(ctx, v)
		rec.Revoke(grantID, k.CitizenID, k.ZoneID, "")
		return logWrites(ctx, tx, rec)
	})
	if err != nil {
		return 0, wrapDB(err, "revoke case access")
	}
	return caseID, nil
}

// mayManageAccess: the case's current responsible worker or the zone manager.
func mayManageAccess(ctx context.Context, tx bun.Tx, v *authz.Viewer, k *caseRow) error {
	responsible, err := isCurrentMember(ctx, tx, k.ID, v.OperatorID, "RESPONSIBLE")
	if err != nil {
		return err
	}
	if !responsible && !v.HasIn(authz.RoleZoneManager, k.ZoneID) {
		return apperr.NewForbidden(WriteCaseGrant, "only the responsible worker or the zone manager decides who else sees a case")
	}
	return nil
}

// DeclareEmergencyAccessArgs is the input of DeclareEmergencyAccess.
type DeclareEmergencyAccessArgs struct {
	CitizenID  int64
	FiscalCode string
	Reason     string
	Duration   time.Duration
}

// EmergencyAccess is a declared break-the-glass access.
type EmergencyAccess struct {
	ID        int64     `bun:"id"`
	CitizenID int64     `bun:"citizen_id"`
	ZoneID    *int      `bun:"zone_id"`
	StartedAt time.Time `bun:"started_at"`
	ExpiresAt time.Time `bun:"expires_at"`
}

// DeclareEmergencyAccess opens, for a short time, a citizen's record to a
// social worker or zone manager who has no other relationship with them,
// on a written reason. The declaration is what the zone manager and the
// DPO review; the citizen is found by id or codice fiscale.
func (s *Service) DeclareEmergencyAccess(ctx context.Context, a DeclareEmergencyAccessArgs) (*EmergencyAccess, error) {
	v, err := viewerOf(ctx)
	if err != nil {
		return nil, err
	}
	if !v.Has(authz.RoleSocialWorker) && !v.Has(authz.RoleZoneManager) {
		return nil, apperr.NewForbidden(WriteEmergency, "only social workers and zone managers declare an emergency access")
	}
	reason, err := requiredText("reason", a.Reason, maxReason)
	if err != nil {
		return nil, err
	}
	if len([]rune(reason)) < MinEmergencyReason {
		return nil, apperr.BadInput("reason", "write the reason of the emergency (at least %d characters)", MinEmergencyReason)
	}
	d := a.Duration
	if d == 0 {
		d = DefaultEmergencyDuration
	}
	if d < MinEmergencyDuration || d > DefaultEmergencyDuration {
		return nil, apperr.BadInput("durationMinutes", "an emergency access lasts between 15 minutes and 4 hours")
	}
	if (a.CitizenID == 0) == (a.FiscalCode == "") {
		return nil, apperr.BadInput("citizenId", "give the citizen's id or codice fiscale")
	}
	var e EmergencyAccess
	err = s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var c struct {
			ID     int64 `bun:"id"`
			ZoneID *int  `bun:"residence_zone_id"`
		}
		q := tx.NewSelect().Table("citizen").Column("id", "residence_zone_id")
		if a.CitizenID != 0 {
			q = q.Where("id = ?", a.CitizenID)
		} else {
			q = q.Where("fiscal_code = ?", strings.ToUpper(strings.TrimSpace(a.FiscalCode)))
		}
		if err := q.Scan(ctx, &c); errors.Is(err, sql.ErrNoRows) {
			return apperr.NewNotFound("Citizen")
		} else if err != nil {
			return fmt.Errorf("find citizen: %w", err)
		}
		if err := tx.NewRaw(`INSERT INTO emergency_access (operator_id, citizen_id, zone_id, reason, started_at, expires_at)
			VALUES (?, ?, ?, ?, now(), now() + ?::interval) RETURNING id, citizen_id, zone_id, started_at, expires_at`,
			v.OperatorID, c.ID, c.ZoneID, reason, fmt.Sprintf("%d seconds", int(d.Seconds()))).Scan(ctx, &e); err != nil {
			return err
		}
		zone := 0
		if c.ZoneID != nil {
			zone = *c.ZoneID
		}
		rec := recorder(ctx, v)
		rec.Emergency(e.ID, c.ID, zone, reason)
		return logWrites(ctx, tx, rec)
	})
	if err != nil {
		return nil, wrapDB(err, "declare emergency access")
	}
	return &e, nil
}

// wrapDB leaves application errors alone and wraps the others.
func wrapDB(err error, what string) error {
	if _, ok := apperr.As(err); ok {
		return err
	}
	return fmt.Errorf("%s: %w", what, err)
}
