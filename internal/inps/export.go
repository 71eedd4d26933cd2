package inps

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/audit"
)

// The flows.
const (
	FlowPSASINA = "PSA_SINA"
	FlowSINBA   = "SINBA"
)

// SchemaFile returns the file name of a flow's schema in the reference
// folder (reference/inps), or "".
func SchemaFile(flow string) string {
	switch flow {
	case FlowPSASINA:
		return "PS_PSA_SINA201806.xsd"
	case FlowSINBA:
		return "SINBA.xsd"
	}
	return ""
}

// The operations of a record (TipoOperazioneType).
const (
	OpInsert = "I" // Inserimento
	OpCancel = "C" // Cancellazione
)

// DefaultActorLabel is the actor label of the audit events and of
// inps_submission.created_by_label when Options.ActorLabel is empty.
const DefaultActorLabel = "inps-export"

// exportLock is the advisory lock (pg_advisory_xact_lock) that serializes
// exports, so that two runs cannot both send the same record.
const exportLock int64 = 0x5150_1a55

// romeTZ is the time zone of the offices: timestamps become dates there.
const romeTZ = "Europe/Rome"

// Options configures Export.
type Options struct {
	// Flow is FlowPSASINA or FlowSINBA.
	Flow string
	// From and To are the first and last day of the period (their calendar
	// dates are used).
	From, To time.Time
	// ZoneID limits the export to one social zone, sent by the zone's lead
	// municipality; 0 exports every zone, sent by the region.
	ZoneID int
	// Now is the time of the submission (flow name, created_at, sent_at,
	// audit events); time.Now() when zero.
	Now time.Time
	// Out receives the XML file. With DryRun it may be nil: then nothing
	// is written and only the counts are computed.
	Out io.Writer
	// DryRun builds the file and the counts but records nothing in the
	// ledger (inps_submission, inps_submitted_record): the next export sends
	// the same records again. When Out is not nil the file still carries
	// personal data, so the EXPORT audit events are appended all the same
	// (DESIGN.md section 4); with a nil Out nothing is recorded at all.
	DryRun bool
	// PseudonymKey is the secret of the SINBA pseudonyms (see Pseudonym),
	// at least MinPseudonymKeyLen bytes; required for SINBA. Keep it out of
	// the database and keep it the same from one year to the next.
	PseudonymKey []byte
	// RegionCode is Ente/@Codice of a flow for every zone; DefaultRegionCode
	// (Regione Umbria, ISTAT "10") when empty.
	RegionCode string
	// CFOperatore is EnteType/@CFOperatore: the codice fiscale of the person
	// sending, or the entity's 11-digit tax number. Empty: the tax number of
	// the sending organization (the lead municipality's, or the region's).
	CFOperatore string
	// ActorLabel names who ran the export in the audit trail and in
	// inps_submission.created_by_label; DefaultActorLabel when empty.
	ActorLabel string
	// RequestID is the request id of the audit events; a random
	// "inps-export-…" when empty.
	RequestID string
}

// Result tells what an export did (with DryRun: would do).
type Result struct {
	Flow   string
	From   time.Time
	To     time.Time
	ZoneID int
	DryRun bool
	// Empty is true when no file was written: there was nothing to send
	// (then nothing was recorded either: a Flusso needs at least one
	// record), or only SINBA cancellations, which are recorded but have no
	// place in a SINBA file.
	Empty bool
	// SubmissionID is the inps_submission row (0 with DryRun or Empty).
	SubmissionID int64
	// EntityCode and FlowName are Ente/@Codice and IdentificazioneFlusso/@Nome.
	EntityCode string
	FlowName   string
	// Bytes and SHA256 describe the file written.
	Bytes  int64
	SHA256 string
	// Inserted counts 'I' records, Cancelled 'C' records (a changed record
	// counts in both), Unchanged the valid records already sent as they are.
	Inserted  int
	Cancelled int
	Unchanged int
	// Records lists every operation, in file order.
	Records []Record
	// Invalid lists the records of the period that could not be built,
	// with the reasons; they were neither sent nor recorded.
	Invalid []Skipped
	// Warnings are remarks on the content (e.g. benefits sent without
	// their SINA block, and why).
	Warnings []string
	// ManualCancellations lists the SINBA records cancelled in the ledger:
	// the SINBA schema has no TipoOperazione, so a cancellation cannot be in
	// the file and must be made on the INPS portal. Reason "changed": the
	// record was sent again in this file with the same IDBeneficiario (its
	// previous version may need removing); other reasons: the case is gone.
	ManualCancellations []Record
}

// Record is one operation of an export.
type Record struct {
	Key string // "intervention:<id>" or "case:<id>"
	// INPSRef names the record at INPS: ProtocolloDomanda (PSA_SINA) or
	// IDBeneficiario (SINBA, a pseudonym).
	INPSRef        string
	Operation      string // OpInsert or OpCancel
	Reason         string // "new", "changed", "refused", "deleted", ...
	InFile         bool   // false for SINBA cancellations
	CitizenID      int64  // 0 when the citizen no longer exists
	InterventionID int64
	CaseID         int64
	ZoneID         int
}

// Skipped is a record of the period left out because it cannot be built.
type Skipped struct {
	Key            string
	CitizenID      int64
	InterventionID int64
	CaseID         int64
	Reasons        []string
}

// candidate is a record built from the current data.
type candidate struct {
	key            string
	citizenID      int64
	interventionID int64
	caseID         int64
	zoneID         int
	sortKey        string // PSA: the codice fiscale, to group a beneficiary's benefits
	content        []byte // canonical XML, without TipoOperazione
	hash           string
	tiers          []string
	psa            *BeneficiarioType
	sinba          *SinbaType
	state          *sentState // a cancellation's ledger row, until its content is read
}

// sentState is the latest ledger row of a record key.
type sentState struct {
	ID             int64  `bun:"id"`
	Key            string `bun:"record_key"`
	Operation      string `bun:"operation"`
	Hash           string `bun:"content_hash"`
	Content        string `bun:"-"` // read only for the records to cancel
	ZoneID         *int   `bun:"zone_id"`
	InterventionID *int64 `bun:"intervention_id"`
	CaseID         *int64 `bun:"case_id"`
	CitizenID      *int64 `bun:"citizen_id"`
}

// operation is a record to write.
type operation struct {
	op     string
	reason string
	c      *candidate
}

// period is the export's period as dates.
type period struct {
	from, to time.Time // UTC midnights
}

func (p period) fromSQL() string { return p.from.Format(time.DateOnly) }
func (p period) toSQL() string   { return p.to.Format(time.DateOnly) }

// entity is the sender.
type entity struct {
	Code          string
	Denominazione string
	Seat          string // cadastral code
	TaxCode       string
}

// Export builds the flow of opts.Flow for the period, writes the records
// INPS does not have yet to opts.Out and records them (see Options.DryRun),
// all in one transaction that also appends the EXPORT audit events (one per
// citizen in the file, and one for the submission) before the file is
// written. When the transaction fails after the file was written, Export
// returns an error and the file must not be sent: write to a temporary file
// and keep it only when Export succeeds.
func Export(ctx context.Context, db *bun.DB, opts Options) (Result, error) {
	res := Result{Flow: opts.Flow, ZoneID: opts.ZoneID, DryRun: opts.DryRun}
	per, err := checkOptions(&opts)
	if err != nil {
		return res, err
	}
	res.From, res.To = per.from, per.to
	err = db.RunInTx(ctx, &sql.TxOptions{Isolation: sql.LevelReadCommitted}, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(?)", exportLock); err != nil {
			return fmt.Errorf("inps: lock: %w", err)
		}
		return export(ctx, tx, opts, per, &res)
	})
	if err != nil {
		// Nothing was recorded: report no counts that could be mistaken
		// for what was sent.
		return Result{Flow: opts.Flow, From: per.from, To: per.to, ZoneID: opts.ZoneID, DryRun: opts.DryRun}, err
	}
	return res, nil
}

func checkOptions(opts *Options) (period, error) {
	var per period
	if SchemaFile(opts.Flow) == "" {
		return per, fmt.Errorf("inps: unknown flow %q (want %s or %s)", opts.Flow, FlowPSASINA, FlowSINBA)
	}
	if opts.From.IsZero() || opts.To.IsZero() {
		return per, errors.New("inps: the period needs From and To")
	}
	per.from = time.Date(opts.From.Year(), opts.From.Month(), opts.From.Day(), 0, 0, 0, 0, time.UTC)
	per.to = time.Date(opts.To.Year(), opts.To.Month(), opts.To.Day(), 0, 0, 0, 0, time.UTC)
	if per.to.Before(per.from) {
		return per, fmt.Errorf("inps: the period ends (%s) before it starts (%s)", per.toSQL(), per.fromSQL())
	}
	if opts.ZoneID < 0 {
		return per, fmt.Errorf("inps: zone %d", opts.ZoneID)
	}
	if opts.Out == nil && !opts.DryRun {
		return per, errors.New("inps: Options.Out is required (only a dry run may go without)")
	}
	if opts.Flow == FlowSINBA && len(opts.PseudonymKey) < MinPseudonymKeyLen {
		return per, fmt.Errorf("inps: SINBA needs a PseudonymKey of at least %d bytes", MinPseudonymKeyLen)
	}
	if opts.CFOperatore != "" && !fiscalCodePattern.MatchString(opts.CFOperatore) {
		return per, fmt.Errorf("inps: CFOperatore %q is neither a codice fiscale nor an 11-digit tax number", opts.CFOperatore)
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	opts.Now = opts.Now.UTC().Truncate(time.Microsecond)
	if opts.RegionCode == "" {
		opts.RegionCode = DefaultRegionCode
	}
	if len(opts.RegionCode) > 32 {
		return per, fmt.Errorf("inps: RegionCode %q is longer than the 32 characters of Ente/@Codice", opts.RegionCode)
	}
	opts.ActorLabel = strings.TrimSpace(opts.ActorLabel)
	if opts.ActorLabel == "" {
		opts.ActorLabel = DefaultActorLabel
	}
	if len(opts.ActorLabel) > 200 {
		return per, errors.New("inps: ActorLabel is longer than 200 characters")
	}
	if opts.RequestID == "" {
		b := make([]byte, 8)
		_, _ = rand.Read(b)
		opts.RequestID = "inps-export-" + hex.EncodeToString(b)
	}
	return per, nil
}

func export(ctx context.Context, tx bun.Tx, opts Options, per period, res *Result) error {
	ent, err := loadEntity(ctx, tx, opts)
	if err != nil {
		return err
	}
	res.EntityCode = ent.Code
	rome, err := time.LoadLocation(romeTZ)
	if err != nil {
		rome = time.UTC
	}
	res.FlowName = fmt.Sprintf("%s_%s_%s_%s_%s", opts.Flow, ent.Code, per.from.Format("20060102"),
		per.to.Format("20060102"), opts.Now.In(rome).Format("20060102150405"))

	var cands []*candidate
	switch opts.Flow {
	case FlowPSASINA:
		cands, err = buildPSA(ctx, tx, opts, per, res)
	case FlowSINBA:
		cands, err = buildSINBA(ctx, tx, opts, per, res)
	}
	if err != nil {
		return err
	}
	ops, err := diff(ctx, tx, opts, cands, res)
	if err != nil {
		return err
	}
	for _, o := range ops {
		r := Record{Key: o.c.key, Operation: o.op, Reason: o.reason, InFile: true, CitizenID: o.c.citizenID,
			InterventionID: o.c.interventionID, CaseID: o.c.caseID, ZoneID: o.c.zoneID}
		if o.c.psa != nil {
			r.INPSRef = o.c.psa.PrestazioniSociali[0].ProtocolloDomanda
		} else if o.c.sinba != nil {
			r.INPSRef = o.c.sinba.IDBeneficiario
		}
		if o.op == OpCancel {
			res.Cancelled++
			if opts.Flow == FlowSINBA {
				r.InFile = false
				res.ManualCancellations = append(res.ManualCancellations, r)
			}
		} else {
			res.Inserted++
		}
		res.Records = append(res.Records, r)
	}
	if len(ops) == 0 {
		res.Empty = true
		return nil
	}
	var file []byte
	if inFileCount(res.Records) > 0 {
		if file, err = render(opts, ent, res.FlowName, ops); err != nil {
			return err
		}
		sum := sha256.Sum256(file)
		res.SHA256 = hex.EncodeToString(sum[:])
		res.Bytes = int64(len(file))
	}
	res.Empty = file == nil // only SINBA cancellations: recorded, no file
	if opts.DryRun && opts.Out == nil {
		return nil // counts only: nothing leaves, nothing is recorded
	}
	if !opts.DryRun {
		if err := record(ctx, tx, opts, per, ent, ops, res); err != nil {
			return err
		}
	}
	if file == nil {
		return nil
	}
	// The audit events are appended before the file leaves (DESIGN.md
	// section 4); both commit with the ledger.
	if err := appendAudit(ctx, tx, opts, per, ops, res); err != nil {
		return err
	}
	if _, err := opts.Out.Write(file); err != nil {
		return fmt.Errorf("inps: write the file: %w", err)
	}
	return nil
}

func inFileCount(records []Record) int {
	n := 0
	for _, r := range records {
		if r.InFile {
			n++
		}
	}
	return n
}

// loadEntity finds the sender: the zone's lead municipality (ISTAT code,
// cadastral code of its seat, its organization's tax number) or, for every
// zone, the region (Options.RegionCode, the REGION organization's name, seat
// and tax number).
func loadEntity(ctx context.Context, tx bun.Tx, opts Options) (entity, error) {
	var e entity
	var name, tax sql.NullString
	if opts.ZoneID != 0 {
		var zoneCode, zoneName, muniName string
		err := tx.QueryRowContext(ctx, `SELECT z.code, z.name, m.istat_code, m.cadastral_code, m.name, o.name, o.tax_code
			FROM zone z
			JOIN municipality m ON m.id = z.lead_municipality_id
			LEFT JOIN LATERAL (SELECT name, tax_code FROM organization
			                   WHERE kind = 'MUNICIPALITY' AND municipality_id = m.id ORDER BY id LIMIT 1) o ON true
			WHERE z.id = ?`, opts.ZoneID).Scan(&zoneCode, &zoneName, &e.Code, &e.Seat, &muniName, &name, &tax)
		if errors.Is(err, sql.ErrNoRows) {
			return e, fmt.Errorf("inps: zone %d does not exist or has no lead municipality", opts.ZoneID)
		}
		if err != nil {
			return e, fmt.Errorf("inps: read zone %d: %w", opts.ZoneID, err)
		}
		org := "Comune di " + muniName
		if name.Valid {
			org = name.String
		}
		e.Denominazione = truncate(fmt.Sprintf("%s (capofila Zona sociale %s %s)", org, zoneCode, zoneName), 100)
	} else {
		var seat sql.NullString
		err := tx.QueryRowContext(ctx, `SELECT o.name, o.tax_code, m.cadastral_code
			FROM organization o LEFT JOIN municipality m ON m.id = o.municipality_id
			WHERE o.kind = 'REGION' ORDER BY o.id LIMIT 1`).Scan(&name, &tax, &seat)
		if errors.Is(err, sql.ErrNoRows) {
			return e, errors.New("inps: an export of every zone is sent by the region, and there is no organization of kind REGION")
		}
		if err != nil {
			return e, fmt.Errorf("inps: read the region: %w", err)
		}
		if !seat.Valid {
			return e, errors.New("inps: the REGION organization has no municipality (its seat: EnteType/@Indirizzo)")
		}
		e.Code, e.Seat, e.Denominazione = opts.RegionCode, seat.String, truncate(name.String, 100)
	}
	switch {
	case opts.CFOperatore != "":
		e.TaxCode = opts.CFOperatore
	case tax.Valid && fiscalCodePattern.MatchString(tax.String):
		e.TaxCode = tax.String
	default:
		return e, fmt.Errorf("inps: the sending organization (Ente %s) has no tax number: pass Options.CFOperatore", e.Code)
	}
	return e, nil
}

// diff compares the candidates with the ledger and returns the operations:
// for each record, its cancellation (if any) first.
func diff(ctx context.Context, tx bun.Tx, opts Options, cands []*candidate, res *Result) ([]operation, error) {
	var states []sentState
	err := tx.NewRaw(`SELECT * FROM (
			SELECT DISTINCT ON (r.record_key) r.id, r.record_key, r.operation, r.content_hash, r.zone_id,
			       r.intervention_id, r.case_id, r.citizen_id
			FROM inps_submitted_record r
			WHERE r.flow = ?
			ORDER BY r.record_key, r.submission_id DESC, r.operation DESC
		) s WHERE s.operation = 'I'`, opts.Flow).Scan(ctx, &states)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("inps: read what was sent: %w", err)
	}
	sent := make(map[string]*sentState, len(states))
	for i := range states {
		sent[states[i].Key] = &states[i]
	}
	current := make(map[string]bool, len(cands))
	var ops []operation
	for _, c := range cands {
		current[c.key] = true
		s := sent[c.key]
		switch {
		case s == nil:
			ops = append(ops, operation{OpInsert, "new", c})
		case s.Hash == c.hash:
			res.Unchanged++
		default:
			ops = append(ops, operation{OpCancel, "changed", &candidate{key: s.Key, state: s}},
				operation{OpInsert, "changed", c})
		}
	}
	skipped := map[string]bool{}
	for _, s := range res.Invalid {
		skipped[s.Key] = true
	}
	// Records sent before and not in this export: cancel those whose source
	// is gone or no longer valid; leave the others (another period, or
	// invalid now) as they are.
	var check []*sentState
	for _, s := range states {
		if current[s.Key] || skipped[s.Key] {
			continue
		}
		if opts.ZoneID != 0 && (s.ZoneID == nil || *s.ZoneID != opts.ZoneID) {
			continue
		}
		check = append(check, sent[s.Key])
	}
	reasons, err := cancellations(ctx, tx, opts.Flow, check)
	if err != nil {
		return nil, err
	}
	for _, s := range check {
		if reason := reasons[s.Key]; reason != "" {
			ops = append(ops, operation{OpCancel, reason, &candidate{key: s.Key, state: s}})
		}
	}
	// The cancellations repeat the records as they were sent.
	var ids []int64
	for _, o := range ops {
		if o.c.state != nil {
			ids = append(ids, o.c.state.ID)
		}
	}
	if len(ids) > 0 {
		var contents []struct {
			ID      int64  `bun:"id"`
			Content string `bun:"content"`
		}
		if err := tx.NewRaw(`SELECT id, content FROM inps_submitted_record WHERE id = ANY(?::bigint[])`,
			int64Array(ids)).Scan(ctx, &contents); err != nil {
			return nil, fmt.Errorf("inps: read the records to cancel: %w", err)
		}
		byID := make(map[int64]string, len(contents))
		for _, c := range contents {
			byID[c.ID] = c.Content
		}
		for i, o := range ops {
			if o.c.state == nil {
				continue
			}
			o.c.state.Content = byID[o.c.state.ID]
			old, err := fromState(opts.Flow, o.c.state)
			if err != nil {
				return nil, err
			}
			ops[i].c = old
		}
	}
	// File order: by beneficiary (PSA), then key; a record's cancellation
	// before its insertion.
	sort.SliceStable(ops, func(i, j int) bool {
		a, b := ops[i], ops[j]
		if a.c.sortKey != b.c.sortKey {
			return a.c.sortKey < b.c.sortKey
		}
		if a.c.key != b.c.key {
			return keyLess(a.c.key, b.c.key)
		}
		return a.op == OpCancel && b.op == OpInsert
	})
	return ops, nil
}

// keyLess orders "kind:<id>" keys by kind, then numerically by id.
func keyLess(a, b string) bool {
	ka, ia, _ := strings.Cut(a, ":")
	kb, ib, _ := strings.Cut(b, ":")
	if ka != kb {
		return ka < kb
	}
	na, _ := strconv.ParseInt(ia, 10, 64)
	nb, _ := strconv.ParseInt(ib, 10, 64)
	return na < nb
}

// cancellations decides, for records sent before and not in this export,
// whether their source was cancelled: an intervention deleted, or no longer
// authorized (REFUSED, or back to REQUESTED); a case deleted, or back to
// PROPOSED. It returns the reason by key ("" or absent: leave the record).
func cancellations(ctx context.Context, tx bun.Tx, flow string, states []*sentState) (map[string]string, error) {
	out := map[string]string{}
	if len(states) == 0 {
		return out, nil
	}
	ids := make([]int64, 0, len(states))
	for _, s := range states {
		_, id, _ := strings.Cut(s.Key, ":")
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("inps: bad record key %q", s.Key)
		}
		ids = append(ids, n)
	}
	table, prefix := "intervention", "intervention:"
	if flow == FlowSINBA {
		table, prefix = "care_case", "case:"
	}
	var rows []struct {
		ID     int64  `bun:"id"`
		Status string `bun:"status"`
	}
	err := tx.NewRaw(`SELECT id, status FROM `+table+` WHERE id = ANY(?::bigint[])`, int64Array(ids)).Scan(ctx, &rows)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("inps: read the sources of sent records: %w", err)
	}
	status := make(map[string]string, len(rows))
	for _, r := range rows {
		status[prefix+strconv.FormatInt(r.ID, 10)] = r.Status
	}
	for _, s := range states {
		st, ok := status[s.Key]
		switch {
		case !ok:
			out[s.Key] = "deleted"
		case flow == FlowPSASINA && st == "REFUSED":
			out[s.Key] = "refused"
		case flow == FlowPSASINA && st == "REQUESTED":
			out[s.Key] = "no longer authorized"
		case flow == FlowSINBA && st == "PROPOSED":
			out[s.Key] = "case back to proposed"
		}
	}
	return out, nil
}

// fromState rebuilds a record as it was sent, for its cancellation.
func fromState(flow string, s *sentState) (*candidate, error) {
	c := &candidate{key: s.Key, content: []byte(s.Content), hash: s.Hash}
	if s.ZoneID != nil {
		c.zoneID = *s.ZoneID
	}
	if s.InterventionID != nil {
		c.interventionID = *s.InterventionID
	}
	if s.CaseID != nil {
		c.caseID = *s.CaseID
	}
	if s.CitizenID != nil {
		c.citizenID = *s.CitizenID
	}
	switch flow {
	case FlowPSASINA:
		var b BeneficiarioType
		if err := xml.Unmarshal(c.content, &b); err != nil {
			return nil, fmt.Errorf("inps: the sent record %s cannot be read back: %w", s.Key, err)
		}
		c.psa, c.sortKey = &b, b.CodiceFiscale
		c.tiers = []string{audit.TierIdentity, audit.TierSocial}
		for _, p := range b.PrestazioniSociali {
			if p.SINA != nil {
				c.tiers = append(c.tiers, audit.TierSensitive)
			}
		}
	case FlowSINBA:
		var x SinbaType
		if err := xml.Unmarshal(c.content, &x); err != nil {
			return nil, fmt.Errorf("inps: the sent record %s cannot be read back: %w", s.Key, err)
		}
		c.sinba = &x
		c.tiers = []string{audit.TierSocial, audit.TierSensitive}
	}
	return c, nil
}

// render writes the file: the XML declaration and the Flusso, indented.
func render(opts Options, ent entity, flowName string, ops []operation) ([]byte, error) {
	head := IdentificazioneFlussoType{Nome: flowName, Ente: EnteType{Codice: ent.Code,
		Denominazione: ent.Denominazione, Indirizzo: ent.Seat, CFOperatore: ent.TaxCode}}
	var doc any
	switch opts.Flow {
	case FlowPSASINA:
		f := &PSAFlussoType{IdentificazioneFlusso: head}
		var last *BeneficiarioType
		var lastHead string
		for _, o := range ops {
			b := *o.c.psa
			p := b.PrestazioniSociali[0]
			p.TipoOperazione = o.op
			b.PrestazioniSociali = nil
			h, err := xml.Marshal(b)
			if err != nil {
				return nil, fmt.Errorf("inps: marshal: %w", err)
			}
			// Consecutive benefits of the same beneficiary, as described in
			// the same way, share one Beneficiario.
			if last != nil && string(h) == lastHead {
				last.PrestazioniSociali = append(last.PrestazioniSociali, p)
				continue
			}
			b.PrestazioniSociali = []PrestazioniSocialiType{p}
			f.Beneficiario = append(f.Beneficiario, b)
			last, lastHead = &f.Beneficiario[len(f.Beneficiario)-1], string(h)
		}
		doc = f
	case FlowSINBA:
		f := &SINBAFlussoType{IdentificazioneFlusso: head}
		for _, o := range ops {
			if o.op == OpInsert {
				f.SINBA = append(f.SINBA, *o.c.sinba)
			}
		}
		doc = f
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("inps: marshal the flow: %w", err)
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// submittedRecord is a row of inps_submitted_record.
type submittedRecord struct {
	bun.BaseModel `bun:"table:inps_submitted_record"`

	ID             int64     `bun:"id,pk,autoincrement"`
	SubmissionID   int64     `bun:"submission_id"`
	Flow           string    `bun:"flow"`
	RecordKey      string    `bun:"record_key"`
	Operation      string    `bun:"operation"`
	ContentHash    string    `bun:"content_hash"`
	Content        string    `bun:"content"`
	ZoneID         *int      `bun:"zone_id"`
	InterventionID *int64    `bun:"intervention_id"`
	CaseID         *int64    `bun:"case_id"`
	CitizenID      *int64    `bun:"citizen_id"`
	SentAt         time.Time `bun:"sent_at"`
}

// insertBatch is the number of rows per INSERT.
const insertBatch = 1000

// record writes the submission and its records.
func record(ctx context.Context, tx bun.Tx, opts Options, per period, ent entity, ops []operation, res *Result) error {
	var zone, sum, size any
	if opts.ZoneID != 0 {
		zone = opts.ZoneID
	}
	if !res.Empty {
		sum, size = res.SHA256, res.Bytes
	}
	inFile := inFileCount(res.Records)
	err := tx.QueryRowContext(ctx, `INSERT INTO inps_submission (flow, period_from, period_to, zone_id, entity_code,
			flow_name, created_at, file_sha256, file_bytes, record_count, inserted_count, cancelled_count, created_by_label)
		VALUES (?, ?::date, ?::date, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		opts.Flow, per.fromSQL(), per.toSQL(), zone, ent.Code, res.FlowName, opts.Now, sum, size, inFile,
		res.Inserted, res.Cancelled, opts.ActorLabel).Scan(&res.SubmissionID)
	if err != nil {
		return fmt.Errorf("inps: record the submission: %w", err)
	}
	rows := make([]submittedRecord, 0, len(ops))
	for _, o := range ops {
		c := o.c
		rows = append(rows, submittedRecord{SubmissionID: res.SubmissionID, Flow: opts.Flow, RecordKey: c.key,
			Operation: o.op, ContentHash: c.hash, Content: string(c.content), ZoneID: optInt(c.zoneID),
			InterventionID: optInt64(c.interventionID), CaseID: optInt64(c.caseID), CitizenID: optInt64(c.citizenID),
			SentAt: opts.Now})
	}
	for start := 0; start < len(rows); start += insertBatch {
		batch := rows[start:min(start+insertBatch, len(rows))]
		if _, err := tx.NewInsert().Model(&batch).Exec(ctx); err != nil {
			return fmt.Errorf("inps: record the submitted records: %w", err)
		}
	}
	return nil
}

// auditBatch is the number of events per audit append (one INSERT).
const auditBatch = 1000

// appendAudit appends the EXPORT events: one per citizen in the file (with
// the personal-data tiers it carries) and one for the whole file.
func appendAudit(ctx context.Context, tx bun.Tx, opts Options, per period, ops []operation, res *Result) error {
	objType, objID := "inps_submission", res.SubmissionID
	if opts.DryRun {
		objType, objID = "inps_dry_run", 0
	}
	what := fmt.Sprintf("INPS %s %s..%s", opts.Flow, per.fromSQL(), per.toSQL())
	if opts.DryRun {
		what += " (dry run)"
	}
	type agg struct {
		zone   int
		tiers  []string
		counts map[string]int
	}
	byCitizen := map[int64]*agg{}
	var order []int64
	for _, o := range ops {
		if o.c.citizenID == 0 || (opts.Flow == FlowSINBA && o.op == OpCancel) {
			continue
		}
		a := byCitizen[o.c.citizenID]
		if a == nil {
			a = &agg{zone: o.c.zoneID, counts: map[string]int{}}
			byCitizen[o.c.citizenID] = a
			order = append(order, o.c.citizenID)
		}
		for _, t := range o.c.tiers {
			if !slices.Contains(a.tiers, t) {
				a.tiers = append(a.tiers, t)
			}
		}
		a.counts[o.op]++
	}
	actor := audit.SystemActor(opts.ActorLabel)
	base := audit.Event{At: opts.Now, ActorLabel: actor.Label, SessionKind: actor.Kind, RequestID: opts.RequestID,
		OperationName: "inpsExport", Action: audit.ActionExport, ObjectType: objType, ObjectID: objID}
	events := make([]audit.Event, 0, len(order)+1)
	for _, id := range order {
		a := byCitizen[id]
		e := base
		e.CitizenID, e.ZoneID, e.Tiers = id, a.zone, a.tiers
		e.Reason = fmt.Sprintf("%s: %d insertion(s), %d cancellation(s)", what, a.counts[OpInsert], a.counts[OpCancel])
		events = append(events, e)
	}
	sum := base
	sum.ZoneID = opts.ZoneID
	sum.Reason = fmt.Sprintf("%s, Ente %s, file %s (%d bytes, sha256 %s): %d insertion(s), %d cancellation(s), %d unchanged, %d invalid",
		what, res.EntityCode, res.FlowName, res.Bytes, res.SHA256, res.Inserted, res.Cancelled, res.Unchanged, len(res.Invalid))
	events = append(events, sum)
	log := &audit.Log{DB: tx, Now: func() time.Time { return opts.Now }}
	for start := 0; start < len(events); start += auditBatch {
		if err := log.Append(ctx, events[start:min(start+auditBatch, len(events))]); err != nil {
			return fmt.Errorf("inps: audit the export: %w", err)
		}
	}
	return nil
}

// finish computes a candidate's canonical content and hash.
func (c *candidate) finish() error {
	var v any = c.sinba
	if c.psa != nil {
		v = c.psa
	}
	b, err := xml.Marshal(v)
	if err != nil {
		return fmt.Errorf("inps: marshal %s: %w", c.key, err)
	}
	sum := sha256.Sum256(b)
	c.content, c.hash = b, hex.EncodeToString(sum[:])
	return nil
}

// Helpers.

func optInt(n int) *int {
	if n == 0 {
		return nil
	}
	return &n
}

func optInt64(n int64) *int64 {
	if n == 0 {
		return nil
	}
	return &n
}

// int64Array renders ids as a PostgreSQL array literal for ?::bigint[].
func int64Array(ids []int64) string {
	var b strings.Builder
	b.WriteByte('{')
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(id, 10))
	}
	b.WriteByte('}')
	return b.String()
}

// xsdDate formats a date as xs:date.
func xsdDate(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format(time.DateOnly)
}

// ageOn is the age in whole years on day.
func ageOn(birth, day time.Time) int {
	age := day.Year() - birth.Year()
	if day.Month() < birth.Month() || (day.Month() == birth.Month() && day.Day() < birth.Day()) {
		age--
	}
	return age
}

// String renders the result for a person: what was sent, what was left
// out and why (reasons counted, not listed per citizen), the warnings and
// the cancellations to make by hand.
func (r Result) String() string {
	var b strings.Builder
	scope := "every zone"
	if r.ZoneID != 0 {
		scope = fmt.Sprintf("zone %d", r.ZoneID)
	}
	fmt.Fprintf(&b, "INPS %s %s..%s, %s (Ente %s)", r.Flow, r.From.Format(time.DateOnly), r.To.Format(time.DateOnly),
		scope, r.EntityCode)
	if r.DryRun {
		b.WriteString(", dry run")
	}
	b.WriteByte('\n')
	switch {
	case r.Bytes > 0:
		fmt.Fprintf(&b, "  file %s: %d bytes, sha256 %s\n", r.FlowName, r.Bytes, r.SHA256)
	case r.Empty:
		b.WriteString("  no file: nothing to send\n")
	}
	if r.SubmissionID != 0 {
		fmt.Fprintf(&b, "  recorded as submission %d\n", r.SubmissionID)
	}
	fmt.Fprintf(&b, "  %d inserted, %d cancelled, %d unchanged, %d invalid\n", r.Inserted, r.Cancelled, r.Unchanged, len(r.Invalid))
	reasons := map[string]int{}
	var order []string
	for _, s := range r.Invalid {
		for _, why := range s.Reasons {
			if reasons[why] == 0 {
				order = append(order, why)
			}
			reasons[why]++
		}
	}
	for _, why := range order {
		fmt.Fprintf(&b, "  invalid (%d): %s\n", reasons[why], why)
	}
	for _, w := range r.Warnings {
		fmt.Fprintf(&b, "  warning: %s\n", w)
	}
	for _, c := range r.ManualCancellations {
		fmt.Fprintf(&b, "  to cancel on the INPS portal: IDBeneficiario %s, %s (%s)\n", c.INPSRef, c.Key, c.Reason)
	}
	return strings.TrimRight(b.String(), "\n")
}
