// Package inps produces SISO's national flows to INPS (DESIGN.md section 2,
// "National reporting"): the social benefits flow of the Casellario
// dell'assistenza / SIUSS with the SINA assessment of non-self-sufficiency
// (FlowPSASINA, schema PS_PSA_SINA201806.xsd) and the flow of minors and
// families in care (FlowSINBA, schema SINBA.xsd, pseudonymous). The schemas
// stay in the shared reference folder (reference/inps); the XML types of
// xsd.go mirror them and carry their type names.
//
// Export builds the file of a period from the interventions (PSA_SINA) or
// the cases of minors (SINBA), compares it with what was already sent
// (tables inps_submission and inps_submitted_record, migration 0005) and
// writes only what INPS does not have yet: new records (TipoOperazione
// 'I'); records whose content changed (a cancellation 'C' repeating what was
// sent, then 'I'); cancellations of records whose source was refused or
// deleted. A second export of the same data sends nothing. The submission,
// its records and the EXPORT audit events (one per citizen in the file and
// one for the file, by a SYSTEM actor) are written in one transaction with
// the file.
//
// # Sender
//
// An export of one zone is sent by the zone's lead municipality: Ente/@Codice
// is its ISTAT code, @Indirizzo its cadastral code (the schema's "codice
// comune sede legale ... in codifica Ministero Finanze"), @CFOperatore its
// organization's tax number. An export of every zone is sent by the region:
// Ente/@Codice "10" (Regione Umbria's ISTAT code, Options.RegionCode), the
// REGION organization's name, seat and tax number. Options.CFOperatore puts
// the sending person's codice fiscale instead. The ledger is one per flow,
// whatever the sender: a record sent by a zone is not sent again by the
// region; choose one way per deployment.
//
// # What SISO does not hold
//
// Where a required value cannot be derived from SISO's data the record is
// reported in Result.Invalid with the reason and left out, never filled
// with an invented value:
//
//   - PSA_SINA needs the beneficiary's codice fiscale (people with a
//     temporary identifier are left out) in the schema's pattern (a code
//     with omocodia does not match it), birth year and place, sex and a
//     citizenship with an ISTAT code.
//   - The SINA block needs at least one civil-invalidity certification
//     (InvaliditaCivile/InvCiv), which SISO's assessment does not record:
//     migration 0005 adds inps_sina_certification for them, and a benefit
//     whose assessment has none is sent without its (optional) SINA block,
//     with a warning. FonteDerivazioneValutazione is "2 Cartella sociale"
//     and StrumentoValutazione "7 Altro" (SISO's own form).
//   - SINBA needs where the minor lives and with whom, and the source of
//     the first report: a minor with no cohabitant, no foster care or
//     community, or no known source is left out.
//
// The fixed defaults are few, each for a fact SISO never records, and are
// listed with their reasons in codes.go: CondizioneMinore 1 (non orfano)
// unless a parent's case was closed as DECEASED, CondizioneLavoro 1
// (inattivo), SegnalazioneAutoritaGiudiziaria and ProvvedimentoGiudiziario
// 2 (NO), ScuolaFrequentata the school of the age. Optional attributes SISO
// does not hold (DSU protocol, ISEE threshold, requested share, parents'
// education and occupation, judicial and placement details) are left out.
// buildPSA and buildSINBA list the mapping of every attribute.
//
// # Pseudonyms
//
// SINBA's IDBeneficiario is Pseudonym(Options.PseudonymKey, codice fiscale
// or temporary id): 20 base32 characters of an HMAC-SHA256. The same key
// gives the same ids every year; the key stays out of the database. The
// SINBA file carries no name, codice fiscale, full birth date or address.
//
// # Wiring
//
// The `siso export inps` command is one call; write to a temporary file and
// keep it only when Export succeeds:
//
//	f, _ := os.CreateTemp(dir, "inps-*.xml")
//	res, err := inps.Export(ctx, db, inps.Options{Flow: inps.FlowPSASINA, From: from, To: to,
//		ZoneID: zone, Out: f, PseudonymKey: key, ActorLabel: "export:" + by})
//	// close f; on error remove it, else rename it; print res.String()
package inps
