package audit_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/siso-project/siso/internal/audit"
	"github.com/siso-project/siso/internal/database"
	"github.com/siso-project/siso/internal/testdb"
)

// TestCommittersOfSeveralProcessesKeepOneChain: two committers (two siso
// processes, each with its own pool and its own idea of the chain's end)
// and writes appending in their own transactions all append at once; every
// event is stored once and the chain verifies.
func TestCommittersOfSeveralProcessesKeepOneChain(t *testing.T) {
	t.Parallel()
	// Two pools on one database stand for two siso processes.
	dsn := testdb.NewURL(t, schema)
	pool := func() *bun.DB {
		sqldb, err := database.OpenSQL(dsn, nil)
		if err != nil {
			t.Fatal(err)
		}
		db := bun.NewDB(sqldb, pgdialect.New())
		t.Cleanup(func() { _ = db.Close() })
		return db
	}
	w := newWorldOn(t, pool(), 3)
	second := pool()
	ctx := context.Background()
	committers := []*audit.Committer{audit.NewCommitter(w.db), audit.NewCommitter(second)}
	const rounds, perRound = 12, 3
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for i, c := range committers {
		for g := range 3 {
			wg.Go(func() {
				for r := range rounds {
					evs := w.sampleEvents(perRound)
					for k := range evs {
						evs[k].RequestID = fmt.Sprintf("p%d-g%d-r%d", i, g, r)
					}
					if err := c.Append(ctx, evs); err != nil {
						errs <- err
					}
				}
			})
		}
	}
	wg.Go(func() { // writes appending in their own transactions, as mutations do
		for r := range rounds {
			err := w.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
				evs := w.sampleEvents(1)
				evs[0].RequestID = fmt.Sprintf("tx-r%d", r)
				return (&audit.Log{DB: tx}).Append(ctx, evs)
			})
			if err != nil {
				errs <- err
			}
		}
	})
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	want := len(committers)*3*rounds*perRound + rounds
	if n := w.count("SELECT count(*) FROM audit_event"); n != want {
		t.Errorf("%d audit rows, want %d", n, want)
	}
	if n := w.count("SELECT count(DISTINCT request_id) FROM audit_event"); n != len(committers)*3*rounds+rounds {
		t.Errorf("%d distinct requests", n)
	}
	if res := w.verify(); !res.OK || res.Checked != int64(want) {
		t.Errorf("chain: %+v", res)
	}
}
