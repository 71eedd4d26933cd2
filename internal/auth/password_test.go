package auth

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/crypto/argon2"
)

// legacyHash builds a PHC string with the given parameters, as an older or
// newer version of HashPassword would have.
func legacyHash(t *testing.T, password string, m, tm uint32, p uint8, saltLen, keyLen int) string {
	t.Helper()
	salt := []byte(strings.Repeat("s", saltLen))
	key := argon2.IDKey([]byte(password), salt, tm, m, p, uint32(keyLen))
	return fmt.Sprintf("$argon2id$v=19$m=%d,t=%d,p=%d$%s$%s", m, tm, p,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key))
}

func TestValidatePassword(t *testing.T) {
	tests := []struct {
		name     string
		password string
		want     error
	}{
		{"empty", "", ErrPasswordTooShort},
		{"7 bytes", "1234567", ErrPasswordTooShort},
		{"8 bytes", "12345678", nil},
		{"multibyte counts bytes", "èèèè", nil}, // 4 runes, 8 bytes
		{"256 bytes", strings.Repeat("a", 256), nil},
		{"257 bytes", strings.Repeat("a", 257), ErrPasswordTooLong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ValidatePassword(tt.password)
			if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
				t.Fatalf("ValidatePassword = %v, want %v", err, tt.want)
			}
			if err != nil && !strings.Contains(err.Error(), "bytes") {
				t.Errorf("error %q does not say what is required", err)
			}
		})
	}
}

func TestHashPasswordRoundTrip(t *testing.T) {
	tests := []struct {
		name     string
		password string
		wrong    []string
	}{
		{"ascii", "correct horse", []string{"correct hors", "correct horse ", "Correct horse", ""}},
		{"unicode", "pàssword€ñ", []string{"password€ñ", "pàssword€n"}},
		{"max length", strings.Repeat("x", MaxPasswordLen), []string{strings.Repeat("x", MaxPasswordLen-1)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := HashPassword(tt.password)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
				t.Fatalf("hash %q does not have the expected PHC prefix", h)
			}
			parts := strings.Split(h, "$")
			if salt, _ := base64.RawStdEncoding.DecodeString(parts[4]); len(salt) != 16 {
				t.Errorf("salt is %d bytes, want 16", len(salt))
			}
			if key, _ := base64.RawStdEncoding.DecodeString(parts[5]); len(key) != 32 {
				t.Errorf("key is %d bytes, want 32", len(key))
			}
			if strings.Contains(h, "=$") || strings.HasSuffix(h, "=") {
				t.Errorf("hash %q has base64 padding", h)
			}
			ok, err := VerifyPassword(h, tt.password)
			if err != nil || !ok {
				t.Fatalf("VerifyPassword(right) = %v, %v", ok, err)
			}
			for _, w := range tt.wrong {
				ok, err := VerifyPassword(h, w)
				if err != nil || ok {
					t.Errorf("VerifyPassword(%q) = %v, %v; want false, nil", w, ok, err)
				}
			}
			if NeedsRehash(h) {
				t.Error("NeedsRehash of a fresh hash = true")
			}
			h2, err := HashPassword(tt.password)
			if err != nil {
				t.Fatal(err)
			}
			if h2 == h {
				t.Error("two hashes of the same password are equal: salt not random")
			}
		})
	}
}

func TestHashPasswordRejectsInvalid(t *testing.T) {
	for _, p := range []string{"short", strings.Repeat("a", MaxPasswordLen+1)} {
		if h, err := HashPassword(p); err == nil {
			t.Errorf("HashPassword(%d bytes) = %q, nil; want an error", len(p), h)
		}
	}
}

func TestVerifyPasswordUsesParametersFromHash(t *testing.T) {
	const pw = "legacy password"
	tests := []struct {
		name    string
		m, t    uint32
		p       uint8
		saltLen int
		keyLen  int
	}{
		{"lower memory", 8192, 2, 1, 16, 32},
		{"more time", 19456, 3, 1, 16, 32},
		{"two lanes", 19456, 2, 2, 16, 32},
		{"longer salt and key", 19456, 2, 1, 32, 64},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := legacyHash(t, pw, tt.m, tt.t, tt.p, tt.saltLen, tt.keyLen)
			if ok, err := VerifyPassword(h, pw); err != nil || !ok {
				t.Fatalf("VerifyPassword(%q) = %v, %v; want true", h, ok, err)
			}
			if ok, _ := VerifyPassword(h, pw+"!"); ok {
				t.Error("wrong password verified")
			}
			if !NeedsRehash(h) {
				t.Error("NeedsRehash = false for non-current parameters")
			}
			// The same salt and key under the current parameters must not
			// verify: the parameters really come from the string.
			cur := fmt.Sprintf("m=%d,t=%d,p=%d", tt.m, tt.t, tt.p)
			swapped := strings.Replace(h, cur, "m=12288,t=1,p=1", 1)
			if ok, err := VerifyPassword(swapped, pw); err != nil || ok {
				t.Errorf("VerifyPassword with altered parameters = %v, %v; want false, nil", ok, err)
			}
		})
	}
}

func TestDecodeHashParameters(t *testing.T) {
	salt := base64.RawStdEncoding.EncodeToString([]byte("0123456789abcdef"))
	key := base64.RawStdEncoding.EncodeToString([]byte("0123456789abcdef0123456789abcdef"))
	tests := []struct {
		params string
		want   params
	}{
		{"m=19456,t=2,p=1", params{19456, 2, 1}},
		{"t=3,p=4,m=65536", params{65536, 3, 4}},
		{"p=255,m=2040,t=64", params{2040, 64, 255}},
	}
	for _, tt := range tests {
		t.Run(tt.params, func(t *testing.T) {
			p, s, k, err := decodeHash("$argon2id$v=19$" + tt.params + "$" + salt + "$" + key)
			if err != nil {
				t.Fatal(err)
			}
			if p != tt.want {
				t.Errorf("params = %+v, want %+v", p, tt.want)
			}
			if string(s) != "0123456789abcdef" || len(k) != 32 {
				t.Errorf("salt %q, key %d bytes", s, len(k))
			}
		})
	}
}

func TestVerifyPasswordMalformed(t *testing.T) {
	good, err := HashPassword("some password")
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(good, "$")
	salt, key := parts[4], parts[5]
	with := func(alg, ver, params, s, k string) string {
		return strings.Join([]string{"", alg, ver, params, s, k}, "$")
	}
	shortKey := base64.RawStdEncoding.EncodeToString(make([]byte, 8))
	shortSalt := base64.RawStdEncoding.EncodeToString(make([]byte, 4))
	tests := []struct{ name, hash string }{
		{"empty", ""},
		{"bcrypt", "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"},
		{"plain text", "some password"},
		{"missing field", strings.Join(parts[:5], "$")},
		{"extra field", good + "$x"},
		{"no leading dollar", strings.TrimPrefix(good, "$")},
		{"argon2i", with("argon2i", "v=19", "m=19456,t=2,p=1", salt, key)},
		{"version 16", with("argon2id", "v=16", "m=19456,t=2,p=1", salt, key)},
		{"no version", with("argon2id", "", "m=19456,t=2,p=1", salt, key)},
		{"missing p", with("argon2id", "v=19", "m=19456,t=2", salt, key)},
		{"repeated m", with("argon2id", "v=19", "m=19456,m=19456,t=2,p=1", salt, key)},
		{"unknown param", with("argon2id", "v=19", "m=19456,t=2,p=1,x=1", salt, key)},
		{"param without value", with("argon2id", "v=19", "m,t=2,p=1", salt, key)},
		{"negative t", with("argon2id", "v=19", "m=19456,t=-2,p=1", salt, key)},
		{"non-numeric m", with("argon2id", "v=19", "m=lots,t=2,p=1", salt, key)},
		{"leading zero", with("argon2id", "v=19", "m=019456,t=2,p=1", salt, key)},
		{"t zero", with("argon2id", "v=19", "m=19456,t=0,p=1", salt, key)},
		{"p zero", with("argon2id", "v=19", "m=19456,t=2,p=0", salt, key)},
		{"p overflows uint8", with("argon2id", "v=19", "m=19456,t=2,p=256", salt, key)},
		{"m below 8p", with("argon2id", "v=19", "m=15,t=2,p=2", salt, key)},
		{"m too large", with("argon2id", "v=19", "m=4194304,t=2,p=1", salt, key)},
		{"t too large", with("argon2id", "v=19", "m=19456,t=1000,p=1", salt, key)},
		{"m overflows uint32", with("argon2id", "v=19", "m=4294967296,t=2,p=1", salt, key)},
		{"padded salt", with("argon2id", "v=19", "m=19456,t=2,p=1", salt+"==", key)},
		{"salt not base64", with("argon2id", "v=19", "m=19456,t=2,p=1", "!!!!!!!!!!!!", key)},
		{"salt too short", with("argon2id", "v=19", "m=19456,t=2,p=1", shortSalt, key)},
		{"key too short", with("argon2id", "v=19", "m=19456,t=2,p=1", salt, shortKey)},
		{"empty key", with("argon2id", "v=19", "m=19456,t=2,p=1", salt, "")},
		{"url base64 key", with("argon2id", "v=19", "m=19456,t=2,p=1", salt,
			strings.NewReplacer("+", "-", "/", "_").Replace(key)+"-_")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, err := VerifyPassword(tt.hash, "some password")
			if !errors.Is(err, ErrMalformedHash) {
				t.Errorf("VerifyPassword(%q) error = %v, want ErrMalformedHash", tt.hash, err)
			}
			if ok {
				t.Error("malformed hash verified")
			}
			if !NeedsRehash(tt.hash) {
				t.Error("NeedsRehash(malformed) = false")
			}
		})
	}
}
