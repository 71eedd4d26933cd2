package apiclient

import (
	"slices"

	"github.com/siso-project/siso/internal/authz"
)

// The scopes an API client may hold (DESIGN.md section 3). A scope only
// narrows: a client reads a field when the rules of its role allow it (the
// relationship computed exactly as for an operator holding that role in the
// client's zones) and one of its scopes admits the field's rule.
const (
	ScopeCitizensIdentityRead = "citizens:identity:read"
	ScopeCitizensContactRead  = "citizens:contact:read"
	ScopeAccessesRead         = "accesses:read"
	ScopeReferralsRead        = "referrals:read"
	ScopeCasesRead            = "cases:read"
	ScopeInterventionsRead    = "interventions:read"
	ScopeStatisticsRead       = "statistics:read"
	// ScopeReferenceRead is implied: every client reads reference data.
	ScopeReferenceRead = "reference:read"
)

// RuleStatistics is the name of the rule that aggregate (monitoring) fields
// are expected to carry; authz has no such rule yet. ScopeStatisticsRead
// admits it.
const RuleStatistics = "statistics"

// ScopeInfo documents one scope.
type ScopeInfo struct {
	Name        string
	Description string
	// Rules are the authz rule names (authz.Rule.Name) the scope admits.
	Rules []string
}

// impliedRules are admitted for every client whatever its scopes: they
// carry no personal data of citizens (reference data, the operators'
// directory, the client's own account, connection structure).
var impliedRules = []string{
	authz.Public.Name, authz.Structure.Name, authz.Self.Name, authz.Reference.Name, authz.Directory.Name,
}

// catalogue is every scope, in documentation order. No scope admits the
// SENSITIVE tier (sensitive, sensitive.diary), the administration rule
// (restricted) or a field without a policy (unlisted): partners never read
// health, assessments, plans, diaries, notes or ISEE values through the API.
var catalogue = []ScopeInfo{
	{ScopeCitizensIdentityRead,
		"Citizens' identity: names, codice fiscale, birth date and place, sex, citizenship, household and relations; needed to look citizens up (citizen, citizenByFiscalCode, citizens).",
		[]string{authz.Identity.Name, authz.IdentityProvider.Name}},
	{ScopeCitizensContactRead,
		"Citizens' contacts: residence, domicile, phone, email (a protected address stays hidden).",
		[]string{authz.Contact.Name, authz.ContactProvider.Name}},
	{ScopeAccessesRead,
		"Accesses (schede di accesso), their needs and outcomes, and consents.",
		[]string{authz.SocialAccess.Name}},
	{ScopeReferralsRead,
		"Referrals (invii) between offices and organizations.",
		[]string{authz.SocialAccess.Name}},
	{ScopeCasesRead,
		"Case summaries (prese in carico): existence, responsible worker, area, status, team and history.",
		[]string{authz.SocialCaseExistence.Name, authz.SocialCase.Name}},
	{ScopeInterventionsRead,
		"Interventions (type, provider, dates, amounts) and their delivery records.",
		[]string{authz.SocialIntervention.Name, authz.SocialInterventionList.Name, authz.DeliveryRecord.Name}},
	{ScopeStatisticsRead,
		"Aggregate statistics and monitoring (small cells suppressed).",
		[]string{RuleStatistics}},
	{ScopeReferenceRead,
		"Reference data: zones, municipalities, offices, organizations, code lists, the operators' directory. Always implied.",
		impliedRules},
}

// Scopes lists the scope catalogue, for documentation and the admin UI.
func Scopes() []ScopeInfo {
	out := make([]ScopeInfo, len(catalogue))
	for i, s := range catalogue {
		s.Rules = slices.Clone(s.Rules)
		out[i] = s
	}
	return out
}

// KnownScope reports whether name is in the catalogue.
func KnownScope(name string) bool { return scopeBit(name) != 0 }

func scopeBit(name string) uint16 {
	for i, s := range catalogue {
		if s.Name == name {
			return 1 << i
		}
	}
	return 0
}

// Scope is the immutable set of scopes a client holds. The zero Scope holds
// only the implied reference:read. It never allows writing.
type Scope struct{ bits uint16 }

// NewScope returns the set of the given scope names. Names outside the
// catalogue grant nothing (a scope removed from the catalogue is thereby
// withdrawn from existing clients).
func NewScope(names []string) Scope {
	var s Scope
	for _, n := range names {
		s.bits |= scopeBit(n)
	}
	return s
}

// Has reports whether the set holds name (reference:read always).
func (s Scope) Has(name string) bool {
	if name == ScopeReferenceRead {
		return true
	}
	b := scopeBit(name)
	return b != 0 && s.bits&b != 0
}

// Names returns the scope names held, in catalogue order, reference:read
// included only when it was given explicitly.
func (s Scope) Names() []string {
	var out []string
	for i, c := range catalogue {
		if s.bits&(1<<i) != 0 {
			out = append(out, c.Name)
		}
	}
	return out
}

// CanWrite is always false: API clients only read; every mutation is
// refused, whatever the role and the scopes.
func (Scope) CanWrite() bool { return false }

// AllowsRule reports whether a scope of the set admits the authz rule named
// rule. Unknown rules are denied. It is a necessary condition, checked on
// top of the rule itself (authz.Rule.Allows); see AllowsField for the
// finer decision the field middleware should make.
func (s Scope) AllowsRule(rule string) bool {
	if slices.Contains(impliedRules, rule) {
		return true
	}
	for i, c := range catalogue {
		if s.bits&(1<<i) != 0 && slices.Contains(c.Rules, rule) {
			return true
		}
	}
	return false
}

// rootScopes is the scope each root query field needs ("" = none beyond
// the rule of the field). A root field missing here is denied to clients.
// Looking citizens up needs their identity: otherwise the answer (found or
// not) would tell a client without that scope whether a codice fiscale is
// known to the social services (DESIGN.md section 3, rule 4).
var rootScopes = map[string]string{
	"viewer": "", "node": "", "nodes": "",
	"zones": "", "zone": "", "municipalities": "", "offices": "", "organizations": "", "codeLists": "",
	"operators": "",
	"citizen":   ScopeCitizensIdentityRead, "citizenByFiscalCode": ScopeCitizensIdentityRead,
	"citizens":      ScopeCitizensIdentityRead,
	"accesses":      ScopeAccessesRead,
	"referrals":     ScopeReferralsRead,
	"cases":         ScopeCasesRead,
	"interventions": ScopeInterventionsRead,
	"statistics":    ScopeStatisticsRead, "coverage": ScopeStatisticsRead, "overlaps": ScopeStatisticsRead,
	// auditTrail and any other root field: denied.
}

// AllowsField reports whether the set admits reading typ.field whose policy
// is the rule named rule (authz.Fields). It is AllowsRule refined where
// rules do not tell scopes apart:
//
//   - Mutation (and Subscription) fields: never (clients only read).
//   - Query fields: only those in the root table, with the scope each needs.
//   - social.access covers accesses, consents and referrals: Referral fields
//     and every "referrals" list need referrals:read, the others accesses:read.
func (s Scope) AllowsField(typ, field, rule string) bool {
	switch typ {
	case "Mutation", "Subscription":
		return false
	case "Query":
		need, ok := rootScopes[field]
		if !ok || (need != "" && !s.Has(need)) {
			return false
		}
	}
	if rule == authz.SocialAccess.Name {
		if typ == "Referral" || field == "referrals" {
			return s.Has(ScopeReferralsRead)
		}
		return s.Has(ScopeAccessesRead)
	}
	return s.AllowsRule(rule)
}

// AllowsRule reports whether scopes admit the authz rule named rule (see
// Scope.AllowsRule).
func AllowsRule(scopes []string, rule string) bool { return NewScope(scopes).AllowsRule(rule) }

// AllowsField reports whether scopes admit typ.field under rule (see
// Scope.AllowsField).
func AllowsField(scopes []string, typ, field, rule string) bool {
	return NewScope(scopes).AllowsField(typ, field, rule)
}
