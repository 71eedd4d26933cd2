package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptrace"
	"strings"
	"testing"
)

// On SIGTERM, /readyz turns not-ready at once, a new request is refused
// with 503 UNAVAILABLE and Retry-After without being processed (a write
// refused so is not stored), the request in flight is answered, and only
// then is the listener closed.
func TestSIGTERMRefusesNewRequestsAndFinishesInFlight(t *testing.T) {
	s := startServe(t, nil)
	desk := s.client(t, "sportello.perugia")
	anon := s.client(t, "")
	in := intakeInput(t, desk)

	// A request in flight: the handler is reading its body, which the
	// test holds back until after the signal.
	pr, pw := io.Pipe()
	t.Cleanup(func() { _ = pw.CloseWithError(io.ErrUnexpectedEOF) }) // a failed test does not hold the drain
	req, _ := http.NewRequest(http.MethodPost, s.base+"/graphql", pr)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Expect", "100-continue") // the server asks for the body when the handler reads it
	reading := make(chan struct{})
	req = req.WithContext(httptrace.WithClientTrace(context.Background(),
		&httptrace.ClientTrace{Got100Continue: func() { close(reading) }}))
	inflight := make(chan outcome, 1)
	go func() { inflight <- desk.do(req) }()
	<-reading
	go func() { _, _ = io.WriteString(pw, `{"query": "{ zon`) }()

	s.sigterm()

	// /readyz turns not-ready (the signal is taken asynchronously: ask
	// until it has been).
	for i := 0; ; i++ {
		o := anon.get("/readyz")
		if o.err != nil {
			t.Fatalf("/readyz after SIGTERM: %v", o.err)
		}
		if o.status == http.StatusServiceUnavailable {
			break
		}
		if i == 10000 {
			t.Fatalf("/readyz still %d after SIGTERM", o.status)
		}
	}
	if o := anon.get("/healthz"); o.err != nil || o.status != http.StatusOK {
		t.Errorf("/healthz while shutting down: %+v", o)
	}
	// New requests: refused, before processing.
	in["idempotencyKey"] = "shutdown-refused-0001"
	for _, o := range []outcome{anon.post(`{ __typename }`, nil), desk.post(registerAccess, map[string]any{"in": in})} {
		if !o.refused() {
			t.Errorf("a new request while shutting down: %+v, want 503 UNAVAILABLE with Retry-After", o)
		}
	}
	// The request in flight is answered.
	if _, err := io.WriteString(pw, `es { code } }"}`); err != nil {
		t.Fatal(err)
	}
	_ = pw.Close()
	if o := <-inflight; o.err != nil || o.status != http.StatusOK || len(o.errors) > 0 || !strings.Contains(string(o.data), `"code":"1"`) {
		t.Errorf("the request in flight: %+v", o)
	}
	if err := s.wait(); err != nil {
		t.Fatalf("siso serve: %v", err)
	}
	if o := anon.get("/healthz"); !o.notSent() {
		t.Errorf("after the drain the listener is still open: %+v", o)
	}
	if n := countAccesses(t, s, "shutdown-refused-0001"); n != 0 {
		t.Errorf("a write refused while shutting down was stored")
	}
}
