package authz

import (
	"fmt"
	"slices"
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
	terms := relTerms(v)
	if len(terms) == 0 {
		return "0", nil
	}
	parts := make([]string, len(terms))
	var args []any
	for i, t := range terms {
		cond, a := t.sql(citizenCol, false)
		parts[i] = fmt.Sprintf("(CASE WHEN %s THEN %d ELSE 0 END)", cond, int(t.bit))
		args = append(args, a...)
	}
	return "(" + strings.Join(parts, " + ") + ")", args
}

// AnyRelSQL returns a SQL condition, with its arguments, that holds when
// the viewer has any relationship of mask to the citizen in citizenCol,
// the same as (RelSQL & mask) <> 0, written for filtering many rows before
// their relationship is computed: it stops at the first relationship that
// holds, and the viewer's own small sets (their case teams, grants,
// referrals to their offices, emergencies, a provider's people) are read
// once per statement rather than probed for every row; only the zone,
// which holds most citizens, is probed row by row.
func AnyRelSQL(v *Viewer, citizenCol string, mask Rel) (string, []any) {
	var parts []string
	var args []any
	for _, t := range relTerms(v) {
		if t.bit&mask != 0 {
			cond, a := t.sql(citizenCol, true)
			parts = append(parts, cond)
			args = append(args, a...)
		}
	}
	if len(parts) == 0 {
		return "false", nil
	}
	return "(" + strings.Join(parts, " OR ") + ")", args
}

// CitizenSets is the viewer's relationships of a mask as sets of citizens,
// for a query that starts from the citizens a relationship names instead of
// testing the relationship on every row it finds (the search by name, whose
// matches come from tables that carry the names: citizen_search zone by
// zone, referral_search). A citizen has a relationship of the mask exactly
// when AnyRelSQL with the same mask holds for it, that is when it is
//   - the citizen of a citizen_zone row of Zones (of any zone when AllZones),
//   - one of the ids that a query of Named yields (with its search_name), or
//   - one of the ids that Small yields.
type CitizenSets struct {
	AllZones bool
	Zones    []int // sorted, without duplicates; empty when AllZones
	// Named are SELECTs of two columns, the citizen's id and search_name
	// (citizen_search and referral_search, migration 0013, keep it).
	Named []SetQuery
	// Small is a SELECT of one column, the citizen's id, or "" when the
	// viewer has no such set; its placeholders' values are SmallArgs.
	Small     string
	SmallArgs []any
}

// SetQuery is a SELECT with bun placeholders and their values.
type SetQuery struct {
	SQL  string
	Args []any
}

// Empty reports whether no citizen is in the sets.
func (s CitizenSets) Empty() bool {
	return !s.AllZones && len(s.Zones) == 0 && len(s.Named) == 0 && s.Small == ""
}

// ZonesArray is Zones as one bind parameter (an int[] literal).
func (s CitizenSets) ZonesArray() string { return intArray(s.Zones) }

// CitizenSetsOf returns the sets of the relationships of mask that v can
// have: the same sources as AnyRelSQL(v, col, mask), the zones merged.
func CitizenSetsOf(v *Viewer, mask Rel) CitizenSets {
	var out CitizenSets
	var small, seen []string
	for _, t := range relTerms(v) {
		if t.bit&mask == 0 {
			continue
		}
		for _, src := range t.sources {
			switch {
			case src.allZones:
				out.AllZones = true
				continue
			case src.zones != nil:
				for _, z := range src.zones {
					if !slices.Contains(out.Zones, z) {
						out.Zones = append(out.Zones, z)
					}
				}
				continue
			case src.perRow:
				// Every perRow source is a zone's; a new one must say
				// which rows it reads before it can be a set.
				panic("authz: a per-row relationship source without its zones")
			}
			// The referrals to the viewer's offices are a source of each
			// zone role's term: one query is enough.
			k := fmt.Sprintf("%s %s %#v", src.from, src.cond, src.args)
			if slices.Contains(seen, k) {
				continue
			}
			seen = append(seen, k)
			if src.named != "" {
				alias := src.named[strings.LastIndexByte(src.named, ' ')+1:]
				out.Named = append(out.Named, SetQuery{
					SQL:  fmt.Sprintf("SELECT %s, %s.search_name FROM %s WHERE %s", src.key, alias, src.named, src.cond),
					Args: src.args,
				})
				continue
			}
			small = append(small, fmt.Sprintf("SELECT %s FROM %s WHERE %s", src.key, src.from, src.cond))
			out.SmallArgs = append(out.SmallArgs, src.args...)
		}
	}
	if out.AllZones {
		out.Zones = nil
	}
	slices.Sort(out.Zones)
	out.Small = strings.Join(small, " UNION ")
	return out
}

// relTerm is one relationship: it holds when any of its sources has a row
// for the citizen.
type relTerm struct {
	bit     Rel
	sources []relSource
}

// relSource is a table whose rows, under a condition on the viewer, name
// the citizens of a relationship: FROM from WHERE key = <citizen> AND cond.
type relSource struct {
	from, key, cond string
	args            []any
	// perRow: the rows are many (a zone's citizens), so the source is
	// always probed per citizen, never read whole.
	perRow bool
	// zones and allZones say which citizen_zone rows a perRow source
	// reads (those of zones, or every row), for CitizenSetsOf.
	zones    []int
	allZones bool
	// named, when set, is a table with the same alias whose rows are
	// those of from, with the columns cond reads and the citizen's
	// search_name: CitizenSetsOf reads the names there.
	named string
}

// sql renders the term for citizenCol: as correlated EXISTS, or (asSets)
// with the viewer's small sets as uncorrelated IN lists.
func (t relTerm) sql(citizenCol string, asSets bool) (string, []any) {
	parts := make([]string, len(t.sources))
	var args []any
	for i, src := range t.sources {
		if asSets && !src.perRow {
			parts[i] = fmt.Sprintf("%s IN (SELECT %s FROM %s WHERE %s)", citizenCol, src.key, src.from, src.cond)
		} else {
			parts[i] = fmt.Sprintf("EXISTS (SELECT 1 FROM %s WHERE %s = %s AND %s)", src.from, src.key, citizenCol, src.cond)
		}
		args = append(args, src.args...)
	}
	return "(" + strings.Join(parts, " OR ") + ")", args
}

// relTerms returns the relationships the viewer can have, in bit order.
func relTerms(v *Viewer) []relTerm {
	if v == nil || (v.OperatorID == 0 && v.ClientID == 0) {
		return nil
	}
	var terms []relTerm
	add := func(bit Rel, sources ...relSource) { terms = append(terms, relTerm{bit: bit, sources: sources}) }
	// A referral addressed to one of the viewer's offices (still open or
	// accepted) brings the citizen to the receiving office as if to its zone.
	var referred []relSource
	if v.OperatorID != 0 && len(v.OfficeIDs) > 0 {
		// referral_search (migration 0013) is referral's rows with the
		// citizen's name: cond must only read columns it copies.
		referred = []relSource{{from: "referral rr", key: "rr.citizen_id",
			cond: "rr.to_office_id = ANY(?::bigint[]) AND rr.status IN ('PROPOSED', 'SEEN', 'ACCEPTED')",
			args: []any{int64Array(v.OfficeIDs)}, named: "referral_search rr"}}
	}
	zoneTerm := func(role Role, bit Rel) {
		zones, all := v.ZonesFor(role)
		switch {
		case all:
			add(bit, relSource{from: "citizen_zone cz", key: "cz.citizen_id", cond: "true", perRow: true, allZones: true})
		case len(zones) > 0:
			add(bit, append([]relSource{{from: "citizen_zone cz", key: "cz.citizen_id", cond: "cz.zone_id = ANY(?::int[])",
				args: []any{intArray(zones)}, perRow: true, zones: zones}}, referred...)...)
		}
	}
	zoneTerm(RoleFrontDesk, RelZoneFrontDesk)
	zoneTerm(RoleSocialWorker, RelZoneSocialWorker)
	zoneTerm(RoleZoneManager, RelZoneManager)
	operator := v.OperatorID != 0 // API clients have no personal relationships
	if operator && (v.Has(RoleSocialWorker) || v.Has(RoleZoneManager) || v.Has(RoleFrontDesk) || v.Has(RoleProvider)) {
		add(RelCaseTeam, relSource{from: "case_member m", key: "m.citizen_id",
			cond: "m.operator_id = ? AND m.valid_from <= current_date AND (m.valid_to IS NULL OR m.valid_to >= current_date)",
			args: []any{v.OperatorID}})
	}
	if v.Has(RoleProvider) && v.OrganizationID != 0 {
		add(RelProviderLink,
			relSource{from: "intervention i", key: "i.citizen_id",
				cond: "i.provider_organization_id = ? AND i.status IN ('AUTHORIZED', 'ACTIVE')", args: []any{v.OrganizationID}},
			relSource{from: "referral r", key: "r.citizen_id",
				cond: "r.to_organization_id = ? AND r.status = 'ACCEPTED'", args: []any{v.OrganizationID}})
	}
	if operator && (len(v.OfficeIDs) > 0 || v.OrganizationID != 0) {
		add(RelGrant, relSource{from: "case_grant g", key: "g.citizen_id",
			cond: `g.revoked_at IS NULL AND now() >= g.valid_from AND now() < g.valid_to
			AND (g.grantee_office_id = ANY(?::bigint[]) OR g.grantee_organization_id = ?)`,
			args: []any{int64Array(v.OfficeIDs), v.OrganizationID}})
	}
	if operator && (v.Has(RoleSocialWorker) || v.Has(RoleZoneManager) || v.Has(RoleFrontDesk)) {
		add(RelEmergency, relSource{from: "emergency_access e", key: "e.citizen_id",
			cond: "e.operator_id = ? AND now() < e.expires_at", args: []any{v.OperatorID}})
	}
	return terms
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
