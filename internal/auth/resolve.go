package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/siso-project/siso/internal/authz"
	"github.com/siso-project/siso/internal/database"
)

// Resolved is a valid session with what a request needs besides: its
// operator as the request's viewer (roles, zones, offices) and the version
// of the reference data (see store.RefCache), all read in one statement.
type Resolved struct {
	Session
	Viewer     *authz.Viewer
	RefVersion int64
}

// resolveSQL reads the session, its operator, the operator's roles and
// offices, and the reference version. It is a fixed text with bind
// parameters, so it is planned once per connection.
const resolveSQL = `SELECT s.operator_id, s.created_at, s.last_seen_at, s.expires_at,
	o.username, o.display_name, coalesce(o.organization_id, 0), o.must_change_password,
	coalesce((SELECT string_agg(r.role || ':' || coalesce(r.zone_id, 0) || ':' || coalesce(r.office_id, 0), ','
		ORDER BY r.role, r.zone_id) FROM operator_role r WHERE r.operator_id = o.id), ''),
	coalesce((SELECT string_agg(f.office_id::text, ',' ORDER BY f.office_id) FROM operator_office f
		WHERE f.operator_id = o.id), ''),
	(SELECT version FROM reference_version)
	FROM session s JOIN operator o ON o.id = s.operator_id
	WHERE s.token_hash = $1 AND s.revoked_at IS NULL
	  AND s.expires_at > $2 AND s.last_seen_at >= $3 AND o.active`

// Resolve is Lookup with the operator's viewer and the reference version:
// one statement per request (two when last_seen_at is due to be moved
// on). A revoked or expired session, or a deactivated operator, is
// ErrNoSession at once.
func (s *Sessions) Resolve(ctx context.Context, token string) (Resolved, error) {
	hash, ok := hashToken(token)
	if !ok {
		return Resolved{}, ErrNoSession
	}
	q, ok := database.Bound(s.DB)
	if !ok {
		return Resolved{}, errors.New("auth: resolve needs a database/sql handle")
	}
	now := s.now()
	var (
		r                             Resolved
		username, display, roles, ofc string
		org                           int64
		mustChange                    bool
	)
	err := q.QueryRowContext(ctx, resolveSQL, hash, now, now.Add(-s.idleTimeout())).Scan(
		&r.OperatorID, &r.CreatedAt, &r.LastSeenAt, &r.ExpiresAt,
		&username, &display, &org, &mustChange, &roles, &ofc, &r.RefVersion)
	if errors.Is(err, sql.ErrNoRows) {
		return Resolved{}, ErrNoSession
	}
	if err != nil {
		return Resolved{}, fmt.Errorf("auth: resolve session: %w", err)
	}
	v := &authz.Viewer{OperatorID: r.OperatorID, Username: username, DisplayName: display,
		OrganizationID: org, MustChangePassword: mustChange}
	for _, id := range splitNonEmpty(ofc) {
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil {
			return Resolved{}, fmt.Errorf("auth: resolve session: office %q: %w", id, err)
		}
		v.OfficeIDs = append(v.OfficeIDs, n)
	}
	for _, g := range splitNonEmpty(roles) {
		parts := strings.Split(g, ":")
		if len(parts) != 3 {
			return Resolved{}, fmt.Errorf("auth: resolve session: role %q", g)
		}
		zone, err1 := strconv.Atoi(parts[1])
		office, err2 := strconv.ParseInt(parts[2], 10, 64)
		if err1 != nil || err2 != nil {
			return Resolved{}, fmt.Errorf("auth: resolve session: role %q", g)
		}
		v.Grants = append(v.Grants, authz.RoleGrant{Role: authz.Role(parts[0]), ZoneID: zone, OfficeID: office})
	}
	r.Viewer = v
	if now.Sub(r.LastSeenAt) > touchInterval {
		if err := s.touch(ctx, hash, now); err != nil {
			return Resolved{}, err
		}
		r.LastSeenAt = now
	}
	return r, nil
}

func splitNonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}
