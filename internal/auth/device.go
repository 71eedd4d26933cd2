package auth

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/uptrace/bun"
)

// DeviceCookieName is the cookie that marks a browser an operator signed in
// from (a "known device").
const DeviceCookieName = "siso_device"

// DefaultDeviceTTL is how long a device stays known after its last
// successful sign-in.
const DefaultDeviceTTL = 90 * 24 * time.Hour

// maxDevices is how many devices per operator are remembered (the most
// recently used).
const maxDevices = 10

// knownDevice reports whether token marks a device from which the operator
// named username (normalized) signed in before. It answers false, after
// the same query, for an unknown username.
func knownDevice(ctx context.Context, db bun.IDB, username, token string, now time.Time) (bool, error) {
	hash, ok := hashToken(token)
	if !ok {
		return false, nil
	}
	var one int
	err := db.QueryRowContext(ctx, `SELECT 1 FROM sign_in_device d JOIN operator o ON o.id = d.operator_id
		WHERE d.token_hash = ? AND o.username = ? AND d.expires_at > ?`, hash, username, now).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("auth: look up the device: %w", err)
	}
	return true, nil
}

// rememberDevice records a successful sign-in of the operator from the
// device: it extends the presented token when known, or makes a new one,
// and returns the token to set in the cookie. It keeps the operator's
// maxDevices most recent devices and deletes a bounded batch of expired
// ones.
func rememberDevice(ctx context.Context, db bun.IDB, operatorID int64, token string, known bool, now time.Time, ttl time.Duration) (string, error) {
	if known {
		hash, _ := hashToken(token)
		if _, err := db.ExecContext(ctx, `UPDATE sign_in_device SET last_used_at = ?, expires_at = ? WHERE token_hash = ?`,
			now, now.Add(ttl), hash); err != nil {
			return "", fmt.Errorf("auth: remember the device: %w", err)
		}
		return token, nil
	}
	raw := make([]byte, tokenBytes)
	if _, err := rand.Read(raw); err != nil {
		return "", fmt.Errorf("auth: read random device token: %w", err)
	}
	token = base64.RawURLEncoding.EncodeToString(raw)
	hash, _ := hashToken(token)
	if _, err := db.ExecContext(ctx, `INSERT INTO sign_in_device (token_hash, operator_id, created_at, last_used_at, expires_at)
		VALUES (?, ?, ?, ?, ?)`, hash, operatorID, now, now, now.Add(ttl)); err != nil {
		return "", fmt.Errorf("auth: remember the device: %w", err)
	}
	if _, err := db.ExecContext(ctx, `DELETE FROM sign_in_device WHERE token_hash IN
		(SELECT token_hash FROM sign_in_device WHERE operator_id = ? ORDER BY last_used_at DESC, token_hash OFFSET ?)`,
		operatorID, maxDevices); err != nil {
		return "", fmt.Errorf("auth: forget old devices: %w", err)
	}
	if _, err := db.ExecContext(ctx, `DELETE FROM sign_in_device WHERE token_hash IN
		(SELECT token_hash FROM sign_in_device WHERE expires_at < ? ORDER BY expires_at LIMIT ? FOR UPDATE SKIP LOCKED)`,
		now, purgeBatch); err != nil {
		return "", fmt.Errorf("auth: forget expired devices: %w", err)
	}
	return token, nil
}

// forgetDevice makes the device token unknown.
func forgetDevice(ctx context.Context, db bun.IDB, token string) error {
	hash, ok := hashToken(token)
	if !ok {
		return nil
	}
	if _, err := db.ExecContext(ctx, `DELETE FROM sign_in_device WHERE token_hash = ?`, hash); err != nil {
		return fmt.Errorf("auth: forget the device: %w", err)
	}
	return nil
}

// ForgetOperatorDevices makes every device of the operator unknown: what a
// password reset, a change of password and a deactivation do, so that a
// device that signed in with the old password no longer lifts a block.
func ForgetOperatorDevices(ctx context.Context, db bun.IDB, operatorID int64) error {
	if _, err := db.ExecContext(ctx, `DELETE FROM sign_in_device WHERE operator_id = ?`, operatorID); err != nil {
		return fmt.Errorf("auth: forget the operator's devices: %w", err)
	}
	return nil
}

// DeviceCookie is the cookie that keeps token on the device for ttl:
// HttpOnly, SameSite=Strict, sent only to /graphql.
func DeviceCookie(token string, ttl time.Duration, secure bool) *http.Cookie {
	return &http.Cookie{Name: DeviceCookieName, Value: token, Path: "/graphql", MaxAge: int(ttl.Seconds()),
		HttpOnly: true, Secure: secure, SameSite: http.SameSiteStrictMode}
}

// DeviceFromRequest returns the device token the request presents, or "".
func DeviceFromRequest(r *http.Request) string {
	if c, err := r.Cookie(DeviceCookieName); err == nil {
		return c.Value
	}
	return ""
}
