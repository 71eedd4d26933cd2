package httpapi

import (
	"net/http/httptest"
	"net/netip"
	"testing"
)

func TestClientAddress(t *testing.T) {
	proxies, err := parseTrustedProxies(" 10.0.0.0/8, 192.0.2.1 ,::ffff:192.0.2.2")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		remote  string
		xff     []string
		trusted []netip.Prefix
		want    string
	}{
		{"no proxy", "203.0.113.5:4321", nil, nil, "203.0.113.5"},
		{"header ignored without trusted proxies", "203.0.113.5:4321", []string{"198.51.100.7"}, nil, "203.0.113.5"},
		{"header ignored from an untrusted peer", "203.0.113.5:4321", []string{"198.51.100.7"}, proxies, "203.0.113.5"},
		{"trusted proxy", "10.1.2.3:80", []string{"198.51.100.7"}, proxies, "198.51.100.7"},
		{"client-written hops to the left are ignored", "10.1.2.3:80", []string{"1.1.1.1, 198.51.100.7"}, proxies, "198.51.100.7"},
		{"chain of trusted proxies", "10.1.2.3:80", []string{"198.51.100.7, 192.0.2.1", "10.9.9.9"}, proxies, "198.51.100.7"},
		{"garbled hop stops the walk", "10.1.2.3:80", []string{"198.51.100.7, bogus"}, proxies, "10.1.2.3"},
		{"trusted proxy without header", "192.0.2.2:80", nil, proxies, "192.0.2.2"},
		{"IPv6 peer", "[2001:db8::1]:443", []string{"198.51.100.7"}, nil, "2001:db8::1"},
		{"IPv4-mapped client", "10.1.2.3:80", []string{"::ffff:198.51.100.7"}, proxies, "198.51.100.7"},
		{"hop written with a port", "10.1.2.3:80", []string{"198.51.100.7:5555"}, proxies, "198.51.100.7"},
		{"IPv6 hop written with a port", "10.1.2.3:80", []string{"[2001:db8::7]:5555"}, proxies, "2001:db8::7"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("POST", "/graphql", nil)
			r.RemoteAddr = tc.remote
			for _, v := range tc.xff {
				r.Header.Add("X-Forwarded-For", v)
			}
			if got := clientAddress(r, tc.trusted); got != tc.want {
				t.Errorf("clientAddress = %q, want %q", got, tc.want)
			}
		})
	}
	for _, bad := range []string{"10.0.0.0/33", "proxy.local", "10.0.0.1/8/2"} {
		if _, err := parseTrustedProxies(bad); err == nil {
			t.Errorf("parseTrustedProxies(%q) accepted", bad)
		}
	}
}
