// Package apiclient manages the API clients of partner agencies (DESIGN.md
// sections 3 and 5): a bearer token attached to one organization and one
// role, limited to some zones and narrowed by scopes.
//
// A client's token is "siso_" followed by 32 random bytes in unpadded
// base64url. It is returned once, by Create; only its SHA-256 hash and its
// first 8 characters are stored. Authenticate looks the hash up on every
// request (no cache), so a revocation or an expiry takes effect on the very
// next request.
//
// What a client may read is the intersection of two things: the rules of its
// role, with the relationships computed exactly as for an operator holding
// that role in the client's zones (but never CASE_TEAM, GRANT or EMERGENCY,
// which are personal), and its scopes (Scope.AllowsField). A client never
// writes.
package apiclient

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"github.com/siso-project/siso/internal/relay"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/siso-project/siso/internal/apperr"
	"github.com/siso-project/siso/internal/authz"
)

// ErrInvalidToken means the bearer token names no usable client: it is
// malformed, unknown, revoked or expired. The cases are not told apart.
var ErrInvalidToken = errors.New("apiclient: invalid or expired API token")

// Limits of the input.
const (
	// MaxLifetimeYears is how far ahead a client's expiry may be.
	MaxLifetimeYears = 2
	// maxZones bounds the zone list of a client.
	maxZones = 100
	// touchInterval is how stale last_used_at may get before Authenticate
	// writes it again.
	touchInterval = time.Minute
	// DefaultListLimit and MaxListLimit bound List.
	DefaultListLimit = 50
	MaxListLimit     = 100
)

// Policy names of FORBIDDEN errors.
const (
	PolicyAdmin = "admin.api_clients"
)

// Client is a partner agency's API client. It never holds the token or its
// hash.
type Client struct {
	ID             int64
	Name           string
	OrganizationID int64
	// Role is the role the client acts as; never ADMIN or DPO.
	Role authz.Role
	// ZoneIDs limits the role to these zones; nil means every zone.
	ZoneIDs []int
	// Scopes are the scope names held, in catalogue order.
	Scopes []string
	// TokenPrefix is the first 8 characters of the token.
	TokenPrefix string
	CreatedBy   int64
	CreatedAt   time.Time
	ExpiresAt   time.Time
	RevokedAt   *time.Time
	RevokedBy   *int64
	LastUsedAt  *time.Time
	Version     int
}

// Scope returns the client's scope set.
func (c *Client) Scope() Scope { return NewScope(c.Scopes) }

// Active reports whether the client can authenticate at now.
func (c *Client) Active(now time.Time) bool {
	return c != nil && c.RevokedAt == nil && now.Before(c.ExpiresAt)
}

// CanWrite is always false: API clients only read.
func (c *Client) CanWrite() bool { return false }

// Service creates, revokes, lists and authenticates API clients.
type Service struct {
	DB bun.IDB
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
}

// now returns the current time at the microsecond precision of timestamptz.
func (s *Service) now() time.Time {
	t := time.Now()
	if s.Now != nil {
		t = s.Now()
	}
	return t.Truncate(time.Microsecond)
}

// CreateInput describes a new client.
type CreateInput struct {
	Name           string
	OrganizationID int64
	Role           authz.Role
	// ZoneIDs limits the client to these zones; nil means every zone. An
	// empty, non-nil list is refused rather than read as "every zone".
	ZoneIDs   []int
	Scopes    []string
	ExpiresAt time.Time
	// CreatedBy is the administrator creating the client.
	CreatedBy int64
}

// columns are the columns of a Client, in scan order; never the hash.
const columns = `id, name, organization_id, role, zone_ids, scopes, token_prefix, created_by,
	created_at, expires_at, revoked_at, revoked_by, last_used_at, version`

type scanner interface{ Scan(dest ...any) error }

func scanClient(row scanner) (*Client, error) {
	c := &Client{}
	var role string
	err := row.Scan(&c.ID, &c.Name, &c.OrganizationID, &role, pgdialect.Array(&c.ZoneIDs), pgdialect.Array(&c.Scopes),
		&c.TokenPrefix, &c.CreatedBy, &c.CreatedAt, &c.ExpiresAt, &c.RevokedAt, &c.RevokedBy, &c.LastUsedAt, &c.Version)
	if err != nil {
		return nil, err
	}
	c.Role = authz.Role(role)
	return c, nil
}

// Create validates in and creates the client. It returns the client and its
// token, which is shown once and cannot be recovered later. by must be an
// active administrator (FORBIDDEN otherwise); input problems are
// BAD_USER_INPUT on the fields name, organizationId, role, zoneIds, scopes
// and expiresAt; a name already taken (whatever its case) is CONFLICT. The
// creation is audited (ADMIN, with the client after it) in its transaction.
func (s *Service) Create(ctx context.Context, in CreateInput) (Client, string, error) {
	var (
		out   *Client
		token string
	)
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := requireAdmin(ctx, tx, in.CreatedBy, "create API clients"); err != nil {
			return err
		}
		now := s.now()
		v, err := validate(ctx, tx, in, now)
		if err != nil {
			return err
		}
		var hash []byte
		token, hash, err = newToken()
		if err != nil {
			return err
		}
		var zones any // nil: NULL, every zone
		if v.ZoneIDs != nil {
			zones = pgdialect.Array(v.ZoneIDs)
		}
		row := tx.QueryRowContext(ctx, `INSERT INTO api_client
			    (name, organization_id, role, zone_ids, scopes, token_hash, token_prefix, created_by,
			     created_at, updated_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			RETURNING `+columns,
			v.Name, v.OrganizationID, string(v.Role), zones, pgdialect.Array(v.Scopes), hash,
			token[:displayPrefixLen], in.CreatedBy, now, now, v.ExpiresAt)
		out, err = scanClient(row)
		if isUniqueViolation(err, "api_client_name_idx") {
			return apperr.NewConflict(fmt.Sprintf("an API client named %q already exists", v.Name))
		}
		if err != nil {
			return fmt.Errorf("apiclient: create: %w", err)
		}
		return audited(ctx, tx, in.CreatedBy, out.ID, "created "+out.Name, nil)
	})
	if err != nil {
		return Client{}, "", err
	}
	return *out, token, nil
}

// validate checks and normalizes the input of Create.
func validate(ctx context.Context, db bun.IDB, in CreateInput, now time.Time) (CreateInput, error) {
	out := in
	out.Name = strings.TrimSpace(in.Name)
	switch n := utf8.RuneCountInString(out.Name); {
	case !utf8.ValidString(out.Name) || strings.ContainsFunc(out.Name, unicode.IsControl):
		return out, apperr.BadInput("name", "the name has invalid characters")
	case n < 3 || n > 100:
		return out, apperr.BadInput("name", "the name has 3 to 100 characters")
	}

	if in.OrganizationID <= 0 {
		return out, apperr.BadInput("organizationId", "the organization is required")
	}
	var found bool
	if err := db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM organization WHERE id = ?)`, in.OrganizationID).
		Scan(&found); err != nil {
		return out, fmt.Errorf("apiclient: check organization: %w", err)
	}
	if !found {
		return out, apperr.BadInput("organizationId", "unknown organization")
	}

	switch {
	case in.Role == authz.RoleAdmin || in.Role == authz.RoleDPO:
		return out, apperr.BadInput("role", "an API client cannot act as %s: administration and the audit trail are only for operators who sign in", in.Role)
	case !slices.Contains(authz.Roles, in.Role):
		return out, apperr.BadInput("role", "unknown role; one of FRONT_DESK, SOCIAL_WORKER, ZONE_MANAGER, PROVIDER, ANALYST")
	}

	if in.ZoneIDs != nil {
		if len(in.ZoneIDs) == 0 {
			return out, apperr.BadInput("zoneIds", "list at least one zone, or leave the zones out for every zone")
		}
		if len(in.ZoneIDs) > maxZones {
			return out, apperr.BadInput("zoneIds", "at most %d zones", maxZones)
		}
		zones := slices.Clone(in.ZoneIDs)
		slices.Sort(zones)
		zones = slices.Compact(zones)
		var n int
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM zone WHERE id = ANY(?::int[])`, pgdialect.Array(zones)).
			Scan(&n); err != nil {
			return out, fmt.Errorf("apiclient: check zones: %w", err)
		}
		if n != len(zones) {
			return out, apperr.BadInput("zoneIds", "unknown zone")
		}
		out.ZoneIDs = zones
	}

	if len(in.Scopes) == 0 {
		return out, apperr.BadInput("scopes", "give at least one scope")
	}
	for _, sc := range in.Scopes {
		if !KnownScope(sc) {
			if len(sc) > 40 {
				sc = sc[:40] + "…"
			}
			return out, apperr.BadInput("scopes", "unknown scope %q", strings.ToValidUTF8(sc, "?"))
		}
	}
	out.Scopes = NewScope(in.Scopes).Names()

	if in.ExpiresAt.IsZero() {
		return out, apperr.BadInput("expiresAt", "the expiry is required")
	}
	out.ExpiresAt = in.ExpiresAt.Truncate(time.Microsecond)
	if !out.ExpiresAt.After(now) {
		return out, apperr.BadInput("expiresAt", "the expiry must be in the future")
	}
	if out.ExpiresAt.After(now.AddDate(MaxLifetimeYears, 0, 0)) {
		return out, apperr.BadInput("expiresAt", "the expiry is at most %d years ahead", MaxLifetimeYears)
	}
	return out, nil
}

// requireAdmin fails with FORBIDDEN unless operatorID is an active operator
// holding ADMIN.
func requireAdmin(ctx context.Context, db bun.IDB, operatorID int64, what string) error {
	var ok bool
	if operatorID > 0 {
		if err := db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM operator o
			JOIN operator_role r ON r.operator_id = o.id
			WHERE o.id = ? AND o.active AND r.role = 'ADMIN')`, operatorID).Scan(&ok); err != nil {
			return fmt.Errorf("apiclient: check administrator: %w", err)
		}
	}
	if !ok {
		return apperr.NewForbidden(PolicyAdmin, "only administrators may "+what)
	}
	return nil
}

func isUniqueViolation(err error, constraint string) bool {
	var pg *pgconn.PgError
	return errors.As(err, &pg) && pg.Code == "23505" && pg.ConstraintName == constraint
}

// Revoke revokes the client at once: its token fails from the next request
// on. by must be an active administrator (FORBIDDEN otherwise); an unknown
// client is NOT_FOUND and one revoked already is CONFLICT.
func (s *Service) Revoke(ctx context.Context, id, by int64) error {
	return s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := requireAdmin(ctx, tx, by, "revoke API clients"); err != nil {
			return err
		}
		var revoked bool
		err := tx.QueryRowContext(ctx, `SELECT revoked_at IS NOT NULL FROM api_client WHERE id = ? FOR UPDATE`, id).
			Scan(&revoked)
		if errors.Is(err, sql.ErrNoRows) {
			return apperr.NewNotFound("API client")
		}
		if err != nil {
			return fmt.Errorf("apiclient: revoke: %w", err)
		}
		if revoked {
			return apperr.NewConflict("the API client is already revoked")
		}
		before, err := snapshot(ctx, tx, id)
		if err != nil {
			return err
		}
		now := s.now()
		if _, err := tx.ExecContext(ctx, `UPDATE api_client
			SET revoked_at = ?, revoked_by = ?, updated_at = ?, version = version + 1 WHERE id = ?`,
			now, by, now, id); err != nil {
			return fmt.Errorf("apiclient: revoke: %w", err)
		}
		return audited(ctx, tx, by, id, "revoked", before)
	})
}

// Authenticate returns the client whose token this is, or ErrInvalidToken
// when the token is malformed (refused without a query), unknown, revoked or
// expired. It records the use, writing last_used_at at most once a minute.
func (s *Service) Authenticate(ctx context.Context, token string) (*Client, error) {
	hash, ok := hashToken(token)
	if !ok {
		return nil, ErrInvalidToken
	}
	now := s.now()
	c, err := scanClient(s.DB.QueryRowContext(ctx, `SELECT `+columns+` FROM api_client
		WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > ?::timestamptz`, hash, now))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrInvalidToken
	}
	if err != nil {
		return nil, fmt.Errorf("apiclient: authenticate: %w", err)
	}
	if c.LastUsedAt == nil || now.Sub(*c.LastUsedAt) > touchInterval {
		// The condition keeps last_used_at from moving backwards when
		// requests race.
		if _, err := s.DB.ExecContext(ctx, `UPDATE api_client SET last_used_at = ?
			WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?::timestamptz)`, now, c.ID, now); err != nil {
			return nil, fmt.Errorf("apiclient: record use: %w", err)
		}
		c.LastUsedAt = &now
	}
	return c, nil
}

// Get returns the client with id, or NOT_FOUND. The caller checks that the
// viewer is an administrator.
func (s *Service) Get(ctx context.Context, id int64) (*Client, error) {
	c, err := scanClient(s.DB.QueryRowContext(ctx, `SELECT `+columns+` FROM api_client WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperr.NewNotFound("API client")
	}
	if err != nil {
		return nil, fmt.Errorf("apiclient: get: %w", err)
	}
	return c, nil
}

// List returns the most recently created clients, revoked and expired ones
// included, at most limit (DefaultListLimit when limit <= 0, never more than
// MaxListLimit). It never returns token hashes. The caller checks that the
// viewer is an administrator.
func (s *Service) List(ctx context.Context, limit int) ([]*Client, error) {
	if limit <= 0 {
		limit = DefaultListLimit
	}
	limit = min(limit, MaxListLimit)
	rows, err := s.DB.QueryContext(ctx, `SELECT `+columns+` FROM api_client ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("apiclient: list: %w", err)
	}
	defer func() { _ = rows.Close() }()
	var out []*Client
	for rows.Next() {
		c, err := scanClient(rows)
		if err != nil {
			return nil, fmt.Errorf("apiclient: list: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("apiclient: list: %w", err)
	}
	return out, nil
}

// Viewer builds the viewer a request authenticated as c runs as, and the
// client's scope set. The viewer has no operator (OperatorID 0, so no
// case-team or emergency relationship can ever match), ClientID set, the
// client's organization, and one grant of the client's role per zone (zone
// 0 when the client covers every zone); ScopeAllows narrows every rule to
// the scopes. It returns nil for a nil or revoked client.
func (s *Service) Viewer(c *Client) (*authz.Viewer, Scope) {
	if c == nil || c.ID == 0 || c.RevokedAt != nil {
		return nil, Scope{}
	}
	scope := c.Scope()
	v := &authz.Viewer{
		ClientID:        c.ID,
		ClientName:      c.Name,
		ClientExpiresAt: c.ExpiresAt,
		DisplayName:     c.Name,
		OrganizationID:  c.OrganizationID,
		Scopes:          scope.Names(),
		ScopeAllows:     scope.AllowsRule,
		SessionID:       fmt.Sprintf("api-client:%d", c.ID),
	}
	if c.ZoneIDs == nil {
		v.Grants = []authz.RoleGrant{{Role: c.Role}}
	}
	for _, z := range c.ZoneIDs {
		v.Grants = append(v.Grants, authz.RoleGrant{Role: c.Role, ZoneID: z})
	}
	return v, scope
}

// GlobalID is the client's Relay id in the GraphQL API.
func (c *Client) GlobalID() string { return relay.ID("ApiClient", c.ID) }
