package httpapi

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// clientAddress is the address of the client that sent r: the peer of the
// connection, unless that peer is one of the trusted proxies
// (SISO_TRUSTED_PROXIES), in which case it is the right-most address of
// X-Forwarded-For that is not a trusted proxy (the addresses to its left
// were written by the client and prove nothing). Without trusted proxies
// X-Forwarded-For is ignored.
func clientAddress(r *http.Request, trusted []netip.Prefix) string {
	peer := hostAddr(r.RemoteAddr)
	if !peer.IsValid() {
		return r.RemoteAddr
	}
	if !isTrusted(peer, trusted) {
		return peer.String()
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		a := hostAddr(strings.TrimSpace(hops[i])) // some proxies write host:port
		if !a.IsValid() {
			break // a garbled hop: stop at the last address a proxy vouched for
		}
		if !isTrusted(a, trusted) {
			return a.String()
		}
		peer = a
	}
	return peer.String()
}

func hostAddr(remote string) netip.Addr {
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		host = remote
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Addr{}
	}
	return a.Unmap()
}

func isTrusted(a netip.Addr, trusted []netip.Prefix) bool {
	for _, p := range trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// parseTrustedProxies reads SISO_TRUSTED_PROXIES: comma-separated addresses
// or CIDR prefixes of the proxies in front of siso.
func parseTrustedProxies(v string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		if !strings.Contains(s, "/") {
			a, err := netip.ParseAddr(s)
			if err != nil {
				return nil, fmt.Errorf("SISO_TRUSTED_PROXIES: %q is not an address or a CIDR prefix", s)
			}
			a = a.Unmap()
			out = append(out, netip.PrefixFrom(a, a.BitLen()))
			continue
		}
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return nil, fmt.Errorf("SISO_TRUSTED_PROXIES: %q is not an address or a CIDR prefix", s)
		}
		out = append(out, p.Masked())
	}
	return out, nil
}
