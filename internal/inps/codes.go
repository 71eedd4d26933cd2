package inps

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base32"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// This file holds every mapping from SISO's data to the codes of the two
// schemas, and the few values the schemas require that SISO does not hold.
// Each entry cites the schema's annotation it produces. Where a required
// value cannot be derived, the record is reported as invalid and left out
// rather than filled with an invented value; the only fixed defaults are
// the ones listed under "Defaults" below, each of which says why.

// The Italian state and the region.
const (
	// istatItaly is Italy in the ISTAT classification of states (the
	// 3-digit codes of CodiceCittadinanza and CodiceNazione).
	istatItaly = "100"
	// DefaultRegionCode is Regione Umbria's ISTAT region code: the Ente
	// code of a flow sent for every zone, and CodiceRegione of addresses
	// in its provinces.
	DefaultRegionCode = "10"
)

// regionByProvince gives the ISTAT region code of a province (sigla).
// SISO's municipality table is Umbria's (Perugia and Terni); a
// municipality of another province leaves the optional CodiceRegione out.
var regionByProvince = map[string]string{"PG": "10", "TR": "10"}

// istatStates maps ISO 3166-1 alpha-2 (SISO's citizen.citizenship) to the
// ISTAT code of the state ("Classificazione degli Stati esteri", 3 digits:
// 100 Italy, 2xx Europe, 3xx Asia, 4xx Africa, 5xx North and Central
// America, 6xx South America, 7xx Oceania), used for CodiceCittadinanza,
// CodiceCittadinanzaPadre/Madre and CodiceNazione. A citizenship missing
// here makes the PSA record invalid (CodiceCittadinanza is required) and
// leaves the optional parents' citizenship out of SINBA.
var istatStates = map[string]string{
	"IT": "100",
	// Europe
	"AL": "201", "AD": "202", "AT": "203", "BE": "206", "BG": "209", "DK": "212", "FI": "214", "FR": "215",
	"DE": "216", "GB": "219", "GR": "220", "IE": "221", "IS": "223", "LI": "225", "LU": "226", "MT": "227",
	"MC": "229", "NO": "231", "NL": "232", "PL": "233", "PT": "234", "RO": "235", "SM": "236", "ES": "239",
	"SE": "240", "CH": "241", "UA": "243", "HU": "244", "RU": "245", "VA": "246", "EE": "247", "LV": "248",
	"LT": "249", "HR": "250", "SI": "251", "BA": "252", "MK": "253", "MD": "254", "SK": "255", "BY": "256",
	"CZ": "257", "ME": "270", "RS": "271", "XK": "272",
	// Asia
	"AF": "301", "SA": "302", "BH": "304", "BD": "305", "BT": "306", "MM": "307", "BN": "309", "KH": "310",
	"LK": "311", "CN": "314", "CY": "315", "KP": "319", "KR": "320", "AE": "322", "PH": "323", "PS": "324",
	"JP": "326", "JO": "327", "IN": "330", "ID": "331", "IR": "332", "IQ": "333", "IL": "334", "KW": "335",
	"LA": "336", "LB": "337", "TL": "338", "MV": "339", "MY": "340", "MN": "341", "NP": "342", "OM": "343",
	"PK": "344", "QA": "345", "SG": "346", "SY": "348", "TH": "349", "TR": "351", "VN": "353", "YE": "354",
	"KZ": "356", "UZ": "357", "AM": "358", "AZ": "359", "GE": "360", "KG": "361", "TJ": "362", "TW": "363",
	"TM": "364",
	// Africa
	"DZ": "401", "AO": "402", "CI": "404", "BJ": "406", "BW": "408", "BF": "409", "BI": "410", "CM": "411",
	"CV": "413", "CF": "414", "TD": "415", "KM": "417", "CG": "418", "EG": "419", "ET": "420", "GA": "421",
	"GM": "422", "GH": "423", "DJ": "424", "GN": "425", "GW": "426", "GQ": "427", "KE": "428", "LS": "429",
	"LR": "430", "LY": "431", "MG": "432", "MW": "434", "ML": "435", "MA": "436", "MR": "437", "MU": "438",
	"MZ": "440", "NA": "441", "NE": "442", "NG": "443", "RW": "446", "ST": "448", "SC": "449", "SN": "450",
	"SL": "451", "SO": "453", "ZA": "454", "SD": "455", "SZ": "456", "TZ": "457", "TG": "458", "TN": "460",
	"UG": "461", "CD": "463", "ZM": "464", "ZW": "465", "ER": "466", "SS": "467",
	// North and Central America
	"AG": "503", "BS": "505", "BB": "506", "BZ": "507", "CA": "509", "CR": "513", "CU": "514", "DM": "515",
	"DO": "516", "SV": "517", "JM": "518", "GD": "519", "GT": "523", "HT": "524", "HN": "525", "MX": "527",
	"NI": "529", "PA": "530", "LC": "532", "VC": "533", "KN": "534", "US": "536",
	// South America
	"AR": "602", "BO": "604", "BR": "605", "CL": "606", "CO": "608", "EC": "609", "GY": "612", "PY": "614",
	"PE": "615", "SR": "616", "TT": "617", "UY": "618", "VE": "619",
	// Oceania
	"AU": "701", "FJ": "703", "KI": "708", "MH": "712", "FM": "713", "NR": "715", "NZ": "719", "PW": "720",
	"PG": "721", "SB": "725", "WS": "727", "TO": "730", "TV": "731", "VU": "732",
}

// istatState returns the ISTAT code of an ISO citizenship, or "".
func istatState(iso *string) string {
	if iso == nil {
		return ""
	}
	return istatStates[strings.ToUpper(*iso)]
}

// fiscalCodePattern is the pattern of BeneficiarioType/@CodiceFiscale and
// EnteType/@CFOperatore. Note that it has digits in positions 7-8, 10-11
// and 13-15 of a person's code: a codice fiscale with omocodia (digits
// replaced by letters) does not match it.
var fiscalCodePattern = regexp.MustCompile(`^(?:[A-Za-z]{6}\d{2}[A-Za-z]\d{2}[A-Za-z][A-Za-z0-9]{3}[A-Za-z]|\d{11} {0,5})$`)

// PSA_SINA codes.

// genere is GenereType: 1 Maschio, 2 Femmina.
func genere(sex *string) string {
	if sex == nil {
		return ""
	}
	switch *sex {
	case "M":
		return "1"
	case "F":
		return "2"
	}
	return ""
}

// presenzaProvaMezzi is PresenzaProvaMezziType from intervention.means_tested:
// "1 Prestazione soggetta a ISEE" when the benefit is means-tested (SISO's
// means test is the ISEE), "4 Prestazione non soggetta a prova dei mezzi
// (assenza di criteri economici nella disciplina dell'erogazione)" when it
// is not. Values 2 (means test other than the ISEE) and 3 (exempted for
// this beneficiary) have no counterpart in SISO.
func presenzaProvaMezzi(meansTested bool) string {
	if meansTested {
		return "1"
	}
	return "4"
}

// CaratterePrestazioneType.
const (
	caratterePeriodico   = "1" // Periodico
	carattereOccasionale = "2" // Occasionale (unica soluzione)
)

// occasionalTypes are the intervention types paid in one instalment:
// CaratterePrestazioneType "2 Occasionale (unica soluzione)"; every other
// type is "1 Periodico". A type added to the code list is periodic until
// listed here.
var occasionalTypes = map[string]bool{
	"HOUSING_CONTRIBUTION": true, // Contributi economici per alloggio
	"UTILITY_CONTRIBUTION": true, // Contributi per il pagamento di utenze
}

// presaCarico is PresaCaricoType: "1 SI" when the benefit belongs to a
// case (presa in carico), "2 NO" otherwise.
func presaCarico(hasCase bool) string {
	if hasCase {
		return "1"
	}
	return "2"
}

// SINA: the seven dimensions are stored in SISO with the values of the
// schema (assessment.sina_*), so they are copied as they are. The two
// attributes below describe how SISO assessments are made.
const (
	// FonteDerivazioneValutazioneType "2 Cartella sociale": a SISO
	// assessment is recorded in the citizen's social record.
	fonteValutazioneCartellaSociale = "2"
	// StrumentoValutazioneType "7 Altro Sistema Di Codifica": SISO's SINA
	// form is its own, not SVAMA, AGED, RUG, SOSIA, Schema polare or
	// VALGRAF.
	strumentoValutazioneAltro = "7"
)

// SINBA codes.

// Defaults: required SINBA attributes about facts SISO does not record.
// Each is the value that holds when nothing was recorded.
const (
	// CondizioneMinoreType "1 Non orfano", unless SISO knows that a parent
	// died (a parent's case closed with reason DECEASED): then 2, 3 or 4.
	condizioneMinoreDefault = "1"
	// CondizioneLavoroType "1 inattivo (non in età da lavoro, non ha e non
	// cerca lavoro)": SISO records no employment; minors in care are taken
	// as not working.
	condizioneLavoroDefault = "1"
	// SegnalazioneAutoritaGiudiziariaType and ProvvedimentoGiudiziarioType
	// "2 NO": SISO records neither reports to nor orders of a judicial
	// authority. The optional judicial attributes (DataSegnalazione,
	// AutoritaProvvedimento, TipoProvvedimentoGiudiziario, ...) are left out.
	segnalazioneAGDefault    = "2"
	provvedimentoGiudDefault = "2"
)

// sinbaSi and sinbaNo are the SI/NO enumerations of SINBA.
const (
	sinbaSi = "1"
	sinbaNo = "2"
)

// LuogoVitaType values derived from SISO's data (see sinba.go).
const (
	luogoFamiglia          = "1" // nella sua famiglia: lives with a parent
	luogoParenti           = "2" // presso parenti: lives with relatives, no parent
	luogoAffidataria       = "3" // in famiglia affidataria: FAMILY_FOSTER_CARE in the period
	luogoStrutturaSociale  = "4" // in struttura residenziale sociale: COMMUNITY_FOR_MINORS in the period
	luogoAmiciConoscenti   = "7" // con amici e conoscenti: cohabits only with non-relatives
	luogoSenzaDimora       = "8" // senza dimora: citizen.homeless
	composizioneMadre      = "1"
	composizionePadre      = "2"
	composizioneFratelli   = "3"
	composizioneNonni      = "4"
	composizioneCompagno   = "5"
	composizioneAltri      = "6"
	valutazioneMinoreNone  = "1"  // nessuna specifica problematica
	valutazioneMinoreDis   = "9"  // problemi di autonomia, disabilità
	valutazioneMinoreMSNA  = "12" // minore straniero non accompagnato
	valutazioneMinoreScuol = "13" // abbandono scolastico
	valutazioneFamNone     = "1"  // nessuna specifica
)

// scuolaPerEta is ScuolaFrequentataType by age: SISO does not record the
// school, so the school of the Italian system for the age is sent: under 3
// "1 nessuna scuola" (the nido is not compulsory), 3-5 "4 scuola
// dell'infanzia", 6-10 "5 scuola primaria", 11-13 "6 scuola secondaria I
// grado", 14-17 "7 scuola secondaria II grado".
func scuolaPerEta(age int) string {
	switch {
	case age < 3:
		return "1"
	case age < 6:
		return "4"
	case age < 11:
		return "5"
	case age < 14:
		return "6"
	}
	return "7"
}

// fasciaEta is FasciaEtaBeneficiarioType: 1 "0-3 anni" ... 6 "15-18 anni",
// each band from its lower age included to its upper age excluded; "" at
// 18 or more.
func fasciaEta(age int) string {
	if age < 0 || age >= 18 {
		return ""
	}
	return fmt.Sprint(age/3 + 1)
}

// fasciaISEE is FasciaISEEBeneficiarioType from an ISEE value in cents.
func fasciaISEE(cents int64) string {
	switch {
	case cents <= 0:
		return "1" // Valore ISEE=0
	case cents <= 300000:
		return "2" // Tra 0.01 a 3000 Euro
	case cents <= 600000:
		return "3"
	case cents <= 900000:
		return "4"
	case cents <= 1200000:
		return "5"
	case cents <= 1500000:
		return "6"
	case cents <= 2000000:
		return "7"
	}
	return "8" // Oltre i 20000 euro
}

// invCivSINBA maps InvCivType of the SINA certifications (1-8) to
// InvCivCertificazioniType of SINBA (1-5): 1-4 are the same, the four
// L.104 certifications (5-8) are "5 certificazione l.104".
func invCivSINBA(c int) string {
	switch {
	case c >= 1 && c <= 4:
		return fmt.Sprint(c)
	case c >= 5 && c <= 8:
		return "5"
	}
	return ""
}

// fonteDaOrganizzazione is FonteSegnalazioneType for a case opened on a
// referral, by the kind of the referring organization.
var fonteDaOrganizzazione = map[string]string{
	"HEALTH_AUTHORITY":   "3", // servizi sanitari/medico di base/pediatra
	"COOPERATIVE":        "4", // privato sociale/volontariato
	"ASSOCIATION":        "4",
	"OTHER_THIRD_SECTOR": "4",
	"MUNICIPALITY":       "2", // altro servizio sociale (di altro ambito/distretto, ...)
	"ZONE_OFFICE":        "2",
	"REGION":             "2",
}

// fonteDaParole maps words of who spoke at the first access (the other
// service's name, or the relation of a speaker of kind OTHER) to
// FonteSegnalazioneType; the first match wins.
var fonteDaParole = []struct{ word, code string }{
	{"tribunale per i minorenni", "11"}, // autorità giudiziarie minorili
	{"procura", "11"},
	{"tribunale", "10"},  // tribunale ordinario
	{"carabinieri", "5"}, // forze dell'ordine
	{"polizia", "5"},
	{"questura", "5"},
	{"istituto comprensivo", "13"}, // scuola
	{"scuola", "13"},
	{"liceo", "13"},
	{"consultorio", "2"}, // altro servizio sociale (consultori, centri famiglia, ...)
	{"centro famiglia", "2"},
	{"ospedal", "3"}, // servizi sanitari/medico di base/pediatra
	{"medico", "3"},
	{"pediatra", "3"},
	{"sanitari", "3"},
	{"salute mentale", "3"},
	{"serd", "3"},
	{"riabilitazione", "3"},
	{"usl", "3"},
	{"asl", "3"},
	{"comunità", "4"}, // privato sociale/volontariato
	{"caritas", "4"},
	{"cooperativa", "4"},
	{"associazione", "4"},
	{"volontar", "4"},
	{"patronato", "4"},
	{"tutore", "7"}, // genitori affidatari/tutore
	{"tutrice", "7"},
	{"affidatari", "7"},
	{"amministratore di sostegno", "7"},
	{"vicin", "14"}, // vicinato o conoscenti
	{"conoscent", "14"},
	{"professionista", "12"}, // professionista privato
	{"avvocat", "12"},
}

// fonteDaAccesso is FonteSegnalazioneType from who spoke at an access
// (access.speaker_kind, speaker_name, speaker_relation): the citizen
// "6 beneficiario stesso"; a relative "8 genitori/fratelli/altri familiari
// conviventi" (SISO's RELATIVE speakers are the household's); another
// service by its name (fonteDaParole), else "2 altro servizio sociale";
// another person by the relation (fonteDaParole). "" when undetermined.
func fonteDaAccesso(kind string, name, relation *string) string {
	lower := func(s *string) string {
		if s == nil {
			return ""
		}
		return strings.ToLower(*s)
	}
	match := func(text string) string {
		for _, w := range fonteDaParole {
			if strings.Contains(text, w.word) {
				return w.code
			}
		}
		return ""
	}
	switch kind {
	case "CITIZEN":
		return "6"
	case "RELATIVE":
		return "8"
	case "OTHER_SERVICE":
		if c := match(lower(name)); c != "" {
			return c
		}
		return "2"
	case "OTHER":
		if c := match(lower(relation)); c != "" {
			return c
		}
		return match(lower(name))
	}
	return ""
}

// motivazioneChiusura is MotivazioneChiusuraCaricoType from
// care_case.closure_reason (age is the minor's age at closure).
func motivazioneChiusura(reason string, age int) string {
	switch reason {
	case "TRANSFERRED":
		return "1" // passaggio a servizio territoriale altro ambito della stessa regione (SISO transfers between Umbrian zones)
	case "GOALS_REACHED":
		return "4" // conclusione ... per risoluzione dello stato di bisogno
	case "REFUSED_BY_CITIZEN":
		return "5" // uscita richiesta dal minore utente o dalla famiglia
	case "DECEASED":
		return "8" // decesso
	case "NO_LONGER_ELIGIBLE":
		if age >= 18 {
			return "3" // raggiunta età maggiorenne
		}
		return "9"
	case "MOVED_AWAY", "OTHER":
		return "9" // altro (SISO does not say whether the move left the region)
	}
	return ""
}

// famigliaDaRischi gives ValutazioneFamigliaMinoreType from the family
// assessment (assessment.family_assessment of kind FAMILY_MINOR: its
// risk_factors and parenting_capacity) and the needs recorded for the
// minor, in order of priority: the first that applies is sent (the
// attribute holds one value).
var famigliaDaRischi = []struct {
	risk string // a risk factor, "parenting:inadeguata" or "need:<code>"
	code string
}{
	{"dipendenza di un genitore", "3"},         // dipendenza
	{"problemi di salute di un genitore", "5"}, // altre problematiche sanitarie
	{"parenting:inadeguata", "2"},              // fragilità/inadeguatezza genitoriale
	{"conflittualità genitoriale", "6"},        // grave conflittualità familiare
	{"need:FM_FAMILY_CONFLICT", "6"},
	{"difficoltà economiche", "12"}, // difficoltà economiche
	{"precarietà abitativa", "13"},  // difficoltà abitative
}

// Formatting.

// euro formats cents as an xs:decimal in euro with two decimals.
func euro(cents int64) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	return fmt.Sprintf("%s%d.%02d", sign, cents/100, cents%100)
}

// truncate cuts s to at most n characters (the schema counts characters).
func truncate(s string, n int) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n]))
}

// Pseudonyms.

// MinPseudonymKeyLen is the shortest PseudonymKey accepted.
const MinPseudonymKeyLen = 16

// pseudonymLen is the length of IDBeneficiario (the schema allows 1-20):
// 20 base32 characters are 100 bits of the HMAC.
const pseudonymLen = 20

// Pseudonym returns the SINBA IDBeneficiario of a person: the first 20
// characters of the base32 (RFC 4648, no padding) HMAC-SHA256 under key of
// "CF:" and the codice fiscale, or of "TMP:" and SISO's temporary
// identifier for a person without one (an unaccompanied minor being
// identified). The same key gives the same pseudonym in every run; without
// the key the codice fiscale cannot be recovered or checked.
func Pseudonym(key []byte, fiscalCode, temporaryID string) string {
	m := hmac.New(sha256.New, key)
	if fiscalCode != "" {
		m.Write([]byte("CF:" + strings.ToUpper(fiscalCode)))
	} else {
		m.Write([]byte("TMP:" + temporaryID))
	}
	return base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(m.Sum(nil))[:pseudonymLen]
}
