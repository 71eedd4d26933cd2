package authz

import (
	"fmt"
	"sort"
	"strings"
)

//go:generate go run ./gendoc ../../docs/authorization.md

// MatrixColumn is one relationship of the viewer to a citizen, as the
// columns of the generated matrix show it.
type MatrixColumn struct {
	Name string
	// Rel returns the relationship bits a viewer holding role has in this
	// column (ok false when the role cannot have it).
	Rel func(role Role) (Rel, bool)
}

func zoneBit(role Role) (Rel, bool) {
	switch role {
	case RoleFrontDesk:
		return RelZoneFrontDesk, true
	case RoleSocialWorker:
		return RelZoneSocialWorker, true
	case RoleZoneManager:
		return RelZoneManager, true
	}
	return 0, false
}

func operatorOnly(bit Rel) func(Role) (Rel, bool) {
	return func(role Role) (Rel, bool) {
		switch role {
		case RoleAnalyst, RoleDPO, RoleAdmin:
			return 0, false
		}
		return bit, true
	}
}

// MatrixColumns are the relationships of DESIGN.md section 3.
var MatrixColumns = []MatrixColumn{
	{"ZONE", zoneBit},
	{"CASE_TEAM", operatorOnly(RelCaseTeam)},
	{"GRANT", operatorOnly(RelGrant)},
	{"EMERGENCY", func(role Role) (Rel, bool) {
		if role == RoleSocialWorker || role == RoleZoneManager {
			return RelEmergency, true
		}
		return 0, false
	}},
	{"PROVIDER_LINK", func(role Role) (Rel, bool) {
		if role == RoleProvider {
			return RelProviderLink, true
		}
		return 0, false
	}},
	{"none", func(Role) (Rel, bool) { return 0, true }},
}

// Decide evaluates rule for an operator holding role with relationship rel
// to the citizen (the intervention's provider being the viewer's own
// organization, the address protected or not).
func Decide(rule *Rule, role Role, rel Rel, protectedAddress bool) bool {
	v := &Viewer{OperatorID: 1, OrganizationID: 1, Grants: []RoleGrant{{Role: role, ZoneID: 1}}}
	g := &Guard{CitizenID: 1, Rel: rel, ProtectedAddress: protectedAddress, ProviderOrgID: 1}
	return rule.Allows(v, g)
}

// Rules returns the distinct rules used by p, by tier then name.
func (p Policies) Rules() []*Rule {
	seen := map[string]*Rule{}
	for _, r := range p {
		seen[r.Name] = r
	}
	out := make([]*Rule, 0, len(seen))
	for _, r := range seen {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Tier != out[j].Tier {
			return tierOrder(out[i].Tier) < tierOrder(out[j].Tier)
		}
		return out[i].Name < out[j].Name
	})
	return out
}

func tierOrder(t Tier) int {
	for i, x := range []Tier{TierPublic, TierStructure, TierSelf, TierReference, TierDirectory, TierIdentity,
		TierContact, TierSocial, TierSensitive, TierAggregate, TierAudit, TierRestricted} {
		if x == t {
			return i
		}
	}
	return 99
}

func mark(ok, possible bool) string {
	switch {
	case !possible:
		return "·"
	case ok:
		return "read"
	}
	return "–"
}

// Document renders the authorization matrix of p as Markdown: for every
// rule, which role reads under which relationship (computed by evaluating
// the rule, so the document cannot drift from the code), then every field
// of the schema with its rule.
func Document(p Policies) string {
	var b strings.Builder
	b.WriteString(`# Authorization matrix

Generated from ` + "`internal/authz`" + ` by ` + "`go generate ./internal/authz`" + ` (or ` + "`make generate`" + `); a test fails when this
file is stale. Do not edit it by hand.

Every field of the GraphQL schema has a rule. Rows come first: a citizen with no relationship to the
viewer does not exist for the viewer (lists skip it, lookups answer ` + "`NOT_FOUND`" + `). For the rows that
exist, each field is decided by its rule; a denied field is ` + "`null`" + ` with a ` + "`FORBIDDEN`" + ` error whose
` + "`extensions.policy`" + ` is the rule's name. A field without a rule is denied to everyone (` + "`unlisted`" + `).

API clients of partner agencies hold one role in their zones, never the personal relationships
(CASE_TEAM, GRANT, EMERGENCY), and their scopes narrow the rules further. Writes are checked again
inside each mutation's transaction (` + "`internal/authz/write.go`" + `, ` + "`internal/care`" + `).

## Rules by role and relationship

"read": allowed; "–": denied; "·": the role cannot have that relationship. ZONE means the citizen
lives in, or had an access or a case in, a zone where the viewer holds the role.

`)
	for _, r := range p.Rules() {
		fmt.Fprintf(&b, "### `%s` (%s)\n\n%s.\n\n", r.Name, r.Tier, r.Doc)
		if !r.Guard {
			fmt.Fprintf(&b, "Not decided per citizen.\n\n")
			continue
		}
		variants := []bool{false}
		if strings.Contains(r.Name, "contact") {
			variants = []bool{false, true}
		}
		for _, protected := range variants {
			if protected {
				b.WriteString("With a protected address:\n\n")
			}
			b.WriteString("| role |")
			for _, c := range MatrixColumns {
				fmt.Fprintf(&b, " %s |", c.Name)
			}
			b.WriteString("\n|---|")
			for range MatrixColumns {
				b.WriteString("---|")
			}
			b.WriteString("\n")
			for _, role := range Roles {
				fmt.Fprintf(&b, "| %s |", role)
				for _, c := range MatrixColumns {
					rel, possible := c.Rel(role)
					fmt.Fprintf(&b, " %s |", mark(possible && Decide(r, role, rel, protected), possible))
				}
				b.WriteString("\n")
			}
			b.WriteString("\n")
		}
	}
	b.WriteString("## Fields\n\n| type | field | tier | rule |\n|---|---|---|---|\n")
	for _, k := range p.Keys() {
		typ, field, _ := strings.Cut(k, ".")
		r := p[k]
		fmt.Fprintf(&b, "| %s | %s | %s | `%s` |\n", typ, field, r.Tier, r.Name)
	}
	return b.String()
}
