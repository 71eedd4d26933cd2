package auth

import (
	"net/http"
	"strings"
	"time"
)

// CookieName is the name of the operator's session cookie.
const CookieName = "siso_session"

// SessionCookie returns the cookie carrying a session token: HttpOnly,
// SameSite=Lax, Path=/, expiring at expires (normally Session.ExpiresAt; the
// zero time makes a browser-session cookie), and Secure when secure is true
// (always, except for plain-HTTP development).
func SessionCookie(token string, expires time.Time, secure bool) *http.Cookie {
	return &http.Cookie{
		Name:     CookieName,
		Value:    token,
		Path:     "/",
		Expires:  expires,
		HttpOnly: true,
		Secure:   secure,
		SameSite: http.SameSiteLaxMode,
	}
}

// ClearCookie returns a cookie that makes the browser delete the session
// cookie (at sign-out). secure should match the one used for SessionCookie.
func ClearCookie(secure bool) *http.Cookie {
	return &http.Cookie{
		Name:     CookieName,
		Value:    "",
		Path:     "/",
		Expires:  time.Unix(0, 0),
		MaxAge:   -1,
		HttpOnly: true,
		Secure:   secure,
		SameSite: http.SameSiteLaxMode,
	}
}

// TokenFromRequest returns the session token of the request's session
// cookie, or "" if there is none.
func TokenFromRequest(r *http.Request) string {
	c, err := r.Cookie(CookieName)
	if err != nil {
		return ""
	}
	return c.Value
}

// BearerToken returns the token of an "Authorization: Bearer <token>"
// header (RFC 6750; the scheme is case-insensitive). It reports false when
// the header is missing, uses another scheme, or the token is empty or has
// characters outside the b64token syntax.
func BearerToken(r *http.Request) (string, bool) {
	h := r.Header.Get("Authorization")
	scheme, token, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimLeft(token, " ")
	if !isB64Token(token) {
		return "", false
	}
	return token, true
}

// isB64Token reports whether s matches
// 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=".
func isB64Token(s string) bool {
	body := strings.TrimRight(s, "=")
	if body == "" {
		return false
	}
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case c == '-', c == '.', c == '_', c == '~', c == '+', c == '/':
		default:
			return false
		}
	}
	return true
}
