package httpapi_test

import (
	"testing"

	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/relay"
)

func dbID(t *testing.T, gid string) int64 {
	t.Helper()
	_, id, err := relay.Parse(gid)
	if err != nil {
		t.Fatalf("parse %q: %v", gid, err)
	}
	return id
}

func globalID(typ string, id int64) string { return relay.ID(typ, id) }

func bunIn(ids []int64) any { return bun.In(ids) }
