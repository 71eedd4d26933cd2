package care

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"errors"
	"fmt"
	"net/mail"
	"regexp"
	"strings"
	"time"
	"unicode"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/apperr"
	"github.com/siso-project/siso/internal/authz"
	"github.com/siso-project/siso/internal/codicefiscale"
	"github.com/siso-project/siso/internal/store"
)

var (
	countryRe  = regexp.MustCompile(`^[A-Z]{2}$`)
	languageRe = regexp.MustCompile(`^[a-z]{2,3}$`)
	postcodeRe = regexp.MustCompile(`^[0-9]{5}$`)
	phoneRe    = regexp.MustCompile(`^\+?[0-9 ()./-]{6,24}$`)
	placeRe    = regexp.MustCompile(`^[A-Z][0-9]{3}$`)
)

// viewerOf returns the operator making a change. API clients read only.
func viewerOf(ctx context.Context) (*authz.Viewer, error) {
	v := authz.ViewerFrom(ctx)
	if v == nil {
		return nil, apperr.NewUnauthenticated("sign in first")
	}
	if v.IsClient() {
		return nil, apperr.NewForbidden(WriteClient, "API clients have read-only access")
	}
	return v, nil
}

// WriteClient is the policy that keeps API clients read-only.
const WriteClient = "write.client"

// cleanName validates a first or last name.
func cleanName(field, s string) (string, error) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return "", apperr.BadInput(field, "%s is required", field)
	}
	if len([]rune(s)) > 100 {
		return "", apperr.BadInput(field, "%s is longer than 100 characters", field)
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && r != ' ' && r != '\'' && r != '-' && r != '.' && r != '’' {
			return "", apperr.BadInput(field, "%s may contain only letters, spaces, apostrophes, hyphens and dots", field)
		}
	}
	return s, nil
}

func optText(field string, p *string, max int) (*string, error) {
	if p == nil {
		return nil, nil
	}
	s := strings.TrimSpace(*p)
	if s == "" {
		return nil, nil
	}
	if len([]rune(s)) > max {
		return nil, apperr.BadInput(field, "%s is longer than %d characters", field, max)
	}
	return &s, nil
}

type contactFields struct {
	phone, email, language, citizenship *string
}

func validateContacts(phone, email, language, citizenship *string) (contactFields, error) {
	var c contactFields
	var err error
	if c.phone, err = optText("phone", phone, 24); err != nil {
		return c, err
	}
	if c.phone != nil && !phoneRe.MatchString(*c.phone) {
		return c, apperr.BadInput("phone", "phone may contain digits, spaces and + ( ) . / - (6 to 24 characters)")
	}
	if c.email, err = optText("email", email, 254); err != nil {
		return c, err
	}
	if c.email != nil {
		if a, perr := mail.ParseAddress(*c.email); perr != nil || a.Address != *c.email {
			return c, apperr.BadInput("email", "not an email address")
		}
	}
	if c.language, err = optText("language", language, 3); err != nil {
		return c, err
	}
	if c.language != nil && !languageRe.MatchString(*c.language) {
		return c, apperr.BadInput("language", "language is an ISO 639 code such as it or ar")
	}
	if c.citizenship, err = optText("citizenship", citizenship, 2); err != nil {
		return c, err
	}
	if c.citizenship != nil {
		up := strings.ToUpper(*c.citizenship)
		if !countryRe.MatchString(up) {
			return c, apperr.BadInput("citizenship", "citizenship is an ISO 3166-1 alpha-2 code such as IT")
		}
		c.citizenship = &up
	}
	return c, nil
}

type address struct {
	municipalityID *int
	address        *string
	postcode       *string
}

func resolveAddress(ctx context.Context, db bun.IDB, field string, a *AddressArgs) (address, error) {
	var out address
	if a == nil {
		return out, nil
	}
	var err error
	if out.address, err = optText(field+".address", a.Address, 200); err != nil {
		return out, err
	}
	if out.postcode, err = optText(field+".postcode", a.Postcode, 5); err != nil {
		return out, err
	}
	if out.postcode != nil && !postcodeRe.MatchString(*out.postcode) {
		return out, apperr.BadInput(field+".postcode", "a postcode (CAP) has five digits")
	}
	if a.MunicipalityIstatCode != nil && strings.TrimSpace(*a.MunicipalityIstatCode) != "" {
		code := strings.TrimSpace(*a.MunicipalityIstatCode)
		var id int
		err := db.NewSelect().Table("municipality").Column("id").Where("istat_code = ?", code).Scan(ctx, &id)
		if err != nil {
			return out, apperr.BadInput(field+".municipalityIstatCode", "unknown municipality %q", code)
		}
		out.municipalityID = &id
	}
	return out, nil
}

// CreateCitizen registers a citizen and returns the new id. Everything is
// validated before anything is written; the citizen is linked to the zone
// where it was registered, so the registering office keeps seeing them.
func (s *Service) CreateCitizen(ctx context.Context, a CreateCitizenArgs) (int64, error) {
	v, err := viewerOf(ctx)
	if err != nil {
		return 0, err
	}
	if !authz.CanRegisterCitizen(v) {
		return 0, apperr.NewForbidden(authz.WriteRegister, "only front-desk operators and social workers register citizens")
	}
	c := &store.Citizen{Homeless: a.Homeless, ProtectedAddress: a.ProtectedAddress, CreatedBy: &v.OperatorID}
	if c.LastName, err = cleanName("lastName", a.LastName); err != nil {
		return 0, err
	}
	if c.FirstName, err = cleanName("firstName", a.FirstName); err != nil {
		return 0, err
	}
	if err := identityFromCode(c, a); err != nil {
		return 0, err
	}
	contacts, err := validateContacts(a.Phone, a.Email, a.Language, a.Citizenship)
	if err != nil {
		return 0, err
	}
	c.Phone, c.Email, c.Language, c.Citizenship = contacts.phone, contacts.email, contacts.language, contacts.citizenship
	var id int64
	err = s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		res, err := resolveAddress(ctx, tx, "residence", a.Residence)
		if err != nil {
			return err
		}
		c.ResidenceMunicipalityID, c.ResidenceAddress, c.ResidencePostcode = res.municipalityID, res.address, res.postcode
		dom, err := resolveAddress(ctx, tx, "domicile", a.Domicile)
		if err != nil {
			return err
		}
		c.DomicileMunicipalityID, c.DomicileAddress = dom.municipalityID, dom.address
		if c.BirthPlaceCode != nil {
			var mid int
			if err := tx.NewSelect().Table("municipality").Column("id").Where("cadastral_code = ?", *c.BirthPlaceCode).Scan(ctx, &mid); err == nil {
				c.BirthMunicipalityID = &mid
			}
		}
		if _, err := tx.NewInsert().Model(c).ExcludeColumn("id", "residence_zone_id", "created_at", "updated_at", "version").
			Returning("id").Exec(ctx, &c.ID); err != nil {
			if isUniqueViolation(err) {
				return apperr.NewConflict("a citizen with this codice fiscale is already registered")
			}
			return fmt.Errorf("insert citizen: %w", err)
		}
		if zone := registrationZone(v, c.ResidenceMunicipalityID, tx, ctx); zone != 0 {
			if _, err := tx.ExecContext(ctx, `INSERT INTO citizen_zone (citizen_id, zone_id, via_contact) VALUES (?, ?, true)
				ON CONFLICT (citizen_id, zone_id) DO UPDATE SET via_contact = true`, c.ID, zone); err != nil {
				return fmt.Errorf("link citizen to zone: %w", err)
			}
		}
		if err := created(ctx, tx, v, "Citizen", c.ID); err != nil {
			return err
		}
		id = c.ID
		return nil
	})
	return id, err
}

// identityFromCode fills the identity of c from the codice fiscale (or a
// temporary identifier) and cross-checks what was declared.
func identityFromCode(c *store.Citizen, a CreateCitizenArgs) error {
	hasCode := a.FiscalCode != nil && strings.TrimSpace(*a.FiscalCode) != ""
	switch {
	case hasCode && a.NoFiscalCode:
		return apperr.BadInput("noFiscalCode", "give a codice fiscale or noFiscalCode, not both")
	case !hasCode && !a.NoFiscalCode:
		return apperr.BadInput("fiscalCode", "a codice fiscale is required (or set noFiscalCode for a temporary identifier)")
	}
	if a.Sex != nil && *a.Sex != "M" && *a.Sex != "F" {
		return apperr.BadInput("sex", "sex is M or F")
	}
	if a.BirthDate != nil && a.BirthDate.After(time.Now()) {
		return apperr.BadInput("birthDate", "birth date is in the future")
	}
	if a.BirthPlaceCode != nil {
		p := strings.ToUpper(strings.TrimSpace(*a.BirthPlaceCode))
		if !placeRe.MatchString(p) {
			return apperr.BadInput("birthPlaceCode", "a birthplace code is one letter and three digits (a cadastral code, or Z and three digits for a foreign state)")
		}
		a.BirthPlaceCode = &p
	}
	if a.NoFiscalCode {
		tmp, err := temporaryID()
		if err != nil {
			return err
		}
		c.TemporaryID = &tmp
		c.BirthDate, c.BirthPlaceCode = a.BirthDate, a.BirthPlaceCode
		if a.Sex != nil {
			sx := store.Sex(*a.Sex)
			c.Sex = &sx
		}
		return nil
	}
	info, err := codicefiscale.Parse(*a.FiscalCode)
	if err != nil {
		var cfErr *codicefiscale.Error
		if errors.As(err, &cfErr) {
			return apperr.BadInput("fiscalCode", "invalid codice fiscale: %s", cfErr.Message)
		}
		return apperr.BadInput("fiscalCode", "invalid codice fiscale")
	}
	var declaredDate time.Time
	if a.BirthDate != nil {
		declaredDate = *a.BirthDate
	}
	for _, m := range codicefiscale.CheckAgainst(info, a.LastName, a.FirstName, declaredDate, deref(a.Sex)) {
		return apperr.BadInput(m.Field, "%s", m.Message)
	}
	if a.BirthPlaceCode != nil && *a.BirthPlaceCode != info.BirthPlaceCode {
		return apperr.BadInput("birthPlaceCode", "birthPlaceCode does not match the codice fiscale, which encodes %s", info.BirthPlaceCode)
	}
	code := info.Code
	c.FiscalCode = &code
	bd := info.BirthDate
	if a.BirthDate != nil {
		bd = *a.BirthDate // same day; the declared one settles the century
	}
	c.BirthDate = &bd
	sx := store.Sex(info.Sex)
	c.Sex = &sx
	place := info.BirthPlaceCode
	c.BirthPlaceCode = &place
	return nil
}

// registrationZone is the zone the citizen is registered in: the residence
// zone when the viewer works there, else the viewer's first zone.
func registrationZone(v *authz.Viewer, residence *int, tx bun.Tx, ctx context.Context) int {
	var zones []int
	for _, r := range []authz.Role{authz.RoleFrontDesk, authz.RoleSocialWorker} {
		z, _ := v.ZonesFor(r)
		zones = append(zones, z...)
	}
	if len(zones) == 0 {
		return 0
	}
	if residence != nil {
		var zid int
		if err := tx.NewSelect().Table("municipality").Column("zone_id").Where("id = ?", *residence).Scan(ctx, &zid); err == nil {
			for _, z := range zones {
				if z == zid {
					return z
				}
			}
		}
	}
	return zones[0]
}

func temporaryID() (string, error) {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("temporary id: %w", err)
	}
	return "TMP-" + base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b), nil
}

// lockCitizen loads a citizen with the viewer's relationship, locking the
// row for the rest of the transaction; invisible citizens are NOT_FOUND.
func lockCitizen(ctx context.Context, tx bun.Tx, v *authz.Viewer, id int64) (*store.Citizen, error) {
	rel, args := authz.RelSQL(v, "t.id")
	var c store.Citizen
	err := tx.NewRaw(fmt.Sprintf(`SELECT t.*, %s AS rel FROM citizen t WHERE t.id = ? FOR UPDATE`, rel),
		append(args, id)...).Scan(ctx, &c)
	if err != nil || c.Rel&authz.RowsCitizen == 0 {
		return nil, apperr.NewNotFound("Citizen")
	}
	return &c, nil
}

// UpdateCitizen writes the named fields of a citizen, checking the version
// and, inside the transaction, that the viewer may write each tier touched.
func (s *Service) UpdateCitizen(ctx context.Context, a UpdateCitizenArgs) error {
	v, err := viewerOf(ctx)
	if err != nil {
		return err
	}
	return s.updated(ctx, v, "Citizen", a.ID, func(ctx context.Context, tx bun.Tx) error {
		c, err := lockCitizen(ctx, tx, v, a.ID)
		if err != nil {
			return err
		}
		if c.Version != a.Version {
			return apperr.NewConflict(fmt.Sprintf("the citizen was changed by someone else (version %d, you had %d)", c.Version, a.Version))
		}
		var cols []string
		identity := a.FirstName != nil || a.LastName != nil || a.Citizenship != nil || a.Language != nil
		contact := a.Residence != nil || a.Domicile != nil || a.Phone != nil || a.Email != nil || a.Homeless != nil || a.ProtectedAddress != nil
		if identity && !authz.CanWriteIdentity(c.Rel) {
			return apperr.NewForbidden(authz.WriteIdentity, "not allowed to change this citizen's identity")
		}
		if contact && !authz.CanWriteContact(c.Rel, c.ProtectedAddress) {
			return apperr.NewForbidden(authz.WriteContact, "not allowed to change this citizen's contacts")
		}
		if a.FirstName != nil {
			if c.FirstName, err = cleanName("firstName", *a.FirstName); err != nil {
				return err
			}
			cols = append(cols, "first_name")
		}
		if a.LastName != nil {
			if c.LastName, err = cleanName("lastName", *a.LastName); err != nil {
				return err
			}
			cols = append(cols, "last_name")
		}
		contacts, err := validateContacts(a.Phone, a.Email, a.Language, a.Citizenship)
		if err != nil {
			return err
		}
		if a.Citizenship != nil {
			c.Citizenship, cols = contacts.citizenship, append(cols, "citizenship")
		}
		if a.Language != nil {
			c.Language, cols = contacts.language, append(cols, "language")
		}
		if a.Phone != nil {
			c.Phone, cols = contacts.phone, append(cols, "phone")
		}
		if a.Email != nil {
			c.Email, cols = contacts.email, append(cols, "email")
		}
		if a.Homeless != nil {
			c.Homeless, cols = *a.Homeless, append(cols, "homeless")
		}
		if a.ProtectedAddress != nil {
			c.ProtectedAddress, cols = *a.ProtectedAddress, append(cols, "protected_address")
		}
		if a.Residence != nil {
			res, err := resolveAddress(ctx, tx, "residence", a.Residence)
			if err != nil {
				return err
			}
			c.ResidenceMunicipalityID, c.ResidenceAddress, c.ResidencePostcode = res.municipalityID, res.address, res.postcode
			cols = append(cols, "residence_municipality_id", "residence_address", "residence_postcode")
		}
		if a.Domicile != nil {
			dom, err := resolveAddress(ctx, tx, "domicile", a.Domicile)
			if err != nil {
				return err
			}
			c.DomicileMunicipalityID, c.DomicileAddress = dom.municipalityID, dom.address
			cols = append(cols, "domicile_municipality_id", "domicile_address")
		}
		if len(cols) == 0 {
			return apperr.BadInput("id", "nothing to change: name at least one field")
		}
		res, err := tx.NewUpdate().Model(c).Column(cols...).
			Set("version = version + 1").Set("updated_at = now()").
			Where("id = ? AND version = ?", c.ID, a.Version).Exec(ctx)
		if err != nil {
			return fmt.Errorf("update citizen: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return apperr.NewConflict("the citizen was changed by someone else")
		}
		return nil
	})
}

var inverseKinds = map[string]string{
	"HOUSEHOLD_MEMBER": "HOUSEHOLD_MEMBER", "PARENT": "CHILD", "CHILD": "PARENT", "PARTNER": "PARTNER",
	"SIBLING": "SIBLING", "LEGAL_GUARDIAN": "WARD", "WARD": "LEGAL_GUARDIAN",
	"SUPPORT_ADMINISTRATOR": "SUPPORTED_PERSON", "SUPPORTED_PERSON": "SUPPORT_ADMINISTRATOR",
	"CAREGIVER": "CARED_FOR", "CARED_FOR": "CAREGIVER", "OTHER_RELATIVE": "OTHER_RELATIVE",
}

// LinkRelation records a relation and its inverse; both citizens must be
// ones whose identity the viewer may write.
func (s *Service) LinkRelation(ctx context.Context, a LinkRelationArgs) (int64, error) {
	v, err := viewerOf(ctx)
	if err != nil {
		return 0, err
	}
	inverse, ok := inverseKinds[a.Kind]
	if !ok {
		return 0, apperr.BadInput("kind", "unknown relation kind %q", a.Kind)
	}
	if a.CitizenID == a.RelatedCitizenID {
		return 0, apperr.BadInput("relatedCitizenId", "a citizen cannot be related to themselves")
	}
	var id int64
	err = s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		for _, p := range []struct {
			id    int64
			field string
		}{{a.CitizenID, "citizenId"}, {a.RelatedCitizenID, "relatedCitizenId"}} {
			c, err := lockCitizen(ctx, tx, v, p.id)
			if err != nil {
				return err
			}
			if !authz.CanWriteIdentity(c.Rel) {
				return apperr.NewForbidden(authz.WriteIdentity, "not allowed to record relations of this citizen")
			}
		}
		for _, r := range []*store.Relation{
			{CitizenID: a.CitizenID, RelatedCitizenID: a.RelatedCitizenID, Kind: store.RelationKind(a.Kind)},
			{CitizenID: a.RelatedCitizenID, RelatedCitizenID: a.CitizenID, Kind: store.RelationKind(inverse)},
		} {
			r.Cohabiting, r.ValidFrom, r.CreatedBy = a.Cohabiting, a.ValidFrom, &v.OperatorID
			if _, err := tx.NewInsert().Model(r).ExcludeColumn("id", "created_at", "updated_at", "version").
				Returning("id").Exec(ctx, &r.ID); err != nil {
				if isUniqueViolation(err) {
					return apperr.NewConflict("this relation is already recorded")
				}
				return fmt.Errorf("insert relation: %w", err)
			}
			if id == 0 {
				id = r.ID
			}
			if err := created(ctx, tx, v, "Relation", r.ID); err != nil {
				return err
			}
		}
		return nil
	})
	return id, err
}

func isUniqueViolation(err error) bool {
	var pg *pgconn.PgError
	return errors.As(err, &pg) && pg.Code == "23505"
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
