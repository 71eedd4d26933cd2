package httpapi_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/siso-project/siso/internal/httpapi"
	"github.com/siso-project/siso/internal/testdb"
	"github.com/siso-project/siso/internal/testenv"
)

// The built SPA: hashed assets are cached for good, the files whose names do not change between
// builds (the service worker, the manifest, the icons, index.html) are revalidated, client-side
// routes fall back to index.html, and the manifest has its media type.
func TestSPAIsServedForInstallAndOffline(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"index.html":            "<!doctype html><title>SISO</title>",
		"sw.js":                 "self.addEventListener('fetch', () => {});",
		"manifest.webmanifest":  `{"name":"SISO"}`,
		"icons/siso-192.png":    "png",
		"assets/index-abc1.js":  "console.log(1)",
		"assets/index-abc1.css": "body{}",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := testdb.New(t, testenv.Demo)
	cfg := httpapi.Config{Mode: httpapi.Development, MaxBodyBytes: 1 << 20, RequestTimeout: 30 * time.Second,
		SessionIdle: 30 * time.Minute, SessionAbsolute: 12 * time.Hour, StaticDir: dir}
	srv := httptest.NewServer(httpapi.New(cfg, db, slog.New(slog.NewTextHandler(io.Discard, nil))))
	t.Cleanup(srv.Close)

	for _, tc := range []struct {
		path, cache, contentType, body string
	}{
		{"/assets/index-abc1.js", "immutable", "javascript", "console.log(1)"},
		{"/sw.js", "no-cache", "javascript", "addEventListener"},
		{"/manifest.webmanifest", "no-cache", "application/manifest+json", `"SISO"`},
		{"/icons/siso-192.png", "no-cache", "", "png"},
		{"/", "no-cache", "text/html", "<title>SISO</title>"},
		{"/cittadini/Q2l0aXplbjox", "no-cache", "text/html", "<title>SISO</title>"},
		{"/casi/abc/attivita/nuova", "no-cache", "text/html", "<title>SISO</title>"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			resp, err := http.Get(srv.URL + tc.path)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d", resp.StatusCode)
			}
			if got := resp.Header.Get("Cache-Control"); !strings.Contains(got, tc.cache) {
				t.Errorf("Cache-Control = %q, want %q", got, tc.cache)
			}
			if got := resp.Header.Get("Content-Type"); !strings.Contains(got, tc.contentType) {
				t.Errorf("Content-Type = %q, want %q", got, tc.contentType)
			}
			if !strings.Contains(string(body), tc.body) {
				t.Errorf("body %q, want %q", body, tc.body)
			}
			if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "worker-src 'self'") || !strings.Contains(csp, "manifest-src 'self'") {
				t.Errorf("CSP %q does not allow the service worker and the manifest", csp)
			}
		})
	}
}
