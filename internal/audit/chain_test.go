package audit_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/audit"
)

// sampleEvents exercises every column, NULLs and awkward values.
func (w *world) sampleEvents(n int) []audit.Event {
	out := make([]audit.Event, 0, n)
	for i := range n {
		e := audit.Event{
			ActorOperatorID: w.operator, ActorLabel: "as.test", SessionKind: audit.KindSession,
			RequestID: fmt.Sprintf("req-%d", i), Action: audit.ActionRead,
			CitizenID: w.citizens[i%len(w.citizens)], Tiers: []string{audit.TierSensitive, audit.TierIdentity},
		}
		switch i % 5 {
		case 1:
			e.Action, e.ObjectType, e.ObjectID, e.ZoneID = audit.ActionUpdate, "Citizen", e.CitizenID, 2
			e.Before = map[string]any{"phone": "075 1234567", "notes": "l'altro \"giorno\"\n\\ è 😀", "n": 1.5}
			e.After = json.RawMessage(`{"phone": null, "amount": 1.50e2, "list": [3, 2, 1], "z": {}, "a": 1e-7}`)
			e.Tiers = nil
		case 2:
			e.Action, e.CitizenID = audit.ActionSearch, 0
			e.SearchShape = audit.Shape(map[string]any{"search": "Rossi", "zoneCode": "2"})
			e.OperationName = "Citizens"
		case 3:
			e.Action, e.Emergency, e.Reason, e.ZoneID = audit.ActionEmergency, true, "Pronto soccorso: rischio per l'incolumità", 10
		case 4:
			e.ActorOperatorID, e.ActorAPIClientID, e.ActorLabel, e.SessionKind = 0, 99, "USL Umbria 1", audit.KindAPIClient
			e.At = time.Date(2026, 1, 2, 3, 4, 5, 999999999, time.FixedZone("X", -5*3600))
		}
		out = append(out, e)
	}
	return out
}

func TestAppendAndVerify(t *testing.T) {
	t.Parallel()
	w := newWorld(t, 3)
	ctx := context.Background()
	if res := w.verify(); !res.OK || res.Checked != 0 || res.LastID != 0 {
		t.Errorf("empty chain: %+v", res)
	}
	log := &audit.Log{DB: w.db, Now: fixedClock(time.Date(2026, 11, 20, 10, 0, 0, 987654321, time.UTC), time.Second)}
	total := 0
	for _, n := range []int{1, 7, 25, 3} {
		if err := log.Append(ctx, w.sampleEvents(n)); err != nil {
			t.Fatal(err)
		}
		total += n
		res := w.verify()
		if !res.OK || res.Checked != int64(total) || res.FirstBrokenID != 0 || res.LastHash == "" {
			t.Fatalf("after %d events: %+v", total, res)
		}
	}
	if err := log.Append(ctx, nil); err != nil {
		t.Fatal(err)
	}
	// Stored values: at truncated to µs, NULLs for zero values, tiers in canonical order.
	var at time.Time
	var tiers string
	var op, zone *int64
	if err := w.db.QueryRowContext(ctx, `SELECT at, array_to_string(tiers, ','), operation_name IS NULL, actor_api_client_id, zone_id
		FROM audit_event ORDER BY id LIMIT 1`).Scan(&at, &tiers, new(bool), &op, &zone); err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 11, 20, 10, 0, 0, 987654000, time.UTC); !at.Equal(want) || tiers != "IDENTITY,SENSITIVE" || op != nil || zone != nil {
		t.Errorf("first row: at %s tiers %s api client %v zone %v", at, tiers, op, zone)
	}
	if n := w.count(`SELECT count(*) FROM audit_event WHERE at = '2026-01-02 08:04:05.999999+00'`); n == 0 {
		t.Error("an event's own time was not kept (truncated to µs)")
	}
	if n := w.count(`SELECT count(*) FROM audit_event WHERE after->>'amount' = '150' AND after ? 'phone' AND after->'phone' = 'null'::jsonb`); n == 0 {
		t.Error("after JSON not stored in canonical form")
	}
	// Events of one batch are chained in their order.
	if n := w.count(`SELECT count(*) FROM audit_event a JOIN audit_event b ON b.id = (SELECT min(id) FROM audit_event WHERE id > a.id)
		WHERE b.prev_hash <> a.hash`); n != 0 {
		t.Errorf("%d links broken", n)
	}
	if n := w.count(`SELECT count(*) FROM audit_event WHERE id = (SELECT min(id) FROM audit_event) AND prev_hash = '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea`); n != 1 {
		t.Error("the first row's prev_hash is not the genesis hash")
	}
}

func TestConcurrentAppendsStayLinear(t *testing.T) {
	t.Parallel()
	w := newWorld(t, 4)
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	const writers, rounds = 12, 8
	for g := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			log := &audit.Log{DB: w.db}
			for r := range rounds {
				events := w.sampleEvents(1 + (g+r)%4)
				if r%2 == 0 {
					// half of them inside a caller's transaction, as a write would
					err := w.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
						return log.With(tx).Append(ctx, events)
					})
					errs <- err
				} else {
					errs <- log.Append(ctx, events)
				}
			}
		}()
	}
	go func() { wg.Wait(); close(errs) }()
	want := 0
	for g := range writers {
		for r := range rounds {
			want += 1 + (g+r)%4
		}
	}
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	res := w.verify()
	if !res.OK || res.Checked != int64(want) {
		t.Fatalf("after concurrent appends: %+v, want %d rows", res, want)
	}
	if n := w.count(`SELECT count(DISTINCT prev_hash) FROM audit_event`); n != want {
		t.Errorf("%d distinct predecessors for %d rows: the chain forked", n, want)
	}
}

func TestTamperingIsDetected(t *testing.T) {
	t.Parallel()
	w := newWorld(t, 2)
	ctx := context.Background()
	if err := w.log().Append(ctx, w.sampleEvents(30)); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	if err := w.db.NewRaw("SELECT id FROM audit_event ORDER BY id").Scan(ctx, &ids); err != nil {
		t.Fatal(err)
	}
	// UPDATE is refused by the trigger, so the tamperer (a superuser) disables it.
	w.exec("ALTER TABLE audit_event DISABLE TRIGGER audit_event_immutable")
	w.exec("UPDATE audit_event SET reason = 'nothing to see' WHERE id = ?", ids[13])
	w.exec("ALTER TABLE audit_event ENABLE TRIGGER audit_event_immutable")
	res := w.verify()
	if res.OK || res.FirstBrokenID != ids[13] || res.Broken != 1 || res.Checked != 30 {
		t.Fatalf("after changing row %d: %+v", ids[13], res)
	}

	// Each kind of change to a row is seen.
	for _, change := range []string{
		"tiers = '{IDENTITY}'", "emergency = NOT emergency", "at = at + interval '1 microsecond'",
		"after = '{\"x\": 1}'", "citizen_id = NULL", "actor_label = 'someone.else'", "operation_name = 'Other'",
	} {
		w2 := newWorld(t, 2)
		if err := w2.log().Append(ctx, w2.sampleEvents(6)); err != nil {
			t.Fatal(err)
		}
		id := int64(w2.count("SELECT id FROM audit_event WHERE action = 'UPDATE' ORDER BY id LIMIT 1"))
		w2.exec("ALTER TABLE audit_event DISABLE TRIGGER audit_event_immutable")
		w2.exec("UPDATE audit_event SET "+change+" WHERE id = ?", id)
		if res := w2.verify(); res.OK || res.FirstBrokenID != id {
			t.Errorf("SET %s on row %d: %+v", change, id, res)
		}
	}

	// Removing a row breaks the link of the next one.
	w.exec("ALTER TABLE audit_event DISABLE TRIGGER audit_event_immutable")
	w.exec("DELETE FROM audit_event WHERE id = ?", ids[20])
	w.exec("ALTER TABLE audit_event ENABLE TRIGGER audit_event_immutable")
	res = w.verify()
	if res.OK || res.FirstBrokenID != ids[13] || res.Broken != 2 || res.Checked != 29 {
		t.Fatalf("after deleting row %d: %+v", ids[20], res)
	}
	if !strings.Contains(res.Problem, "content") {
		t.Errorf("problem %q", res.Problem)
	}
}

func TestVerifyPagesThroughLongChains(t *testing.T) {
	t.Parallel()
	w := newWorld(t, 2)
	ctx := context.Background()
	const n = 25_000 // more than two pages of Verify
	batch := make([]audit.Event, 0, 1000)
	for range 1000 {
		batch = append(batch, audit.Event{ActorOperatorID: w.operator, ActorLabel: "as.test", SessionKind: audit.KindSession,
			RequestID: "r", Action: audit.ActionRead, CitizenID: w.citizens[0], Tiers: []string{audit.TierIdentity}})
	}
	for range n / len(batch) {
		if err := w.log().Append(ctx, batch); err != nil {
			t.Fatal(err)
		}
	}
	t0 := time.Now()
	res := w.verify()
	t.Logf("Verify of %d rows took %s", n, time.Since(t0).Round(time.Millisecond))
	if !res.OK || res.Checked != n {
		t.Fatalf("%+v", res)
	}
	id := w.count("SELECT id FROM audit_event ORDER BY id OFFSET 22222 LIMIT 1")
	w.exec("ALTER TABLE audit_event DISABLE TRIGGER audit_event_immutable")
	w.exec("UPDATE audit_event SET zone_id = 2 WHERE id = ?", id)
	if res := w.verify(); res.OK || res.FirstBrokenID != int64(id) || res.Checked != n {
		t.Fatalf("row %d changed on the third page: %+v", id, res)
	}
}

func TestAuditRowsCannotBeChangedOrDeleted(t *testing.T) {
	t.Parallel()
	w := newWorld(t, 1)
	ctx := context.Background()
	if err := w.log().Append(ctx, w.sampleEvents(3)); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"UPDATE audit_event SET reason = 'x'",
		"UPDATE audit_event SET citizen_id = NULL WHERE id = (SELECT min(id) FROM audit_event)",
		"DELETE FROM audit_event",
		"DELETE FROM audit_event WHERE id = (SELECT max(id) FROM audit_event)",
		"TRUNCATE audit_event",
	} {
		_, err := w.db.ExecContext(ctx, q)
		var pgErr *pgconn.PgError
		if !errors.As(err, &pgErr) || pgErr.Code != "42501" || !strings.Contains(pgErr.Message, "append-only") {
			t.Errorf("%s: %v, want the append-only error", q, err)
		}
	}
	// Nor can a citizen the trail points to be deleted.
	if _, err := w.db.ExecContext(ctx, "DELETE FROM citizen WHERE id = ?", w.citizens[0]); err == nil {
		t.Error("a citizen with audit events was deleted")
	}
	if n := w.count("SELECT count(*) FROM audit_event"); n != 3 {
		t.Errorf("%d rows left, want 3", n)
	}
	if res := w.verify(); !res.OK {
		t.Errorf("%+v", res)
	}
}

// A write and its audit events commit or roll back together.
func TestAppendInTheCallersTransaction(t *testing.T) {
	t.Parallel()
	w := newWorld(t, 1)
	ctx := context.Background()
	log := w.log()
	boom := errors.New("the write failed")
	err := w.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.ExecContext(ctx, "UPDATE citizen SET phone = '075 000000' WHERE id = ?", w.citizens[0]); err != nil {
			return err
		}
		if err := log.With(tx).Append(ctx, w.sampleEvents(2)); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	if n := w.count("SELECT count(*) FROM audit_event"); n != 0 {
		t.Errorf("%d audit rows survived the rollback", n)
	}
	err = w.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.ExecContext(ctx, "UPDATE citizen SET phone = '075 000000' WHERE id = ?", w.citizens[0]); err != nil {
			return err
		}
		return (&audit.Log{DB: &tx}).Append(ctx, w.sampleEvents(2))
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := w.count("SELECT count(*) FROM audit_event"); n != 2 {
		t.Errorf("%d audit rows after commit, want 2", n)
	}
	if res := w.verify(); !res.OK || res.Checked != 2 {
		t.Errorf("%+v", res)
	}
}

func TestAppendRefusesInvalidEvents(t *testing.T) {
	t.Parallel()
	w := newWorld(t, 1)
	ctx := context.Background()
	good := w.sampleEvents(1)[0]
	for name, mutate := range map[string]func(e *audit.Event){
		"unknown tier":   func(e *audit.Event) { e.Tiers = []string{"IDENTITY", "SECRET"} },
		"unknown action": func(e *audit.Event) { e.Action = "PEEK" },
		"unknown kind":   func(e *audit.Event) { e.SessionKind = "ROBOT" },
		"no label":       func(e *audit.Event) { e.ActorLabel = " " },
		"bad JSON":       func(e *audit.Event) { e.Before = json.RawMessage(`{"a":`) },
		"unencodable":    func(e *audit.Event) { e.After = map[string]any{"f": func() {}} },
		// A citizen id is not checked against the citizen table on append
		// (migration 0009): the trail records ids as values, and the
		// citizens it points to cannot be deleted.
	} {
		bad := good
		mutate(&bad)
		if err := w.log().Append(ctx, []audit.Event{good, bad}); err == nil {
			t.Errorf("%s: appended", name)
		}
	}
	if n := w.count("SELECT count(*) FROM audit_event"); n != 0 {
		t.Errorf("%d rows written by refused batches", n)
	}
	if err := (&audit.Log{}).Append(ctx, []audit.Event{good}); err == nil {
		t.Error("a Log without DB appended")
	}
}

func TestAppendTiming(t *testing.T) {
	t.Parallel()
	w := newWorld(t, 50)
	ctx := context.Background()
	events := w.sampleEvents(200)
	if err := w.log().Append(ctx, events); err != nil { // warm up
		t.Fatal(err)
	}
	const runs = 10
	t0 := time.Now()
	for range runs {
		if err := w.log().Append(ctx, events); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("Append of a 200-event batch: %s on average", (time.Since(t0) / runs).Round(10*time.Microsecond))
	if res := w.verify(); !res.OK || res.Checked != 200*(runs+1) {
		t.Errorf("%+v", res)
	}
}
