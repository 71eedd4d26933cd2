package auth

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestSessionCookie(t *testing.T) {
	exp := time.Date(2025, 3, 10, 21, 0, 0, 0, time.UTC)
	for _, secure := range []bool{true, false} {
		c := SessionCookie("tok", exp, secure)
		if CookieName != "siso_session" || c.Name != CookieName || c.Value != "tok" || c.Path != "/" ||
			!c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Secure != secure || !c.Expires.Equal(exp) {
			t.Errorf("SessionCookie(secure=%v) = %+v", secure, c)
		}
		s := c.String()
		for _, want := range []string{"siso_session=tok", "Path=/", "HttpOnly", "SameSite=Lax"} {
			if !strings.Contains(s, want) {
				t.Errorf("Set-Cookie %q lacks %q", s, want)
			}
		}
		if strings.Contains(s, "Secure") != secure {
			t.Errorf("Set-Cookie %q: Secure should be %v", s, secure)
		}
	}
}

func TestClearCookie(t *testing.T) {
	c := ClearCookie(true)
	s := c.String()
	if c.Name != CookieName || c.Value != "" || c.Path != "/" || !c.Secure || !c.HttpOnly {
		t.Errorf("ClearCookie = %+v", c)
	}
	if !strings.Contains(s, "Max-Age=0") {
		t.Errorf("Set-Cookie %q does not delete the cookie", s)
	}
	if ClearCookie(false).Secure {
		t.Error("ClearCookie(false) is Secure")
	}
}

func TestTokenFromRequest(t *testing.T) {
	r := httptest.NewRequest("GET", "/graphql", nil)
	if got := TokenFromRequest(r); got != "" {
		t.Errorf("no cookie: %q", got)
	}
	r.AddCookie(&http.Cookie{Name: "other", Value: "x"})
	r.AddCookie(&http.Cookie{Name: CookieName, Value: "abc_-123"})
	if got := TokenFromRequest(r); got != "abc_-123" {
		t.Errorf("TokenFromRequest = %q", got)
	}
}

func TestBearerToken(t *testing.T) {
	tests := []struct {
		header string
		want   string
		ok     bool
	}{
		{"", "", false},
		{"Bearer abc.DEF-123_~+/==", "abc.DEF-123_~+/==", true},
		{"bearer abc", "abc", true},
		{"BEARER abc", "abc", true},
		{"Bearer   abc", "abc", true},
		{"Bearer", "", false},
		{"Bearer ", "", false},
		{"Bearer ==", "", false},
		{"Bearer a=b", "", false},
		{"Bearer abc def", "", false},
		{"Bearer abc\tdef", "", false},
		{"Basic dXNlcjpwYXNz", "", false},
		{"Bearerabc", "", false},
		{"Token abc", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.header, func(t *testing.T) {
			r := httptest.NewRequest("POST", "/graphql", nil)
			if tt.header != "" {
				r.Header.Set("Authorization", tt.header)
			}
			got, ok := BearerToken(r)
			if got != tt.want || ok != tt.ok {
				t.Errorf("BearerToken(%q) = %q, %v; want %q, %v", tt.header, got, ok, tt.want, tt.ok)
			}
		})
	}
}
