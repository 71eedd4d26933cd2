package httpapi

import (
	"context"
	"net/http"
	"sync"
	"time"
)

// retryAfterDrain is the Retry-After of a request refused because the
// process is shutting down: another process behind the balancer can take
// it at once.
const retryAfterDrain = time.Second

// drain is the process's shutdown state: once begun, /readyz is not ready
// and new requests are refused with 503 before anything of theirs is
// processed, while the requests already in flight are counted down.
type drain struct {
	mu       sync.Mutex
	draining bool
	inflight int
	idle     chan struct{} // closed when draining with nothing in flight
}

// enter admits a request, or refuses it (false) once draining began.
func (d *drain) enter() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.draining {
		return false
	}
	d.inflight++
	return true
}

func (d *drain) leave() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.inflight--
	if d.draining && d.inflight == 0 {
		close(d.idle)
	}
}

func (d *drain) begin() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.draining {
		return
	}
	d.draining = true
	d.idle = make(chan struct{})
	if d.inflight == 0 {
		close(d.idle)
	}
}

func (d *drain) isDraining() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.draining
}

// Drain begins the shutdown of the handler (call it on SIGTERM, before
// closing the listener): /readyz answers 503 at once so the balancer stops
// sending requests here, and every new request but /healthz and /readyz
// is answered 503 UNAVAILABLE with Retry-After and "Connection: close"
// without being processed, so a client or balancer may safely send it
// elsewhere, even a mutation.
func (s *Server) Drain() { s.drain.begin() }

// WaitIdle returns when Drain has begun and no request admitted before it
// is still in flight, or with ctx's error.
func (s *Server) WaitIdle(ctx context.Context) error {
	s.drain.mu.Lock()
	idle := s.drain.idle
	s.drain.mu.Unlock()
	if idle == nil {
		return nil // not draining
	}
	select {
	case <-idle:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// drainGate counts the requests in flight and refuses new ones once the
// shutdown began. Health and readiness are always answered.
func (s *Server) drainGate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/healthz" || r.URL.Path == "/readyz" {
			next.ServeHTTP(w, r)
			return
		}
		if !s.drain.enter() {
			w.Header().Set("Connection", "close")
			writeUnavailable(w, retryAfterDrain, "this server is shutting down: send the request again")
			return
		}
		defer s.drain.leave()
		next.ServeHTTP(&closeWhenDraining{ResponseWriter: w, drain: &s.drain}, r)
	})
}

// closeWhenDraining ends the keep-alive connection of a response whose
// headers are written after the shutdown began, so that the client's next
// request opens a new connection (refused, or sent to another process)
// instead of racing the closing of an idle one.
type closeWhenDraining struct {
	http.ResponseWriter
	drain *drain
	wrote bool
}

func (w *closeWhenDraining) WriteHeader(code int) {
	if !w.wrote {
		w.wrote = true
		if w.drain.isDraining() {
			w.Header().Set("Connection", "close")
		}
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *closeWhenDraining) Write(b []byte) (int, error) {
	if !w.wrote {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap gives http.ResponseController the underlying writer.
func (w *closeWhenDraining) Unwrap() http.ResponseWriter { return w.ResponseWriter }
