// Package auth authenticates SISO operators and manages their server-side
// sessions (DESIGN.md §5 "Authentication").
//
// It provides:
//
//   - password hashing with argon2id, encoded in the PHC string format so
//     that the cost parameters can be raised later ([HashPassword],
//     [VerifyPassword], [NeedsRehash], [ValidatePassword]);
//   - sign-in with a progressive slow-down and temporary blocks by username
//     and by client address, shared through the database, that treat unknown
//     usernames like existing ones and let known devices through
//     ([Authenticator]);
//   - opaque session tokens of which only a SHA-256 hash is stored, with an
//     idle and an absolute timeout and revocation ([Sessions]);
//   - helpers for the session cookie and for bearer tokens ([SessionCookie],
//     [ClearCookie], [TokenFromRequest], [BearerToken]).
//
// The sentinel errors [ErrInvalidCredentials], [ErrThrottled] and [ErrNoSession]
// carry deliberately generic messages; callers map them to the API's error
// codes (UNAUTHENTICATED) and never show more detail to the client.
package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Password length limits, in bytes, enforced by [ValidatePassword].
const (
	MinPasswordLen = 8
	MaxPasswordLen = 256
)

// Current argon2id parameters (OWASP's minimum recommendation: 19 MiB of
// memory, 2 iterations, 1 degree of parallelism). Hashes made with other
// parameters still verify; [NeedsRehash] reports them so that they can be
// re-hashed at the next successful sign-in.
const (
	argonMemory  uint32 = 19456 // KiB
	argonTime    uint32 = 2
	argonThreads uint8  = 1
	argonSaltLen        = 16
	argonKeyLen         = 32
)

// Bounds accepted when parsing a stored hash. They protect the server from a
// tampered or corrupt hash that would make verification take unbounded
// memory or time.
const (
	maxMemory  = 1 << 21 // KiB (2 GiB)
	maxTime    = 64
	minSaltLen = 8
	maxSaltLen = 64
	minKeyLen  = 16
	maxKeyLen  = 128
)

var (
	// ErrPasswordTooShort is returned (wrapped) by ValidatePassword for a
	// password shorter than MinPasswordLen bytes.
	ErrPasswordTooShort = errors.New("auth: password too short")
	// ErrPasswordTooLong is returned (wrapped) by ValidatePassword for a
	// password longer than MaxPasswordLen bytes.
	ErrPasswordTooLong = errors.New("auth: password too long")
	// ErrMalformedHash is returned (wrapped) by VerifyPassword when the
	// stored hash is not a well-formed argon2id PHC string.
	ErrMalformedHash = errors.New("auth: malformed password hash")
)

// b64 is the unpadded standard base64 of the PHC string format. Strict
// decoding rejects non-canonical encodings (non-zero trailing bits).
var b64 = base64.RawStdEncoding.Strict()

// ValidatePassword checks that a new password has an acceptable length:
// at least MinPasswordLen and at most MaxPasswordLen bytes. The error wraps
// ErrPasswordTooShort or ErrPasswordTooLong and says what is required.
func ValidatePassword(password string) error {
	switch n := len(password); {
	case n < MinPasswordLen:
		return fmt.Errorf("%w: it must be at least %d bytes long", ErrPasswordTooShort, MinPasswordLen)
	case n > MaxPasswordLen:
		return fmt.Errorf("%w: it must be at most %d bytes long", ErrPasswordTooLong, MaxPasswordLen)
	}
	return nil
}

// params are the argon2id parameters of one hash.
type params struct {
	memory  uint32 // KiB
	time    uint32
	threads uint8
}

// currentParams are the parameters HashPassword uses.
var currentParams = params{memory: argonMemory, time: argonTime, threads: argonThreads}

// HashPassword validates password with ValidatePassword and hashes it with
// argon2id and a random 16-byte salt. The result is a PHC string:
//
//	$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>
//
// with salt and hash in unpadded standard base64.
func HashPassword(password string) (string, error) {
	if err := ValidatePassword(password); err != nil {
		return "", err
	}
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("auth: read random salt: %w", err)
	}
	key := argon2.IDKey([]byte(password), salt, currentParams.time, currentParams.memory,
		currentParams.threads, argonKeyLen)
	return encodeHash(currentParams, salt, key), nil
}

func encodeHash(p params, salt, key []byte) string {
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version,
		p.memory, p.time, p.threads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

// VerifyPassword reports whether password matches the PHC-encoded argon2id
// hash. The parameters are read from the hash itself. The comparison takes
// constant time. A hash that cannot be parsed gives an error wrapping
// ErrMalformedHash (and false).
func VerifyPassword(encoded, password string) (bool, error) {
	p, salt, key, err := decodeHash(encoded)
	if err != nil {
		return false, err
	}
	got := argon2.IDKey([]byte(password), salt, p.time, p.memory, p.threads, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}

// NeedsRehash reports whether the hash should be replaced with a fresh one
// made by HashPassword: it is malformed or was made with parameters, salt or
// key length other than the current ones.
func NeedsRehash(encoded string) bool {
	p, salt, key, err := decodeHash(encoded)
	if err != nil {
		return true
	}
	return p != currentParams || len(salt) != argonSaltLen || len(key) != argonKeyLen
}

// decodeHash parses "$argon2id$v=19$m=<m>,t=<t>,p=<p>$<salt>$<key>".
// The three parameters must each appear exactly once, in any order.
func decodeHash(encoded string) (p params, salt, key []byte, err error) {
	fail := func(format string, args ...any) (params, []byte, []byte, error) {
		return params{}, nil, nil, fmt.Errorf("%w: %s", ErrMalformedHash, fmt.Sprintf(format, args...))
	}
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" {
		return fail("want 5 fields separated by '$'")
	}
	if parts[1] != "argon2id" {
		return fail("algorithm %q is not argon2id", parts[1])
	}
	if parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return fail("unsupported version %q", parts[2])
	}
	var seen [3]bool
	for _, kv := range strings.Split(parts[3], ",") {
		name, value, ok := strings.Cut(kv, "=")
		if !ok {
			return fail("parameter %q has no value", kv)
		}
		var i int
		var bits int
		switch name {
		case "m":
			i, bits = 0, 32
		case "t":
			i, bits = 1, 32
		case "p":
			i, bits = 2, 8
		default:
			return fail("unknown parameter %q", name)
		}
		if seen[i] {
			return fail("parameter %q repeated", name)
		}
		seen[i] = true
		// ParseUint accepts only digits (no sign); reject leading zeros so
		// that each hash has a single spelling.
		if len(value) > 1 && value[0] == '0' {
			return fail("parameter %s=%q has leading zeros", name, value)
		}
		n, perr := strconv.ParseUint(value, 10, bits)
		if perr != nil {
			return fail("parameter %s=%q is not a number in range", name, value)
		}
		switch i {
		case 0:
			p.memory = uint32(n)
		case 1:
			p.time = uint32(n)
		case 2:
			p.threads = uint8(n)
		}
	}
	if !seen[0] || !seen[1] || !seen[2] {
		return fail("parameters m, t and p are all required")
	}
	if p.threads < 1 {
		return fail("p must be at least 1")
	}
	if p.time < 1 || p.time > maxTime {
		return fail("t must be between 1 and %d", maxTime)
	}
	if p.memory < 8*uint32(p.threads) || p.memory > maxMemory {
		return fail("m must be between 8*p and %d KiB", maxMemory)
	}
	salt, err = b64.DecodeString(parts[4])
	if err != nil {
		return fail("salt is not unpadded base64")
	}
	if len(salt) < minSaltLen || len(salt) > maxSaltLen {
		return fail("salt must be %d to %d bytes", minSaltLen, maxSaltLen)
	}
	key, err = b64.DecodeString(parts[5])
	if err != nil {
		return fail("hash is not unpadded base64")
	}
	if len(key) < minKeyLen || len(key) > maxKeyLen {
		return fail("hash must be %d to %d bytes", minKeyLen, maxKeyLen)
	}
	return p, salt, key, nil
}
