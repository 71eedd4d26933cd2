package seed

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/uptrace/bun"
)

// RegionOptions configures Region.
type RegionOptions struct {
	// Citizens is the number of citizens the database must hold at the end
	// (the demo's included).
	Citizens int64
	// Seed of the synthetic blocks this run adds; 1 when zero.
	Seed int64
	// Now ends the synthetic years; time.Now() when zero.
	Now time.Time
	// HashPassword and Password as in DemoOptions (the synthetic operators
	// share the demo password). HashPassword is required.
	HashPassword func(string) (string, error)
	Password     string
	// Progress receives the progress bar (a terminal) or a line every few
	// seconds (anything else); nil for none.
	Progress io.Writer
	// Terminal says that Progress is a terminal.
	Terminal bool
	// KeepTriggers loads with the per-row triggers and foreign-key checks
	// on, even as a superuser (slow; tests compare both ways).
	KeepTriggers bool
	// KeepIndexes leaves the secondary indexes in place during the load
	// instead of dropping and rebuilding them. Loads of fewer than
	// rebuildIndexesFrom citizens always keep them.
	KeepIndexes bool
}

// rebuildIndexesFrom is the number of citizens added from which dropping
// the secondary indexes and building them again after the load pays (a
// variable for the tests).
var rebuildIndexesFrom int64 = 5000

// PhaseTime is the wall time of one step of the load.
type PhaseTime struct {
	Phase   string
	Elapsed time.Duration
}

// RegionSummary tells what Region did.
type RegionSummary struct {
	Demo Summary // the demo load, when Region loaded it first
	// Before and After are the citizens in the database.
	Before, After int64
	// Tables lists the rows added per table, with the time spent in COPY.
	Tables []TableCount
	Copy   map[string]time.Duration
	Phases []PhaseTime
	// Indexes are the indexes built again after the load, with their time.
	Indexes []PhaseTime
	// Fast is true when triggers and foreign-key checks were bypassed
	// (session_replication_role = replica) and their work done in bulk.
	Fast    bool
	Elapsed time.Duration
}

// Count returns the rows added to table, or 0.
func (s RegionSummary) Count(table string) int64 {
	for _, t := range s.Tables {
		if t.Table == table {
			return t.Rows
		}
	}
	return 0
}

func (s RegionSummary) String() string {
	var b strings.Builder
	if s.After == s.Before {
		fmt.Fprintf(&b, "the database already holds %d citizens: nothing added", s.Before)
		return b.String()
	}
	var total int64
	for _, t := range s.Tables {
		total += t.Rows
	}
	mode := "per-row triggers and foreign-key checks on"
	if s.Fast {
		mode = "triggers bypassed, their work done in bulk"
	}
	fmt.Fprintf(&b, "synthetic region: %d → %d citizens, %d rows in %s (%s)\n", s.Before, s.After, total,
		s.Elapsed.Round(time.Millisecond), mode)
	w := 0
	for _, t := range s.Tables {
		w = max(w, len(t.Table))
	}
	for _, t := range s.Tables {
		fmt.Fprintf(&b, "  %-*s %10d", w, t.Table, t.Rows)
		if d, ok := s.Copy[t.Table]; ok {
			fmt.Fprintf(&b, "  copy %s", d.Round(time.Millisecond))
		}
		b.WriteByte('\n')
	}
	for _, p := range s.Phases {
		fmt.Fprintf(&b, "  phase %-*s %s\n", w-6, p.Phase, p.Elapsed.Round(time.Millisecond))
	}
	if len(s.Indexes) > 0 {
		idx := append([]PhaseTime(nil), s.Indexes...)
		sort.SliceStable(idx, func(i, j int) bool { return idx[i].Elapsed > idx[j].Elapsed })
		var slow []string
		for _, p := range idx[:min(8, len(idx))] {
			slow = append(slow, p.Phase+" "+p.Elapsed.Round(100*time.Millisecond).String())
		}
		fmt.Fprintf(&b, "  %d indexes built again; the slowest: %s\n", len(idx), strings.Join(slow, ", "))
	}
	return strings.TrimRight(b.String(), "\n")
}

// Region grows the database to opts.Citizens citizens with a synthetic
// region (see regiongen.go): it loads the demo first when it is missing,
// then adds the synthetic blocks that are not there yet, with their staff,
// offices and providers, in one transaction. db must be migrated and
// opened through the pgx stdlib driver.
func Region(ctx context.Context, db *bun.DB, opts RegionOptions) (RegionSummary, error) {
	start := time.Now()
	if opts.HashPassword == nil {
		return RegionSummary{}, errors.New("seed: RegionOptions.HashPassword is required")
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
	if opts.Citizens <= 0 {
		return RegionSummary{}, errors.New("seed: the number of citizens must be positive")
	}
	demo, err := Demo(ctx, db, DemoOptions{HashPassword: opts.HashPassword, Password: opts.Password, Seed: opts.Seed, Now: opts.Now})
	if err != nil {
		return RegionSummary{}, err
	}
	conn, err := db.DB.Conn(ctx)
	if err != nil {
		return RegionSummary{}, fmt.Errorf("seed: get a connection: %w", err)
	}
	defer func() { _ = conn.Close() }()
	var sum RegionSummary
	err = conn.Raw(func(driverConn any) error {
		sc, ok := driverConn.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("seed: the database must be opened with the pgx stdlib driver, got %T", driverConn)
		}
		var err error
		sum, err = loadRegion(ctx, sc.Conn(), opts)
		return err
	})
	if err != nil {
		return RegionSummary{}, err
	}
	if !demo.Skipped {
		sum.Demo = demo
		sum.Phases = append([]PhaseTime{{"demo", demo.Elapsed}}, sum.Phases...)
	}
	sum.Elapsed = time.Since(start)
	return sum, nil
}

// regionTables are the tables the synthetic blocks write, and the search
// tables filled from them (searchTables): their secondary indexes are
// built again after a large load, and they are analyzed.
var regionTables = []string{"citizen", "relation", "consent", "access", "access_need", "access_requested_service",
	"referral", "care_case", "case_member", "case_status_change", "assessment", "plan", "plan_goal",
	"intervention", "activity", "citizen_zone", "citizen_search", "referral_search"}

type loader struct {
	tx    pgx.Tx
	opts  RegionOptions
	sum   *RegionSummary
	phase time.Time
}

// say tells the progress writer what the load does next.
func (l *loader) say(format string, args ...any) {
	if l.opts.Progress != nil {
		fmt.Fprintf(l.opts.Progress, "seed: "+format+"\n", args...)
	}
}

func (l *loader) mark(name string) {
	now := time.Now()
	l.sum.Phases = append(l.sum.Phases, PhaseTime{name, now.Sub(l.phase)})
	l.phase = now
}

func (l *loader) exec(ctx context.Context, sql string, args ...any) error {
	if _, err := l.tx.Exec(ctx, sql, args...); err != nil {
		return fmt.Errorf("seed: %s: %w", firstLine(sql), err)
	}
	return nil
}

// searchTables does the work of the triggers of migration 0013 for the
// loaded rows: citizen_search gets the citizen_zone rows with the
// citizens' names, in name order zone by zone (as the migration loads it,
// so that a surname's rows share pages), and referral_search the
// referrals with theirs. The names are read from citizen, as the triggers
// read them.
func (l *loader) searchTables(ctx context.Context, firstID map[string]int64) error {
	l.say("filling the search tables")
	if err := l.exec(ctx, `INSERT INTO citizen_search (citizen_id, zone_id, search_name)
		SELECT z.citizen_id, z.zone_id, c.search_name FROM citizen_zone z JOIN citizen c ON c.id = z.citizen_id
		WHERE z.citizen_id >= $1 ORDER BY z.zone_id, c.search_name`, firstID["citizen"]); err != nil {
		return err
	}
	return l.exec(ctx, `INSERT INTO referral_search (referral_id, citizen_id, to_office_id, status, search_name)
		SELECT r.id, r.citizen_id, r.to_office_id, r.status, c.search_name FROM referral r JOIN citizen c ON c.id = r.citizen_id
		WHERE r.id >= $1 ORDER BY r.to_office_id, r.citizen_id`, firstID["referral"])
}

// indexName is the name of the index a CREATE INDEX or ADD CONSTRAINT statement builds.
func indexName(def string) string {
	f := strings.Fields(def)
	for i, w := range f {
		if (w == "INDEX" || w == "CONSTRAINT") && i+1 < len(f) {
			return strings.Trim(f[i+1], `"`)
		}
	}
	return def
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i > 0 {
		s = s[:i]
	}
	if len(s) > 80 {
		s = s[:80] + "…"
	}
	return s
}

func loadRegion(ctx context.Context, c *pgx.Conn, opts RegionOptions) (RegionSummary, error) {
	sum := RegionSummary{Copy: map[string]time.Duration{}}
	tx, err := c.Begin(ctx)
	if err != nil {
		return sum, fmt.Errorf("seed: begin: %w", err)
	}
	defer func() { _ = tx.Rollback(ctx) }()
	l := &loader{tx: tx, opts: opts, sum: &sum, phase: time.Now()}

	// The load is one transaction: its commit is the only one that must
	// reach the disk, and the index builds get memory.
	for _, s := range []string{
		`SET LOCAL synchronous_commit = off`,
		`SET LOCAL maintenance_work_mem = '1GB'`,
		`SET LOCAL work_mem = '256MB'`,
		// The statements run once each: compiling them costs more than it saves.
		`SET LOCAL jit = off`,
		`SELECT pg_advisory_xact_lock(` + fmt.Sprint(advisoryLock) + `)`,
	} {
		if err := l.exec(ctx, s); err != nil {
			return sum, err
		}
	}
	if err := tx.QueryRow(ctx, `SELECT count(*) FROM citizen`).Scan(&sum.Before); err != nil {
		return sum, fmt.Errorf("seed: count citizens: %w", err)
	}
	sum.After = sum.Before
	if sum.Before >= opts.Citizens {
		return sum, nil
	}
	add := opts.Citizens - sum.Before
	var super bool
	if err := tx.QueryRow(ctx, `SELECT rolsuper FROM pg_roles WHERE rolname = current_user`).Scan(&super); err != nil {
		return sum, fmt.Errorf("seed: read the role: %w", err)
	}
	sum.Fast = super && !opts.KeepTriggers

	w, done, err := l.world(ctx, opts, add)
	if err != nil {
		return sum, err
	}
	l.mark("world")

	// Staff for whole blocks, so that the last block sees the same staff
	// as when a later run completes it.
	if err := l.staff(ctx, w, (done+add+blockSize-1)/blockSize*blockSize); err != nil {
		return sum, err
	}
	l.mark("staff")

	// Base ids of the blocks.
	for _, t := range identityTables {
		var m int64
		if err := tx.QueryRow(ctx, `SELECT coalesce(max(id), 0) FROM `+pgx.Identifier{t}.Sanitize()).Scan(&m); err != nil {
			return sum, fmt.Errorf("seed: max id of %s: %w", t, err)
		}
		w.nextID[t] = m
	}
	firstID := map[string]int64{}
	for k, v := range w.nextID {
		firstID[k] = v + 1
	}

	var rebuild []string
	if !opts.KeepIndexes && add >= rebuildIndexesFrom {
		rebuild, err = l.dropIndexes(ctx)
		if err != nil {
			return sum, err
		}
		l.mark("drop indexes")
	}
	if sum.Fast {
		// No per-row triggers and no per-row foreign-key checks: the
		// generator makes every reference valid (the tests load with
		// them on), and the triggers' work is done in bulk below.
		if err := l.exec(ctx, `SET LOCAL session_replication_role = replica`); err != nil {
			return sum, err
		}
	}
	if err := l.blocks(ctx, w, done, add); err != nil {
		return sum, err
	}
	l.mark("copy")
	if sum.Fast {
		if err := l.exec(ctx, `SET LOCAL session_replication_role = origin`); err != nil {
			return sum, err
		}
		if err := l.searchTables(ctx, firstID); err != nil {
			return sum, err
		}
		l.mark("search tables")
	}
	if len(rebuild) > 0 {
		l.say("building %d indexes again", len(rebuild))
	}
	for _, def := range rebuild {
		t0 := time.Now()
		if err := l.exec(ctx, def); err != nil {
			return sum, err
		}
		sum.Indexes = append(sum.Indexes, PhaseTime{indexName(def), time.Since(t0)})
	}
	if len(rebuild) > 0 {
		l.mark("build indexes")
	}

	var zones int64
	if err := tx.QueryRow(ctx, `SELECT count(*) FROM citizen_zone WHERE citizen_id >= $1`, firstID["citizen"]).Scan(&zones); err != nil {
		return sum, fmt.Errorf("seed: count citizen_zone: %w", err)
	}
	for i := range sum.Tables {
		if sum.Tables[i].Table == "citizen_zone" {
			sum.Tables[i].Rows = zones
		}
	}

	// Civil-invalidity certifications for two SINA assessments in three,
	// as in the demo.
	if err := l.exec(ctx, `INSERT INTO inps_sina_certification (assessment_id, citizen_id, inv_civ, source)
		SELECT id, citizen_id, 1 + (id % 8)::smallint, 1 + (id % 2)::smallint FROM assessment
		WHERE kind = 'SINA' AND id % 3 <> 0 AND id >= $1`, firstID["assessment"]); err != nil {
		return sum, err
	}
	for _, t := range identityTables {
		if err := l.exec(ctx, `SELECT setval(pg_get_serial_sequence($1, 'id'), m) FROM (SELECT max(id) AS m FROM `+
			pgx.Identifier{t}.Sanitize()+`) s WHERE m IS NOT NULL`, t); err != nil {
			return sum, err
		}
	}
	// Fresh statistics, for the rollups' queries and the first requests.
	l.say("analyzing the tables")
	if err := l.exec(ctx, `ANALYZE `+strings.Join(append(regionTables, "operator", "office", "organization"), ", ")); err != nil {
		return sum, err
	}
	l.mark("analyze")
	if sum.Fast {
		// Statement-level triggers (the monitoring rollups) did not run
		// either: rebuild what they maintain.
		rows, err := tx.Query(ctx, `SELECT p.oid::regprocedure::text FROM pg_proc p
			WHERE p.pronamespace = current_schema()::regnamespace AND p.proname ILIKE 'rebuild%rollup%' AND p.pronargs = 0`)
		if err != nil {
			return sum, fmt.Errorf("seed: look for the rollup rebuild: %w", err)
		}
		fns, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return sum, fmt.Errorf("seed: look for the rollup rebuild: %w", err)
		}
		for _, f := range fns {
			l.say("rebuilding what the statement-level triggers maintain: %s", f)
			if err := l.exec(ctx, `SELECT `+strings.TrimSuffix(f, "()")+`()`); err != nil {
				return sum, err
			}
		}
		if len(fns) > 0 {
			l.mark("rollups")
		}
		// The statement-level trigger that moves reference_version did not
		// run either: move it, so that running servers reload the
		// operators and offices the load added.
		if err := l.exec(ctx, `UPDATE reference_version SET version = version + 1`); err != nil {
			return sum, err
		}
	}
	if err := tx.QueryRow(ctx, `SELECT count(*) FROM citizen`).Scan(&sum.After); err != nil {
		return sum, fmt.Errorf("seed: count citizens: %w", err)
	}
	if sum.After != opts.Citizens {
		return sum, fmt.Errorf("seed: the load would leave %d citizens, not %d", sum.After, opts.Citizens)
	}
	l.say("committing")
	if err := tx.Commit(ctx); err != nil {
		return sum, fmt.Errorf("seed: commit: %w", err)
	}
	l.mark("commit")
	return sum, nil
}

// dropIndexes drops the secondary indexes (and unique constraints no
// foreign key depends on) of the tables the blocks write, and returns the
// statements that build them again. Primary keys stay.
func (l *loader) dropIndexes(ctx context.Context) ([]string, error) {
	rows, err := l.tx.Query(ctx, `
		SELECT ic.relname, tc.relname, pg_get_indexdef(i.indexrelid), k.conname, pg_get_constraintdef(k.oid)
		  FROM pg_index i
		  JOIN pg_class ic ON ic.oid = i.indexrelid
		  JOIN pg_class tc ON tc.oid = i.indrelid
		  LEFT JOIN pg_constraint k ON k.conindid = i.indexrelid AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x')
		 WHERE tc.relnamespace = current_schema()::regnamespace AND tc.relname = ANY($1)
		   AND NOT i.indisprimary
		   AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = i.indexrelid)
		 ORDER BY tc.relname, ic.relname`, regionTables)
	if err != nil {
		return nil, fmt.Errorf("seed: list the indexes: %w", err)
	}
	type idx struct{ name, table, def, con, condef string }
	var list []idx
	for rows.Next() {
		var x idx
		var con, condef *string
		if err := rows.Scan(&x.name, &x.table, &x.def, &con, &condef); err != nil {
			rows.Close()
			return nil, fmt.Errorf("seed: list the indexes: %w", err)
		}
		if con != nil {
			x.con, x.condef = *con, *condef
		}
		list = append(list, x)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("seed: list the indexes: %w", err)
	}
	var rebuild []string
	for _, x := range list {
		if x.con != "" {
			if err := l.exec(ctx, `ALTER TABLE `+pgx.Identifier{x.table}.Sanitize()+` DROP CONSTRAINT `+pgx.Identifier{x.con}.Sanitize()); err != nil {
				return nil, err
			}
			rebuild = append(rebuild, `ALTER TABLE `+pgx.Identifier{x.table}.Sanitize()+` ADD CONSTRAINT `+
				pgx.Identifier{x.con}.Sanitize()+` `+x.condef)
			continue
		}
		if err := l.exec(ctx, `DROP INDEX `+pgx.Identifier{x.name}.Sanitize()); err != nil {
			return nil, err
		}
		// A partitioned table's index is defined ON ONLY the parent (its
		// partitions' indexes are attached to it); dropped, it takes them
		// along, and built again without ONLY it builds them again.
		rebuild = append(rebuild, strings.Replace(x.def, " ON ONLY ", " ON ", 1))
	}
	// The largest tables last, the trigram index of the names first: the
	// order does not matter to the result.
	return rebuild, nil
}

// world reads the territory, the organizations, offices and synthetic
// staff, the identifiers taken, and where the synthetic sequence stands: it
// returns the synthetic citizens already there.
func (l *loader) world(ctx context.Context, opts RegionOptions, add int64) (*regionWorld, int64, error) {
	tx := l.tx
	loc := demoLocation(opts.Now.Location())
	now := opts.Now.Truncate(time.Second).In(loc)
	y, m, d := now.Date()
	hash, err := opts.HashPassword(opts.Password)
	if err != nil {
		return nil, 0, fmt.Errorf("seed: hash the password: %w", err)
	}
	w := &regionWorld{
		seed: opts.Seed, now: now, loc: loc,
		todayDate: time.Date(y, m, d, 0, 0, 0, 0, time.UTC),
		dayStart:  time.Date(y, m, d, 0, 0, 0, 0, loc),
		hash:      hash,
		byIstat:   map[string]*muni{},
		nextID:    map[string]int64{},
		fiscal:    map[[16]byte]struct{}{},
		tmpIDs:    map[string]bool{},
	}
	w.munis, err = loadMunicipalities(ctx, tx)
	if err != nil {
		return nil, 0, err
	}
	names, err := umbriaZoneNames()
	if err != nil {
		return nil, 0, err
	}
	var total int64
	maxZone := int32(0)
	w.muniZone = map[int32]int32{}
	for _, m := range w.munis {
		w.byIstat[m.istat] = m
		w.muniZone[m.id] = m.zone
		total += int64(m.pop)
		w.muniCum = append(w.muniCum, total)
		maxZone = max(maxZone, m.zone)
	}
	w.zones = make([]*worldZone, maxZone+1)
	w.share = make([]float64, maxZone+1)
	for _, m := range w.munis {
		z := w.zones[m.zone]
		if z == nil {
			z = &worldZone{id: m.zone, name: names[m.zone], deskOffice: map[*operator]*office{}, provOf: map[*operator]*org{},
				staff: make([][]*operator, len(staffRatios))}
			w.zones[m.zone] = z
		}
		z.munis = append(z.munis, m)
		if m.lead {
			z.lead = m
		}
		w.share[m.zone] += float64(m.pop) / float64(total)
	}
	for i, z := range w.zones {
		if i > 0 && (z == nil || z.lead == nil) {
			return nil, 0, fmt.Errorf("seed: zone %d has no municipalities or no lead municipality", i)
		}
	}

	// Organizations and offices.
	orgs := map[int64]*org{}
	rows, err := tx.Query(ctx, `SELECT id, kind, name, coalesce(zone_id, 0), municipality_id FROM organization ORDER BY id`)
	if err != nil {
		return nil, 0, fmt.Errorf("seed: read organizations: %w", err)
	}
	var usls []*org
	for rows.Next() {
		o := &org{}
		var mid *int32
		if err := rows.Scan(&o.id, &o.kind, &o.name, &o.zone, &mid); err != nil {
			rows.Close()
			return nil, 0, fmt.Errorf("seed: read organizations: %w", err)
		}
		if mid != nil {
			for _, m := range w.munis {
				if m.id == *mid {
					o.muni = m
				}
			}
		}
		orgs[o.id] = o
		switch {
		case o.kind == "HEALTH_AUTHORITY":
			usls = append(usls, o)
		case o.zone > 0 && o.zone <= maxZone && o.kind == "MUNICIPALITY" && w.zones[o.zone].comune == nil:
			w.zones[o.zone].comune = o
		case o.zone > 0 && o.zone <= maxZone && o.kind == "ZONE_OFFICE" && w.zones[o.zone].plan == nil:
			w.zones[o.zone].plan = o
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("seed: read organizations: %w", err)
	}
	if len(usls) == 0 {
		return nil, 0, errors.New("seed: no health authority (load the demo first)")
	}
	for _, z := range w.zones[1:] {
		z.usl = usls[0]
		if z.id >= 8 && len(usls) > 1 {
			z.usl = usls[1]
		}
		if z.comune == nil || z.plan == nil {
			return nil, 0, fmt.Errorf("seed: zone %d has no municipality or office of plan organization (load the demo first)", z.id)
		}
		z.comune.domain = "comune." + slug(z.lead.name) + ".example"
	}
	offByName := map[string]*office{}
	rows, err = tx.Query(ctx, `SELECT id, organization_id, zone_id, municipality_id, kind, name FROM office ORDER BY id`)
	if err != nil {
		return nil, 0, fmt.Errorf("seed: read offices: %w", err)
	}
	for rows.Next() {
		of := &office{}
		var orgID int64
		var mid int32
		if err := rows.Scan(&of.id, &orgID, &of.zone, &mid, &of.kind, &of.name); err != nil {
			rows.Close()
			return nil, 0, fmt.Errorf("seed: read offices: %w", err)
		}
		of.org = orgs[orgID]
		for _, m := range w.munis {
			if m.id == mid {
				of.muni = m
			}
		}
		offByName[of.name] = of
		if of.zone <= 0 || of.zone > maxZone || of.muni == nil {
			continue
		}
		z := w.zones[of.zone]
		switch of.kind {
		case "CITIZENS_OFFICE":
			of.weight = 100
			z.offices = append(z.offices, of)
		case "SOCIAL_SERVICE":
			if z.social == nil {
				z.social = of
			}
		case "ZONE_OFFICE":
			if z.zoneOff == nil {
				z.zoneOff = of
			}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("seed: read offices: %w", err)
	}
	rows, err = tx.Query(ctx, `SELECT DISTINCT ON (r.zone_id) r.zone_id, o.id, o.username FROM operator_role r
		JOIN operator o ON o.id = r.operator_id WHERE r.role = 'ZONE_MANAGER' AND r.zone_id IS NOT NULL AND o.active
		ORDER BY r.zone_id, o.id`)
	if err != nil {
		return nil, 0, fmt.Errorf("seed: read zone managers: %w", err)
	}
	for rows.Next() {
		var zid int32
		op := &operator{profession: "COORDINATOR"}
		if err := rows.Scan(&zid, &op.id, &op.username); err != nil {
			rows.Close()
			return nil, 0, fmt.Errorf("seed: read zone managers: %w", err)
		}
		if zid > 0 && zid <= maxZone {
			op.zone = zid
			w.zones[zid].manager = op
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("seed: read zone managers: %w", err)
	}
	for _, z := range w.zones[1:] {
		if z.social == nil || z.zoneOff == nil || z.manager == nil {
			return nil, 0, fmt.Errorf("seed: zone %d has no social service, office of plan or zone manager (load the demo first)", z.id)
		}
	}

	// Identifiers taken.
	rows, err = tx.Query(ctx, `SELECT fiscal_code, temporary_id FROM citizen`)
	if err != nil {
		return nil, 0, fmt.Errorf("seed: read identifiers: %w", err)
	}
	for rows.Next() {
		var fc, tmp *string
		if err := rows.Scan(&fc, &tmp); err != nil {
			rows.Close()
			return nil, 0, fmt.Errorf("seed: read identifiers: %w", err)
		}
		if fc != nil && len(*fc) == 16 {
			var k [16]byte
			copy(k[:], *fc)
			w.fiscal[k] = struct{}{}
		}
		if tmp != nil {
			w.tmpIDs[*tmp] = true
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("seed: read identifiers: %w", err)
	}

	// The synthetic citizens already there are those the synthetic staff
	// registered.
	var done int64
	if err := tx.QueryRow(ctx, `SELECT count(*) FROM citizen c JOIN operator o ON o.id = c.created_by
		WHERE o.username ~ $1`, syntheticUsernamePattern).Scan(&done); err != nil {
		return nil, 0, fmt.Errorf("seed: count synthetic citizens: %w", err)
	}
	w.offByName = offByName
	w.orgs = orgs
	return w, done, nil
}

// staff creates what the synthetic region needs for s synthetic citizens
// and is not there yet: an Ufficio della Cittadinanza in every municipality,
// the synthetic providers of each zone with their sites, and the
// operators of staffRatios.
func (l *loader) staff(ctx context.Context, w *regionWorld, s int64) error {
	tx := l.tx
	var maxIDs = map[string]int64{}
	for _, t := range []string{"organization", "office", "operator", "operator_role"} {
		var m int64
		if err := tx.QueryRow(ctx, `SELECT coalesce(max(id), 0) FROM `+t).Scan(&m); err != nil {
			return fmt.Errorf("seed: max id of %s: %w", t, err)
		}
		maxIDs[t] = m
	}
	id := func(t string) int64 { maxIDs[t]++; return maxIDs[t] }
	tabs := map[string]*table{}
	var order []*table
	for _, td := range tableDefs[:6] {
		t := &table{name: td.name, cols: td.cols}
		tabs[td.key] = t
		order = append(order, t)
	}
	g := w.helperGen(rand.New(rand.NewPCG(0x5150, 0x5eed)))
	newOffice := func(o *org, z *worldZone, m *muni, kind, name, email string) *office {
		if of := w.offByName[name]; of != nil {
			return of
		}
		of := &office{id: id("office"), org: o, zone: z.id, muni: m, kind: kind, name: name}
		street, cap := g.address(m)
		tabs["office"].add(of.id, o.id, z.id, m.id, kind, name, fmt.Sprintf("%s, %s %s", street, cap, m.name), g.landline(z.id), email)
		w.offByName[name] = of
		return of
	}
	for _, z := range w.zones[1:] {
		has := map[*muni]bool{}
		for _, of := range z.offices {
			has[of.muni] = true
		}
		for _, m := range z.munis {
			if has[m] {
				continue
			}
			name := "Ufficio della Cittadinanza " + m.name
			existing := w.offByName[name] != nil
			of := newOffice(z.comune, z, m, "CITIZENS_OFFICE", name, "cittadinanza."+slug(m.name)+"@"+z.comune.domain)
			if !existing {
				of.weight = 100
				z.offices = append(z.offices, of)
			}
		}
		sort.SliceStable(z.offices, func(i, j int) bool { return z.offices[i].id < z.offices[j].id })
		for _, ps := range regionProviderSpecs {
			name := ps.name + " – " + z.lead.name
			var o *org
			for _, e := range w.orgs {
				if e.name == name {
					o = e
				}
			}
			if o == nil {
				o = &org{id: id("organization"), kind: ps.kind, name: name, muni: z.lead, zone: z.id}
				o.accFrom = g.dateOf(w.now.AddDate(-g.between(4, 12), -g.rng.IntN(12), 0))
				tabs["organization"].add(o.id, o.kind, o.name, g.pIVA("0"+fmt.Sprint(1+g.rng.IntN(3)), z.lead.province), z.lead.id, z.id,
					o.accFrom, nil)
				for _, t := range ps.types {
					tabs["organization_accreditation"].add(o.id, t)
				}
				w.orgs[o.id] = o
			}
			o.accred = ps.types
			o.slug = slug(ps.name) + fmt.Sprint(z.id)
			o.domain = o.slug + ".example"
			o.site = newOffice(o, z, z.lead, "PROVIDER_SITE", name+" – Sede di "+z.lead.name, "segreteria@"+o.domain)
			z.providers = append(z.providers, o)
		}
	}

	// Operators.
	existing := map[string]int64{}
	rows, err := tx.Query(ctx, `SELECT username, id FROM operator WHERE username ~ $1`, syntheticUsernamePattern)
	if err != nil {
		return fmt.Errorf("seed: read the synthetic staff: %w", err)
	}
	for rows.Next() {
		var u string
		var i int64
		if err := rows.Scan(&u, &i); err != nil {
			rows.Close()
			return fmt.Errorf("seed: read the synthetic staff: %w", err)
		}
		existing[u] = i
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("seed: read the synthetic staff: %w", err)
	}
	for _, z := range w.zones[1:] {
		for k, r := range staffRatios {
			n := staffNeeded(k, w.share[z.id], s)
			for j := len(z.staff[k]); j < n; j++ {
				sg := w.helperGen(staffRNG(z.id, k, j))
				first, last := sg.randomName(sg.chance(r.femalePct))
				op := &operator{username: syntheticUsername(r.prefix, z.id, last, j), first: first, last: last,
					profession: r.profession, org: z.comune, zone: z.id}
				var of *office
				switch r.prefix {
				case "sp":
					of = z.offices[j%len(z.offices)]
					z.deskOffice[op] = of
				case "op":
					p := z.providers[j%len(z.providers)]
					op.org = p
					of = p.site
					z.provOf[op] = p
				default:
					of = z.social
				}
				if i, ok := existing[op.username]; ok {
					op.id = i
				} else {
					op.id = id("operator")
					email := slug(first) + "." + slug(last) + fmt.Sprint(j) + "@" + op.org.domain
					tabs["operator"].add(op.id, op.username, first+" "+last, email, op.profession, op.org.id, w.hash)
					tabs["operator_office"].add(op.id, of.id)
					tabs["operator_role"].add(id("operator_role"), op.id, r.role, z.id, nil)
				}
				z.staff[k] = append(z.staff[k], op)
			}
		}
	}
	for _, t := range order {
		if len(t.rows) == 0 {
			continue
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{t.name}, t.cols, pgx.CopyFromRows(t.rows)); err != nil {
			return fmt.Errorf("seed: copy %s: %w", t.name, err)
		}
		l.sum.Tables = append(l.sum.Tables, TableCount{t.name, int64(len(t.rows))})
	}
	for _, t := range []string{"organization", "office", "operator", "operator_role"} {
		if err := l.exec(ctx, `SELECT setval(pg_get_serial_sequence($1, 'id'), m) FROM (SELECT max(id) AS m FROM `+t+`) s WHERE m IS NOT NULL`, t); err != nil {
			return err
		}
	}
	return nil
}

// chunk is a few blocks written together.
type chunk struct {
	blocks   []*regionBlock
	citizens int
}

const blocksPerChunk = 4

// blocks generates the blocks in one goroutine while the previous chunk is
// being copied.
func (l *loader) blocks(ctx context.Context, w *regionWorld, done, add int64) error {
	// The prefix of a block an earlier run left partial.
	first := done / blockSize
	off := int(done % blockSize)
	var prefix []int64
	if off > 0 {
		rows, err := l.tx.Query(ctx, `SELECT c.id FROM citizen c JOIN operator o ON o.id = c.created_by
			WHERE o.username ~ $1 ORDER BY c.id DESC LIMIT $2`, syntheticUsernamePattern, off)
		if err != nil {
			return fmt.Errorf("seed: read the last block: %w", err)
		}
		prefix, err = pgx.CollectRows(rows, pgx.RowTo[int64])
		if err != nil {
			return fmt.Errorf("seed: read the last block: %w", err)
		}
		for i, j := 0, len(prefix)-1; i < j; i, j = i+1, j-1 {
			prefix[i], prefix[j] = prefix[j], prefix[i]
		}
	}

	gctx, cancel := context.WithCancel(ctx)
	defer cancel()
	chunks := make(chan *chunk, 1)
	errc := make(chan error, 1)
	go func() {
		defer close(chunks)
		remaining := add
		cur := &chunk{}
		for b := first; remaining > 0; b++ {
			lo := 0
			var pre []int64
			if b == first {
				lo, pre = off, prefix
			}
			hi := int(min(int64(blockSize), int64(lo)+remaining))
			blk, err := w.generateBlock(b, lo, hi, pre)
			if err != nil {
				errc <- err
				return
			}
			remaining -= int64(hi - lo)
			cur.blocks = append(cur.blocks, blk)
			cur.citizens += hi - lo
			if len(cur.blocks) == blocksPerChunk || remaining == 0 {
				select {
				case chunks <- cur:
				case <-gctx.Done():
					return
				}
				cur = &chunk{}
			}
		}
	}()

	prog := newProgress(l.opts.Progress, l.opts.Terminal, add)
	defer prog.finish()
	counts := map[string]int64{}
	var order []string
	for ch := range chunks {
		for _, td := range tableDefs[6:] {
			src := newBlockSource(ch.blocks, td.key, td.cols, w)
			t0 := time.Now()
			cols := td.cols
			if td.name == "citizen" {
				cols = append(append([]string(nil), cols...), "residence_zone_id")
			}
			n, err := l.tx.CopyFrom(ctx, pgx.Identifier{td.name}, cols, src)
			if err != nil {
				return fmt.Errorf("seed: copy %s: %w", td.name, err)
			}
			l.sum.Copy[td.name] += time.Since(t0)
			if _, seen := counts[td.name]; !seen {
				order = append(order, td.name)
			}
			counts[td.name] += n
			prog.rows(n)
			for _, b := range ch.blocks {
				b.g.t[td.key].rows = nil // done with them
			}
		}
		if l.sum.Fast {
			// What the triggers citizen_zone_residence, access_citizen_zone
			// and care_case_citizen_zone would have written (residence_zone_id,
			// the work of citizen_residence_zone, is in the citizen rows).
			src := &blockSource{blocks: ch.blocks, ci: 0, cj: -1, w: w, zones: true}
			t0 := time.Now()
			n, err := l.tx.CopyFrom(ctx, pgx.Identifier{"citizen_zone"}, citizenZoneCols, src)
			if err != nil {
				return fmt.Errorf("seed: copy citizen_zone: %w", err)
			}
			l.sum.Copy["citizen_zone"] += time.Since(t0)
			prog.rows(n)
		}
		prog.citizens(int64(ch.citizens))
	}
	select {
	case err := <-errc:
		return err
	default:
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, t := range order {
		l.sum.Tables = append(l.sum.Tables, TableCount{t, counts[t]})
	}
	l.sum.Tables = append(l.sum.Tables, TableCount{"citizen_zone", 0})
	return nil
}

// blockSource is the CopyFromSource of one table over the blocks of a
// chunk: it walks the rows the blocks generated and keeps those of the
// citizens in each block's window.
type blockSource struct {
	blocks     []*regionBlock
	key        string
	ci, cj     int // citizen columns (cj: the related citizen of a relation, or -1)
	citizenRow bool
	zones      bool // the blocks' zoneRows
	w          *regionWorld
	bi, ri     int
	cur        []any
	buf        []any
}

func newBlockSource(blocks []*regionBlock, key string, cols []string, w *regionWorld) *blockSource {
	s := &blockSource{blocks: blocks, key: key, ci: -1, cj: -1, w: w}
	for i, c := range cols {
		switch {
		case key == "citizen" && c == "id", c == "citizen_id":
			s.ci = i
		case c == "related_citizen_id":
			s.cj = i
		}
	}
	s.citizenRow = key == "citizen"
	return s
}

func (s *blockSource) keep(b *regionBlock, row []any) bool {
	if s.ci < 0 {
		return b.lo == 0
	}
	v, ok := row[s.ci].(int64)
	if !ok {
		return b.lo == 0 // anonymous: written with the block's first part
	}
	i, ok := b.idx[v]
	if !ok {
		return false
	}
	if s.cj >= 0 {
		if o, ok := row[s.cj].(int64); ok {
			i = max(i, b.idx[o])
		}
	}
	return i >= b.lo && i < b.hi
}

func (s *blockSource) Next() bool {
	for s.bi < len(s.blocks) {
		b := s.blocks[s.bi]
		rows := b.zoneRows
		if !s.zones {
			rows = b.g.t[s.key].rows
		}
		for s.ri < len(rows) {
			r := rows[s.ri]
			s.ri++
			if s.keep(b, r) {
				s.cur = r
				return true
			}
		}
		s.bi++
		s.ri = 0
	}
	return false
}

func (s *blockSource) Values() ([]any, error) {
	if !s.citizenRow {
		return s.cur, nil
	}
	// residence_zone_id, as the trigger citizen_residence_zone sets it.
	s.buf = append(s.buf[:0], s.cur...)
	var zone any
	if mid, ok := s.cur[10].(int32); ok {
		if z, ok := s.w.muniZone[mid]; ok {
			zone = z
		}
	}
	return append(s.buf, zone), nil
}

func (s *blockSource) Err() error { return nil }
