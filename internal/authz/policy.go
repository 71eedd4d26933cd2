package authz

// Tier is the sensitivity of a field (DESIGN.md section 3).
type Tier string

// The tiers, from least to most sensitive, plus the structural ones.
const (
	TierPublic     Tier = "PUBLIC"     // reachable without signing in (signIn)
	TierStructure  Tier = "STRUCTURE"  // connections, edges, payloads: carry no data of their own
	TierSelf       Tier = "SELF"       // the viewer's own account
	TierReference  Tier = "REFERENCE"  // zones, municipalities, offices, organizations, code lists
	TierDirectory  Tier = "DIRECTORY"  // the operators' directory
	TierIdentity   Tier = "IDENTITY"   // names, codice fiscale, birth, sex, citizenship
	TierContact    Tier = "CONTACT"    // residence, domicile, phone, email
	TierSocial     Tier = "SOCIAL"     // accesses, referrals, case and intervention summaries
	TierSensitive  Tier = "SENSITIVE"  // health, assessments, plans, diary, notes, ISEE
	TierAggregate  Tier = "AGGREGATE"  // statistics without identities, small cells suppressed
	TierAudit      Tier = "AUDIT"      // who read or changed what
	TierRestricted Tier = "RESTRICTED" // administration
)

// Guard is what a field decision needs to know about the object that holds
// the field: the viewer's relationships to its citizen (computed with the
// row) and the attributes some rules look at.
type Guard struct {
	// CitizenID is the citizen the object belongs to (0 for none), for the
	// audit trail of reads.
	CitizenID        int64
	Rel              Rel
	ProtectedAddress bool
	// ProviderOrgID is the organization delivering an intervention.
	ProviderOrgID int64
	// Confidential marks a confidential diary entry.
	Confidential bool
}

// Guarded is implemented by every object whose fields are decided per row.
type Guarded interface {
	AuthzGuard() *Guard
}

// PolicyPasswordChange names the FORBIDDEN answer to an operator who must
// change the password an administrator gave them (Viewer.MustChangePassword)
// and asks for anything but the root fields of BeforePasswordChange.
const PolicyPasswordChange = "password.change-required"

// BeforePasswordChange are the root fields (Type.field) an operator who
// must change their password may use, with the fields beneath them (but not
// Viewer.operator).
var BeforePasswordChange = []string{"Query.viewer", "Mutation.changePassword", "Mutation.signOut", "Mutation.signIn"}

// Rule is a named read policy. Rules are immutable values declared once.
type Rule struct {
	Name  string
	Tier  Tier
	Doc   string
	Guard bool // the rule needs the parent object's Guard
	allow func(v *Viewer, g *Guard) bool
}

// Allows reports whether v may read a field under r of an object with g.
// A nil viewer is allowed only public fields; a rule that needs a guard
// denies when none is given (fail closed).
func (r *Rule) Allows(v *Viewer, g *Guard) bool {
	if r == nil {
		return false
	}
	if r.Tier == TierPublic {
		return true
	}
	if v == nil {
		return false
	}
	if r.Guard && g == nil {
		return false
	}
	if v.ScopeAllows != nil && !v.ScopeAllows(r.Name) {
		return false
	}
	return r.allow(v, g)
}

func always(*Viewer, *Guard) bool { return true }

func relAny(mask Rel) func(*Viewer, *Guard) bool {
	return func(_ *Viewer, g *Guard) bool { return g.Rel.Any(mask) }
}

// The relationship sets of the matrix.
const (
	careRels      = RelCaseTeam | RelGrant | RelEmergency
	identityRels  = RelZone | careRels
	caseRels      = RelZoneSocialWorker | RelZoneManager | careRels
	protectedRels = RelCaseTeam | RelEmergency
)

// The rules of DESIGN.md section 3. Each field of the schema names one of
// them in Fields.
var (
	Public    = &Rule{Name: "public", Tier: TierPublic, Doc: "anyone, signed in or not", allow: always}
	Structure = &Rule{Name: "structure", Tier: TierStructure,
		Doc: "structural field: the rows it carries were filtered already", allow: always}
	Self      = &Rule{Name: "self", Tier: TierSelf, Doc: "the signed-in viewer's own account", allow: always}
	Reference = &Rule{Name: "reference", Tier: TierReference,
		Doc: "every signed-in operator or API client", allow: always}
	Directory = &Rule{Name: "directory", Tier: TierDirectory,
		Doc: "every signed-in operator or API client (colleagues' names, roles and offices)", allow: always}
	Identity = &Rule{Name: "identity", Tier: TierIdentity, Guard: true,
		Doc:   "ZONE (front desk, social worker, zone manager), CASE_TEAM, GRANT, EMERGENCY",
		allow: relAny(identityRels)}
	IdentityProvider = &Rule{Name: "identity.provider", Tier: TierIdentity, Guard: true,
		Doc:   "as identity, and PROVIDER_LINK (names and birth date for delivery)",
		allow: relAny(identityRels | RelProviderLink)}
	Contact = &Rule{Name: "contact", Tier: TierContact, Guard: true,
		Doc: "ZONE, CASE_TEAM, GRANT, EMERGENCY; a protected address only CASE_TEAM and EMERGENCY",
		allow: func(_ *Viewer, g *Guard) bool {
			if g.ProtectedAddress {
				return g.Rel.Any(protectedRels)
			}
			return g.Rel.Any(identityRels)
		}}
	ContactProvider = &Rule{Name: "contact.provider", Tier: TierContact, Guard: true,
		Doc: "as contact, and PROVIDER_LINK for what delivery needs (address, phone) unless protected",
		allow: func(_ *Viewer, g *Guard) bool {
			if g.ProtectedAddress {
				return g.Rel.Any(protectedRels)
			}
			return g.Rel.Any(identityRels | RelProviderLink)
		}}
	SocialAccess = &Rule{Name: "social.access", Tier: TierSocial, Guard: true,
		Doc:   "accesses: ZONE (front desk, social worker, zone manager), CASE_TEAM, GRANT, EMERGENCY",
		allow: relAny(identityRels)}
	SocialCaseExistence = &Rule{Name: "social.case.existence", Tier: TierSocial, Guard: true,
		Doc:   "that a case exists and its responsible worker: ZONE (all zone roles), CASE_TEAM, GRANT, EMERGENCY",
		allow: relAny(identityRels)}
	SocialCase = &Rule{Name: "social.case", Tier: TierSocial, Guard: true,
		Doc:   "case summary: ZONE (social worker, zone manager), CASE_TEAM, GRANT, EMERGENCY",
		allow: relAny(caseRels)}
	SocialIntervention = &Rule{Name: "social.intervention", Tier: TierSocial, Guard: true,
		Doc: "interventions: ZONE (social worker, zone manager), CASE_TEAM, GRANT, EMERGENCY; PROVIDER_LINK for their own organization's",
		allow: func(v *Viewer, g *Guard) bool {
			if g.Rel.Any(caseRels) {
				return true
			}
			return g.Rel.Any(RelProviderLink) && g.ProviderOrgID != 0 && g.ProviderOrgID == v.OrganizationID
		}}
	SocialInterventionList = &Rule{Name: "social.intervention.list", Tier: TierSocial, Guard: true,
		Doc:   "the list of a citizen's interventions: as social.intervention; a provider sees only its own organization's rows",
		allow: relAny(caseRels | RelProviderLink)}
	Sensitive = &Rule{Name: "sensitive", Tier: TierSensitive, Guard: true,
		Doc:   "CASE_TEAM, GRANT, EMERGENCY only",
		allow: relAny(careRels)}
	SensitiveDiary = &Rule{Name: "sensitive.diary", Tier: TierSensitive, Guard: true,
		Doc: "diary text: CASE_TEAM, GRANT, EMERGENCY; a confidential entry CASE_TEAM and EMERGENCY only",
		allow: func(_ *Viewer, g *Guard) bool {
			if g.Confidential {
				return g.Rel.Any(protectedRels)
			}
			return g.Rel.Any(careRels)
		}}
	DeliveryRecord = &Rule{Name: "delivery", Tier: TierSocial, Guard: true,
		Doc: "delivery records (kind, date, hours): as social.intervention",
		allow: func(v *Viewer, g *Guard) bool {
			return SocialIntervention.allow(v, g) || g.Rel.Any(careRels)
		}}
	Intake = &Rule{Name: "intake", Tier: TierIdentity,
		Doc: "front-desk operators and social workers, to recognize a person already registered (names, birth date, municipality; audited)",
		allow: func(v *Viewer, _ *Guard) bool {
			return !v.IsClient() && (v.Has(RoleFrontDesk) || v.Has(RoleSocialWorker))
		}}
	Aggregates = &Rule{Name: "statistics", Tier: TierAggregate,
		Doc:   "analysts (every zone) and zone managers (their zones); API clients attached to those roles with statistics:read",
		allow: func(v *Viewer, _ *Guard) bool { return v.Has(RoleAnalyst) || v.Has(RoleZoneManager) }}
	Monitoring = &Rule{Name: "monitoring", Tier: TierAggregate,
		Doc: "coverage, overlaps and staffing: analysts (every zone), zone managers and social workers (their zones); the lists inside show only the citizens the viewer may see",
		allow: func(v *Viewer, _ *Guard) bool {
			return !v.IsClient() && (v.Has(RoleAnalyst) || v.Has(RoleZoneManager) || v.Has(RoleSocialWorker))
		}}
	AuditRow = &Rule{Name: "audit", Tier: TierAudit,
		Doc:   "audit records: the rows are already limited to the DPO (all), the zone manager (their zones) and the actor (their own); never API clients",
		allow: func(v *Viewer, _ *Guard) bool { return !v.IsClient() }}
	DPOOnly = &Rule{Name: "audit.dpo", Tier: TierAudit,
		Doc:   "the data protection officer only (the audit trail of a citizen)",
		allow: func(v *Viewer, _ *Guard) bool { return !v.IsClient() && v.Has(RoleDPO) }}
	AdminAudit = &Rule{Name: "audit.admin", Tier: TierAudit,
		Doc:   "administration events (operators and API clients created, changed, deactivated): administrators and the data protection officer; never API clients",
		allow: func(v *Viewer, _ *Guard) bool { return !v.IsClient() && (v.Has(RoleAdmin) || v.Has(RoleDPO)) }}
	Restricted = &Rule{Name: "restricted", Tier: TierRestricted,
		Doc:   "administrators only",
		allow: func(v *Viewer, _ *Guard) bool { return v.Has(RoleAdmin) }}
)

// Unlisted is the decision for a field that has no policy: denied.
var Unlisted = &Rule{Name: "unlisted", Tier: TierRestricted,
	Doc: "a field without a policy: denied to everyone", allow: func(*Viewer, *Guard) bool { return false }}
