package inps

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/audit"
)

// psaRow is an intervention of the period with what the PSA record needs.
type psaRow struct {
	ID               int64      `bun:"id"`
	CitizenID        int64      `bun:"citizen_id"`
	CaseID           *int64     `bun:"case_id"`
	ZoneID           int        `bun:"zone_id"`
	TypeCode         string     `bun:"type_code"`
	InpsCode         string     `bun:"inps_code"`
	TypeLabel        string     `bun:"type_label"`
	TypeInpsArea     int        `bun:"type_inps_area"`
	CaseInpsArea     *int       `bun:"case_inps_area"`
	StartDate        time.Time  `bun:"start_date"`
	EndDate          *time.Time `bun:"end_date"`
	AmountCents      int64      `bun:"amount_cents"`
	UserShareCents   int64      `bun:"user_share_cents"`
	HealthShareCents int64      `bun:"health_share_cents"`
	HoursPerMonth    *float64   `bun:"hours_per_month"`
	MeansTested      bool       `bun:"means_tested"`
	AuthorizedOn     *time.Time `bun:"authorized_on"`
	FiscalCode       *string    `bun:"fiscal_code"`
	FirstName        string     `bun:"first_name"`
	LastName         string     `bun:"last_name"`
	BirthDate        *time.Time `bun:"birth_date"`
	BirthPlaceCode   *string    `bun:"birth_place_code"`
	Sex              *string    `bun:"sex"`
	Citizenship      *string    `bun:"citizenship"`
	ProtectedAddress bool       `bun:"protected_address"`
	ResIstat         *string    `bun:"res_istat"`
	ResProvince      *string    `bun:"res_province"`
}

// psaSQL selects the benefits of the period: interventions authorized,
// active or closed (a requested or refused one is no benefit) whose dates
// overlap the period, in a zone or all.
const psaSQL = `
SELECT iv.id, iv.citizen_id, iv.case_id, iv.zone_id, iv.type_code, it.inps_code, it.label_it AS type_label,
       ua_t.inps_area AS type_inps_area, ua_k.inps_area AS case_inps_area,
       iv.start_date, iv.end_date, iv.amount_cents, iv.user_share_cents, iv.health_share_cents,
       iv.hours_per_month::float8 AS hours_per_month, iv.means_tested,
       (iv.authorized_at AT TIME ZONE 'Europe/Rome')::date AS authorized_on,
       c.fiscal_code, c.first_name, c.last_name, c.birth_date, c.birth_place_code, c.sex, c.citizenship,
       c.protected_address, rm.istat_code AS res_istat, rm.province AS res_province
FROM intervention iv
JOIN intervention_type it ON it.code = iv.type_code
JOIN user_area ua_t ON ua_t.code = it.area_code
JOIN citizen c ON c.id = iv.citizen_id
LEFT JOIN care_case k ON k.id = iv.case_id
LEFT JOIN user_area ua_k ON ua_k.code = k.user_area_code
LEFT JOIN municipality rm ON rm.id = c.residence_municipality_id
WHERE iv.status IN ('AUTHORIZED', 'ACTIVE', 'CLOSED')
  AND iv.start_date <= ?1::date
  AND (iv.end_date IS NULL OR iv.end_date >= ?0::date)
  AND (?2 = 0 OR iv.zone_id = ?2)
ORDER BY iv.id`

// sinaRow is the latest SINA assessment of a case.
type sinaRow struct {
	CaseID       int64 `bun:"case_id"`
	AssessmentID int64 `bun:"id"`
	Mobility     *int  `bun:"sina_mobility"`
	Daily        *int  `bun:"sina_daily_activities"`
	Cognitive    *int  `bun:"sina_cognitive_disorders"`
	Behavioural  *int  `bun:"sina_behavioural_disorders"`
	Health       *int  `bun:"sina_health_care_need"`
	Income       *int  `bun:"sina_income"`
	Support      *int  `bun:"sina_support_network"`
}

// certRow is a civil-invalidity certification of an assessment.
type certRow struct {
	AssessmentID int64 `bun:"assessment_id"`
	InvCiv       int   `bun:"inv_civ"`
	Source       *int  `bun:"source"`
}

// buildPSA builds a record per benefit of the period.
//
// Mapping (PrestazioniSocialiType, attributes not listed are left out
// because SISO does not hold them: NumeroProtocolloDSU, AnnoProtocolloDSU,
// DataDSU, ImportoQuotaRichiesta, ImportoSogliaISEE):
//
//	PresenzaProvaMezzi        means_tested (presenzaProvaMezzi)
//	CaratterePrestazione      by type (occasionalTypes)
//	CodicePrestazione         intervention_type.inps_code
//	DenominazionePrestazione  intervention_type.label_it (10-200 characters)
//	ProtocolloDomanda         "SISO-<intervention id>": SISO keeps no protocol
//	                          register; the id is stable and unique
//	DataEvento                the authorization date (the event that grants it)
//	DataInizio/FinePrestazione start_date, end_date
//	DataErogazionePrestazione occasional benefits: end_date (the payment)
//	ImportoPrestazione        amount_cents in euro (the benefit's total)
//	PeriodoErogazione         periodic benefits with an end: their months (1-12)
//	ImportoMensile            the total over those months
//	ImportoQuotaEnte          amount - user share - health share
//	ImportoQuotaUtente        user_share_cents
//	ImportoQuotaSSN           health_share_cents
//	OreServizioMensile        hours_per_month, rounded (max 999)
//	PresaCarico               1 with a case, 2 without
//	AreaUtenza                user_area.inps_area of the case's area, or of the
//	                          intervention type's area without a case
//	SINA                      area 2 with a case: the case's latest SINA
//	                          assessment up to the period's end, when complete
//	                          and with civil-invalidity certifications
//
// The beneficiary (BeneficiarioType): the codice fiscale (required: people
// with a temporary identifier are invalid for this flow), Anagrafica
// (surname and name cut to 36 characters, birth year, cadastral code of the
// birthplace, sex, ISTAT citizenship) and the residence as Indirizzo
// (region, ISTAT municipality, Italy), left out for protected addresses.
func buildPSA(ctx context.Context, tx bun.Tx, opts Options, per period, res *Result) ([]*candidate, error) {
	var rows []psaRow
	if err := tx.NewRaw(psaSQL, per.fromSQL(), per.toSQL(), opts.ZoneID).Scan(ctx, &rows); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("inps: read the benefits: %w", err)
	}
	sina, err := loadSINA(ctx, tx, per, rows)
	if err != nil {
		return nil, err
	}
	var noAssessment, incomplete, noCert int
	out := make([]*candidate, 0, len(rows))
	for i := range rows {
		r := &rows[i]
		key := "intervention:" + strconv.FormatInt(r.ID, 10)
		var reasons []string
		b := BeneficiarioType{}
		switch {
		case r.FiscalCode == nil:
			reasons = append(reasons, "the beneficiary has no codice fiscale (a temporary identifier): BeneficiarioType/@CodiceFiscale is required")
		case !fiscalCodePattern.MatchString(*r.FiscalCode):
			reasons = append(reasons, "the codice fiscale does not match the schema's pattern (omocodia is not accepted by BeneficiarioType/@CodiceFiscale)")
		default:
			b.CodiceFiscale = *r.FiscalCode
		}
		a := AnagraficaType{Cognome: truncate(r.LastName, 36), Nome: truncate(r.FirstName, 36),
			Genere: genere(r.Sex), CodiceCittadinanza: istatState(r.Citizenship)}
		if r.BirthDate == nil {
			reasons = append(reasons, "no birth date: AnagraficaType/@AnnoNascita is required")
		} else {
			a.AnnoNascita = fmt.Sprintf("%04d", r.BirthDate.Year())
		}
		if r.BirthPlaceCode == nil {
			reasons = append(reasons, "no birthplace: AnagraficaType/@LuogoNascita is required")
		} else {
			a.LuogoNascita = *r.BirthPlaceCode
		}
		if a.Genere == "" {
			reasons = append(reasons, "no sex: AnagraficaType/@Genere is required")
		}
		if a.CodiceCittadinanza == "" {
			reasons = append(reasons, "no citizenship with an ISTAT code: AnagraficaType/@CodiceCittadinanza is required")
		}
		if a.Cognome == "" || a.Nome == "" {
			reasons = append(reasons, "no surname or name: AnagraficaType/@Cognome and @Nome are required")
		}
		denominazione := truncate(r.TypeLabel, 200)
		if len([]rune(denominazione)) < 10 {
			denominazione = truncate(r.TypeLabel+" ("+r.InpsCode+")", 200)
		}
		if len([]rune(denominazione)) < 10 {
			reasons = append(reasons, "the intervention type's name is shorter than the 10 characters of DenominazionePrestazione")
		}
		if len(reasons) > 0 {
			res.Invalid = append(res.Invalid, Skipped{Key: key, CitizenID: r.CitizenID, InterventionID: r.ID,
				CaseID: deref(r.CaseID), Reasons: reasons})
			continue
		}
		b.Anagrafica = a
		if r.ResIstat != nil && !r.ProtectedAddress {
			b.Indirizzo = []IndirizzoType{{CodiceRegione: regionByProvince[deref(r.ResProvince)],
				CodiceComune: *r.ResIstat, CodiceNazione: istatItaly}}
		}
		p := PrestazioniSocialiType{
			PresenzaProvaMezzi:       presenzaProvaMezzi(r.MeansTested),
			CaratterePrestazione:     caratterePeriodico,
			CodicePrestazione:        r.InpsCode,
			DenominazionePrestazione: denominazione,
			ProtocolloDomanda:        "SISO-" + strconv.FormatInt(r.ID, 10),
			DataEvento:               xsdDate(r.AuthorizedOn),
			DataInizioPrestazione:    xsdDate(&r.StartDate),
			DataFinePrestazione:      xsdDate(r.EndDate),
			ImportoPrestazione:       euro(r.AmountCents),
			ImportoQuotaEnte:         euro(r.AmountCents - r.UserShareCents - r.HealthShareCents),
			ImportoQuotaUtente:       euro(r.UserShareCents),
			ImportoQuotaSSN:          euro(r.HealthShareCents),
			PresaCarico:              presaCarico(r.CaseID != nil),
		}
		occasional := occasionalTypes[r.TypeCode]
		if occasional {
			p.CaratterePrestazione = carattereOccasionale
			p.DataErogazionePrestazione = xsdDate(r.EndDate)
		} else if r.EndDate != nil {
			if m := monthsBetween(r.StartDate, *r.EndDate); m >= 1 && m <= 12 {
				p.PeriodoErogazione = strconv.Itoa(m)
				p.ImportoMensile = euro(int64(math.Round(float64(r.AmountCents) / float64(m))))
			}
		}
		if r.HoursPerMonth != nil && *r.HoursPerMonth > 0 {
			if h := int(math.Round(*r.HoursPerMonth)); h <= 999 {
				p.OreServizioMensile = strconv.Itoa(h)
			}
		}
		area := r.TypeInpsArea
		if r.CaseInpsArea != nil {
			area = *r.CaseInpsArea
		}
		p.AreaUtenza = strconv.Itoa(area)
		tiers := []string{audit.TierIdentity, audit.TierSocial}
		if area == 2 && r.CaseID != nil {
			s := sina.latest[*r.CaseID]
			switch {
			case s == nil:
				noAssessment++
			case s.Mobility == nil || s.Daily == nil || s.Behavioural == nil || s.Health == nil || s.Income == nil || s.Support == nil:
				incomplete++
			case len(sina.certs[s.AssessmentID]) == 0:
				noCert++
			default:
				needs := sina.needs[*r.CaseID]
				if !slices.Contains(needs, r.InpsCode) {
					needs = append(slices.Clone(needs), r.InpsCode)
					slices.Sort(needs)
				}
				p.SINA = sinaBlock(s, sina.certs[s.AssessmentID], needs)
				tiers = append(tiers, audit.TierSensitive)
			}
		}
		b.PrestazioniSociali = []PrestazioniSocialiType{p}
		c := &candidate{key: key, citizenID: r.CitizenID, interventionID: r.ID, caseID: deref(r.CaseID),
			zoneID: r.ZoneID, sortKey: b.CodiceFiscale, tiers: tiers, psa: &b}
		if err := c.finish(); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	if noAssessment > 0 {
		res.Warnings = append(res.Warnings, fmt.Sprintf("%d benefit(s) of area 2 in a case sent without SINA: the case has no SINA assessment up to %s", noAssessment, per.toSQL()))
	}
	if incomplete > 0 {
		res.Warnings = append(res.Warnings, fmt.Sprintf("%d benefit(s) of area 2 sent without SINA: the latest SINA assessment lacks a required dimension", incomplete))
	}
	if noCert > 0 {
		res.Warnings = append(res.Warnings, fmt.Sprintf("%d benefit(s) of area 2 sent without SINA: no civil-invalidity certification recorded for the assessment (inps_sina_certification; SINAType/InvaliditaCivile requires at least one InvCiv)", noCert))
	}
	return out, nil
}

// sinaData is what the SINA blocks of the benefits need.
type sinaData struct {
	latest map[int64]*sinaRow  // by case
	certs  map[int64][]certRow // by assessment
	needs  map[int64][]string  // by case: the inps codes of its interventions
}

// loadSINA reads, for the cases of area-2 benefits, the latest SINA
// assessment up to the period's end, its certifications, and the codes of
// the interventions requested in the case up to then (not refused): the
// social interventions the assessment found necessary
// (NecessitaInterventiSociali).
func loadSINA(ctx context.Context, tx bun.Tx, per period, rows []psaRow) (sinaData, error) {
	d := sinaData{latest: map[int64]*sinaRow{}, certs: map[int64][]certRow{}, needs: map[int64][]string{}}
	var cases []int64
	for _, r := range rows {
		if r.CaseID != nil && r.CaseInpsArea != nil && *r.CaseInpsArea == 2 && !slices.Contains(cases, *r.CaseID) {
			cases = append(cases, *r.CaseID)
		}
	}
	if len(cases) == 0 {
		return d, nil
	}
	var latest []sinaRow
	err := tx.NewRaw(`SELECT DISTINCT ON (a.case_id) a.case_id, a.id, a.sina_mobility, a.sina_daily_activities,
			a.sina_cognitive_disorders, a.sina_behavioural_disorders, a.sina_health_care_need, a.sina_income,
			a.sina_support_network
		FROM assessment a
		WHERE a.kind = 'SINA' AND a.case_id = ANY(?::bigint[]) AND a.assessed_on <= ?::date
		ORDER BY a.case_id, a.assessed_on DESC, a.id DESC`, int64Array(cases), per.toSQL()).Scan(ctx, &latest)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return d, fmt.Errorf("inps: read the SINA assessments: %w", err)
	}
	var assessments []int64
	for i := range latest {
		d.latest[latest[i].CaseID] = &latest[i]
		assessments = append(assessments, latest[i].AssessmentID)
	}
	if len(assessments) > 0 {
		var certs []certRow
		err := tx.NewRaw(`SELECT assessment_id, inv_civ, source FROM inps_sina_certification
			WHERE assessment_id = ANY(?::bigint[]) ORDER BY assessment_id, inv_civ`, int64Array(assessments)).Scan(ctx, &certs)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return d, fmt.Errorf("inps: read the civil-invalidity certifications: %w", err)
		}
		for _, c := range certs {
			d.certs[c.AssessmentID] = append(d.certs[c.AssessmentID], c)
		}
	}
	var needs []struct {
		CaseID   int64  `bun:"case_id"`
		InpsCode string `bun:"inps_code"`
	}
	err = tx.NewRaw(`SELECT DISTINCT iv.case_id, it.inps_code
		FROM intervention iv JOIN intervention_type it ON it.code = iv.type_code
		WHERE iv.case_id = ANY(?::bigint[]) AND iv.status <> 'REFUSED'
		  AND (iv.requested_at AT TIME ZONE 'Europe/Rome')::date <= ?::date
		ORDER BY iv.case_id, it.inps_code`, int64Array(cases), per.toSQL()).Scan(ctx, &needs)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return d, fmt.Errorf("inps: read the interventions of the cases: %w", err)
	}
	for _, n := range needs {
		d.needs[n.CaseID] = append(d.needs[n.CaseID], n.InpsCode)
	}
	return d, nil
}

// sinaBlock builds SINAType: the seven dimensions as stored (SISO keeps
// the schema's values), the source and instrument of SISO's assessment,
// the certifications, and the necessary interventions.
func sinaBlock(s *sinaRow, certs []certRow, needs []string) *SINAType {
	x := &SINAType{
		Mobilita:                    strconv.Itoa(*s.Mobility),
		AttivitaVitaQuotidiana:      strconv.Itoa(*s.Daily),
		DisturbiComportamentali:     strconv.Itoa(*s.Behavioural),
		NecessitaCureSanitarie:      strconv.Itoa(*s.Health),
		AreaReddituale:              strconv.Itoa(*s.Income),
		AreaSupporto:                strconv.Itoa(*s.Support),
		FonteDerivazioneValutazione: fonteValutazioneCartellaSociale,
		StrumentoValutazione:        strumentoValutazioneAltro,
	}
	if s.Cognitive != nil {
		x.DisturbiAreaCognitiva = strconv.Itoa(*s.Cognitive)
	}
	x.NecessitaInterventiSociali.CodicePrestazione = slices.Clone(needs)
	source := ""
	for i, c := range certs {
		x.InvaliditaCivile.InvCiv = append(x.InvaliditaCivile.InvCiv, strconv.Itoa(c.InvCiv))
		// FonteDerivazioneInvalidita is one for the block: sent when every
		// certification has the same.
		cs := ""
		if c.Source != nil {
			cs = strconv.Itoa(*c.Source)
		}
		if i == 0 {
			source = cs
		} else if cs != source {
			source = ""
		}
	}
	x.FonteDerivazioneInvalidita = source
	return x
}

// monthsBetween counts the calendar months from a's to b's, both included.
func monthsBetween(a, b time.Time) int {
	return (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month()) + 1
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
