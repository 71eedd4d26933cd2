// Package admin is the administration of operators (DESIGN.md section 3,
// the ADMIN role): creating an operator, changing their name, profession,
// organization, offices and roles, deactivating and reactivating them and
// resetting their password.
//
// Every change is written in one transaction with its audit record (action
// ADMIN, object type Operator, the operator before and after, never the
// password or its hash). A password SISO generates is returned once and
// cannot be recovered: only its argon2id hash is stored. Deactivating an
// operator or resetting their password ends their sessions at once.
//
// An administrator never gains access to social content through this
// package: they cannot change their own roles or deactivate themselves, and
// ADMIN is never combined with a role that reads citizens' data.
package admin

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/siso-project/siso/internal/apperr"
	"github.com/siso-project/siso/internal/audit"
	"github.com/siso-project/siso/internal/auth"
	"github.com/siso-project/siso/internal/authz"
)

// Policy names of FORBIDDEN errors.
const (
	// PolicyAdmin: only administrators administer operators.
	PolicyAdmin = "admin.operators"
	// PolicySelf: an administrator does not change their own roles or
	// deactivate themselves.
	PolicySelf = "admin.self"
)

// Limits of the input.
const (
	// MinPasswordLen is the least number of characters of a password an
	// administrator chooses.
	MinPasswordLen = 12
	// MaxRoles and MaxOffices bound the lists of one operator.
	MaxRoles   = 20
	MaxOffices = 20
	// generatedGroups and groupLen shape a generated password:
	// four groups of five characters separated by '-' (about 98 bits).
	generatedGroups = 4
	groupLen        = 5
)

// usernamePattern is the CHECK of operator.username.
var usernamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{2,63}$`)

// zoneRoles must name a zone; regionalRoles must not; ANALYST may.
var (
	zoneRoles     = []authz.Role{authz.RoleFrontDesk, authz.RoleSocialWorker, authz.RoleZoneManager, authz.RoleProvider}
	regionalRoles = []authz.Role{authz.RoleDPO, authz.RoleAdmin}
)

// Actor is who administers: an administrator (OperatorID) or the system
// (a command run on the server, e.g. to create the first administrator).
type Actor struct {
	OperatorID int64
	// System is the label of the command when the system acts.
	System string
}

// Service administers operators.
type Service struct {
	DB bun.IDB
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
}

func (s *Service) now() time.Time {
	t := time.Now()
	if s.Now != nil {
		t = s.Now()
	}
	return t.Truncate(time.Microsecond)
}

// RoleInput is one role to give.
type RoleInput struct {
	Role authz.Role
	// ZoneCode is the zone's code ("1" … "12"); empty for every zone.
	ZoneCode string
	// OfficeID limits the role to one office; 0 for none.
	OfficeID int64
}

// CreateInput describes a new operator.
type CreateInput struct {
	Username       string
	DisplayName    string
	ProfessionCode string // empty: none
	OrganizationID int64  // 0: none
	OfficeIDs      []int64
	Roles          []RoleInput
	// Password is the initial password; empty to have one generated.
	Password string
}

// UpdateInput changes the named fields of an operator; nil leaves a field
// as it is.
type UpdateInput struct {
	OperatorID int64
	// Version is the version read; a stale one fails with CONFLICT.
	Version     int
	DisplayName *string
	// ProfessionCode and OrganizationID: a pointer to "" or 0 clears.
	ProfessionCode *string
	OrganizationID *int64
	// OfficeIDs and Roles replace the lists when not nil.
	OfficeIDs []int64
	Roles     []RoleInput
}

// Result is the operator written and, when SISO generated it, the one-time
// password (shown once).
type Result struct {
	OperatorID      int64
	OneTimePassword string
}

// role is a validated role.
type role struct {
	Role     authz.Role
	ZoneID   int // 0: every zone
	OfficeID int64
}

// Create validates in and creates the operator, with a generated password
// when in.Password is empty. Input problems are BAD_USER_INPUT on username,
// displayName, professionCode, organizationId, officeIds, roles[i].… and
// password; a username already taken is BAD_USER_INPUT on username.
func (s *Service) Create(ctx context.Context, by Actor, in CreateInput) (Result, error) {
	username := strings.ToLower(strings.TrimSpace(in.Username))
	if !usernamePattern.MatchString(username) {
		return Result{}, apperr.BadInput("username", "the username has 3 to 64 characters: lower-case letters, digits, '.', '_' and '-', starting with a letter or a digit")
	}
	name, err := displayName(in.DisplayName)
	if err != nil {
		return Result{}, err
	}
	password, generated := in.Password, false
	if password == "" {
		if password, err = GeneratePassword(); err != nil {
			return Result{}, err
		}
		generated = true
	} else if err := ValidatePassword(password, username); err != nil {
		return Result{}, err
	}
	// Hash outside the transaction: argon2id takes a while.
	hash, err := auth.HashPassword(password)
	if err != nil {
		return Result{}, apperr.BadInput("password", "the password is not acceptable")
	}
	var id int64
	err = s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := requireAdmin(ctx, tx, by); err != nil {
			return err
		}
		prof, err := profession(ctx, tx, in.ProfessionCode)
		if err != nil {
			return err
		}
		org, err := organization(ctx, tx, in.OrganizationID)
		if err != nil {
			return err
		}
		offices, err := checkOffices(ctx, tx, in.OfficeIDs)
		if err != nil {
			return err
		}
		roles, err := checkRoles(ctx, tx, in.Roles)
		if err != nil {
			return err
		}
		var taken bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM operator WHERE lower(username) = ?)`, username).Scan(&taken); err != nil {
			return fmt.Errorf("admin: check username: %w", err)
		}
		if taken {
			return apperr.BadInput("username", "the username %q is taken", username)
		}
		now := s.now()
		err = tx.QueryRowContext(ctx, `INSERT INTO operator
			    (username, display_name, profession_code, organization_id, password_hash, must_change_password,
			     created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, true, ?, ?) RETURNING id`, username, name, prof, org, hash, now, now).Scan(&id)
		if isUniqueViolation(err, "operator_username_idx") {
			return apperr.BadInput("username", "the username %q is taken", username)
		}
		if err != nil {
			return fmt.Errorf("admin: create operator: %w", err)
		}
		if err := setOffices(ctx, tx, id, offices); err != nil {
			return err
		}
		if err := setRoles(ctx, tx, id, roles); err != nil {
			return err
		}
		return s.audited(ctx, tx, by, id, "createOperator", nil)
	})
	if err != nil {
		return Result{}, err
	}
	out := Result{OperatorID: id}
	if generated {
		out.OneTimePassword = password
	}
	return out, nil
}

// Update changes the fields in names. An administrator cannot change their
// own roles (FORBIDDEN); a stale version is CONFLICT; an unknown operator
// NOT_FOUND.
func (s *Service) Update(ctx context.Context, by Actor, in UpdateInput) error {
	return s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := requireAdmin(ctx, tx, by); err != nil {
			return err
		}
		if in.Roles != nil && by.OperatorID != 0 && by.OperatorID == in.OperatorID {
			return apperr.NewForbidden(PolicySelf, "administrators cannot change their own roles")
		}
		before, err := lockOperator(ctx, tx, in.OperatorID, &in.Version)
		if err != nil {
			return err
		}
		sets := []string{"version = version + 1", "updated_at = ?"}
		args := []any{s.now()}
		if in.DisplayName != nil {
			name, err := displayName(*in.DisplayName)
			if err != nil {
				return err
			}
			sets, args = append(sets, "display_name = ?"), append(args, name)
		}
		if in.ProfessionCode != nil {
			prof, err := profession(ctx, tx, *in.ProfessionCode)
			if err != nil {
				return err
			}
			sets, args = append(sets, "profession_code = ?"), append(args, prof)
		}
		if in.OrganizationID != nil {
			org, err := organization(ctx, tx, *in.OrganizationID)
			if err != nil {
				return err
			}
			sets, args = append(sets, "organization_id = ?"), append(args, org)
		}
		var offices []int64
		if in.OfficeIDs != nil {
			if offices, err = checkOffices(ctx, tx, in.OfficeIDs); err != nil {
				return err
			}
		}
		var roles []role
		if in.Roles != nil {
			if roles, err = checkRoles(ctx, tx, in.Roles); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE operator SET `+strings.Join(sets, ", ")+` WHERE id = ?`,
			append(args, in.OperatorID)...); err != nil {
			return fmt.Errorf("admin: update operator: %w", err)
		}
		if in.OfficeIDs != nil {
			if err := setOffices(ctx, tx, in.OperatorID, offices); err != nil {
				return err
			}
		}
		if in.Roles != nil {
			if err := setRoles(ctx, tx, in.OperatorID, roles); err != nil {
				return err
			}
		}
		return s.audited(ctx, tx, by, in.OperatorID, "updateOperator", before)
	})
}

// SetActive activates or deactivates the operator; deactivating ends their
// sessions at once. An administrator cannot deactivate themselves.
func (s *Service) SetActive(ctx context.Context, by Actor, operatorID int64, active bool) error {
	return s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := requireAdmin(ctx, tx, by); err != nil {
			return err
		}
		if !active && by.OperatorID != 0 && by.OperatorID == operatorID {
			return apperr.NewForbidden(PolicySelf, "administrators cannot deactivate themselves")
		}
		before, err := lockOperator(ctx, tx, operatorID, nil)
		if err != nil {
			return err
		}
		now := s.now()
		if _, err := tx.ExecContext(ctx, `UPDATE operator SET active = ?, version = version + 1, updated_at = ?
			WHERE id = ?`, active, now, operatorID); err != nil {
			return fmt.Errorf("admin: set active: %w", err)
		}
		reason := "activateOperator"
		if !active {
			reason = "deactivateOperator"
			if err := auth.RevokeAllIn(ctx, tx, operatorID, now); err != nil {
				return err
			}
			if err := auth.ForgetOperatorDevices(ctx, tx, operatorID); err != nil {
				return err
			}
		}
		return s.audited(ctx, tx, by, operatorID, reason, before)
	})
}

// ResetPassword gives the operator a new generated password, returned once,
// lifts the sign-in block of their username and ends their sessions.
func (s *Service) ResetPassword(ctx context.Context, by Actor, operatorID int64) (Result, error) {
	password, err := GeneratePassword()
	if err != nil {
		return Result{}, err
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return Result{}, err
	}
	err = s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := requireAdmin(ctx, tx, by); err != nil {
			return err
		}
		before, err := lockOperator(ctx, tx, operatorID, nil)
		if err != nil {
			return err
		}
		now := s.now()
		if _, err := tx.ExecContext(ctx, `UPDATE operator SET password_hash = ?, must_change_password = true,
			version = version + 1, updated_at = ? WHERE id = ?`,
			hash, now, operatorID); err != nil {
			return fmt.Errorf("admin: reset password: %w", err)
		}
		if err := auth.RevokeAllIn(ctx, tx, operatorID, now); err != nil {
			return err
		}
		// A device that signed in with the old password lifts a block no more.
		if err := auth.ForgetOperatorDevices(ctx, tx, operatorID); err != nil {
			return err
		}
		var username string
		if err := tx.QueryRowContext(ctx, `SELECT username FROM operator WHERE id = ?`, operatorID).Scan(&username); err != nil {
			return fmt.Errorf("admin: reset password: %w", err)
		}
		if err := auth.ClearUsername(ctx, tx, username); err != nil {
			return err
		}
		return s.audited(ctx, tx, by, operatorID, "resetOperatorPassword", before)
	})
	if err != nil {
		return Result{}, err
	}
	return Result{OperatorID: operatorID, OneTimePassword: password}, nil
}

// ChangePassword replaces the operator's own password with newHash (the
// caller checked the current password and validated the new one with
// ValidatePasswordField), clears must_change_password, records
// password_changed_at and ends every session of the operator; then runs in
// the same transaction (to start the session that replaces the caller's).
// The change is audited as an ADMIN event "changePassword" by the operator,
// without the password or its hash.
func (s *Service) ChangePassword(ctx context.Context, operatorID int64, newHash string,
	then func(ctx context.Context, tx bun.Tx) error) error {
	return s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		before, err := lockOperator(ctx, tx, operatorID, nil)
		if err != nil {
			return err
		}
		now := s.now()
		if _, err := tx.ExecContext(ctx, `UPDATE operator SET password_hash = ?, must_change_password = false,
			password_changed_at = ?, version = version + 1, updated_at = ? WHERE id = ?`,
			newHash, now, now, operatorID); err != nil {
			return fmt.Errorf("admin: change password: %w", err)
		}
		if err := auth.RevokeAllIn(ctx, tx, operatorID, now); err != nil {
			return err
		}
		if err := auth.ForgetOperatorDevices(ctx, tx, operatorID); err != nil {
			return err
		}
		if then != nil {
			if err := then(ctx, tx); err != nil {
				return err
			}
		}
		return s.audited(ctx, tx, Actor{OperatorID: operatorID}, operatorID, "changePassword", before)
	})
}

// ValidatePassword checks a password an administrator chose: at least
// MinPasswordLen characters, at most auth.MaxPasswordLen bytes, not
// containing the username. Problems are BAD_USER_INPUT on "password".
func ValidatePassword(password, username string) error {
	return ValidatePasswordField(password, username, "password")
}

// ValidatePasswordField is ValidatePassword with the problems reported on
// the input field named field (e.g. "newPassword" of changePassword).
func ValidatePasswordField(password, username, field string) error {
	switch {
	case utf8.RuneCountInString(password) < MinPasswordLen:
		return apperr.BadInput(field, "the password has at least %d characters", MinPasswordLen)
	case len(password) > auth.MaxPasswordLen:
		return apperr.BadInput(field, "the password has at most %d bytes", auth.MaxPasswordLen)
	case !utf8.ValidString(password):
		return apperr.BadInput(field, "the password has invalid characters")
	case username != "" && strings.Contains(strings.ToLower(password), strings.ToLower(username)):
		return apperr.BadInput(field, "the password must not contain the username")
	}
	return nil
}

// passwordAlphabet leaves out characters easily mistaken for one another
// (0/O, 1/l/I).
const passwordAlphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// GeneratePassword returns a random password of four groups of five
// characters, such as "kT7pq-Xh3mw-9RbcZ-e4Ntv".
func GeneratePassword() (string, error) {
	var b strings.Builder
	size := big.NewInt(int64(len(passwordAlphabet)))
	for g := range generatedGroups {
		if g > 0 {
			b.WriteByte('-')
		}
		for range groupLen {
			n, err := rand.Int(rand.Reader, size)
			if err != nil {
				return "", fmt.Errorf("admin: random password: %w", err)
			}
			b.WriteByte(passwordAlphabet[n.Int64()])
		}
	}
	return b.String(), nil
}

func displayName(s string) (string, error) {
	name := strings.Join(strings.Fields(s), " ")
	switch n := utf8.RuneCountInString(name); {
	case !utf8.ValidString(name) || strings.ContainsFunc(name, unicode.IsControl):
		return "", apperr.BadInput("displayName", "the name has invalid characters")
	case n < 2 || n > 100:
		return "", apperr.BadInput("displayName", "the name has 2 to 100 characters")
	}
	return name, nil
}

// requireAdmin fails with FORBIDDEN unless by is the system or an active
// operator holding ADMIN.
func requireAdmin(ctx context.Context, tx bun.IDB, by Actor) error {
	if by.OperatorID == 0 {
		if strings.TrimSpace(by.System) == "" {
			return apperr.NewForbidden(PolicyAdmin, "only administrators administer operators")
		}
		return nil
	}
	var ok bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM operator o
		JOIN operator_role r ON r.operator_id = o.id
		WHERE o.id = ? AND o.active AND r.role = 'ADMIN')`, by.OperatorID).Scan(&ok); err != nil {
		return fmt.Errorf("admin: check administrator: %w", err)
	}
	if !ok {
		return apperr.NewForbidden(PolicyAdmin, "only administrators administer operators")
	}
	return nil
}

func profession(ctx context.Context, tx bun.IDB, code string) (any, error) {
	code = strings.TrimSpace(code)
	if code == "" {
		return nil, nil
	}
	var ok bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM profession WHERE code = ?)`, code).Scan(&ok); err != nil {
		return nil, fmt.Errorf("admin: check profession: %w", err)
	}
	if !ok {
		return nil, apperr.BadInput("professionCode", "unknown profession")
	}
	return code, nil
}

func organization(ctx context.Context, tx bun.IDB, id int64) (any, error) {
	if id == 0 {
		return nil, nil
	}
	var ok bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM organization WHERE id = ?)`, id).Scan(&ok); err != nil {
		return nil, fmt.Errorf("admin: check organization: %w", err)
	}
	if !ok {
		return nil, apperr.BadInput("organizationId", "unknown organization")
	}
	return id, nil
}

func checkOffices(ctx context.Context, tx bun.IDB, ids []int64) ([]int64, error) {
	out := slices.Clone(ids)
	slices.Sort(out)
	out = slices.Compact(out)
	if len(out) > MaxOffices {
		return nil, apperr.BadInput("officeIds", "at most %d offices", MaxOffices)
	}
	if len(out) == 0 {
		return []int64{}, nil
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM office WHERE id = ANY(?::bigint[])`, pgdialect.Array(out)).Scan(&n); err != nil {
		return nil, fmt.Errorf("admin: check offices: %w", err)
	}
	if n != len(out) {
		return nil, apperr.BadInput("officeIds", "unknown office")
	}
	return out, nil
}

// checkRoles validates the roles: at least one, known zones and offices (an
// office in the role's zone), a zone for the zone roles and none for DPO and
// ADMIN, and ADMIN never with a role that reads citizens' data.
func checkRoles(ctx context.Context, tx bun.IDB, in []RoleInput) ([]role, error) {
	if len(in) == 0 {
		return nil, apperr.BadInput("roles", "give at least one role")
	}
	if len(in) > MaxRoles {
		return nil, apperr.BadInput("roles", "at most %d roles", MaxRoles)
	}
	var out []role
	admin, social := false, false
	for i, r := range in {
		field := func(f string) string { return fmt.Sprintf("roles[%d].%s", i, f) }
		if !slices.Contains(authz.Roles, r.Role) {
			return nil, apperr.BadInput(field("role"), "unknown role")
		}
		ro := role{Role: r.Role, OfficeID: r.OfficeID}
		code := strings.TrimSpace(r.ZoneCode)
		switch {
		case code == "" && slices.Contains(zoneRoles, r.Role):
			return nil, apperr.BadInput(field("zoneCode"), "%s is held in a zone: choose the zone", r.Role)
		case code != "" && slices.Contains(regionalRoles, r.Role):
			return nil, apperr.BadInput(field("zoneCode"), "%s is regional: it has no zone", r.Role)
		case code != "":
			err := tx.QueryRowContext(ctx, `SELECT id FROM zone WHERE code = ?`, code).Scan(&ro.ZoneID)
			if errors.Is(err, sql.ErrNoRows) {
				return nil, apperr.BadInput(field("zoneCode"), "unknown zone %q", code)
			}
			if err != nil {
				return nil, fmt.Errorf("admin: check zone: %w", err)
			}
		}
		if ro.OfficeID != 0 {
			var zone int
			err := tx.QueryRowContext(ctx, `SELECT zone_id FROM office WHERE id = ?`, ro.OfficeID).Scan(&zone)
			if errors.Is(err, sql.ErrNoRows) {
				return nil, apperr.BadInput(field("officeId"), "unknown office")
			}
			if err != nil {
				return nil, fmt.Errorf("admin: check office: %w", err)
			}
			if ro.ZoneID != 0 && zone != ro.ZoneID {
				return nil, apperr.BadInput(field("officeId"), "the office is not in the role's zone")
			}
		}
		if slices.Contains(out, ro) {
			return nil, apperr.BadInput(field("role"), "the same role is given twice")
		}
		admin = admin || r.Role == authz.RoleAdmin
		social = social || slices.Contains(zoneRoles, r.Role)
		out = append(out, ro)
	}
	if admin && social {
		return nil, apperr.BadInput("roles", "ADMIN cannot be combined with FRONT_DESK, SOCIAL_WORKER, ZONE_MANAGER or PROVIDER: administrators see no social content")
	}
	return out, nil
}

func setOffices(ctx context.Context, tx bun.Tx, operatorID int64, ids []int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM operator_office WHERE operator_id = ?`, operatorID); err != nil {
		return fmt.Errorf("admin: set offices: %w", err)
	}
	for _, id := range ids {
		if _, err := tx.ExecContext(ctx, `INSERT INTO operator_office (operator_id, office_id) VALUES (?, ?)`, operatorID, id); err != nil {
			return fmt.Errorf("admin: set offices: %w", err)
		}
	}
	return nil
}

func setRoles(ctx context.Context, tx bun.Tx, operatorID int64, roles []role) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM operator_role WHERE operator_id = ?`, operatorID); err != nil {
		return fmt.Errorf("admin: set roles: %w", err)
	}
	for _, r := range roles {
		var zone, office any
		if r.ZoneID != 0 {
			zone = r.ZoneID
		}
		if r.OfficeID != 0 {
			office = r.OfficeID
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO operator_role (operator_id, role, zone_id, office_id) VALUES (?, ?, ?, ?)`,
			operatorID, string(r.Role), zone, office); err != nil {
			return fmt.Errorf("admin: set roles: %w", err)
		}
	}
	return nil
}

// lockOperator locks the operator's row, checks the version when one is
// given, and returns the operator's snapshot.
func lockOperator(ctx context.Context, tx bun.Tx, id int64, version *int) (json.RawMessage, error) {
	var current int
	err := tx.QueryRowContext(ctx, `SELECT version FROM operator WHERE id = ? FOR UPDATE`, id).Scan(&current)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperr.NewNotFound("Operator")
	}
	if err != nil {
		return nil, fmt.Errorf("admin: lock operator: %w", err)
	}
	if version != nil && *version != current {
		return nil, apperr.NewConflict("the operator was changed meanwhile: reload and try again")
	}
	return Snapshot(ctx, tx, id)
}

// snapshotSQL lists the operator's columns one by one, so that the
// password hash and the sign-in counters never reach the audit trail.
const snapshotSQL = `SELECT jsonb_build_object(
	'id', o.id, 'username', o.username, 'display_name', o.display_name, 'email', o.email,
	'profession_code', o.profession_code, 'organization_id', o.organization_id, 'active', o.active,
	'version', o.version, 'updated_at', o.updated_at,
	'offices', coalesce((SELECT jsonb_agg(f.office_id ORDER BY f.office_id) FROM operator_office f
		WHERE f.operator_id = o.id), '[]'::jsonb),
	'roles', coalesce((SELECT jsonb_agg(jsonb_build_object('role', r.role, 'zone_id', r.zone_id, 'office_id', r.office_id)
		ORDER BY r.role, r.zone_id NULLS FIRST, r.office_id NULLS FIRST) FROM operator_role r
		WHERE r.operator_id = o.id), '[]'::jsonb)
) FROM operator o WHERE o.id = ?`

// Snapshot is the operator as the audit trail records it.
func Snapshot(ctx context.Context, db bun.IDB, id int64) (json.RawMessage, error) {
	var doc []byte
	if err := db.QueryRowContext(ctx, snapshotSQL, id).Scan(&doc); err != nil {
		return nil, fmt.Errorf("admin: snapshot operator %d: %w", id, err)
	}
	return json.RawMessage(doc), nil
}

// audited appends the ADMIN event of a change of operator id in tx: the
// snapshot before (nil for a creation) and after, and what was done.
func (s *Service) audited(ctx context.Context, tx bun.Tx, by Actor, id int64, what string, before json.RawMessage) error {
	after, err := Snapshot(ctx, tx, id)
	if err != nil {
		return err
	}
	rec := audit.RecorderFrom(ctx)
	if rec == nil {
		actor := audit.SystemActor(by.System)
		if by.OperatorID != 0 {
			var label string
			if err := tx.QueryRowContext(ctx, `SELECT username FROM operator WHERE id = ?`, by.OperatorID).Scan(&label); err != nil {
				return fmt.Errorf("admin: actor: %w", err)
			}
			actor = audit.Actor{OperatorID: by.OperatorID, Label: label, Kind: audit.KindSession}
		}
		rec = audit.NewRecorder(actor, "")
	}
	e := audit.Event{Action: audit.ActionAdmin, ObjectType: "Operator", ObjectID: id, Reason: what, After: after}
	if before != nil {
		e.Before = before
	}
	rec.Add(e)
	if err := (&audit.Log{DB: tx}).Append(ctx, rec.TakeWrites()); err != nil {
		return fmt.Errorf("audit the administration: %w", err)
	}
	return nil
}

func isUniqueViolation(err error, constraint string) bool {
	var pg *pgconn.PgError
	return errors.As(err, &pg) && pg.Code == "23505" && pg.ConstraintName == constraint
}
