// Package httpapi wires SISO's HTTP surface: the GraphQL endpoint with its
// field policy and error presenter, sessions, CORS, security headers,
// health, readiness and metrics, and the single-page application.
package httpapi

import (
	"fmt"
	"github.com/siso-project/siso/internal/limits"
	"net/netip"
	"os"
	"strconv"
	"strings"
	"time"
)

// Mode is development or production.
type Mode string

// The modes.
const (
	Development Mode = "development"
	Production  Mode = "production"
)

// Config is the HTTP layer's configuration, read from the environment.
type Config struct {
	Mode            Mode
	CORSOrigins     []string
	SecureCookies   bool
	MaxBodyBytes    int64
	RequestTimeout  time.Duration
	SessionIdle     time.Duration
	SessionAbsolute time.Duration
	StaticDir       string // the built SPA (frontend/dist); empty = none
	// TrustedProxies are the proxies whose X-Forwarded-For gives the
	// client's address (SISO_TRUSTED_PROXIES); none: the connection's.
	TrustedProxies []netip.Prefix
	Limits         limits.Config
}

// ConfigFromEnv reads SISO_MODE, SISO_CORS_ORIGINS, SISO_SECURE_COOKIES,
// SISO_MAX_BODY_BYTES, SISO_REQUEST_TIMEOUT, SISO_SESSION_IDLE,
// SISO_SESSION_ABSOLUTE, SISO_STATIC_DIR and SISO_TRUSTED_PROXIES with safe
// defaults.
func ConfigFromEnv() (Config, error) {
	c := Config{
		Mode:            Development,
		MaxBodyBytes:    1 << 20,
		RequestTimeout:  15 * time.Second,
		SessionIdle:     30 * time.Minute,
		SessionAbsolute: 12 * time.Hour,
		StaticDir:       os.Getenv("SISO_STATIC_DIR"),
	}
	lc, err := limits.ConfigFromEnv()
	if err != nil {
		return c, err
	}
	c.Limits = lc
	switch m := Mode(strings.TrimSpace(os.Getenv("SISO_MODE"))); m {
	case "", Development:
	case Production:
		c.Mode = Production
		c.SecureCookies = true
	default:
		return c, fmt.Errorf("SISO_MODE must be development or production, not %q", m)
	}
	if c.TrustedProxies, err = parseTrustedProxies(os.Getenv("SISO_TRUSTED_PROXIES")); err != nil {
		return c, err
	}
	for _, o := range strings.Split(os.Getenv("SISO_CORS_ORIGINS"), ",") {
		if o = strings.TrimSpace(o); o != "" {
			c.CORSOrigins = append(c.CORSOrigins, o)
		}
	}
	if v := os.Getenv("SISO_SECURE_COOKIES"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return c, fmt.Errorf("SISO_SECURE_COOKIES: %w", err)
		}
		c.SecureCookies = b
	}
	if v := os.Getenv("SISO_MAX_BODY_BYTES"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 1024 {
			return c, fmt.Errorf("SISO_MAX_BODY_BYTES must be a number of bytes ≥ 1024")
		}
		c.MaxBodyBytes = n
	}
	for _, d := range []struct {
		env string
		dst *time.Duration
	}{{"SISO_REQUEST_TIMEOUT", &c.RequestTimeout}, {"SISO_SESSION_IDLE", &c.SessionIdle}, {"SISO_SESSION_ABSOLUTE", &c.SessionAbsolute}} {
		if v := os.Getenv(d.env); v != "" {
			dur, err := time.ParseDuration(v)
			if err != nil || dur <= 0 {
				return c, fmt.Errorf("%s must be a duration such as 30s or 15m", d.env)
			}
			*d.dst = dur
		}
	}
	return c, nil
}
