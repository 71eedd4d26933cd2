package authz

import (
	"fmt"
	"strings"
)

// Rel is the set of relationships of the viewer to one citizen, computed in
// SQL together with the row (see RelSQL). The zone relationship is split by
// the role that holds the zone, because the roles read different tiers.
type Rel uint16

// The relationships of DESIGN.md section 3.
const (
	// RelZoneFrontDesk: the citizen is linked to a zone where the viewer is FRONT_DESK.
	RelZoneFrontDesk Rel = 1 << iota
	// RelZoneSocialWorker: … where the viewer is SOCIAL_WORKER.
	RelZoneSocialWorker
	// RelZoneManager: … where the viewer is ZONE_MANAGER.
	RelZoneManager
	// RelCaseTeam: the viewer is a current member of a case of the citizen.
	RelCaseTeam
	// RelProviderLink: the viewer's organization delivers an authorized or
	// active intervention to the citizen or accepted a referral of them.
	RelProviderLink
	// RelGrant: a current grant covers the viewer's office or organization.
	RelGrant
	// RelEmergency: the viewer declared an emergency access that is running.
	RelEmergency
)

// RelZone is any zone relationship.
const RelZone = RelZoneFrontDesk | RelZoneSocialWorker | RelZoneManager

// relNames names each bit, for errors and documents.
var relNames = []struct {
	bit  Rel
	name string
}{
	{RelZoneFrontDesk, "ZONE(FRONT_DESK)"},
	{RelZoneSocialWorker, "ZONE(SOCIAL_WORKER)"},
	{RelZoneManager, "ZONE(ZONE_MANAGER)"},
	{RelCaseTeam, "CASE_TEAM"},
	{RelProviderLink, "PROVIDER_LINK"},
	{RelGrant, "GRANT"},
	{RelEmergency, "EMERGENCY"},
}

// Any reports whether r has any relationship of mask.
func (r Rel) Any(mask Rel) bool { return r&mask != 0 }

func (r Rel) String() string {
	var parts []string
	for _, n := range relNames {
		if r&n.bit != 0 {
			parts = append(parts, n.name)
		}
	}
	if len(parts) == 0 {
		return "NONE"
	}
	return strings.Join(parts, "|")
}

// RelSQL returns a SQL expression, with bun placeholders and their
// arguments, that evaluates to the viewer's Rel for the citizen whose id is
// in citizenCol (a trusted column reference such as "c.id"). A citizen whose
// expression is 0 does not exist for the viewer. Only the relationships the
// viewer can have are emitted, so regional roles get a constant 0.
func RelSQL(v *Viewer, citizenCol string) (string, []any) {
	if v == nil || (v.OperatorID == 0 && v.ClientID == 0) {
		return "0", nil
	}
	var terms []string
	var args []any
	add := func(bit Rel, cond string, a ...any) {
		terms = append(terms, fmt.Sprintf("(CASE WHEN %s THEN %d ELSE 0 END)", cond, int(bit)))
		args = append(args, a...)
	}
	// A referral addressed to one of the viewer's offices (still open or
	// accepted) brings the citizen to the receiving office as if to its zone.
	referred := ""
	var referredArgs []any
	if v.OperatorID != 0 && len(v.OfficeIDs) > 0 {
		referred = fmt.Sprintf(` OR EXISTS (SELECT 1 FROM referral rr WHERE rr.citizen_id = %s
			AND rr.to_office_id = ANY(?::bigint[]) AND rr.status IN ('PROPOSED', 'SEEN', 'ACCEPTED'))`, citizenCol)
		referredArgs = []any{int64Array(v.OfficeIDs)}
	}
	zoneTerm := func(role Role, bit Rel) {
		zones, all := v.ZonesFor(role)
		switch {
		case all:
			add(bit, fmt.Sprintf("EXISTS (SELECT 1 FROM citizen_zone cz WHERE cz.citizen_id = %s)", citizenCol))
		case len(zones) > 0:
			add(bit, fmt.Sprintf("(EXISTS (SELECT 1 FROM citizen_zone cz WHERE cz.citizen_id = %s AND cz.zone_id = ANY(?::int[]))%s)", citizenCol, referred),
				append([]any{intArray(zones)}, referredArgs...)...)
		}
	}
	zoneTerm(RoleFrontDesk, RelZoneFrontDesk)
	zoneTerm(RoleSocialWorker, RelZoneSocialWorker)
	zoneTerm(RoleZoneManager, RelZoneManager)
	operator := v.OperatorID != 0 // API clients have no personal relationships
	if operator && (v.Has(RoleSocialWorker) || v.Has(RoleZoneManager) || v.Has(RoleFrontDesk) || v.Has(RoleProvider)) {
		add(RelCaseTeam, fmt.Sprintf(`EXISTS (SELECT 1 FROM case_member m WHERE m.citizen_id = %s AND m.operator_id = ?
			AND m.valid_from <= current_date AND (m.valid_to IS NULL OR m.valid_to >= current_date))`, citizenCol), v.OperatorID)
	}
	if v.Has(RoleProvider) && v.OrganizationID != 0 {
		add(RelProviderLink, fmt.Sprintf(`(EXISTS (SELECT 1 FROM intervention i WHERE i.citizen_id = %[1]s
			AND i.provider_organization_id = ? AND i.status IN ('AUTHORIZED', 'ACTIVE'))
			OR EXISTS (SELECT 1 FROM referral r WHERE r.citizen_id = %[1]s AND r.to_organization_id = ? AND r.status = 'ACCEPTED'))`, citizenCol),
			v.OrganizationID, v.OrganizationID)
	}
	if operator && (len(v.OfficeIDs) > 0 || v.OrganizationID != 0) {
		add(RelGrant, fmt.Sprintf(`EXISTS (SELECT 1 FROM case_grant g WHERE g.citizen_id = %s AND g.revoked_at IS NULL
			AND now() >= g.valid_from AND now() < g.valid_to
			AND (g.grantee_office_id = ANY(?::bigint[]) OR g.grantee_organization_id = ?))`, citizenCol),
			int64Array(v.OfficeIDs), v.OrganizationID)
	}
	if operator && (v.Has(RoleSocialWorker) || v.Has(RoleZoneManager) || v.Has(RoleFrontDesk)) {
		add(RelEmergency, fmt.Sprintf(`EXISTS (SELECT 1 FROM emergency_access e WHERE e.citizen_id = %s
			AND e.operator_id = ? AND now() < e.expires_at)`, citizenCol), v.OperatorID)
	}
	if len(terms) == 0 {
		return "0", nil
	}
	return "(" + strings.Join(terms, " + ") + ")", args
}

// intArray and int64Array render Go slices as PostgreSQL array literals so
// that they bind as one parameter whatever their length.
func intArray(xs []int) string { return arrayLiteral(xs) }

func int64Array(xs []int64) string { return arrayLiteral(xs) }

func arrayLiteral[T int | int64](xs []T) string {
	var b strings.Builder
	b.WriteByte('{')
	for i, x := range xs {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%d", x)
	}
	b.WriteByte('}')
	return b.String()
}

// ZoneRelSQL is RelSQL for rows that belong to a zone but to no citizen
// (anonymous accesses): only the zone relationships apply.
func ZoneRelSQL(v *Viewer, zoneCol string) (string, []any) {
	if v == nil || (v.OperatorID == 0 && v.ClientID == 0) {
		return "0", nil
	}
	var terms []string
	var args []any
	for _, zr := range []struct {
		role Role
		bit  Rel
	}{{RoleFrontDesk, RelZoneFrontDesk}, {RoleSocialWorker, RelZoneSocialWorker}, {RoleZoneManager, RelZoneManager}} {
		zones, all := v.ZonesFor(zr.role)
		switch {
		case all:
			terms = append(terms, fmt.Sprintf("%d", int(zr.bit)))
		case len(zones) > 0:
			terms = append(terms, fmt.Sprintf("(CASE WHEN %s = ANY(?::int[]) THEN %d ELSE 0 END)", zoneCol, int(zr.bit)))
			args = append(args, intArray(zones))
		}
	}
	if len(terms) == 0 {
		return "0", nil
	}
	return "(" + strings.Join(terms, " + ") + ")", args
}

// Row visibility: which relationships make a row of each kind exist for
// the viewer (rule 2 of DESIGN.md section 3: rows first, then fields).
const (
	// RowsCitizen: a citizen exists for the zone roles, the case team,
	// grants, emergencies and linked providers.
	RowsCitizen = identityRels | RelProviderLink
	// RowsSocial: accesses, referrals, cases (their existence), relations
	// and consents.
	RowsSocial = identityRels
	// RowsCase: a case's team, history, grants and interventions.
	RowsCase = caseRels
	// RowsCare: assessments, plans and the diary.
	RowsCare = careRels
)

// Filters are no oracle (DESIGN.md section 3, rule 4): a list filtered,
// searched or sorted on a field keeps only the rows where the viewer may
// read that field. These are the relationship sets of the fields citizen
// lists filter on.
const (
	// ReadsFiscalCode: the codice fiscale and the other identity fields
	// (not the provider's names-only view).
	ReadsFiscalCode = identityRels
	// ReadsResidence: the residence of a citizen without a protected address.
	ReadsResidence = identityRels | RelProviderLink
	// ReadsProtectedResidence: the residence of one with a protected address.
	ReadsProtectedResidence = protectedRels
)

// ScopeAdmits reports whether an API client's scopes admit the named rule
// (always true for operators).
func (v *Viewer) ScopeAdmits(rule string) bool {
	return v == nil || v.ScopeAllows == nil || v.ScopeAllows(rule)
}
