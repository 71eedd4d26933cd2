// Package seed loads SISO's demo data: the Umbrian zones and municipalities,
// their organizations, offices and operators (with the demo accounts of
// DESIGN.md), and a synthetic year of social-care work shaped like Umbria's
// first one: about 8,000 citizens with valid codici fiscali, 12,000
// accesses, 3,000 cases with their teams, assessments, plans, interventions,
// diaries, referrals and consents.
//
// Everything is generated in memory from a seeded PCG source (the same Seed
// and Now give the same rows) and written in one transaction with COPY,
// with ids chosen by the generator; the identity sequences are moved past
// them at the end. Every date is relative to DemoOptions.Now: the synthetic
// year ends there. Office hours, days and dates are those of Europe/Rome
// when the time zone database is available (else of Now's location);
// weekends and the fixed national holidays are skipped.
//
// Besides the shape of the year, the demo guarantees what the demo accounts
// need to show something (tests may rely on it):
//
//   - sportello.perugia (Ufficio della Cittadinanza Perugia Centro) has
//     registered accesses today, on each of the last working days and
//     through the year;
//   - as.perugia is responsible for 20 zone-2 cases (most of them open) and
//     a member of 8 more; as.terni is responsible for 25 zone-10 cases;
//   - coop.perugia's cooperative (Il Girasole, zone 2, accredited for home
//     care) delivers active interventions to more than 50 citizens and
//     records their monthly hours;
//   - zone 2's social service, its office of plan and the cooperative have
//     pending referrals, and zones 2 and 10 refer citizens to each other;
//   - citizens named Rossi live in zone 2 and in every other zone;
//   - about 16 citizens receive two active interventions of the same user
//     area, in the same period, from different organizations (overlaps),
//     and others get home care from a cooperative plus a care voucher from
//     the municipality; thousands of expressed needs have no answer;
//   - a dozen citizens have a temporary identifier instead of a codice
//     fiscale (unaccompanied minors, homeless people being identified).
package seed

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/refdata"
)

// DefaultPassword is the password of every demo operator unless
// DemoOptions.Password says otherwise. Development mode only.
const DefaultPassword = "siso-demo"

// DemoUsernames are the demo accounts described in DESIGN.md, in that order.
var DemoUsernames = []string{
	"sportello.perugia", "as.perugia", "as.terni", "resp.perugia",
	"coop.perugia", "regione", "dpo", "admin",
}

// DemoOptions configures Demo.
type DemoOptions struct {
	// HashPassword turns the password into the stored password_hash. It is
	// called once; every demo operator shares the result. Required.
	HashPassword func(string) (string, error)
	// Password of every demo operator; DefaultPassword when empty.
	Password string
	// Seed of the pseudo-random generator; 1 when zero.
	Seed int64
	// Now ends the synthetic year; time.Now() when zero.
	Now time.Time
}

// TableCount is the number of rows written to one table.
type TableCount struct {
	Table string
	Rows  int64
}

// Summary tells what Demo did.
type Summary struct {
	// Skipped is true when the demo data was already there (an operator
	// named admin exists) and nothing was written.
	Skipped bool
	// Tables lists the rows per table, in load order. zone, municipality
	// and citizen_zone are counted in the database after the load (the
	// reference data is upserted; citizen_zone is kept by triggers).
	Tables []TableCount
	// Elapsed is the wall time of the whole load.
	Elapsed time.Duration
}

// Count returns the rows written to table, or 0.
func (s Summary) Count(table string) int64 {
	for _, t := range s.Tables {
		if t.Table == table {
			return t.Rows
		}
	}
	return 0
}

// String renders the summary on a few lines.
func (s Summary) String() string {
	if s.Skipped {
		return "demo data already present (operator admin exists): nothing loaded"
	}
	var b strings.Builder
	var total int64
	for _, t := range s.Tables {
		total += t.Rows
	}
	fmt.Fprintf(&b, "demo data loaded in %s: %d rows\n", s.Elapsed.Round(time.Millisecond), total)
	w := 0
	for _, t := range s.Tables {
		w = max(w, len(t.Table))
	}
	for _, t := range s.Tables {
		fmt.Fprintf(&b, "  %-*s %7d\n", w, t.Table, t.Rows)
	}
	return strings.TrimRight(b.String(), "\n")
}

// advisoryLock serializes concurrent Demo runs.
const advisoryLock = 0x5150_5eed

// Demo loads the demo data into db, which must be migrated and opened
// through the pgx stdlib driver (sql.Open("pgx", url)). It is idempotent:
// when an operator named admin exists it returns Summary{Skipped: true}.
func Demo(ctx context.Context, db *bun.DB, opts DemoOptions) (Summary, error) {
	start := time.Now()
	if opts.HashPassword == nil {
		return Summary{}, errors.New("seed: DemoOptions.HashPassword is required")
	}
	if opts.Password == "" {
		opts.Password = DefaultPassword
	}
	if opts.Seed == 0 {
		opts.Seed = 1
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}

	var exists bool
	if err := db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM operator WHERE username = 'admin')`).Scan(&exists); err != nil {
		return Summary{}, fmt.Errorf("seed: look for operator admin: %w", err)
	}
	if exists {
		return Summary{Skipped: true, Elapsed: time.Since(start)}, nil
	}
	if err := refdata.Load(ctx, db); err != nil {
		return Summary{}, fmt.Errorf("seed: load reference data: %w", err)
	}

	conn, err := db.DB.Conn(ctx)
	if err != nil {
		return Summary{}, fmt.Errorf("seed: get a connection: %w", err)
	}
	defer func() { _ = conn.Close() }()

	var sum Summary
	err = conn.Raw(func(driverConn any) error {
		sc, ok := driverConn.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("seed: the database must be opened with the pgx stdlib driver, got %T", driverConn)
		}
		var err error
		sum, err = load(ctx, sc.Conn(), opts)
		return err
	})
	if err != nil {
		return Summary{}, err
	}
	sum.Elapsed = time.Since(start)
	return sum, nil
}

// load runs the whole load in one transaction on c.
func load(ctx context.Context, c *pgx.Conn, opts DemoOptions) (Summary, error) {
	tx, err := c.Begin(ctx)
	if err != nil {
		return Summary{}, fmt.Errorf("seed: begin: %w", err)
	}
	defer func() { _ = tx.Rollback(ctx) }()

	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(advisoryLock)); err != nil {
		return Summary{}, fmt.Errorf("seed: lock: %w", err)
	}
	var exists bool
	if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM operator WHERE username = 'admin')`).Scan(&exists); err != nil {
		return Summary{}, fmt.Errorf("seed: look for operator admin: %w", err)
	}
	if exists {
		return Summary{Skipped: true}, nil
	}

	munis, err := loadMunicipalities(ctx, tx)
	if err != nil {
		return Summary{}, err
	}
	base := map[string]int64{}
	for _, t := range identityTables {
		var m int64
		if err := tx.QueryRow(ctx, `SELECT coalesce(max(id), 0) FROM `+pgx.Identifier{t}.Sanitize()).Scan(&m); err != nil {
			return Summary{}, fmt.Errorf("seed: max id of %s: %w", t, err)
		}
		base[t] = m
	}
	hash, err := opts.HashPassword(opts.Password)
	if err != nil {
		return Summary{}, fmt.Errorf("seed: hash the demo password: %w", err)
	}

	g, err := generate(opts.Seed, opts.Now, hash, munis, base)
	if err != nil {
		return Summary{}, err
	}

	var sum Summary
	counts := map[string]int64{}
	var order []string
	for _, t := range g.tables {
		if len(t.rows) > 0 {
			n, err := tx.CopyFrom(ctx, pgx.Identifier{t.name}, t.cols, pgx.CopyFromRows(t.rows))
			if err != nil {
				return Summary{}, fmt.Errorf("seed: copy %s: %w", t.name, err)
			}
			if n != int64(len(t.rows)) {
				return Summary{}, fmt.Errorf("seed: copy %s: wrote %d rows of %d", t.name, n, len(t.rows))
			}
		}
		if _, seen := counts[t.name]; !seen {
			order = append(order, t.name)
		}
		counts[t.name] += int64(len(t.rows))
	}
	for _, t := range identityTables {
		if counts[t] == 0 {
			continue
		}
		if _, err := tx.Exec(ctx, `SELECT setval(pg_get_serial_sequence($1, 'id'), (SELECT max(id) FROM `+
			pgx.Identifier{t}.Sanitize()+`))`, t); err != nil {
			return Summary{}, fmt.Errorf("seed: move the sequence of %s: %w", t, err)
		}
	}
	for _, t := range []string{"zone", "municipality"} {
		var n int64
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM `+t).Scan(&n); err != nil {
			return Summary{}, fmt.Errorf("seed: count %s: %w", t, err)
		}
		sum.Tables = append(sum.Tables, TableCount{t, n})
	}
	for _, t := range order {
		sum.Tables = append(sum.Tables, TableCount{t, counts[t]})
		if t == "citizen" {
			var n int64
			if err := tx.QueryRow(ctx, `SELECT count(*) FROM citizen_zone`).Scan(&n); err != nil {
				return Summary{}, fmt.Errorf("seed: count citizen_zone: %w", err)
			}
			sum.Tables = append(sum.Tables, TableCount{"citizen_zone", n})
		}
	}
	// Civil-invalidity certifications (invalidità civile) for about two
	// SINA assessments in three: the national flow's SINA block needs one.
	if _, err := tx.Exec(ctx, `INSERT INTO inps_sina_certification (assessment_id, citizen_id, inv_civ, source)
		SELECT id, citizen_id, 1 + (id % 8)::smallint, 1 + (id % 2)::smallint FROM assessment
		WHERE kind = 'SINA' AND id % 3 <> 0`); err != nil {
		return Summary{}, fmt.Errorf("seed: certifications: %w", err)
	}
	// Fresh statistics, so that the first queries plan well.
	analyze := []string{"citizen_zone"}
	for _, t := range order {
		analyze = append(analyze, pgx.Identifier{t}.Sanitize())
	}
	if _, err := tx.Exec(ctx, `ANALYZE `+strings.Join(analyze, ", ")); err != nil {
		return Summary{}, fmt.Errorf("seed: analyze: %w", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return Summary{}, fmt.Errorf("seed: commit: %w", err)
	}
	return sum, nil
}

// identityTables are the tables whose ids the generator chooses.
var identityTables = []string{
	"organization", "office", "operator", "operator_role", "citizen", "relation", "consent",
	"access", "care_case", "case_member", "case_status_change", "assessment", "plan",
	"plan_goal", "referral", "intervention", "activity",
}

func loadMunicipalities(ctx context.Context, tx pgx.Tx) ([]*muni, error) {
	zones, err := refdata.Umbria()
	if err != nil {
		return nil, err
	}
	ref := map[string]refdata.Municipality{}
	for _, z := range zones {
		for _, m := range z.Municipalities {
			ref[m.IstatCode] = m
		}
	}
	rows, err := tx.Query(ctx, `SELECT id, istat_code, cadastral_code, name, province, zone_id, population_2011
		FROM municipality ORDER BY istat_code`)
	if err != nil {
		return nil, fmt.Errorf("seed: read municipalities: %w", err)
	}
	defer rows.Close()
	var out []*muni
	for rows.Next() {
		m := &muni{}
		if err := rows.Scan(&m.id, &m.istat, &m.cadastral, &m.name, &m.province, &m.zone, &m.pop); err != nil {
			return nil, fmt.Errorf("seed: read municipalities: %w", err)
		}
		if r, ok := ref[m.istat]; ok {
			m.lead = r.Lead
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("seed: read municipalities: %w", err)
	}
	return out, nil
}

// umbriaMunicipalities gives the reference municipalities with ids 1..n in
// file order, for generating without a database (tests).
func umbriaMunicipalities() ([]*muni, error) {
	zones, err := refdata.Umbria()
	if err != nil {
		return nil, err
	}
	var out []*muni
	for _, z := range zones {
		for _, m := range z.Municipalities {
			var zone int32
			_, _ = fmt.Sscan(z.Code, &zone)
			out = append(out, &muni{
				id: int32(len(out) + 1), istat: m.IstatCode, cadastral: m.CadastralCode, name: m.Name,
				province: m.Province, zone: zone, pop: int32(m.Population), lead: m.Lead,
			})
		}
	}
	return out, nil
}

// table holds the rows to COPY into one table.
type table struct {
	name string
	cols []string
	rows [][]any
}

func (t *table) add(vals ...any) {
	if len(vals) != len(t.cols) {
		panic(fmt.Sprintf("seed: %s: %d values for %d columns", t.name, len(vals), len(t.cols)))
	}
	t.rows = append(t.rows, vals)
}

// Helpers turning zero values into NULL.

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func nullStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}
