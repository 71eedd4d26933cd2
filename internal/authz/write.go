package authz

// Write rules (DESIGN.md section 3, "read, write" cells). A mutation checks
// them inside its transaction against the relationship computed there, and
// a field the viewer cannot read it cannot write.

// Write policies, named as in FORBIDDEN errors.
const (
	WriteIdentity = "write.identity"
	WriteContact  = "write.contact"
	WriteRegister = "write.register"
)

// CanRegisterCitizen: front-desk operators and social workers register people.
func CanRegisterCitizen(v *Viewer) bool {
	return v.Has(RoleFrontDesk) || v.Has(RoleSocialWorker)
}

// CanWriteIdentity: ZONE as front desk or social worker, CASE_TEAM, GRANT, EMERGENCY.
func CanWriteIdentity(rel Rel) bool {
	return rel.Any(RelZoneFrontDesk | RelZoneSocialWorker | careRels)
}

// CanWriteContact: ZONE as front desk, CASE_TEAM, GRANT, EMERGENCY; a
// protected address only CASE_TEAM and EMERGENCY.
func CanWriteContact(rel Rel, protectedAddress bool) bool {
	if protectedAddress {
		return rel.Any(protectedRels)
	}
	return rel.Any(RelZoneFrontDesk | careRels)
}
