package authz_test

import (
	"testing"

	"github.com/siso-project/siso/internal/authz"
)

// The matrix of DESIGN.md section 3, written down independently of the
// rules: a change of a rule that departs from the design fails here.
// Columns: ZONE, CASE_TEAM, GRANT, EMERGENCY, PROVIDER_LINK, none;
// y = read, n = denied, . = the role cannot have that relationship.
var designMatrix = map[string]map[authz.Role]string{
	"identity": {
		authz.RoleFrontDesk: "yyy..n", authz.RoleSocialWorker: "yyyy.n", authz.RoleZoneManager: "yyyy.n",
		authz.RoleProvider: ".yy.nn", authz.RoleAnalyst: ".....n", authz.RoleDPO: ".....n", authz.RoleAdmin: ".....n",
	},
	"identity.provider": {
		authz.RoleFrontDesk: "yyy..n", authz.RoleSocialWorker: "yyyy.n", authz.RoleZoneManager: "yyyy.n",
		authz.RoleProvider: ".yy.yn", authz.RoleAnalyst: ".....n", authz.RoleDPO: ".....n", authz.RoleAdmin: ".....n",
	},
	"contact": {
		authz.RoleFrontDesk: "yyy..n", authz.RoleSocialWorker: "yyyy.n", authz.RoleZoneManager: "yyyy.n",
		authz.RoleProvider: ".yy.nn", authz.RoleAnalyst: ".....n", authz.RoleDPO: ".....n", authz.RoleAdmin: ".....n",
	},
	"contact.provider": {
		authz.RoleFrontDesk: "yyy..n", authz.RoleSocialWorker: "yyyy.n", authz.RoleZoneManager: "yyyy.n",
		authz.RoleProvider: ".yy.yn", authz.RoleAnalyst: ".....n", authz.RoleDPO: ".....n", authz.RoleAdmin: ".....n",
	},
	"social.access": {
		authz.RoleFrontDesk: "yyy..n", authz.RoleSocialWorker: "yyyy.n", authz.RoleZoneManager: "yyyy.n",
		authz.RoleProvider: ".yy.nn", authz.RoleAnalyst: ".....n", authz.RoleDPO: ".....n", authz.RoleAdmin: ".....n",
	},
	"social.case.existence": {
		authz.RoleFrontDesk: "yyy..n", authz.RoleSocialWorker: "yyyy.n", authz.RoleZoneManager: "yyyy.n",
		authz.RoleProvider: ".yy.nn", authz.RoleAnalyst: ".....n", authz.RoleDPO: ".....n", authz.RoleAdmin: ".....n",
	},
	"social.case": {
		authz.RoleFrontDesk: "nyy..n", authz.RoleSocialWorker: "yyyy.n", authz.RoleZoneManager: "yyyy.n",
		authz.RoleProvider: ".yy.nn", authz.RoleAnalyst: ".....n", authz.RoleDPO: ".....n", authz.RoleAdmin: ".....n",
	},
	"social.intervention": {
		authz.RoleFrontDesk: "nyy..n", authz.RoleSocialWorker: "yyyy.n", authz.RoleZoneManager: "yyyy.n",
		authz.RoleProvider: ".yy.yn", authz.RoleAnalyst: ".....n", authz.RoleDPO: ".....n", authz.RoleAdmin: ".....n",
	},
	"sensitive": {
		authz.RoleFrontDesk: "nyy..n", authz.RoleSocialWorker: "nyyy.n", authz.RoleZoneManager: "nyyy.n",
		authz.RoleProvider: ".yy.nn", authz.RoleAnalyst: ".....n", authz.RoleDPO: ".....n", authz.RoleAdmin: ".....n",
	},
}

// With a protected address, contacts are for the case team and emergencies only.
var designProtected = map[authz.Role]string{
	authz.RoleFrontDesk: "nyn..n", authz.RoleSocialWorker: "nyny.n", authz.RoleZoneManager: "nyny.n",
	authz.RoleProvider: ".yn.nn", authz.RoleAnalyst: ".....n", authz.RoleDPO: ".....n", authz.RoleAdmin: ".....n",
}

func ruleNamed(t *testing.T, name string) *authz.Rule {
	t.Helper()
	for _, r := range authz.Fields.Rules() {
		if r.Name == name {
			return r
		}
	}
	t.Fatalf("no rule %q is used by any field", name)
	return nil
}

func checkRow(t *testing.T, rule *authz.Rule, role authz.Role, want string, protected bool) {
	t.Helper()
	for i, col := range authz.MatrixColumns {
		rel, possible := col.Rel(role)
		got := "."
		if possible {
			got = "n"
			if authz.Decide(rule, role, rel, protected) {
				got = "y"
			}
		}
		if got != want[i:i+1] {
			t.Errorf("%s, %s with %s (protected address %v): got %s, the design says %s", rule.Name, role, col.Name, protected, got, want[i:i+1])
		}
	}
}

func TestRulesFollowTheDesignMatrix(t *testing.T) {
	for name, rows := range designMatrix {
		rule := ruleNamed(t, name)
		for _, role := range authz.Roles {
			checkRow(t, rule, role, rows[role], false)
		}
	}
	for _, name := range []string{"contact", "contact.provider"} {
		rule := ruleNamed(t, name)
		for _, role := range authz.Roles {
			checkRow(t, rule, role, designProtected[role], true)
		}
	}
}

// Administrators, the DPO and analysts never read a citizen's data, whatever
// relationship bits a row might carry.
func TestRegionalRolesSeeNoSocialContent(t *testing.T) {
	for _, role := range []authz.Role{authz.RoleAnalyst, authz.RoleDPO, authz.RoleAdmin} {
		v := &authz.Viewer{OperatorID: 1, Grants: []authz.RoleGrant{{Role: role}}}
		if sql, _ := authz.RelSQL(v, "c.id"); sql != "0" {
			t.Errorf("%s gets relationships to citizens: %s", role, sql)
		}
	}
}
