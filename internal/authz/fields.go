package authz

import "sort"

// Policies maps "Type.field" of the GraphQL schema to the rule that decides
// it. A field missing from the map is denied to everyone (Unlisted); a test
// fails when the schema has a field that is not listed here.
type Policies map[string]*Rule

// Lookup returns the rule of typ.field, or Unlisted.
func (p Policies) Lookup(typ, field string) (*Rule, bool) {
	r, ok := p[typ+"."+field]
	if !ok {
		return Unlisted, false
	}
	return r, true
}

// Keys returns the listed "Type.field" names in order.
func (p Policies) Keys() []string {
	keys := make([]string, 0, len(p))
	for k := range p {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Without returns a copy of p without the given keys (for tests of the
// deny-by-default behaviour).
func (p Policies) Without(keys ...string) Policies {
	out := make(Policies, len(p))
	for k, v := range p {
		out[k] = v
	}
	for _, k := range keys {
		delete(out, k)
	}
	return out
}

type entry struct {
	typ    string
	rule   *Rule
	fields []string
}

func on(typ string, rule *Rule, fields ...string) entry { return entry{typ, rule, fields} }

func build(entries ...entry) Policies {
	p := Policies{}
	for _, e := range entries {
		for _, f := range e.fields {
			key := e.typ + "." + f
			if _, dup := p[key]; dup {
				panic("authz: duplicate policy for " + key)
			}
			p[key] = e.rule
		}
	}
	return p
}

// connection lists the fields of a Relay connection and its edge type.
func connection(name string) []entry {
	return []entry{
		on(name+"Connection", Structure, "edges", "pageInfo", "totalCount"),
		on(name+"Edge", Structure, "cursor", "node"),
	}
}

func concat(groups ...[]entry) []entry {
	var out []entry
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

// Fields is the policy of every field of the schema: the one place where
// read permissions are written down. Entry points (root fields) admit every
// signed-in viewer; the rows they return are scoped by RelSQL and each field
// of each row is then decided here.
var Fields = build(concat(
	[]entry{
		on("Query", Structure, "viewer", "node", "nodes", "citizen", "citizenByFiscalCode", "citizens",
			"accesses", "cases", "interventions", "referrals"),
		on("Query", Reference, "zones", "zone", "municipalities", "offices", "organizations", "codeLists"),
		on("Query", Directory, "operators"),
		on("Mutation", Public, "signIn", "signOut"),
		on("Mutation", Structure, "createCitizen", "updateCitizen", "linkRelation", "registerAccess",
			"createReferral", "markReferralSeen", "acceptReferral", "rejectReferral",
			"openCase", "addCaseMember", "changeCaseStatus", "closeCase"),
		on("PageInfo", Structure, "hasNextPage", "hasPreviousPage", "startCursor", "endCursor"),
		on("SignInPayload", Public, "viewer"),
		on("SignOutPayload", Public, "signedOut"),
		on("Mutation", Structure, "changePassword"),
		on("ChangePasswordPayload", Self, "viewer"),
		on("CitizenPayload", Structure, "citizen"),
		on("CitizenPayload", Intake, "possibleDuplicates"),
		on("RelationPayload", Structure, "relation"),
		on("AccessPayload", Structure, "access"),
		on("ReferralPayload", Structure, "referral"),
		on("CasePayload", Structure, "case"),

		// Reference data.
		on("Zone", Reference, "id", "code", "name", "leadMunicipality", "municipalities", "offices", "population2011"),
		on("Municipality", Reference, "id", "istatCode", "cadastralCode", "name", "province", "zone",
			"population2011", "membershipConfidence"),
		on("Organization", Reference, "id", "kind", "name", "taxCode", "municipality", "zone",
			"accreditedFrom", "accreditedTo", "accreditedFor", "offices"),
		on("Office", Reference, "id", "kind", "name", "organization", "zone", "municipality", "address", "phone", "email"),
		on("CodeLists", Reference, "userAreas", "needCategories", "accessOutcomes", "interventionTypes",
			"professions", "fundingSources"),
		on("UserArea", Reference, "code", "labelIt", "labelEn", "inpsArea"),
		on("NeedCategory", Reference, "code", "area", "labelIt", "labelEn"),
		on("AccessOutcome", Reference, "code", "labelIt", "labelEn"),
		on("InterventionType", Reference, "code", "area", "inpsCode", "labelIt", "labelEn", "kind"),
		on("Profession", Reference, "code", "labelIt", "labelEn"),
		on("FundingSource", Reference, "code", "labelIt", "labelEn"),

		// Operators and the viewer.
		on("Operator", Directory, "id", "username", "displayName", "profession", "organization", "offices", "roles"),
		on("Operator", Restricted, "active"),
		on("Operator", Structure, "cases"),
		on("RoleAssignment", Directory, "role", "zone", "office"),
		on("Viewer", Self, "id", "username", "displayName", "roles", "roleAssignments", "organization",
			"zones", "offices", "operator", "mustChangePassword", "apiClient"),
		on("ViewerApiClient", Self, "id", "name", "scopes", "expiresAt"),

		// Citizens.
		on("Citizen", Structure, "id"),
		on("Citizen", IdentityProvider, "firstName", "lastName", "birthDate"),
		on("Citizen", Identity, "fiscalCode", "temporaryId", "sex", "birthPlace", "citizenship", "language",
			"household", "relations", "version", "createdAt", "updatedAt"),
		on("Citizen", ContactProvider, "residence", "phone"),
		on("Citizen", Contact, "domicile", "email", "homeless", "protectedAddress"),
		on("Citizen", SocialAccess, "accesses", "referrals", "consents"),
		on("Citizen", SocialCaseExistence, "cases"),
		on("Citizen", SocialInterventionList, "interventions"),
		on("Citizen", AuditRow, "emergencyAccess"),
		on("BirthPlace", Identity, "code", "municipality", "foreign"),
		on("Address", ContactProvider, "municipality", "address", "postcode"),
		on("Household", Identity, "members", "size", "hiddenMembers"),
		on("Relation", Structure, "id"),
		on("Relation", Identity, "kind", "cohabiting", "citizen", "relatedCitizen", "validFrom", "validTo"),
		on("Consent", Structure, "id"),
		on("Consent", SocialAccess, "purpose", "informedAt", "given", "withdrawnAt"),
		on("Consent", Sensitive, "notes"),

		// Accesses and referrals.
		on("Access", Structure, "id"),
		on("Access", SocialAccess, "occurredAt", "citizen", "anonymous", "office", "zone", "operator", "channel",
			"speaker", "needs", "requestedServices", "outcome", "referrals", "version", "createdAt"),
		on("Access", Sensitive, "notes"),
		on("Speaker", SocialAccess, "kind", "relation"),
		on("Speaker", Contact, "name", "contact"),
		on("AccessNeed", SocialAccess, "category", "area"),
		on("AccessNeed", Sensitive, "notes"),
		on("Referral", Structure, "id"),
		on("Referral", SocialAccess, "citizen", "status", "access", "fromOffice", "fromZone", "toOffice",
			"toOrganization", "toZone", "proposedAt", "proposedBy", "seenAt", "seenBy", "answeredAt",
			"answeredBy", "version"),
		on("Referral", SocialCase, "case"),
		on("Referral", Sensitive, "reason", "rejectionReason"),

		// Cases.
		on("Case", Structure, "id"),
		on("Case", SocialCaseExistence, "citizen", "responsible", "zone", "office"),
		on("Case", SocialCase, "userArea", "status", "openedAt", "closedAt", "closureReason", "members",
			"statusHistory", "interventions", "sourceAccess", "sourceReferral", "grants", "version"),
		on("Case", Sensitive, "closureNotes", "summary", "assessments", "plan", "activities"),
		on("CaseMember", Structure, "id"),
		on("CaseMember", SocialCase, "operator", "role", "validFrom", "validTo"),
		on("CaseStatusChange", SocialCase, "fromStatus", "toStatus", "changedAt", "changedBy"),
		on("CaseStatusChange", Sensitive, "reason"),
		on("CaseGrant", Structure, "id"),
		on("CaseGrant", SocialCase, "granteeOffice", "granteeOrganization", "validFrom", "validTo",
			"grantedBy", "revokedAt"),
		on("CaseGrant", Sensitive, "reason"),
		on("Assessment", Structure, "id"),
		on("Assessment", Sensitive, "kind", "assessedOn", "operator", "sina", "observations"),
		on("SinaAssessment", Sensitive, "mobility", "dailyActivities", "cognitiveDisorders",
			"behaviouralDisorders", "healthCareNeed", "income", "supportNetwork"),
		on("Plan", Structure, "id"),
		on("Plan", Sensitive, "beneficiary", "drawnUpOn", "reviewOn", "summary", "goals", "version"),
		on("PlanGoal", Sensitive, "description", "term", "indicator", "outcome"),
		on("Activity", Structure, "id"),
		on("Activity", DeliveryRecord, "occurredAt", "operator", "kind", "hours", "intervention"),
		on("Activity", SensitiveDiary, "text"),
		on("Activity", Sensitive, "confidential"),

		// Interventions.
		on("Intervention", Structure, "id"),
		on("Intervention", SocialIntervention, "citizen", "zone", "type", "provider", "status", "startDate",
			"endDate", "hoursPerMonth", "requestedAt", "authorizedAt", "closedAt", "version", "amountCents",
			"userShareCents", "healthShareCents", "fundingSource", "meansTested", "requestedBy", "authorizedBy"),
		on("Intervention", SocialCase, "case"),
		on("Intervention", Sensitive, "iseeCents"),

		// Workflows: assessments, plans, diary, interventions.
		on("Mutation", Structure, "recordAssessment", "savePlan", "recordActivity", "requestIntervention",
			"authorizeIntervention", "closeIntervention"),
		on("AssessmentPayload", Structure, "assessment"),
		on("PlanPayload", Structure, "plan"),
		on("ActivityPayload", Structure, "activity"),
		on("InterventionPayload", Structure, "intervention"),
		on("Intervention", DeliveryRecord, "deliveryByMonth", "activities"),
		on("MonthlyDelivery", Structure, "month", "hours", "amountCents", "entries"),

		// Monitoring: coverage, overlaps, staffing.
		on("Query", Monitoring, "coverage", "overlaps", "staffing"),
		on("Coverage", Monitoring, "byArea", "uncovered", "uncoveredAfterDays"),
		on("CoverageArea", Monitoring, "area", "needsExpressed", "people", "answered", "answeredLate", "pending", "uncovered", "suppressed"),
		on("UncoveredNeed", SocialAccess, "citizen", "access", "need", "area", "zone", "office", "expressedAt", "daysWaiting"),
		on("Overlaps", Monitoring, "summary", "items"),
		on("OverlapSummary", Monitoring, "zone", "area", "interventionType", "people", "interventions", "amountCents", "suppressed"),
		on("OverlapItem", SocialCase, "citizen", "area", "interventionType", "interventions", "organizations", "from", "to", "amountCents"),
		on("Staffing", Monitoring, "zone", "population", "socialWorkers", "target", "inhabitantsPerSocialWorker", "gap"),

		// Possible duplicates at the desk.
		on("Query", Intake, "citizenCandidates"),
		on("CitizenCandidate", Intake, "id", "firstName", "lastName", "birthDate", "residenceMunicipality", "match", "inScope"),

		// Statistics.
		on("Query", Aggregates, "statistics"),
		on("Statistics", Aggregates, "suppressionThreshold", "cells", "totals"),
		on("StatisticsCell", Aggregates, "zone", "municipality", "userArea", "interventionType", "month", "sex",
			"ageBand", "people", "accesses", "cases", "interventions", "amountCents", "suppressed"),

		// API clients of partner agencies.
		on("Query", Restricted, "apiClients"),
		on("Query", Reference, "apiScopes"),
		on("Mutation", Structure, "createApiClient", "revokeApiClient"),
		on("CreateApiClientPayload", Structure, "apiClient", "token"),
		on("ApiClientPayload", Structure, "apiClient"),
		on("ApiClient", Restricted, "id", "name", "organization", "role", "zones", "scopes", "tokenPrefix",
			"createdBy", "createdAt", "expiresAt", "revokedAt", "lastUsedAt", "active"),
		on("ApiScope", Reference, "name", "description"),

		// Administration of operators.
		on("Mutation", Structure, "createOperator", "updateOperator", "setOperatorActive", "resetOperatorPassword"),
		on("CreateOperatorPayload", Structure, "operator", "oneTimePassword"),
		on("OperatorPayload", Structure, "operator"),
		on("ResetOperatorPasswordPayload", Structure, "operator", "oneTimePassword"),
		on("Operator", Restricted, "version", "lastSignInAt", "lockedUntil"),
		on("Query", AdminAudit, "administrationEvents"),
		on("AdministrationEvent", AdminAudit, "at", "actor", "actorOperator", "action", "objectType", "objectId",
			"operator", "before", "after", "operationName", "requestId"),

		// Access control and audit.
		on("Query", DPOOnly, "auditTrail"),
		on("AuditTrail", DPOOnly, "citizenId", "entries", "totalCount", "hasNextPage", "endCursor"),
		on("AuditEntry", DPOOnly, "at", "actor", "operator", "action", "tiers", "operationName", "channel",
			"emergency", "reason", "objectType", "requestId"),
		on("Query", Structure, "emergencyAccesses"),
		on("Mutation", Structure, "grantCaseAccess", "revokeCaseAccess", "declareEmergencyAccess"),
		on("CaseGrantPayload", Structure, "grant", "case"),
		on("EmergencyAccessPayload", Structure, "emergencyAccess", "citizen"),
		on("EmergencyAccess", Structure, "id"),
		on("EmergencyAccess", AuditRow, "operator", "citizen", "zone", "reason", "startedAt", "expiresAt", "active"),
	},
	connection("Operator"), connection("Office"), connection("Organization"), connection("Citizen"),
	connection("Relation"), connection("Consent"), connection("Access"), connection("Referral"),
	connection("Case"), connection("CaseMember"), connection("Assessment"), connection("Activity"),
	connection("Intervention"), connection("EmergencyAccess"), connection("AdministrationEvent"), connection("UncoveredNeed"), connection("Overlap"),
)...)
