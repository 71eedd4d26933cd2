package apiclient

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strings"
)

const (
	// TokenPrefix starts every API token, so that a leaked token is easy to
	// recognize (secret scanners, logs) and to tell from a session cookie.
	TokenPrefix = "siso_"
	// tokenBytes is the entropy of a token.
	tokenBytes = 32
	// tokenLen is the length of a token: the prefix and the unpadded
	// base64url encoding of tokenBytes.
	tokenLen = len(TokenPrefix) + 43
	// displayPrefixLen is how many leading characters of a token are kept
	// in clear to recognize it in lists.
	displayPrefixLen = 8
)

// newToken returns a fresh token and its stored hash.
func newToken() (token string, hash []byte, err error) {
	raw := make([]byte, tokenBytes)
	if _, err := rand.Read(raw); err != nil {
		return "", nil, fmt.Errorf("apiclient: read random token: %w", err)
	}
	token = TokenPrefix + base64.RawURLEncoding.EncodeToString(raw)
	hash, _ = hashToken(token)
	return token, hash, nil
}

// hashToken returns the stored form of token (SHA-256 of the whole token),
// or false when token is not shaped like one newToken makes, so that
// garbage never reaches the database.
func hashToken(token string) ([]byte, bool) {
	if len(token) != tokenLen || !strings.HasPrefix(token, TokenPrefix) {
		return nil, false
	}
	raw, err := base64.RawURLEncoding.Strict().DecodeString(token[len(TokenPrefix):])
	if err != nil || len(raw) != tokenBytes {
		return nil, false
	}
	h := sha256.Sum256([]byte(token))
	return h[:], true
}
