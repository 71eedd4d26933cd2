package audit_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/siso-project/siso/internal/audit"
)

func reads(events []audit.Event) map[int64]audit.Event {
	out := map[int64]audit.Event{}
	for _, e := range events {
		if e.Action == audit.ActionRead {
			out[e.CitizenID] = e
		}
	}
	return out
}

func TestRecorderDeduplicatesReadsAndUnitesTiers(t *testing.T) {
	actor := audit.Actor{OperatorID: 5, Label: "as.perugia", Kind: audit.KindSession}
	r := audit.NewRecorder(actor, "req-7")
	r.Read(1, 2, "CONTACT")
	r.Read(1, 0, "IDENTITY", "CONTACT", "REFERENCE")
	r.Read(2, 10, "STRUCTURE", "PUBLIC", "AGGREGATE", "REFERENCE", "SELF", "DIRECTORY", "AUDIT", "RESTRICTED") // nothing personal: no event
	r.Read(0, 2, "IDENTITY")                                                                                   // anonymous access: no event
	r.Read(1, 10, "SENSITIVE")
	r.ReadEmergency(3, 2, "Rischio immediato per la persona", "SOCIAL")
	r.Read(3, 2, "IDENTITY")
	r.ReadEmergency(3, 2, "another reason", "IDENTITY")
	r.SetOperation("CitizenFile")
	events := r.Events()
	if len(events) != 2 || r.Len() != 2 {
		t.Fatalf("%d events: %+v", len(events), events)
	}
	e1, e3 := events[0], events[1]
	if e1.CitizenID != 1 || !slices.Equal(e1.Tiers, []string{"IDENTITY", "CONTACT", "SENSITIVE"}) || e1.ZoneID != 2 || e1.Emergency {
		t.Errorf("citizen 1: %+v", e1)
	}
	if e3.CitizenID != 3 || !slices.Equal(e3.Tiers, []string{"IDENTITY", "SOCIAL"}) || !e3.Emergency ||
		e3.Reason != "Rischio immediato per la persona" {
		t.Errorf("citizen 3: %+v", e3)
	}
	for _, e := range events {
		if e.ActorOperatorID != 5 || e.ActorLabel != "as.perugia" || e.SessionKind != audit.KindSession ||
			e.RequestID != "req-7" || e.OperationName != "CitizenFile" || e.Action != audit.ActionRead {
			t.Errorf("actor or request missing: %+v", e)
		}
	}
	// Events returns a copy.
	events[0].Tiers[0] = "CHANGED"
	if r.Events()[0].Tiers[0] != "IDENTITY" {
		t.Error("Events shares its slices with the recorder")
	}
}

func TestRecorderIsSafeForConcurrentResolvers(t *testing.T) {
	r := audit.NewRecorder(audit.Actor{OperatorID: 1, Label: "x", Kind: audit.KindSession}, "r")
	tiers := []string{"IDENTITY", "CONTACT", "SOCIAL", "SENSITIVE"}
	var wg sync.WaitGroup
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 500 {
				r.Read(int64(i%50+1), 2, tiers[(g+i)%4])
				if i%100 == 0 {
					r.Write(audit.ActionUpdate, "Citizen", int64(i+1), int64(i+1), nil, map[string]int{"g": g})
				}
			}
		}()
	}
	wg.Wait()
	events := r.Events()
	rd := reads(events)
	if len(rd) != 50 || len(events) != 50+16*5 {
		t.Fatalf("%d reads, %d events", len(rd), len(events))
	}
	for id, e := range rd {
		if !slices.Equal(e.Tiers, tiers) {
			t.Errorf("citizen %d: tiers %v", id, e.Tiers)
		}
	}
}

func TestRecorderSearchWritesAndTake(t *testing.T) {
	r := audit.NewRecorder(audit.Actor{OperatorID: 1, Label: "sportello.perugia", Kind: audit.KindSession}, "r1")
	r.Read(9, 2, "CONTACT")
	r.Search(map[string]any{"search": "Bianchi Anna", "zoneCode": "2"}, []int64{7, 9, 0})
	type citizen struct {
		Phone string `json:"phone"`
	}
	before := &citizen{Phone: "075 111"}
	after := &citizen{Phone: "075 222"}
	r.Write(audit.ActionUpdate, "Citizen", 9, 9, before, after)
	after.Phone = "changed after recording"
	r.Grant(4, 9, 2, "Presa in carico congiunta con il consultorio")
	r.Emergency(11, 7, 2, "Segnalazione urgente dalla scuola")

	events := r.Events()
	var actions []audit.Action
	for _, e := range events {
		actions = append(actions, e.Action)
	}
	if want := []audit.Action{"READ", "SEARCH", "READ", "UPDATE", "GRANT", "EMERGENCY"}; !slices.Equal(actions, want) {
		t.Fatalf("actions %v, want %v", actions, want)
	}
	rd := reads(events)
	if !slices.Equal(rd[9].Tiers, []string{"IDENTITY", "CONTACT"}) || !slices.Equal(rd[7].Tiers, []string{"IDENTITY"}) {
		t.Errorf("search hits: %+v", rd)
	}
	if got := string(events[3].After.(json.RawMessage)); got != `{"phone":"075 222"}` {
		t.Errorf("after = %s: not captured when recorded", got)
	}
	if events[4].Reason == "" || events[4].ObjectID != 4 || events[5].ObjectType != "EmergencyAccess" || !events[5].Emergency {
		t.Errorf("grant/emergency: %+v %+v", events[4], events[5])
	}

	writes := r.TakeWrites()
	if len(writes) != 3 || r.Len() != 3 {
		t.Fatalf("TakeWrites took %d, left %d", len(writes), r.Len())
	}
	r.Read(9, 2, "SENSITIVE") // merges into the pending READ of citizen 9
	if rd := reads(r.Events()); !slices.Equal(rd[9].Tiers, []string{"IDENTITY", "CONTACT", "SENSITIVE"}) || r.Len() != 3 {
		t.Errorf("after TakeWrites: %+v", r.Events())
	}
	taken := r.Take()
	if len(taken) != 3 || r.Len() != 0 {
		t.Fatalf("Take took %d, left %d", len(taken), r.Len())
	}
	r.Read(9, 2, "IDENTITY") // a new READ after the earlier one was taken
	if r.Len() != 1 {
		t.Errorf("%d events after Take", r.Len())
	}
}

func TestRecorderFlush(t *testing.T) {
	t.Parallel()
	w := newWorld(t, 3)
	ctx := context.Background()
	r := audit.NewRecorder(w.actor(), "req-flush")
	r.SetOperation("CitizenFile")
	r.Read(w.citizens[0], 2, "IDENTITY")
	r.Search(map[string]any{"search": "Rossi"}, w.citizens)
	r.Write(audit.ActionCreate, "Access", 0, w.citizens[1], nil, map[string]any{"channel": "PHONE"})
	if err := r.Flush(ctx, w.log()); err != nil {
		t.Fatal(err)
	}
	if r.Len() != 0 || w.count("SELECT count(*) FROM audit_event WHERE request_id = 'req-flush' AND operation_name = 'CitizenFile'") != 5 {
		t.Errorf("flush wrote %d rows", w.count("SELECT count(*) FROM audit_event"))
	}
	// A failed append leaves the events pending.
	r.Read(w.citizens[2], 2, "IDENTITY", "BOGUS")
	if err := r.Flush(ctx, w.log()); err == nil {
		t.Fatal("flushed an unknown tier")
	}
	if r.Len() != 1 {
		t.Errorf("%d pending after a failed flush", r.Len())
	}
	if res := w.verify(); !res.OK || res.Checked != 5 {
		t.Errorf("%+v", res)
	}
}

func TestWriteOfUnencodableValueFailsTheAppend(t *testing.T) {
	t.Parallel()
	w := newWorld(t, 1)
	r := audit.NewRecorder(w.actor(), "r")
	r.Write(audit.ActionUpdate, "Citizen", 1, w.citizens[0], map[string]any{"c": make(chan int)}, nil)
	err := w.log().Append(context.Background(), r.Events())
	if err == nil || !strings.Contains(err.Error(), "before") {
		t.Errorf("err = %v", err)
	}
}

func TestShapeNeverCarriesTheSearchText(t *testing.T) {
	type nameFilter struct {
		Search    *string  `json:"search"`
		Status    string   `json:"status"`
		Phone     string   `json:"phone,omitempty"`
		BirthYear *int     `json:"birthYear"`
		Codes     []string `json:"zoneCodes"`
		Skip      string   `json:"-"`
		secret    string
	}
	type caseStatus string
	name := "D'Angelo Maria-Grazia"
	year := 1950
	filters := []any{
		map[string]any{"search": "Rossi", "zoneCode": "2"},
		map[string]any{"search": "  RSSMRA80A01G478Z ", "after": "Y3Vyc29yOnJvc3Np", "first": 20},
		map[string]any{"search": name, "nested": map[string]any{"lastName": "Verdi", "status": caseStatus("OPEN")},
			"names": []string{"Neri", "Gialli"}, "or": []any{map[string]any{"firstName": "Luca"}}},
		nameFilter{Search: &name, Status: "OPEN", Phone: "+39 075 1234567", BirthYear: &year, Codes: []string{"2", "10"},
			Skip: "Bruni", secret: "Conti"},
		&nameFilter{},
		map[string]any{"email": "mario.rossi@example.org", "fiscalCode": audit.Verbatim{Value: "kept"}, "ok": true},
	}
	for _, f := range filters {
		shape := audit.Shape(f)
		b, err := json.Marshal(shape)
		if err != nil {
			t.Fatal(err)
		}
		for _, secret := range []string{"Rossi", "rossi", "RSSMRA", "Angelo", "Verdi", "Neri", "Gialli", "Luca", "075",
			"1950", "Bruni", "Conti", "mario", "example", "cm9zc2k", "Y3Vyc29y"} {
			if strings.Contains(string(b), secret) {
				t.Errorf("shape %s of %+v contains %q", b, f, secret)
			}
		}
	}
	for i, want := range []string{
		`{"search":{"kind":"name","length":5},"zoneCode":"2"}`,
		`{"after":{"kind":"text","length":16},"first":20,"search":{"kind":"fiscalCode","length":16}}`,
		`{"names":{"kind":"list","length":2},"nested":{"lastName":{"kind":"name","length":5},"status":"OPEN"},"or":[{"firstName":{"kind":"name","length":4}}],"search":{"kind":"name","length":21}}`,
		`{"birthYear":{"kind":"number"},"phone":{"kind":"digits","length":15},"search":{"kind":"name","length":21},"status":"OPEN","zoneCodes":["2","10"]}`,
		`{"status":""}`,
		`{"email":{"kind":"email","length":23},"fiscalCode":"kept","ok":true}`,
	} {
		if b, _ := json.Marshal(audit.Shape(filters[i])); string(b) != want {
			t.Errorf("Shape(%+v) = %s, want %s", filters[i], b, want)
		}
	}
}

func TestSearchShapeStoredWithoutTheName(t *testing.T) {
	t.Parallel()
	w := newWorld(t, 2)
	ctx := context.Background()
	r := audit.NewRecorder(w.actor(), "req-search")
	r.Search(map[string]any{"search": "Rossi Mario", "zoneCode": "2"}, w.citizens)
	if err := r.Flush(ctx, w.log()); err != nil {
		t.Fatal(err)
	}
	var shape string
	if err := w.db.QueryRowContext(ctx, "SELECT search_shape::text FROM audit_event WHERE action = 'SEARCH'").Scan(&shape); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(strings.ToLower(shape), "rossi") || strings.Contains(strings.ToLower(shape), "mario") ||
		!strings.Contains(shape, `"length": 11`) || !strings.Contains(shape, `"zoneCode": "2"`) {
		t.Errorf("stored shape %s", shape)
	}
	if n := w.count("SELECT count(*) FROM audit_event WHERE action = 'READ' AND tiers = '{IDENTITY}' AND request_id = 'req-search'"); n != 2 {
		t.Errorf("%d READ events for the 2 hits", n)
	}
}
