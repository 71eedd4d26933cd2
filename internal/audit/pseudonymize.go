package audit

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base32"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/siso-project/siso/internal/apperr"
)

// Pseudonymized is the text left in free-text columns that cannot be NULL.
const Pseudonymized = "[pseudonimizzato]"

// PseudonymName replaces a pseudonymized citizen's first and last names.
const PseudonymName = "PSEUDONIMO"

// MinKeyLen is the shortest pseudonymization key accepted.
const MinKeyLen = 16

// PseudonymizeOption configures Pseudonymize.
type PseudonymizeOption func(*pseudoConfig)

type pseudoConfig struct {
	key   []byte
	batch int
	now   func() time.Time
	runID string
	actor Actor
}

// WithKey sets the secret key of the pseudonyms (at least MinKeyLen bytes;
// required). The same key maps the same person to the same pseudonym; keep
// it out of the database, since with it a codice fiscale can be matched to
// its pseudonym.
func WithKey(key []byte) PseudonymizeOption {
	return func(c *pseudoConfig) { c.key = slices.Clone(key) }
}

// WithBatchSize sets how many citizens are pseudonymized per transaction
// (default 500).
func WithBatchSize(n int) PseudonymizeOption { return func(c *pseudoConfig) { c.batch = n } }

// WithClock sets the clock used for pseudonymized_at and the audit events.
func WithClock(now func() time.Time) PseudonymizeOption { return func(c *pseudoConfig) { c.now = now } }

// WithRunID sets the request id of the run's audit events (default a
// random "pseudonymize-…").
func WithRunID(id string) PseudonymizeOption { return func(c *pseudoConfig) { c.runID = id } }

// WithActor sets the actor of the run's audit events (default
// SystemActor("retention")).
func WithActor(a Actor) PseudonymizeOption { return func(c *pseudoConfig) { c.actor = a } }

// PseudonymizeResult counts what a run did (or, with dryRun, would do).
type PseudonymizeResult struct {
	DryRun    bool
	OlderThan time.Time
	RunID     string
	// Citizens is the number of citizens pseudonymized (with dryRun: that
	// qualify).
	Citizens int
	// Skipped counts qualifying citizens left alone because their pseudonym
	// is already another citizen's temporary id (the same person registered
	// twice); they need a person's attention.
	Skipped int
	Batches int
	// Rows is the number of rows changed per table.
	Rows map[string]int64
}

// eligibleSQL selects citizens past retention; ?0 is the cut-off instant,
// ?1 its date in UTC.
const eligibleSQL = `c.pseudonymized_at IS NULL
	AND EXISTS (SELECT 1 FROM care_case k WHERE k.citizen_id = c.id)
	AND NOT EXISTS (SELECT 1 FROM care_case k WHERE k.citizen_id = c.id
		AND (k.status <> 'CLOSED' OR k.closed_at >= ?0))
	AND NOT EXISTS (SELECT 1 FROM access a WHERE a.citizen_id = c.id AND a.occurred_at >= ?0)
	AND NOT EXISTS (SELECT 1 FROM referral r WHERE r.citizen_id = c.id
		AND greatest(r.proposed_at, r.seen_at, r.answered_at) >= ?0)
	AND NOT EXISTS (SELECT 1 FROM intervention i WHERE i.citizen_id = c.id
		AND (i.status IN ('REQUESTED', 'AUTHORIZED', 'ACTIVE')
		  OR greatest(i.requested_at, i.authorized_at, i.closed_at) >= ?0
		  OR greatest(i.start_date, i.end_date) >= ?1::date))
	AND NOT EXISTS (SELECT 1 FROM activity x WHERE x.citizen_id = c.id AND x.occurred_at >= ?0)`

// Pseudonymize applies the retention rule (DESIGN.md section 4) to the
// citizens who have at least one case, all of whose cases are CLOSED with
// closed_at before olderThan, whose accesses, referrals (proposed, seen,
// answered), interventions (requested, authorized, closed, start and end
// dates; none still requested, authorized or active) and activities are all
// before olderThan, and who are not pseudonymized yet.
//
// For each of them, in batches of 500 citizens per transaction: first and
// last name become PSEUDONIMO; fiscal_code becomes NULL and temporary_id
// "TMP-" + the first 16 base32 characters of HMAC-SHA256(key, "CF:" + the
// codice fiscale, or "TMP:" + the temporary id), so the same person always
// gets the same pseudonym; birth_date becomes the first day of its year;
// birth place, residence address and postcode, domicile, phone and email are
// cleared; free text about them is cleared (NULL, or "[pseudonimizzato]"
// where the column cannot be NULL): access notes and speaker name and
// contact, need notes, consent notes, referral reason and rejection reason,
// case summary and closure notes, status-change reasons, assessment
// observations, plan summary, goal descriptions and indicators, intervention
// closure reasons, diary text, grant and emergency reasons. The residence
// municipality and zone, sex, citizenship, codes, amounts, hours and dates
// of the care record stay, so statistics keep working; relations stay.
// pseudonymized_at is set, edited rows get a new version, and one
// PSEUDONYMIZE audit event per citizen (system actor) is appended in the
// same transaction. Audit rows are not changed: they keep pointing to the
// citizen.
//
// With dryRun nothing is written and Citizens counts who qualifies. A run
// stopped half-way leaves whole batches done; running again goes on.
func Pseudonymize(ctx context.Context, db *bun.DB, olderThan time.Time, dryRun bool, opts ...PseudonymizeOption) (PseudonymizeResult, error) {
	cfg := pseudoConfig{batch: 500, now: time.Now, actor: SystemActor("retention")}
	for _, o := range opts {
		o(&cfg)
	}
	res := PseudonymizeResult{DryRun: dryRun, OlderThan: olderThan, Rows: map[string]int64{}}
	if olderThan.IsZero() {
		return res, errors.New("audit: pseudonymize: no cut-off date")
	}
	cutDate := olderThan.UTC().Format(time.DateOnly)
	if dryRun {
		err := db.QueryRowContext(ctx, "SELECT count(*) FROM citizen c WHERE "+eligibleSQL, olderThan, cutDate).Scan(&res.Citizens)
		if err != nil {
			return res, fmt.Errorf("audit: pseudonymize: count: %w", err)
		}
		return res, nil
	}
	if len(cfg.key) < MinKeyLen {
		return res, fmt.Errorf("audit: pseudonymize: a key of at least %d bytes is required", MinKeyLen)
	}
	if cfg.batch < 1 {
		return res, errors.New("audit: pseudonymize: batch size must be positive")
	}
	if cfg.runID == "" {
		b := make([]byte, 8)
		_, _ = rand.Read(b)
		cfg.runID = "pseudonymize-" + hex.EncodeToString(b)
	}
	res.RunID = cfg.runID
	var after int64
	for {
		n, last, err := pseudonymizeBatch(ctx, db, &cfg, olderThan, cutDate, after, &res)
		if err != nil {
			return res, err
		}
		if n > 0 {
			res.Batches++
		}
		if n < cfg.batch {
			return res, nil
		}
		after = last
	}
}

type candidate struct {
	ID          int64   `bun:"id"`
	FiscalCode  *string `bun:"fiscal_code"`
	TemporaryID *string `bun:"temporary_id"`
	pseudonym   string
}

// pseudonymizeBatch handles the next batch of qualifying citizens with id
// above after, in one transaction; it returns how many it looked at and
// the last id.
func pseudonymizeBatch(ctx context.Context, db *bun.DB, cfg *pseudoConfig, olderThan time.Time, cutDate string,
	after int64, res *PseudonymizeResult) (int, int64, error) {
	var seen int
	var last int64
	err := db.RunInTx(ctx, nil, func(_ context.Context, tx bun.Tx) error {
		var cands []candidate
		if err := tx.NewRaw(`SELECT c.id, c.fiscal_code, c.temporary_id FROM citizen c
			WHERE c.id > ?2 AND `+eligibleSQL+`
			ORDER BY c.id LIMIT ?3 FOR UPDATE OF c SKIP LOCKED`, olderThan, cutDate, after, cfg.batch).
			Scan(ctx, &cands); err != nil && !isNoRows(err) {
			return fmt.Errorf("select citizens: %w", err)
		}
		seen = len(cands)
		if seen == 0 {
			return nil
		}
		last = cands[len(cands)-1].ID
		pseudonyms := make([]string, len(cands))
		for i := range cands {
			cands[i].pseudonym = Pseudonym(cfg.key, cands[i].FiscalCode, cands[i].TemporaryID)
			pseudonyms[i] = cands[i].pseudonym
		}
		var taken []string
		if err := tx.NewRaw("SELECT temporary_id FROM citizen WHERE temporary_id IN (?)", bun.List(pseudonyms)).
			Scan(ctx, &taken); err != nil && !isNoRows(err) {
			return fmt.Errorf("check pseudonyms: %w", err)
		}
		ids := make([]int64, 0, len(cands))
		tmps := make([]string, 0, len(cands))
		for _, c := range cands {
			if slices.Contains(taken, c.pseudonym) {
				res.Skipped++
				continue
			}
			ids = append(ids, c.ID)
			tmps = append(tmps, c.pseudonym)
		}
		if len(ids) == 0 {
			return nil
		}
		now := cfg.now().UTC().Truncate(time.Microsecond)
		counts := map[string]int64{}
		exec := func(table, query string, args ...any) error {
			r, err := tx.ExecContext(ctx, query, args...)
			if err != nil {
				return fmt.Errorf("pseudonymize %s: %w", table, err)
			}
			n, _ := r.RowsAffected()
			counts[table] += n
			return nil
		}
		arr := pgdialect.Array(ids)
		steps := []struct {
			table, query string
			args         []any
		}{
			{"citizen", `UPDATE citizen c SET first_name = ?0, last_name = ?0, fiscal_code = NULL, temporary_id = p.tmp,
				birth_date = date_trunc('year', c.birth_date)::date, birth_place_code = NULL, birth_municipality_id = NULL,
				residence_address = NULL, residence_postcode = NULL, domicile_municipality_id = NULL, domicile_address = NULL,
				phone = NULL, email = NULL, pseudonymized_at = ?1, version = c.version + 1, updated_at = ?1
				FROM unnest(?2::bigint[], ?3::text[]) AS p(id, tmp) WHERE c.id = p.id`,
				[]any{PseudonymName, now, arr, pgdialect.Array(tmps)}},
			{"access", `UPDATE access SET notes = NULL, speaker_name = NULL, speaker_contact = NULL,
				version = version + 1, updated_at = ?1 WHERE citizen_id = ANY(?0::bigint[])
				AND (notes IS NOT NULL OR speaker_name IS NOT NULL OR speaker_contact IS NOT NULL)`, []any{arr, now}},
			{"access_need", `UPDATE access_need SET notes = NULL WHERE notes IS NOT NULL
				AND access_id IN (SELECT id FROM access WHERE citizen_id = ANY(?0::bigint[]))`, []any{arr}},
			{"consent", `UPDATE consent SET notes = NULL, version = version + 1, updated_at = ?1
				WHERE citizen_id = ANY(?0::bigint[]) AND notes IS NOT NULL`, []any{arr, now}},
			{"referral", `UPDATE referral SET reason = ?2,
				rejection_reason = CASE WHEN rejection_reason IS NULL THEN NULL ELSE ?2 END,
				version = version + 1, updated_at = ?1 WHERE citizen_id = ANY(?0::bigint[])
				AND (reason <> ?2 OR rejection_reason <> ?2)`, []any{arr, now, Pseudonymized}},
			{"care_case", `UPDATE care_case SET summary = NULL, closure_notes = NULL, version = version + 1, updated_at = ?1
				WHERE citizen_id = ANY(?0::bigint[]) AND (summary IS NOT NULL OR closure_notes IS NOT NULL)`, []any{arr, now}},
			{"case_status_change", `UPDATE case_status_change SET reason = NULL
				WHERE citizen_id = ANY(?0::bigint[]) AND reason IS NOT NULL`, []any{arr}},
			{"assessment", `UPDATE assessment SET observations = NULL, version = version + 1, updated_at = ?1
				WHERE citizen_id = ANY(?0::bigint[]) AND observations IS NOT NULL`, []any{arr, now}},
			{"plan", `UPDATE plan SET summary = NULL, version = version + 1, updated_at = ?1
				WHERE citizen_id = ANY(?0::bigint[]) AND summary IS NOT NULL`, []any{arr, now}},
			{"plan_goal", `UPDATE plan_goal SET description = ?1, indicator = NULL, updated_at = ?2
				WHERE citizen_id = ANY(?0::bigint[]) AND (description <> ?1 OR indicator IS NOT NULL)`,
				[]any{arr, Pseudonymized, now}},
			{"intervention", `UPDATE intervention SET closure_reason = NULL, version = version + 1, updated_at = ?1
				WHERE citizen_id = ANY(?0::bigint[]) AND closure_reason IS NOT NULL`, []any{arr, now}},
			{"activity", `UPDATE activity SET text = NULL, version = version + 1, updated_at = ?1
				WHERE citizen_id = ANY(?0::bigint[]) AND text IS NOT NULL`, []any{arr, now}},
			{"case_grant", `UPDATE case_grant SET reason = ?1 WHERE citizen_id = ANY(?0::bigint[]) AND reason <> ?1`,
				[]any{arr, Pseudonymized}},
			{"emergency_access", `UPDATE emergency_access SET reason = ?1
				WHERE citizen_id = ANY(?0::bigint[]) AND reason <> ?1`, []any{arr, Pseudonymized}},
		}
		for _, s := range steps {
			if err := exec(s.table, s.query, s.args...); err != nil {
				return err
			}
		}
		events := make([]Event, len(ids))
		reason := "retention: care record closed and inactive since before " + olderThan.UTC().Format(time.RFC3339)
		for i, id := range ids {
			events[i] = Event{At: now, ActorOperatorID: cfg.actor.OperatorID, ActorAPIClientID: cfg.actor.APIClientID,
				ActorLabel: cfg.actor.Label, SessionKind: cfg.actor.Kind, RequestID: cfg.runID,
				OperationName: "pseudonymize", Action: ActionPseudonymize, CitizenID: id, ObjectType: "Citizen",
				ObjectID: id, Reason: reason}
		}
		if err := (&Log{DB: tx, Now: cfg.now}).Append(ctx, events); err != nil {
			return err
		}
		res.Citizens += len(ids)
		for t, n := range counts {
			res.Rows[t] += n
		}
		return nil
	})
	if err != nil {
		return 0, 0, fmt.Errorf("audit: pseudonymize: %w", err)
	}
	return seen, last, nil
}

// Pseudonym returns the temporary id that replaces a citizen's identifier:
// "TMP-" and 16 base32 characters of HMAC-SHA256(key, "CF:" + fiscal code),
// or of "TMP:" + temporary id when there is no fiscal code.
func Pseudonym(key []byte, fiscalCode, temporaryID *string) string {
	m := hmac.New(sha256.New, key)
	switch {
	case fiscalCode != nil:
		m.Write([]byte("CF:" + *fiscalCode))
	case temporaryID != nil:
		m.Write([]byte("TMP:" + *temporaryID))
	}
	sum := m.Sum(nil)
	return "TMP-" + base32.StdEncoding.EncodeToString(sum[:10])
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// FindCitizen returns the id of the citizen whose codice fiscale or
// temporary id is code (for the DPO, who receives requests with the
// codice fiscale). With the pseudonymization key it also finds a citizen
// who was pseudonymized, through the pseudonym of the code; without it a
// pseudonymized citizen is not found by their former code. An unknown
// code is NOT_FOUND.
func FindCitizen(ctx context.Context, db bun.IDB, code string, key []byte) (int64, error) {
	code = strings.ToUpper(strings.TrimSpace(code))
	if code == "" {
		return 0, apperr.NewNotFound("citizen")
	}
	codes := []string{code}
	if len(key) > 0 {
		codes = append(codes, Pseudonym(key, &code, nil), Pseudonym(key, nil, &code))
	}
	var id int64
	err := db.NewRaw(`SELECT id FROM citizen WHERE fiscal_code = ?0 OR temporary_id IN (?1)
		ORDER BY (fiscal_code = ?0) DESC NULLS LAST, id LIMIT 1`, code, bun.List(codes)).Scan(ctx, &id)
	if isNoRows(err) {
		return 0, apperr.NewNotFound("citizen")
	}
	if err != nil {
		return 0, fmt.Errorf("audit: find citizen: %w", err)
	}
	return id, nil
}
