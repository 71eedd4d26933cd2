package store

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/authz"
	"github.com/siso-project/siso/internal/relay"
)

// EmergencyAccess is a declared break-the-glass access.
type EmergencyAccess struct {
	bun.BaseModel `bun:"table:emergency_access,alias:ea"`

	ID         int64     `bun:"id,pk,autoincrement"`
	OperatorID int64     `bun:"operator_id"`
	CitizenID  int64     `bun:"citizen_id"`
	ZoneID     *int      `bun:"zone_id"`
	Reason     string    `bun:"reason"`
	StartedAt  time.Time `bun:"started_at"`
	ExpiresAt  time.Time `bun:"expires_at"`

	RowMeta
}

// GlobalID is the Relay id.
func (e *EmergencyAccess) GlobalID() string { return relay.ID("EmergencyAccess", e.ID) }

// EmergencyQuery restricts the list of emergency accesses.
type EmergencyQuery struct {
	ZoneID     int
	ActiveOnly bool
}

// emergencyScope: the DPO sees every emergency access, a zone manager
// those of the zones managed, anyone else their own.
func emergencyScope(v *authz.Viewer) Filter {
	if v.Has(authz.RoleDPO) {
		return Where("true")
	}
	zones, all := v.ZonesFor(authz.RoleZoneManager)
	if all {
		return Where("true")
	}
	if len(zones) > 0 {
		return Where("(t.zone_id IN (?) OR t.operator_id = ?)", bun.In(zones), v.OperatorID)
	}
	return Where("t.operator_id = ?", v.OperatorID)
}

// EmergencyAccesses lists the emergency accesses v may review, newest first.
func (s *Store) EmergencyAccesses(ctx context.Context, v *authz.Viewer, f EmergencyQuery, pg Page) (*Conn[EmergencyAccess], error) {
	if v == nil || v.IsClient() {
		return &Conn[EmergencyAccess]{}, nil
	}
	fs := []Filter{emergencyScope(v)}
	if f.ZoneID != 0 {
		fs = append(fs, Where("t.zone_id = ?", f.ZoneID))
	}
	if f.ActiveOnly {
		fs = append(fs, Where("t.expires_at > now()"))
	}
	spec := ListSpec{Table: "emergency_access", Sort: "t.started_at", SortType: "timestamptz", Desc: true, Rel: "0"}
	m, err := pages[EmergencyAccess](ctx, s.DB, spec, "0", fs, Where("true"), pg)
	if err != nil {
		return nil, err
	}
	return one(m), nil
}

// EmergencyAccessesByIDs loads the emergency accesses v may review by id.
func (s *Store) EmergencyAccessesByIDs(ctx context.Context, v *authz.Viewer, ids []int64) ([]*EmergencyAccess, error) {
	if v == nil || v.IsClient() || len(ids) == 0 {
		return nil, nil
	}
	scope := emergencyScope(v)
	var rows []*EmergencyAccess
	args := append([]any{bun.In(ids)}, scope.Args...)
	err := s.DB.NewRaw(`SELECT t.* FROM emergency_access t WHERE t.id IN (?) AND `+scope.SQL, args...).Scan(ctx, &rows)
	return rows, err
}

// RunningEmergencyByCitizen returns, for each of the citizens, the running
// emergency access v declared for them (the one ending last), if any.
func (s *Store) RunningEmergencyByCitizen(ctx context.Context, v *authz.Viewer, citizenIDs []int64) (map[int64]*EmergencyAccess, error) {
	out := make(map[int64]*EmergencyAccess, len(citizenIDs))
	if v == nil || v.IsClient() || v.OperatorID == 0 || len(citizenIDs) == 0 {
		return out, nil
	}
	var rows []*EmergencyAccess
	err := s.DB.NewRaw(`SELECT DISTINCT ON (t.citizen_id) t.* FROM emergency_access t
		WHERE t.citizen_id IN (?) AND t.operator_id = ? AND t.expires_at > now()
		ORDER BY t.citizen_id, t.expires_at DESC`, bun.In(citizenIDs), v.OperatorID).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("running emergency accesses: %w", err)
	}
	for _, r := range rows {
		out[r.CitizenID] = r
	}
	return out, nil
}
