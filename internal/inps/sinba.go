package inps

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/audit"
)

// sinbaCaseRow is a case of a minor in the period.
type sinbaCaseRow struct {
	ID               int64      `bun:"id"`
	CitizenID        int64      `bun:"citizen_id"`
	ZoneID           int        `bun:"zone_id"`
	OpenedOn         time.Time  `bun:"opened_on"`
	ClosedOn         *time.Time `bun:"closed_on"`
	ClosureReason    *string    `bun:"closure_reason"`
	SourceAccessID   *int64     `bun:"source_access_id"`
	SourceReferralID *int64     `bun:"source_referral_id"`
	FiscalCode       *string    `bun:"fiscal_code"`
	TemporaryID      *string    `bun:"temporary_id"`
	BirthDate        *time.Time `bun:"birth_date"`
	Citizenship      *string    `bun:"citizenship"`
	Homeless         bool       `bun:"homeless"`
	ResProvince      *string    `bun:"res_province"`
	DomProvince      *string    `bun:"dom_province"`
	HasHome          bool       `bun:"has_home"`
}

// sinbaSQL selects the cases of the period whose citizen is a minor on the
// later of the case's opening and the period's start (every user area: a
// minor in care is in SINBA), and the family-and-minors cases whose citizen
// has no birth date (reported invalid).
const sinbaSQL = `
SELECT k.id, k.citizen_id, k.zone_id,
       (k.opened_at AT TIME ZONE 'Europe/Rome')::date AS opened_on,
       (k.closed_at AT TIME ZONE 'Europe/Rome')::date AS closed_on,
       k.closure_reason, k.source_access_id, k.source_referral_id,
       c.fiscal_code, c.temporary_id, c.birth_date, c.citizenship, c.homeless,
       rm.province AS res_province, dm.province AS dom_province,
       (rm.id IS NOT NULL OR dm.id IS NOT NULL) AS has_home
FROM care_case k
JOIN citizen c ON c.id = k.citizen_id
LEFT JOIN municipality rm ON rm.id = c.residence_municipality_id
LEFT JOIN municipality dm ON dm.id = c.domicile_municipality_id
WHERE k.status <> 'PROPOSED'
  AND (k.opened_at AT TIME ZONE 'Europe/Rome')::date <= ?1::date
  AND (k.closed_at IS NULL OR (k.closed_at AT TIME ZONE 'Europe/Rome')::date >= ?0::date)
  AND (?2 = 0 OR k.zone_id = ?2)
  AND ((c.birth_date IS NULL AND k.user_area_code = 'FAMILY_MINORS')
       OR c.birth_date > greatest((k.opened_at AT TIME ZONE 'Europe/Rome')::date, ?0::date) - interval '18 years')
ORDER BY k.id`

type sinbaIntervention struct {
	CaseID    int64     `bun:"case_id"`
	TypeCode  string    `bun:"type_code"`
	InpsCode  string    `bun:"inps_code"`
	IseeCents *int64    `bun:"isee_cents"`
	StartDate time.Time `bun:"start_date"`
}

type sinbaRelation struct {
	CitizenID   int64      `bun:"citizen_id"`
	RelatedID   int64      `bun:"related_citizen_id"`
	Kind        string     `bun:"kind"`
	Cohabiting  bool       `bun:"cohabiting"`
	ValidFrom   *time.Time `bun:"valid_from"`
	ValidTo     *time.Time `bun:"valid_to"`
	Sex         *string    `bun:"sex"`
	Citizenship *string    `bun:"citizenship"`
	ResProvince *string    `bun:"res_province"`
}

func (r *sinbaRelation) validOn(day time.Time) bool {
	return (r.ValidFrom == nil || !r.ValidFrom.After(day)) && (r.ValidTo == nil || !r.ValidTo.Before(day))
}

type sinbaSource struct {
	ID       int64     `bun:"id"`
	Citizen  int64     `bun:"citizen_id"`
	On       time.Time `bun:"on_date"`
	Kind     string    `bun:"kind"` // access: speaker_kind; referral: the referring organization's kind
	Name     *string   `bun:"speaker_name"`
	Relation *string   `bun:"speaker_relation"`
}

// familyAssessment is the part of a FAMILY_MINOR assessment's
// family_assessment that SINBA uses.
type familyAssessment struct {
	ParentingCapacity string   `json:"parenting_capacity"`
	SchoolAttendance  string   `json:"school_attendance"`
	RiskFactors       []string `json:"risk_factors"`
}

// sinbaData is everything read for the cases, by case or citizen.
type sinbaData struct {
	interventions map[int64][]sinbaIntervention // by case
	relations     map[int64][]sinbaRelation     // by minor
	parentRels    map[int64][]sinbaRelation     // by parent: the parent's PARENT and PARTNER relations
	deceasedOn    map[int64]time.Time           // by parent: closure of a case as DECEASED
	disabled      map[int64]bool                // by minor
	invCiv        map[int64]int                 // by minor: the lowest certification
	needs         map[int64][]string            // by minor
	family        map[int64]familyAssessment    // by case: the latest FAMILY_MINOR assessment
	firstAccess   map[int64]sinbaSource         // by minor
	accesses      map[int64]sinbaSource         // by access id (the cases' source accesses)
	referrals     map[int64]sinbaSource         // by referral id
	professional  string                        // inps code of PROFESSIONAL_SOCIAL_SERVICE
}

// buildSINBA builds a record per case of a minor in the period.
//
// Mapping (SinbaType; the reference day is the later of the case's opening,
// the period's start and the birth; attributes not listed are left out because SISO
// does not hold them: TipoDisabilita, the parents' TitoloStudio and
// Occupazione, DataSegnalazione and the judicial details, the foster-care
// and residential-placement details, SituazioneChiusuraCarico,
// CollaborazioniInterventi, NumeroComponentiISEE):
//
//	IDBeneficiario            Pseudonym(key, codice fiscale or temporary id)
//	MinoreStranieroNoAcc      1 for a foreign citizen with no parent and no
//	                          cohabitant recorded, else 2
//	CondizioneMinore          2/3/4 when a parent's case was closed as
//	                          DECEASED, else the default 1 (codes.go)
//	LuogoVita                 community for minors 4, foster care 3 (an
//	                          intervention in the period), homeless 8, with a
//	                          parent 1, with relatives 2, with others 7
//	ScuolaFrequentata         the school of the age (scuolaPerEta)
//	CondizioneLavoro          default 1 (codes.go)
//	Disabilita                1 with a disability case, a SINA assessment, a
//	                          disability intervention or a certification
//	InvCivCertificazioni      the lowest certification (invCivSINBA)
//	CodiceCittadinanza/RegioneResidenza Padre/Madre  the PARENT relations
//	DataPrimaSegnalazione     the earliest of the first access, the source
//	                          referral and the opening (MM/YYYY)
//	FonteSegnalazione         the source referral's organization, else who
//	                          spoke at the source or first access (codes.go)
//	ValutazioneMinore         12 unaccompanied, 9 disability, 13 school
//	                          problems (need FM_SCHOOL, irregular attendance,
//	                          school absences), else 1
//	ValutazioneFamigliaMinore the family assessment (famigliaDaRischi), else 1
//	SegnalazioneAutoritaGiudiziaria, ProvvedimentoGiudiziario  default 2
//	MotivazioneChiusuraCarico a case closed by the period's end
//	                          (motivazioneChiusura)
//	FasciaEtaBeneficiario     the age on the reference day
//	FasciaISEEBeneficiario    the latest ISEE of the case's interventions
//	AnnoNascita               the birth year
//	CodiceRegioneResidenza    the residence's (or domicile's) region
//	CodiceNazioneResidenza    100 (Italy) with a residence or domicile
//	Prestazioni               the inps codes of the case's interventions in
//	                          the period; none: the professional social
//	                          service (the taking into care itself)
//	Famiglia                  the cohabitants on the reference day: mother 1,
//	                          father 2, siblings 3, grandparents 4 (a parent's
//	                          parent), a parent's partner 5, others 6; none
//	                          while in foster care or a community: 6
//
// The file carries no name, codice fiscale, birth date (only the year) or
// address.
func buildSINBA(ctx context.Context, tx bun.Tx, opts Options, per period, res *Result) ([]*candidate, error) {
	var rows []sinbaCaseRow
	if err := tx.NewRaw(sinbaSQL, per.fromSQL(), per.toSQL(), opts.ZoneID).Scan(ctx, &rows); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("inps: read the cases of minors: %w", err)
	}
	d, err := loadSINBA(ctx, tx, per, rows)
	if err != nil {
		return nil, err
	}
	out := make([]*candidate, 0, len(rows))
	for i := range rows {
		k := &rows[i]
		key := "case:" + strconv.FormatInt(k.ID, 10)
		x, reasons := sinbaRecord(k, d, opts, per)
		if len(reasons) > 0 {
			res.Invalid = append(res.Invalid, Skipped{Key: key, CitizenID: k.CitizenID, CaseID: k.ID, Reasons: reasons})
			continue
		}
		c := &candidate{key: key, citizenID: k.CitizenID, caseID: k.ID, zoneID: k.ZoneID,
			tiers: []string{audit.TierSocial, audit.TierSensitive}, sinba: x}
		if err := c.finish(); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

func sinbaRecord(k *sinbaCaseRow, d *sinbaData, opts Options, per period) (*SinbaType, []string) {
	var reasons []string
	if k.BirthDate == nil {
		return nil, []string{"no birth date: AnnoNascita and FasciaEtaBeneficiario are required"}
	}
	// The reference day: the later of the opening and the period's start,
	// and never before the birth (a case opened for a child about to be
	// born).
	ref := k.OpenedOn
	if ref.Before(per.from) {
		ref = per.from
	}
	if ref.Before(*k.BirthDate) {
		ref = *k.BirthDate
	}
	age := ageOn(*k.BirthDate, ref)
	x := &SinbaType{
		IDBeneficiario:                  Pseudonym(opts.PseudonymKey, deref(k.FiscalCode), deref(k.TemporaryID)),
		CondizioneMinore:                condizioneMinoreDefault,
		ScuolaFrequentata:               scuolaPerEta(age),
		CondizioneLavoro:                condizioneLavoroDefault,
		SegnalazioneAutoritaGiudiziaria: segnalazioneAGDefault,
		ProvvedimentoGiudiziario:        provvedimentoGiudDefault,
		FasciaEtaBeneficiario:           fasciaEta(age),
		AnnoNascita:                     fmt.Sprintf("%04d", k.BirthDate.Year()),
	}
	if x.FasciaEtaBeneficiario == "" {
		reasons = append(reasons, "not a minor on the reference day")
	}

	// Family: parents, cohabitants on the reference day.
	rels := d.relations[k.CitizenID]
	parents := map[int64]*sinbaRelation{}
	var father, mother *sinbaRelation
	for i := range rels {
		r := &rels[i]
		if r.Kind != "PARENT" {
			continue
		}
		parents[r.RelatedID] = r
		switch deref(r.Sex) {
		case "M":
			if father == nil || r.RelatedID < father.RelatedID {
				father = r
			}
		case "F":
			if mother == nil || r.RelatedID < mother.RelatedID {
				mother = r
			}
		}
	}
	grandparents, partners := map[int64]bool{}, map[int64]bool{}
	for pid := range parents {
		for _, pr := range d.parentRels[pid] {
			if !pr.validOn(ref) {
				continue
			}
			switch pr.Kind {
			case "PARENT":
				grandparents[pr.RelatedID] = true
			case "PARTNER":
				partners[pr.RelatedID] = true
			}
		}
	}
	var cohabitants []*sinbaRelation
	for i := range rels {
		if r := &rels[i]; r.Cohabiting && r.validOn(ref) {
			cohabitants = append(cohabitants, r)
		}
	}
	var composition []string
	withParent, withRelative, withOthers := false, false, false
	for _, r := range cohabitants {
		code := composizioneAltri
		switch {
		case r.Kind == "PARENT" && deref(r.Sex) == "F":
			code, withParent = composizioneMadre, true
		case r.Kind == "PARENT" && deref(r.Sex) == "M":
			code, withParent = composizionePadre, true
		case r.Kind == "PARENT":
			withParent = true
		case r.Kind == "SIBLING":
			code, withRelative = composizioneFratelli, true
		case grandparents[r.RelatedID]:
			code, withRelative = composizioneNonni, true
		case partners[r.RelatedID] && parents[r.RelatedID] == nil:
			code, withOthers = composizioneCompagno, true
		case r.Kind == "OTHER_RELATIVE":
			withRelative = true
		default:
			withOthers = true
		}
		if !slices.Contains(composition, code) {
			composition = append(composition, code)
		}
	}
	slices.Sort(composition)

	foreign := k.Citizenship != nil && *k.Citizenship != "IT"
	if foreign && len(parents) == 0 && len(cohabitants) == 0 {
		x.MinoreStranieroNoAcc = sinbaSi
	} else {
		x.MinoreStranieroNoAcc = sinbaNo
	}

	// Where the minor lives.
	var types []string
	for _, iv := range d.interventions[k.ID] {
		types = append(types, iv.TypeCode)
	}
	switch {
	case slices.Contains(types, "COMMUNITY_FOR_MINORS"):
		x.LuogoVita = luogoStrutturaSociale
	case slices.Contains(types, "FAMILY_FOSTER_CARE"):
		x.LuogoVita = luogoAffidataria
	case k.Homeless:
		x.LuogoVita = luogoSenzaDimora
	case withParent:
		x.LuogoVita = luogoFamiglia
	case withRelative:
		x.LuogoVita = luogoParenti
	case withOthers:
		x.LuogoVita = luogoAmiciConoscenti
	default:
		reasons = append(reasons, "where the minor lives is unknown (no cohabitant, no foster care or community in the period): LuogoVita is required")
	}
	if len(composition) == 0 {
		if x.LuogoVita == luogoStrutturaSociale || x.LuogoVita == luogoAffidataria {
			composition = []string{composizioneAltri}
		} else {
			reasons = append(reasons, "no cohabitant recorded: Famiglia/ComposizioneFamiglia requires at least one")
		}
	}
	x.Famiglia.ComposizioneFamiglia = composition

	// Orphanhood: a parent whose case was closed as DECEASED.
	dead := func(p *sinbaRelation) bool {
		if p == nil {
			return false
		}
		on, ok := d.deceasedOn[p.RelatedID]
		return ok && !on.After(per.to)
	}
	switch fd, md := dead(father), dead(mother); {
	case fd && md:
		x.CondizioneMinore = "2"
	case fd:
		x.CondizioneMinore = "3"
	case md:
		x.CondizioneMinore = "4"
	}
	if father != nil {
		x.CodiceCittadinanzaPadre = istatState(father.Citizenship)
		x.CodiceRegioneResidenzaPadre = regionByProvince[deref(father.ResProvince)]
	}
	if mother != nil {
		x.CodiceCittadinanzaMadre = istatState(mother.Citizenship)
		x.CodiceRegioneResidenzaMadre = regionByProvince[deref(mother.ResProvince)]
	}

	// Disability.
	x.Disabilita = sinbaNo
	if d.disabled[k.CitizenID] {
		x.Disabilita = sinbaSi
	}
	if c, ok := d.invCiv[k.CitizenID]; ok {
		x.Disabilita = sinbaSi
		x.InvCivCertificazioni = invCivSINBA(c)
	}

	// First report and its source.
	first := k.OpenedOn
	type source struct {
		sinbaSource
		referral bool
	}
	var sources []source
	if k.SourceReferralID != nil {
		if s, ok := d.referrals[*k.SourceReferralID]; ok {
			sources = append(sources, source{s, true})
		}
	}
	if k.SourceAccessID != nil {
		if s, ok := d.accesses[*k.SourceAccessID]; ok {
			sources = append(sources, source{s, false})
		}
	}
	if s, ok := d.firstAccess[k.CitizenID]; ok {
		sources = append(sources, source{s, false})
	}
	for _, s := range sources {
		if s.On.Before(first) {
			first = s.On
		}
		switch {
		case x.FonteSegnalazione != "":
		case s.referral:
			x.FonteSegnalazione = fonteDaOrganizzazione[s.Kind]
		default:
			x.FonteSegnalazione = fonteDaAccesso(s.Kind, s.Name, s.Relation)
		}
	}
	x.DataPrimaSegnalazione = first.Format("01/2006")
	if x.FonteSegnalazione == "" {
		reasons = append(reasons, "the source of the first report is unknown (no referral, no access with a known speaker): FonteSegnalazione is required")
	}

	// Assessments.
	fam := d.family[k.ID]
	needs := d.needs[k.CitizenID]
	switch {
	case x.MinoreStranieroNoAcc == sinbaSi:
		x.ValutazioneMinore = valutazioneMinoreMSNA
	case x.Disabilita == sinbaSi:
		x.ValutazioneMinore = valutazioneMinoreDis
	case slices.Contains(needs, "FM_SCHOOL") || fam.SchoolAttendance == "irregolare" ||
		slices.Contains(fam.RiskFactors, "assenze scolastiche"):
		x.ValutazioneMinore = valutazioneMinoreScuol
	default:
		x.ValutazioneMinore = valutazioneMinoreNone
	}
	x.ValutazioneFamigliaMinore = valutazioneFamNone
	for _, m := range famigliaDaRischi {
		if slices.Contains(fam.RiskFactors, m.risk) ||
			(m.risk == "parenting:inadeguata" && fam.ParentingCapacity == "inadeguata") ||
			(len(m.risk) > 5 && m.risk[:5] == "need:" && slices.Contains(needs, m.risk[5:])) {
			x.ValutazioneFamigliaMinore = m.code
			break
		}
	}

	// Closure.
	if k.ClosedOn != nil && !k.ClosedOn.After(per.to) && k.ClosureReason != nil {
		x.MotivazioneChiusuraCarico = motivazioneChiusura(*k.ClosureReason, ageOn(*k.BirthDate, *k.ClosedOn))
	}

	// Residence.
	if k.HasHome {
		x.CodiceNazioneResidenza = istatItaly
		prov := deref(k.ResProvince)
		if prov == "" {
			prov = deref(k.DomProvince)
		}
		x.CodiceRegioneResidenza = regionByProvince[prov]
	} else {
		reasons = append(reasons, "no residence or domicile: CodiceNazioneResidenza is required")
	}

	// Benefits and ISEE.
	var codes []string
	var iseeOn time.Time
	for _, iv := range d.interventions[k.ID] {
		if !slices.Contains(codes, iv.InpsCode) {
			codes = append(codes, iv.InpsCode)
		}
		if iv.IseeCents != nil && !iv.StartDate.Before(iseeOn) {
			iseeOn = iv.StartDate
			x.FasciaISEEBeneficiario = fasciaISEE(*iv.IseeCents)
		}
	}
	slices.Sort(codes)
	if len(codes) == 0 {
		if d.professional == "" {
			reasons = append(reasons, "no benefit in the period and no PROFESSIONAL_SOCIAL_SERVICE type: Prestazioni requires a code")
		} else {
			codes = []string{d.professional}
		}
	}
	x.Prestazioni.CodicePrestazione = codes
	return x, reasons
}

// loadSINBA reads what the cases need, a few queries for all of them.
func loadSINBA(ctx context.Context, tx bun.Tx, per period, rows []sinbaCaseRow) (*sinbaData, error) {
	d := &sinbaData{
		interventions: map[int64][]sinbaIntervention{}, relations: map[int64][]sinbaRelation{},
		parentRels: map[int64][]sinbaRelation{}, deceasedOn: map[int64]time.Time{}, disabled: map[int64]bool{},
		invCiv: map[int64]int{}, needs: map[int64][]string{}, family: map[int64]familyAssessment{},
		firstAccess: map[int64]sinbaSource{}, accesses: map[int64]sinbaSource{}, referrals: map[int64]sinbaSource{},
	}
	if len(rows) == 0 {
		return d, nil
	}
	var cases, minors, accessIDs, referralIDs []int64
	for _, k := range rows {
		cases = append(cases, k.ID)
		if !slices.Contains(minors, k.CitizenID) {
			minors = append(minors, k.CitizenID)
		}
		if k.SourceAccessID != nil {
			accessIDs = append(accessIDs, *k.SourceAccessID)
		}
		if k.SourceReferralID != nil {
			referralIDs = append(referralIDs, *k.SourceReferralID)
		}
	}
	caseArr, minorArr, from, to := int64Array(cases), int64Array(minors), per.fromSQL(), per.toSQL()
	scan := func(what string, dest any, query string, args ...any) error {
		if err := tx.NewRaw(query, args...).Scan(ctx, dest); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("inps: read %s: %w", what, err)
		}
		return nil
	}

	var ivs []sinbaIntervention
	if err := scan("the interventions of the cases", &ivs, `SELECT iv.case_id, iv.type_code, it.inps_code, iv.isee_cents, iv.start_date
		FROM intervention iv JOIN intervention_type it ON it.code = iv.type_code
		WHERE iv.case_id = ANY(?::bigint[]) AND iv.status IN ('AUTHORIZED', 'ACTIVE', 'CLOSED')
		  AND iv.start_date <= ?::date AND (iv.end_date IS NULL OR iv.end_date >= ?::date)
		ORDER BY iv.case_id, iv.start_date, iv.id`, caseArr, to, from); err != nil {
		return nil, err
	}
	for _, iv := range ivs {
		d.interventions[iv.CaseID] = append(d.interventions[iv.CaseID], iv)
	}

	var rels []sinbaRelation
	if err := scan("the relations of the minors", &rels, `SELECT r.citizen_id, r.related_citizen_id, r.kind, r.cohabiting,
			r.valid_from, r.valid_to, o.sex, o.citizenship, om.province AS res_province
		FROM relation r
		JOIN citizen o ON o.id = r.related_citizen_id
		LEFT JOIN municipality om ON om.id = o.residence_municipality_id
		WHERE r.citizen_id = ANY(?::bigint[]) ORDER BY r.citizen_id, r.related_citizen_id, r.kind`, minorArr); err != nil {
		return nil, err
	}
	var parents []int64
	for _, r := range rels {
		d.relations[r.CitizenID] = append(d.relations[r.CitizenID], r)
		if r.Kind == "PARENT" && !slices.Contains(parents, r.RelatedID) {
			parents = append(parents, r.RelatedID)
		}
	}
	if len(parents) > 0 {
		parentArr := int64Array(parents)
		var prels []sinbaRelation
		if err := scan("the relations of the parents", &prels, `SELECT r.citizen_id, r.related_citizen_id, r.kind,
				r.cohabiting, r.valid_from, r.valid_to
			FROM relation r WHERE r.citizen_id = ANY(?::bigint[]) AND r.kind IN ('PARENT', 'PARTNER')`, parentArr); err != nil {
			return nil, err
		}
		for _, r := range prels {
			d.parentRels[r.CitizenID] = append(d.parentRels[r.CitizenID], r)
		}
		var deaths []struct {
			CitizenID int64     `bun:"citizen_id"`
			On        time.Time `bun:"died_on"`
		}
		if err := scan("the deaths of parents", &deaths, `SELECT citizen_id,
				min((closed_at AT TIME ZONE 'Europe/Rome')::date) AS died_on
			FROM care_case WHERE citizen_id = ANY(?::bigint[]) AND closure_reason = 'DECEASED'
			GROUP BY citizen_id`, parentArr); err != nil {
			return nil, err
		}
		for _, x := range deaths {
			d.deceasedOn[x.CitizenID] = x.On
		}
	}

	var dis []struct {
		CitizenID int64 `bun:"citizen_id"`
		Disabled  bool  `bun:"disabled"`
		InvCiv    *int  `bun:"inv_civ"`
	}
	if err := scan("the disabilities of the minors", &dis, `SELECT c.id AS citizen_id,
			(EXISTS (SELECT 1 FROM care_case k WHERE k.citizen_id = c.id AND k.user_area_code = 'DISABILITY'
			           AND (k.opened_at AT TIME ZONE 'Europe/Rome')::date <= ?1::date)
			 OR EXISTS (SELECT 1 FROM assessment a WHERE a.citizen_id = c.id AND a.kind = 'SINA' AND a.assessed_on <= ?1::date)
			 OR EXISTS (SELECT 1 FROM intervention iv JOIN intervention_type it ON it.code = iv.type_code
			            WHERE iv.citizen_id = c.id AND it.area_code = 'DISABILITY' AND iv.status <> 'REFUSED'
			              AND (iv.requested_at AT TIME ZONE 'Europe/Rome')::date <= ?1::date)) AS disabled,
			(SELECT min(ic.inv_civ) FROM inps_sina_certification ic JOIN assessment a ON a.id = ic.assessment_id
			 WHERE ic.citizen_id = c.id AND a.assessed_on <= ?1::date) AS inv_civ
		FROM citizen c WHERE c.id = ANY(?0::bigint[])`, minorArr, to); err != nil {
		return nil, err
	}
	for _, x := range dis {
		d.disabled[x.CitizenID] = x.Disabled
		if x.InvCiv != nil {
			d.invCiv[x.CitizenID] = *x.InvCiv
		}
	}

	var needs []struct {
		CitizenID int64  `bun:"citizen_id"`
		Need      string `bun:"need_code"`
	}
	if err := scan("the needs of the minors", &needs, `SELECT DISTINCT a.citizen_id, an.need_code
		FROM access_need an JOIN access a ON a.id = an.access_id
		WHERE a.citizen_id = ANY(?::bigint[]) AND an.need_code IN ('FM_SCHOOL', 'FM_FAMILY_CONFLICT')
		  AND (a.occurred_at AT TIME ZONE 'Europe/Rome')::date <= ?::date
		ORDER BY 1, 2`, minorArr, to); err != nil {
		return nil, err
	}
	for _, n := range needs {
		d.needs[n.CitizenID] = append(d.needs[n.CitizenID], n.Need)
	}

	var fams []struct {
		CaseID int64   `bun:"case_id"`
		Family *string `bun:"family"`
	}
	if err := scan("the family assessments", &fams, `SELECT DISTINCT ON (a.case_id) a.case_id, a.family_assessment::text AS family
		FROM assessment a
		WHERE a.kind = 'FAMILY_MINOR' AND a.case_id = ANY(?::bigint[]) AND a.assessed_on <= ?::date
		ORDER BY a.case_id, a.assessed_on DESC, a.id DESC`, caseArr, to); err != nil {
		return nil, err
	}
	for _, f := range fams {
		var fa familyAssessment
		if f.Family != nil {
			// A form that does not read as expected counts as no assessment.
			_ = json.Unmarshal([]byte(*f.Family), &fa)
		}
		d.family[f.CaseID] = fa
	}

	var firsts []sinbaSource
	if err := scan("the first accesses", &firsts, `SELECT DISTINCT ON (a.citizen_id) a.id, a.citizen_id,
			(a.occurred_at AT TIME ZONE 'Europe/Rome')::date AS on_date, a.speaker_kind AS kind, a.speaker_name,
			a.speaker_relation
		FROM access a
		WHERE a.citizen_id = ANY(?::bigint[]) AND (a.occurred_at AT TIME ZONE 'Europe/Rome')::date <= ?::date
		ORDER BY a.citizen_id, a.occurred_at, a.id`, minorArr, to); err != nil {
		return nil, err
	}
	for _, s := range firsts {
		d.firstAccess[s.Citizen] = s
	}
	if len(accessIDs) > 0 {
		var srcs []sinbaSource
		if err := scan("the source accesses", &srcs, `SELECT a.id, coalesce(a.citizen_id, 0) AS citizen_id,
				(a.occurred_at AT TIME ZONE 'Europe/Rome')::date AS on_date, a.speaker_kind AS kind, a.speaker_name,
				a.speaker_relation
			FROM access a WHERE a.id = ANY(?::bigint[])`, int64Array(accessIDs)); err != nil {
			return nil, err
		}
		for _, s := range srcs {
			d.accesses[s.ID] = s
		}
	}
	if len(referralIDs) > 0 {
		var srcs []sinbaSource
		if err := scan("the source referrals", &srcs, `SELECT rf.id, rf.citizen_id,
				(rf.proposed_at AT TIME ZONE 'Europe/Rome')::date AS on_date, org.kind
			FROM referral rf
			JOIN office o ON o.id = rf.from_office_id
			JOIN organization org ON org.id = o.organization_id
			WHERE rf.id = ANY(?::bigint[])`, int64Array(referralIDs)); err != nil {
			return nil, err
		}
		for _, s := range srcs {
			d.referrals[s.ID] = s
		}
	}
	err := tx.QueryRowContext(ctx, `SELECT inps_code FROM intervention_type WHERE code = 'PROFESSIONAL_SOCIAL_SERVICE'`).Scan(&d.professional)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("inps: read the professional social service: %w", err)
	}
	return d, nil
}
