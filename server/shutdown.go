package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/siso-project/siso/internal/httpapi"
)

// shutdown is how `siso serve` stops on SIGTERM (or Ctrl-C).
type shutdown struct {
	// Grace is how long new requests keep being refused with 503 after
	// /readyz turned not-ready and before the listener closes, so that the
	// balancer notices and sends them elsewhere.
	Grace time.Duration
	// Timeout bounds the wait for the requests in flight.
	Timeout time.Duration
}

// shutdownFromEnv reads SISO_SHUTDOWN_GRACE (default 5s in production, 0
// in development, where no balancer waits) and SISO_SHUTDOWN_TIMEOUT
// (default 30s).
func shutdownFromEnv(mode httpapi.Mode) (shutdown, error) {
	sd := shutdown{Timeout: 30 * time.Second}
	if mode == httpapi.Production {
		sd.Grace = 5 * time.Second
	}
	for _, d := range []struct {
		env string
		dst *time.Duration
		min time.Duration
	}{{"SISO_SHUTDOWN_GRACE", &sd.Grace, 0}, {"SISO_SHUTDOWN_TIMEOUT", &sd.Timeout, time.Second}} {
		if v := os.Getenv(d.env); v != "" {
			dur, err := time.ParseDuration(v)
			if err != nil || dur < d.min {
				return sd, fmt.Errorf("%s must be a duration such as 5s (at least %s)", d.env, d.min)
			}
			*d.dst = dur
		}
	}
	return sd, nil
}

// serveUntil serves h on ln until ctx is done, then drains: /readyz turns
// not-ready and new requests are refused with 503 at once; after the
// grace period and once the requests in flight have finished (at most
// Timeout), the listener closes and serveUntil returns.
func (sd shutdown) serveUntil(ctx context.Context, logger *slog.Logger, srv *http.Server, h *httpapi.Server, ln net.Listener) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	logger.Info("SISO is serving", "url", "http://"+ln.Addr().String())
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	h.Drain()
	logger.Info("shutting down: not ready, refusing new requests, draining those in flight",
		"grace_ms", sd.Grace.Milliseconds())
	time.Sleep(sd.Grace) // the balancer's time to notice /readyz
	waitCtx, cancel := context.WithTimeout(context.Background(), sd.Timeout)
	defer cancel()
	if err := h.WaitIdle(waitCtx); err != nil {
		logger.Error("shutting down: requests still in flight after the timeout", "timeout", sd.Timeout.String())
	}
	// Nothing of ours is in flight (or the timeout passed): close the
	// listener and the idle connections, with time of its own to answer a
	// last health probe, so that an exhausted timeout does not turn into
	// connections closed mid-answer.
	closeCtx, cancelClose := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancelClose()
	if err := srv.Shutdown(closeCtx); err != nil {
		_ = srv.Close()
		return fmt.Errorf("shut down: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	logger.Info("shut down")
	return nil
}
