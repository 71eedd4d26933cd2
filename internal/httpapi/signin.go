package httpapi

import (
	"context"
	"errors"
	"net/http"

	"github.com/siso-project/siso/internal/apperr"
	"github.com/siso-project/siso/internal/auth"
	"github.com/siso-project/siso/internal/authz"
)

// signer implements resolve.Authenticator: it owns the session cookie.
type signer struct{ s *Server }

// SignIn authenticates, rotates the session (the old cookie's session, if
// any, is revoked) and sets the new cookie.
func (g *signer) SignIn(ctx context.Context, username, password string) (*authz.Viewer, error) {
	w, _ := ctx.Value(responseKey{}).(http.ResponseWriter)
	r, _ := ctx.Value(requestKey{}).(*http.Request)
	if w == nil || r == nil {
		return nil, errors.New("sign-in outside an HTTP request")
	}
	id, err := g.s.authn.Authenticate(ctx, username, password)
	switch {
	case errors.Is(err, auth.ErrLocked):
		return nil, apperr.NewUnauthenticated("too many failed attempts: the account is locked for a while")
	case errors.Is(err, auth.ErrInvalidCredentials):
		return nil, apperr.NewUnauthenticated("wrong username or password")
	case err != nil:
		return nil, err
	}
	token, sess, err := g.s.sessions.Rotate(ctx, auth.TokenFromRequest(r), id, r.UserAgent())
	if err != nil {
		return nil, err
	}
	v, err := g.s.store.Viewer(ctx, id)
	if err != nil {
		return nil, err
	}
	if v == nil {
		return nil, apperr.NewUnauthenticated("wrong username or password")
	}
	v.SessionID = "session"
	http.SetCookie(w, auth.SessionCookie(token, sess.ExpiresAt, g.s.cfg.SecureCookies))
	authz.SetViewer(ctx, v)
	return v, nil
}

// SignOut revokes the current session and clears the cookie.
func (g *signer) SignOut(ctx context.Context) (bool, error) {
	w, _ := ctx.Value(responseKey{}).(http.ResponseWriter)
	r, _ := ctx.Value(requestKey{}).(*http.Request)
	if w == nil || r == nil {
		return false, errors.New("sign-out outside an HTTP request")
	}
	tok := auth.TokenFromRequest(r)
	http.SetCookie(w, auth.ClearCookie(g.s.cfg.SecureCookies))
	authz.SetViewer(ctx, nil)
	if tok == "" {
		return false, nil
	}
	if err := g.s.sessions.Revoke(ctx, tok); err != nil {
		return false, err
	}
	return true, nil
}
