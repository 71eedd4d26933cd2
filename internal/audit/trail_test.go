package audit_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/siso-project/siso/internal/apperr"
	"github.com/siso-project/siso/internal/audit"
)

func TestTrailNewestFirstWithPaging(t *testing.T) {
	t.Parallel()
	w := newWorld(t, 3)
	ctx := context.Background()
	me, other := w.citizens[0], w.citizens[1]
	base := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	var events []audit.Event
	for i := range 25 {
		e := audit.Event{
			// Times out of id order, and two pairs at the same instant.
			At:              base.Add(time.Duration((i*7)%25) * time.Minute),
			ActorOperatorID: w.operator, ActorLabel: "as.test", SessionKind: audit.KindSession,
			RequestID: "req", OperationName: "CitizenFile", Action: audit.ActionRead, CitizenID: me,
			Tiers: []string{audit.TierIdentity}, ZoneID: 2,
		}
		if i == 3 || i == 4 {
			e.At = base.Add(time.Hour)
		}
		if i == 10 {
			e.Action, e.Emergency, e.Reason, e.ObjectType, e.ObjectID = audit.ActionEmergency, true, "Urgenza sanitaria segnalata", "EmergencyAccess", 1
		}
		events = append(events, e, audit.Event{At: e.At, ActorLabel: "USL Umbria 1", ActorAPIClientID: 3,
			SessionKind: audit.KindAPIClient, RequestID: "r2", Action: audit.ActionRead, CitizenID: other,
			Tiers: []string{audit.TierContact}})
	}
	// Half in one batch, half in single appends.
	if err := w.log().Append(ctx, events[:20]); err != nil {
		t.Fatal(err)
	}
	for _, e := range events[20:] {
		if err := w.log().Append(ctx, []audit.Event{e}); err != nil {
			t.Fatal(err)
		}
	}
	var all []audit.Entry
	page := audit.Page{First: 7}
	pages := 0
	for {
		entries, hasNext, err := w.log().Trail(ctx, me, page)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		all = append(all, entries...)
		if !hasNext {
			break
		}
		if len(entries) != 7 {
			t.Fatalf("page %d has %d entries", pages, len(entries))
		}
		page.After = entries[len(entries)-1].Cursor
	}
	if pages != 4 || len(all) != 25 {
		t.Fatalf("%d pages, %d entries", pages, len(all))
	}
	if n, err := w.log().TrailCount(ctx, me); err != nil || n != 25 {
		t.Errorf("TrailCount = %d, %v", n, err)
	}
	for i, e := range all {
		if e.CitizenID != me || e.ActorLabel != "as.test" || e.ActorDisplayName != "Assistente Test" ||
			e.OperationName != "CitizenFile" || e.SessionKind != audit.KindSession || e.ZoneID != 2 {
			t.Errorf("entry %d: %+v", i, e)
		}
		if i > 0 {
			p := all[i-1]
			if e.At.After(p.At) || (e.At.Equal(p.At) && e.ID >= p.ID) {
				t.Errorf("entry %d (%s, %d) is not older than entry %d (%s, %d)", i, e.At, e.ID, i-1, p.At, p.ID)
			}
		}
	}
	if !all[0].At.Equal(base.Add(time.Hour)) || all[0].ID < all[1].ID {
		t.Errorf("newest entries: %+v %+v", all[0], all[1])
	}
	ids := map[int64]bool{}
	for _, e := range all {
		ids[e.ID] = true
	}
	if len(ids) != 25 {
		t.Errorf("%d distinct entries over the pages", len(ids))
	}
	var emergency []audit.Entry
	for _, e := range all {
		if e.Emergency {
			emergency = append(emergency, e)
		}
	}
	if len(emergency) != 1 || emergency[0].Reason != "Urgenza sanitaria segnalata" || emergency[0].Action != audit.ActionEmergency {
		t.Errorf("emergency entries: %+v", emergency)
	}
	// The other citizen's trail has the API client's entries.
	entries, _, err := w.log().Trail(ctx, other, audit.Page{})
	if err != nil || len(entries) != 20 || entries[0].ActorAPIClientID != 3 || entries[0].SessionKind != audit.KindAPIClient ||
		!slices.Equal(entries[0].Tiers, []string{"CONTACT"}) {
		t.Errorf("other trail: %d entries, %v", len(entries), err)
	}
	// Paging arguments are checked.
	for _, p := range []audit.Page{{First: -1}, {First: 101}, {First: 5, After: "not a cursor"}, {After: "MTIzOmFiYw"}} {
		if _, _, err := w.log().Trail(ctx, me, p); apperr.CodeOf(err) != apperr.BadUserInput {
			t.Errorf("page %+v: %v", p, err)
		}
	}
	if entries, hasNext, err := w.log().Trail(ctx, w.citizens[2], audit.Page{First: 100}); err != nil || len(entries) != 0 || hasNext {
		t.Errorf("empty trail: %v %v %v", entries, hasNext, err)
	}
}

func TestEmergencyAccesses(t *testing.T) {
	t.Parallel()
	w := newWorld(t, 2)
	ctx := context.Background()
	other := w.id(`INSERT INTO operator (username, display_name, password_hash) VALUES ('as.terni', 'Assistente Terni', 'x') RETURNING id`)
	base := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
	insert := func(op, citizen int64, zone any, startHours int) int64 {
		start := base.Add(time.Duration(startHours) * time.Hour)
		return w.id(`INSERT INTO emergency_access (operator_id, citizen_id, zone_id, reason, started_at, expires_at)
			VALUES (?, ?, ?, 'Motivo urgente documentato', ?, ?) RETURNING id`, op, citizen, zone, start, start.Add(4*time.Hour))
	}
	e1 := insert(w.operator, w.citizens[0], 2, 0)
	e2 := insert(other, w.citizens[1], 10, 5)
	e3 := insert(w.operator, w.citizens[1], 2, 10)
	e4 := insert(other, w.citizens[0], nil, 20)
	log := w.log()
	ids := func(list []audit.EmergencyEntry) []int64 {
		var out []int64
		for _, e := range list {
			out = append(out, e.ID)
		}
		return out
	}
	for _, c := range []struct {
		zones []int
		since time.Time
		limit int
		want  []int64
	}{
		{nil, time.Time{}, 100, []int64{e4, e3, e2, e1}},
		{[]int{2}, time.Time{}, 100, []int64{e3, e1}},
		{[]int{2, 10}, base.Add(time.Hour), 100, []int64{e3, e2}},
		{nil, time.Time{}, 2, []int64{e4, e3}},
		{[]int{}, time.Time{}, 100, nil},
		{[]int{3}, time.Time{}, 100, nil},
	} {
		got, err := log.EmergencyAccesses(ctx, c.zones, c.since, c.limit)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(ids(got), c.want) {
			t.Errorf("zones %v since %s limit %d: %v, want %v", c.zones, c.since, c.limit, ids(got), c.want)
		}
	}
	got, _ := log.EmergencyAccesses(ctx, []int{10}, time.Time{}, 10)
	if len(got) != 1 || got[0].OperatorUsername != "as.terni" || got[0].OperatorDisplayName != "Assistente Terni" ||
		got[0].CitizenID != w.citizens[1] || got[0].ZoneID != 10 || got[0].Reason != "Motivo urgente documentato" ||
		!got[0].StartedAt.Equal(base.Add(5*time.Hour)) || !got[0].ExpiresAt.Equal(base.Add(9*time.Hour)) {
		t.Errorf("entry: %+v", got)
	}
	for _, limit := range []int{0, 101} {
		if _, err := log.EmergencyAccesses(ctx, nil, time.Time{}, limit); apperr.CodeOf(err) != apperr.BadUserInput {
			t.Errorf("limit %d: %v", limit, err)
		}
	}
}
