package inps

import "encoding/xml"

// Namespace is the target namespace of both schemas
// (PS_PSA_SINA201806.xsd and SINBA.xsd), elementFormDefault="qualified":
// every element is in it, attributes are unqualified. The Go types below
// mirror the schemas' types and carry their names; the simple types with
// enumerations are plain strings whose values come from the mapping of
// codes.go.
const Namespace = "http://inps.it/Casellario"

// Sections shared by the two schemas (same definitions in both).

// IdentificazioneFlussoType is the flow's header: its name (max 50) and
// the sending Ente.
type IdentificazioneFlussoType struct {
	Nome string   `xml:"Nome,attr"`
	Ente EnteType `xml:"Ente"`
}

// EnteType identifies the sending entity: Codice (1-32), Denominazione
// (optional, 1-100), Indirizzo ("Codice comune sede legale dell'Ente in
// codifica Ministero Finanze": the 4-character cadastral code) and
// CFOperatore (a codice fiscale or an 11-digit tax number).
type EnteType struct {
	Codice        string `xml:"Codice,attr"`
	Denominazione string `xml:"Denominazione,attr,omitempty"`
	Indirizzo     string `xml:"Indirizzo,attr"`
	CFOperatore   string `xml:"CFOperatore,attr"`
}

// PS_PSA_SINA201806.xsd

// PSAFlussoType is FlussoType of PS_PSA_SINA201806.xsd: the root Flusso
// with the header and one or more Beneficiario.
type PSAFlussoType struct {
	XMLName               xml.Name                  `xml:"http://inps.it/Casellario Flusso"`
	IdentificazioneFlusso IdentificazioneFlussoType `xml:"IdentificazioneFlusso"`
	Beneficiario          []BeneficiarioType        `xml:"Beneficiario"`
}

// BeneficiarioType is a beneficiary (by codice fiscale) with its benefits.
type BeneficiarioType struct {
	XMLName            xml.Name                 `xml:"Beneficiario"`
	CodiceFiscale      string                   `xml:"CodiceFiscale,attr"`
	Anagrafica         AnagraficaType           `xml:"Anagrafica"`
	Indirizzo          []IndirizzoType          `xml:"Indirizzo,omitempty"`
	PrestazioniSociali []PrestazioniSocialiType `xml:"PrestazioniSociali"`
}

// AnagraficaType is the beneficiary's identity.
type AnagraficaType struct {
	Cognome                   string `xml:"Cognome,attr"`
	Nome                      string `xml:"Nome,attr"`
	AnnoNascita               string `xml:"AnnoNascita,attr"`
	LuogoNascita              string `xml:"LuogoNascita,attr"`
	Genere                    string `xml:"Genere,attr"` // GenereType
	CodiceCittadinanza        string `xml:"CodiceCittadinanza,attr"`
	CodiceSecondaCittadinanza string `xml:"CodiceSecondaCittadinanza,attr,omitempty"`
}

// IndirizzoType is an address by region (2 digits), municipality (ISTAT,
// 6 digits) and country (3 digits, required).
type IndirizzoType struct {
	CodiceRegione string `xml:"CodiceRegione,attr,omitempty"`
	CodiceComune  string `xml:"CodiceComune,attr,omitempty"`
	CodiceNazione string `xml:"CodiceNazione,attr"`
}

// PrestazioniSocialiType is one benefit, optionally with its SINA block.
// Amounts are xs:decimal in euro; dates xs:date.
type PrestazioniSocialiType struct {
	SINA                      *SINAType `xml:"SINA,omitempty"`
	TipoOperazione            string    `xml:"TipoOperazione,attr,omitempty"` // TipoOperazioneType
	PresenzaProvaMezzi        string    `xml:"PresenzaProvaMezzi,attr"`       // PresenzaProvaMezziType
	CaratterePrestazione      string    `xml:"CaratterePrestazione,attr,omitempty"`
	NumeroProtocolloDSU       string    `xml:"NumeroProtocolloDSU,attr,omitempty"`
	AnnoProtocolloDSU         string    `xml:"AnnoProtocolloDSU,attr,omitempty"`
	DataDSU                   string    `xml:"DataDSU,attr,omitempty"`
	CodicePrestazione         string    `xml:"CodicePrestazione,attr"`
	DenominazionePrestazione  string    `xml:"DenominazionePrestazione,attr"`
	ProtocolloDomanda         string    `xml:"ProtocolloDomanda,attr"`
	DataEvento                string    `xml:"DataEvento,attr,omitempty"`
	DataInizioPrestazione     string    `xml:"DataInizioPrestazione,attr,omitempty"`
	DataFinePrestazione       string    `xml:"DataFinePrestazione,attr,omitempty"`
	DataErogazionePrestazione string    `xml:"DataErogazionePrestazione,attr,omitempty"`
	ImportoPrestazione        string    `xml:"ImportoPrestazione,attr,omitempty"`
	PeriodoErogazione         string    `xml:"PeriodoErogazione,attr,omitempty"`
	ImportoMensile            string    `xml:"ImportoMensile,attr,omitempty"`
	ImportoQuotaEnte          string    `xml:"ImportoQuotaEnte,attr,omitempty"`
	ImportoQuotaUtente        string    `xml:"ImportoQuotaUtente,attr,omitempty"`
	ImportoQuotaSSN           string    `xml:"ImportoQuotaSSN,attr,omitempty"`
	ImportoQuotaRichiesta     string    `xml:"ImportoQuotaRichiesta,attr,omitempty"`
	ImportoSogliaISEE         string    `xml:"ImportoSogliaISEE,attr,omitempty"`
	OreServizioMensile        string    `xml:"OreServizioMensile,attr,omitempty"`
	PresaCarico               string    `xml:"PresaCarico,attr"` // PresaCaricoType
	AreaUtenza                string    `xml:"AreaUtenza,attr,omitempty"`
}

// SINAType is the assessment of non-self-sufficiency (SINA) of a benefit's
// beneficiary.
type SINAType struct {
	NecessitaInterventiSociali  NecessitaInterventiSocialiType `xml:"NecessitaInterventiSociali"`
	InvaliditaCivile            InvaliditaCivileType           `xml:"InvaliditaCivile"`
	Mobilita                    string                         `xml:"Mobilita,attr"`
	AttivitaVitaQuotidiana      string                         `xml:"AttivitaVitaQuotidiana,attr"`
	DisturbiAreaCognitiva       string                         `xml:"DisturbiAreaCognitiva,attr,omitempty"`
	DisturbiComportamentali     string                         `xml:"DisturbiComportamentali,attr"`
	NecessitaCureSanitarie      string                         `xml:"NecessitaCureSanitarie,attr"`
	AreaReddituale              string                         `xml:"AreaReddituale,attr"`
	AreaSupporto                string                         `xml:"AreaSupporto,attr"`
	FonteDerivazioneValutazione string                         `xml:"FonteDerivazioneValutazione,attr"`
	StrumentoValutazione        string                         `xml:"StrumentoValutazione,attr"`
	FonteDerivazioneInvalidita  string                         `xml:"FonteDerivazioneInvalidita,attr,omitempty"`
}

// NecessitaInterventiSocialiType is the anonymous type of
// SINAType/NecessitaInterventiSociali: the codes (5-10 characters) of the
// social interventions the beneficiary needs.
type NecessitaInterventiSocialiType struct {
	CodicePrestazione []string `xml:"CodicePrestazione"`
}

// InvaliditaCivileType is the anonymous type of SINAType/InvaliditaCivile:
// one or more InvCiv (InvCivType, 1-8).
type InvaliditaCivileType struct {
	InvCiv []string `xml:"InvCiv"`
}

// SINBA.xsd

// SINBAFlussoType is FlussoType of SINBA.xsd: the root Flusso with the
// header and one or more SINBA.
type SINBAFlussoType struct {
	XMLName               xml.Name                  `xml:"http://inps.it/Casellario Flusso"`
	IdentificazioneFlusso IdentificazioneFlussoType `xml:"IdentificazioneFlusso"`
	SINBA                 []SinbaType               `xml:"SINBA"`
}

// SinbaType is a minor in care, identified only by a pseudonym
// (IDBeneficiario, 1-20 characters).
type SinbaType struct {
	XMLName                          xml.Name        `xml:"SINBA"`
	Prestazioni                      PrestazioniType `xml:"Prestazioni"`
	Famiglia                         FamigliaType    `xml:"Famiglia"`
	IDBeneficiario                   string          `xml:"IDBeneficiario,attr"`
	MinoreStranieroNoAcc             string          `xml:"MinoreStranieroNoAcc,attr"`
	CondizioneMinore                 string          `xml:"CondizioneMinore,attr"`
	LuogoVita                        string          `xml:"LuogoVita,attr"`
	ScuolaFrequentata                string          `xml:"ScuolaFrequentata,attr"`
	CondizioneLavoro                 string          `xml:"CondizioneLavoro,attr"`
	Disabilita                       string          `xml:"Disabilita,attr"`
	TipoDisabilita                   string          `xml:"TipoDisabilita,attr,omitempty"`
	InvCivCertificazioni             string          `xml:"InvCivCertificazioni,attr,omitempty"`
	CodiceCittadinanzaPadre          string          `xml:"CodiceCittadinanzaPadre,attr,omitempty"`
	CodiceCittadinanzaMadre          string          `xml:"CodiceCittadinanzaMadre,attr,omitempty"`
	CodiceRegioneResidenzaPadre      string          `xml:"CodiceRegioneResidenzaPadre,attr,omitempty"`
	CodiceRegioneResidenzaMadre      string          `xml:"CodiceRegioneResidenzaMadre,attr,omitempty"`
	TitoloStudioPadre                string          `xml:"TitoloStudioPadre,attr,omitempty"`
	TitoloStudioMadre                string          `xml:"TitoloStudioMadre,attr,omitempty"`
	OccupazionePadre                 string          `xml:"OccupazionePadre,attr,omitempty"`
	OccupazioneMadre                 string          `xml:"OccupazioneMadre,attr,omitempty"`
	DataPrimaSegnalazione            string          `xml:"DataPrimaSegnalazione,attr"` // DataMeseAnnoType, MM/YYYY
	FonteSegnalazione                string          `xml:"FonteSegnalazione,attr"`
	ValutazioneMinore                string          `xml:"ValutazioneMinore,attr"`
	ValutazioneFamigliaMinore        string          `xml:"ValutazioneFamigliaMinore,attr"`
	SegnalazioneAutoritaGiudiziaria  string          `xml:"SegnalazioneAutoritaGiudiziaria,attr"`
	DataSegnalazione                 string          `xml:"DataSegnalazione,attr,omitempty"`
	ProvvedimentoGiudiziario         string          `xml:"ProvvedimentoGiudiziario,attr"`
	DataProvvedimentoGiudiziario     string          `xml:"DataProvvedimentoGiudiziario,attr,omitempty"`
	AutoritaProvvedimento            string          `xml:"AutoritaProvvedimento,attr,omitempty"`
	PotestaTutela                    string          `xml:"PotestaTutela,attr,omitempty"`
	TipoProvvedimentoGiudiziario     string          `xml:"TipoProvvedimentoGiudiziario,attr,omitempty"`
	FormaInterventoAffido            string          `xml:"FormaInterventoAffido,attr,omitempty"`
	TipoInterventoAffido             string          `xml:"TipoInterventoAffido,attr,omitempty"`
	DurataAffido                     string          `xml:"DurataAffido,attr,omitempty"`
	CarattereAffido                  string          `xml:"CarattereAffido,attr,omitempty"`
	EsitoAffido                      string          `xml:"EsitoAffido,attr,omitempty"`
	CarattereInserimentoResidenziale string          `xml:"CarattereInserimentoResidenziale,attr,omitempty"`
	FormaInserimentoResidenziale     string          `xml:"FormaInserimentoResidenziale,attr,omitempty"`
	TipoInserimentoResidenziale      string          `xml:"TipoInserimentoResidenziale,attr,omitempty"`
	EsitoInserimentoStruttura        string          `xml:"EsitoInserimentoStruttura,attr,omitempty"`
	MotivazioneChiusuraCarico        string          `xml:"MotivazioneChiusuraCarico,attr,omitempty"`
	SituazioneChiusuraCarico         string          `xml:"SituazioneChiusuraCarico,attr,omitempty"`
	CollaborazioniInterventi         string          `xml:"CollaborazioniInterventi,attr,omitempty"`
	NumeroComponentiISEE             string          `xml:"NumeroComponentiISEE,attr,omitempty"`
	FasciaEtaBeneficiario            string          `xml:"FasciaEtaBeneficiario,attr"`
	FasciaISEEBeneficiario           string          `xml:"FasciaISEEBeneficiario,attr,omitempty"`
	AnnoNascita                      string          `xml:"AnnoNascita,attr"`
	CodiceRegioneResidenza           string          `xml:"CodiceRegioneResidenza,attr,omitempty"`
	CodiceNazioneResidenza           string          `xml:"CodiceNazioneResidenza,attr"`
}

// PrestazioniType is the anonymous type of SinbaType/Prestazioni: the
// codes (5-10 characters) of the benefits the minor receives.
type PrestazioniType struct {
	CodicePrestazione []string `xml:"CodicePrestazione"`
}

// FamigliaType is the anonymous type of SinbaType/Famiglia: who lives with
// the minor (ComposizioneFamigliaType, 1-6), one or more.
type FamigliaType struct {
	ComposizioneFamiglia []string `xml:"ComposizioneFamiglia"`
}
