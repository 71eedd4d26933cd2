package authz_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/siso-project/siso/internal/authz"
)

// CitizenSetsOf gives the search by name the same relationships as
// AnyRelSQL, as sets (the database tests of internal/store compare the
// two on real data): the zones merged, the referrals to the viewer's
// offices once, read where the names are, and nothing for the roles that
// may not see citizens.
func TestCitizenSetsOfFollowTheRelationships(t *testing.T) {
	op := func(org int64, offices []int64, grants ...authz.RoleGrant) *authz.Viewer {
		return &authz.Viewer{OperatorID: 7, OrganizationID: org, OfficeIDs: offices, Grants: grants}
	}
	for _, tc := range []struct {
		name     string
		v        *authz.Viewer
		allZones bool
		zones    []int
		named    []string // the tables the named queries read
		small    []string // the tables the small query reads
	}{
		{"nobody", nil, false, nil, nil, nil},
		{"analyst", op(0, nil, authz.RoleGrant{Role: authz.RoleAnalyst}), false, nil, nil, nil},
		{"analyst of an organization (grants)", op(1, nil, authz.RoleGrant{Role: authz.RoleAnalyst}), false, nil, nil, []string{"case_grant"}},
		{"dpo and admin", op(1, []int64{4}, authz.RoleGrant{Role: authz.RoleDPO}, authz.RoleGrant{Role: authz.RoleAdmin}),
			false, nil, nil, []string{"case_grant"}},
		{"front desk in two zones, one office", op(1, []int64{9}, authz.RoleGrant{Role: authz.RoleFrontDesk, ZoneID: 10},
			authz.RoleGrant{Role: authz.RoleFrontDesk, ZoneID: 2}),
			false, []int{2, 10}, []string{"referral_search"}, []string{"case_member", "case_grant", "emergency_access"}},
		{"three zone roles, zones overlapping", op(1, []int64{9, 12}, authz.RoleGrant{Role: authz.RoleFrontDesk, ZoneID: 2},
			authz.RoleGrant{Role: authz.RoleSocialWorker, ZoneID: 3}, authz.RoleGrant{Role: authz.RoleZoneManager, ZoneID: 2}),
			false, []int{2, 3}, []string{"referral_search"}, []string{"case_member", "case_grant", "emergency_access"}},
		{"zone manager of every zone", op(1, []int64{9}, authz.RoleGrant{Role: authz.RoleZoneManager}, authz.RoleGrant{Role: authz.RoleFrontDesk, ZoneID: 2}),
			true, nil, []string{"referral_search"}, []string{"case_member", "case_grant", "emergency_access"}},
		{"provider", op(5, []int64{30}, authz.RoleGrant{Role: authz.RoleProvider, ZoneID: 2}),
			false, nil, nil, []string{"case_member", "intervention", "referral", "case_grant"}},
		{"API client", &authz.Viewer{ClientID: 3, OfficeIDs: []int64{9}, Grants: []authz.RoleGrant{{Role: authz.RoleSocialWorker, ZoneID: 4}}},
			false, []int{4}, nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := authz.CitizenSetsOf(tc.v, authz.RowsCitizen)
			if s.AllZones != tc.allZones || !slices.Equal(s.Zones, tc.zones) {
				t.Errorf("zones %v (all %v), want %v (all %v)", s.Zones, s.AllZones, tc.zones, tc.allZones)
			}
			var named []string
			for _, n := range s.Named {
				named = append(named, tableOf(n.SQL))
				if strings.Count(n.SQL, "?") != len(n.Args) {
					t.Errorf("%d placeholders for %d arguments: %s", strings.Count(n.SQL, "?"), len(n.Args), n.SQL)
				}
			}
			if !slices.Equal(named, tc.named) {
				t.Errorf("named sets read %v, want %v", named, tc.named)
			}
			var small []string
			if s.Small != "" {
				for _, part := range strings.Split(s.Small, " UNION ") {
					small = append(small, tableOf(part))
				}
			}
			if !slices.Equal(small, tc.small) {
				t.Errorf("small sets read %v, want %v", small, tc.small)
			}
			if strings.Count(s.Small, "?") != len(s.SmallArgs) {
				t.Errorf("%d placeholders for %d arguments: %s", strings.Count(s.Small, "?"), len(s.SmallArgs), s.Small)
			}
			if s.Empty() != (tc.zones == nil && !tc.allZones && tc.named == nil && tc.small == nil) {
				t.Errorf("Empty() = %v", s.Empty())
			}
			// The same sources as the per-row condition: no set without its
			// relationship, no relationship without its set.
			cond, _ := authz.AnyRelSQL(tc.v, "t.id", authz.RowsCitizen)
			for _, table := range append(append([]string(nil), small...), "citizen_zone") {
				if table == "citizen_zone" && !tc.allZones && tc.zones == nil {
					continue
				}
				if !strings.Contains(cond, "FROM "+table+" ") {
					t.Errorf("%s is a set but not in AnyRelSQL: %s", table, cond)
				}
			}
			if tc.named != nil && !strings.Contains(cond, "FROM referral rr") {
				t.Errorf("referrals are a set but not in AnyRelSQL: %s", cond)
			}
		})
	}
}

// tableOf is the table a "SELECT … FROM table alias WHERE …" reads.
func tableOf(q string) string {
	f := strings.Fields(q[strings.Index(q, " FROM ")+len(" FROM "):])
	return f[0]
}
