package httpapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/netip"

	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/admin"
	"github.com/siso-project/siso/internal/apperr"
	"github.com/siso-project/siso/internal/audit"
	"github.com/siso-project/siso/internal/auth"
	"github.com/siso-project/siso/internal/authz"
)

// msgThrottled answers an attempt refused by the sign-in throttle, the same
// whether or not the username exists.
const msgThrottled = "too many failed attempts: sign-in is paused for a while; try again later"

// WithSignIn adjusts the sign-in throttle (tests inject a clock and a sleep
// that does not wait).
func WithSignIn(f func(*auth.Authenticator)) Option { return func(s *Server) { f(s.authn) } }

// WithTrustedProxies sets the proxies whose X-Forwarded-For names the
// client (SISO_TRUSTED_PROXIES).
func WithTrustedProxies(p ...netip.Prefix) Option {
	return func(s *Server) { s.cfg.TrustedProxies = p }
}

// attempt is a sign-in attempt of the request's client.
func (s *Server) attempt(r *http.Request, username, password string) auth.Attempt {
	return auth.Attempt{Username: username, Password: password,
		Address: clientAddress(r, s.cfg.TrustedProxies), Device: auth.DeviceFromRequest(r)}
}

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
	out, err := g.s.authn.Authenticate(ctx, g.s.attempt(r, username, password))
	if errors.Is(err, auth.ErrUnusableHash) {
		g.s.logger.ErrorContext(ctx, "sign-in: an operator's password hash cannot be read; reset their password",
			"request_id", RequestID(ctx), "error", err.Error())
	}
	if err != nil && (errors.Is(err, auth.ErrThrottled) || errors.Is(err, auth.ErrInvalidCredentials)) {
		// The typed username is not recorded: it may be a mistyped password.
		g.s.appendAudit(ctx, audit.Event{Action: audit.ActionSignInFailed, ActorLabel: "anonymous",
			SessionKind: audit.KindSession, RequestID: RequestID(ctx)})
	}
	switch {
	case errors.Is(err, auth.ErrThrottled):
		return nil, apperr.NewUnauthenticated(msgThrottled)
	case errors.Is(err, auth.ErrInvalidCredentials):
		return nil, apperr.NewUnauthenticated("wrong username or password")
	case err != nil:
		return nil, err
	}
	id := out.OperatorID
	http.SetCookie(w, auth.DeviceCookie(out.Device, g.s.authn.DeviceLifetime(), g.s.cfg.SecureCookies))
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
	if err := g.s.appendAuditErr(ctx, audit.Event{Action: audit.ActionSignIn, ActorOperatorID: v.OperatorID,
		ActorLabel: v.Username, SessionKind: audit.KindSession, RequestID: RequestID(ctx)}); err != nil {
		return nil, err
	}
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
	g.s.appendAudit(ctx, audit.Event{Action: audit.ActionSignOut, ActorLabel: actorOf(authzViewerBefore(ctx)).Label,
		SessionKind: audit.KindSession, RequestID: RequestID(ctx)})
	return true, nil
}

// ChangePassword checks the signed-in operator's current password (a wrong
// one counts towards the sign-in lock-out), validates the new one with the
// policy of createOperator, stores it, clears must_change_password, ends
// every session of the operator and starts a new one for this client (new
// cookie), all in one transaction with its audit record.
func (g *signer) ChangePassword(ctx context.Context, current, next string) (*authz.Viewer, error) {
	w, _ := ctx.Value(responseKey{}).(http.ResponseWriter)
	r, _ := ctx.Value(requestKey{}).(*http.Request)
	if w == nil || r == nil {
		return nil, errors.New("password change outside an HTTP request")
	}
	v := authz.ViewerFrom(ctx)
	if v == nil || v.IsClient() || v.OperatorID == 0 || auth.TokenFromRequest(r) == "" {
		return nil, apperr.NewUnauthenticated("sign in first")
	}
	if current == "" {
		return nil, apperr.BadInput("currentPassword", "give the current password")
	}
	if err := admin.ValidatePasswordField(next, v.Username, "newPassword"); err != nil {
		return nil, err
	}
	if next == current {
		return nil, apperr.BadInput("newPassword", "the new password must differ from the current one")
	}
	switch err := g.s.authn.CheckPassword(ctx, v.OperatorID, g.s.attempt(r, "", current)); {
	case errors.Is(err, auth.ErrThrottled):
		return nil, apperr.BadInput("currentPassword", msgThrottled)
	case errors.Is(err, auth.ErrInvalidCredentials):
		return nil, apperr.BadInput("currentPassword", "the current password is wrong")
	case err != nil:
		return nil, err
	}
	// Hash outside the transaction: argon2id takes a while.
	hash, err := auth.HashPassword(next)
	if err != nil {
		return nil, apperr.BadInput("newPassword", "the password is not acceptable")
	}
	var (
		token string
		sess  auth.Session
	)
	err = (&admin.Service{DB: g.s.db}).ChangePassword(ctx, v.OperatorID, hash, func(ctx context.Context, tx bun.Tx) error {
		sessions := *g.s.sessions
		sessions.DB = tx
		var err error
		token, sess, err = sessions.Create(ctx, v.OperatorID, r.UserAgent())
		return err
	})
	if err != nil {
		return nil, err
	}
	http.SetCookie(w, auth.SessionCookie(token, sess.ExpiresAt, g.s.cfg.SecureCookies))
	nv, err := g.s.store.Viewer(ctx, v.OperatorID)
	if err != nil {
		return nil, err
	}
	if nv == nil {
		return nil, apperr.NewUnauthenticated("sign in first")
	}
	nv.SessionID = v.SessionID
	authz.SetViewer(ctx, nv)
	return nv, nil
}

// authzViewerBefore returns the viewer the request started with.
func authzViewerBefore(ctx context.Context) *authz.Viewer {
	if rec := audit.RecorderFrom(ctx); rec != nil && rec.Actor().OperatorID != 0 {
		return &authz.Viewer{OperatorID: rec.Actor().OperatorID, Username: rec.Actor().Label}
	}
	return nil
}

// appendAuditErr writes one audit event at once.
func (s *Server) appendAuditErr(ctx context.Context, e audit.Event) error {
	if err := (&audit.Log{DB: s.db}).Append(ctx, []audit.Event{e}); err != nil {
		return fmt.Errorf("audit %s: %w", e.Action, err)
	}
	return nil
}

// appendAudit writes one audit event, logging (without personal data) when
// it cannot.
func (s *Server) appendAudit(ctx context.Context, e audit.Event) {
	if err := s.appendAuditErr(ctx, e); err != nil {
		s.logger.ErrorContext(ctx, "audit append failed", "request_id", RequestID(ctx), "action", string(e.Action), "error", err.Error())
	}
}
