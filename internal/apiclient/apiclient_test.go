package apiclient_test

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/siso-project/siso/internal/apiclient"
	"github.com/siso-project/siso/internal/apperr"
	"github.com/siso-project/siso/internal/authz"
	"github.com/siso-project/siso/internal/codicefiscale"
)

func TestCreateReturnsTokenOnceAndStoresOnlyItsHash(t *testing.T) {
	f := newFixture(t)
	in := f.input()
	in.ZoneIDs = []int{10, 2, 10}
	in.Scopes = []string{apiclient.ScopeInterventionsRead, apiclient.ScopeCitizensIdentityRead, apiclient.ScopeInterventionsRead}
	c, token := f.create(in)

	if len(token) != 48 || !strings.HasPrefix(token, "siso_") {
		t.Fatalf("token %q is not siso_ + 43 base64url characters", token)
	}
	raw, err := base64.RawURLEncoding.Strict().DecodeString(token[5:])
	if err != nil || len(raw) != 32 {
		t.Fatalf("token body does not decode to 32 bytes: %d, %v", len(raw), err)
	}
	if c.ID == 0 || c.Name != in.Name || c.OrganizationID != f.orgUSL || c.Role != authz.RoleSocialWorker ||
		c.CreatedBy != f.admin || c.Version != 1 || c.RevokedAt != nil || c.LastUsedAt != nil {
		t.Errorf("client = %+v", c)
	}
	if !slices.Equal(c.ZoneIDs, []int{2, 10}) {
		t.Errorf("zones = %v, want sorted and deduplicated [2 10]", c.ZoneIDs)
	}
	if want := []string{apiclient.ScopeCitizensIdentityRead, apiclient.ScopeInterventionsRead}; !slices.Equal(c.Scopes, want) {
		t.Errorf("scopes = %v, want %v", c.Scopes, want)
	}
	if c.TokenPrefix != token[:8] {
		t.Errorf("token prefix = %q, want %q", c.TokenPrefix, token[:8])
	}
	if !c.ExpiresAt.Equal(in.ExpiresAt) || !c.CreatedAt.Equal(f.now) {
		t.Errorf("created %v expires %v", c.CreatedAt, c.ExpiresAt)
	}

	// The row holds the hash and the 8-character prefix, nothing else of
	// the token, in any encoding.
	var row string
	var stored []byte
	f.scan(`SELECT row_to_json(a)::text, token_hash FROM api_client a WHERE id = ?`, []any{c.ID}, &row, &stored)
	for _, secret := range []string{token, token[5:], token[8:20], hex.EncodeToString(raw), base64.StdEncoding.EncodeToString(raw)} {
		if strings.Contains(row, secret) {
			t.Errorf("the stored row contains the token (%q): %s", secret, row)
		}
	}
	if sum := sha256.Sum256([]byte(token)); !slices.Equal(stored, sum[:]) {
		t.Errorf("token_hash = %x, want sha256(token) %x", stored, sum)
	}

	// Get and List give the client back, never a token.
	got, err := f.svc.Get(context.Background(), c.ID)
	if err != nil || got.ID != c.ID || got.TokenPrefix != c.TokenPrefix {
		t.Errorf("Get = %+v, %v", got, err)
	}
	list, err := f.svc.List(context.Background(), 10)
	if err != nil || len(list) != 1 || list[0].ID != c.ID || !slices.Equal(list[0].ZoneIDs, []int{2, 10}) {
		t.Errorf("List = %+v, %v", list, err)
	}
	if _, err := f.svc.Get(context.Background(), c.ID+1000); apperr.CodeOf(err) != apperr.NotFound {
		t.Errorf("Get(unknown) = %v, want NOT_FOUND", err)
	}

	// A second client gets a different token; every zone is NULL.
	in2 := f.input()
	in2.Name, in2.ZoneIDs = "INPS – flusso SIUSS", nil
	c2, token2 := f.create(in2)
	if token2 == token || c2.ZoneIDs != nil {
		t.Errorf("second client: token reused or zones %v", c2.ZoneIDs)
	}
	var zonesNull bool
	f.scan(`SELECT zone_ids IS NULL FROM api_client WHERE id = ?`, []any{c2.ID}, &zonesNull)
	if !zonesNull {
		t.Error("a client of every zone should store NULL zone_ids")
	}
	list, err = f.svc.List(context.Background(), 0)
	if err != nil || len(list) != 2 || list[0].ID != c2.ID {
		t.Errorf("List = %v, %v; want newest first", list, err)
	}
}

func TestAuthenticate(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	c, token := f.create(f.input())

	got, err := f.svc.Authenticate(ctx, token)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != c.ID || got.Role != c.Role || !slices.Equal(got.Scopes, c.Scopes) || got.LastUsedAt == nil || !got.LastUsedAt.Equal(f.now) {
		t.Errorf("Authenticate = %+v", got)
	}

	// A well-formed token that was never issued, and the real one with one
	// character changed.
	other := "siso_" + base64.RawURLEncoding.EncodeToString(make([]byte, 32))
	flipped := []byte(token)
	if flipped[20] == 'A' {
		flipped[20] = 'B'
	} else {
		flipped[20] = 'A'
	}
	for _, bad := range []string{other, string(flipped)} {
		if c, err := f.svc.Authenticate(ctx, bad); !errors.Is(err, apiclient.ErrInvalidToken) || c != nil {
			t.Errorf("Authenticate(%q) = %v, %v; want ErrInvalidToken", bad, c, err)
		}
	}
}

func TestRevokedTokenFailsOnTheNextRequest(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	c, token := f.create(f.input())
	if _, err := f.svc.Authenticate(ctx, token); err != nil {
		t.Fatal(err)
	}

	if err := f.svc.Revoke(ctx, c.ID, f.worker); apperr.CodeOf(err) != apperr.Forbidden {
		t.Errorf("revoke by a non-administrator = %v, want FORBIDDEN", err)
	}
	if _, err := f.svc.Authenticate(ctx, token); err != nil {
		t.Fatalf("a refused revocation changed something: %v", err)
	}

	f.now = f.now.Add(time.Second)
	if err := f.svc.Revoke(ctx, c.ID, f.admin); err != nil {
		t.Fatal(err)
	}
	if got, err := f.svc.Authenticate(ctx, token); !errors.Is(err, apiclient.ErrInvalidToken) || got != nil {
		t.Errorf("Authenticate after revocation = %v, %v; want ErrInvalidToken", got, err)
	}
	got, err := f.svc.Get(ctx, c.ID)
	if err != nil || got.RevokedAt == nil || !got.RevokedAt.Equal(f.now) || got.RevokedBy == nil || *got.RevokedBy != f.admin || got.Version != 2 {
		t.Errorf("revoked client = %+v, %v", got, err)
	}
	if v, _ := f.svc.Viewer(got); v != nil {
		t.Errorf("a revoked client has a viewer: %+v", v)
	}

	err = f.svc.Revoke(ctx, c.ID, f.admin)
	if e, ok := apperr.As(err); !ok || e.Code != apperr.Conflict || !strings.Contains(e.Message, "already revoked") {
		t.Errorf("second revocation = %v, want CONFLICT already revoked", err)
	}
	if err := f.svc.Revoke(ctx, c.ID+1000, f.admin); apperr.CodeOf(err) != apperr.NotFound {
		t.Errorf("revoke unknown = %v, want NOT_FOUND", err)
	}
}

func TestExpiredTokenIsRefused(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	in := f.input()
	in.ExpiresAt = f.now.Add(time.Hour)
	_, token := f.create(in)

	f.now = in.ExpiresAt.Add(-time.Microsecond)
	if _, err := f.svc.Authenticate(ctx, token); err != nil {
		t.Fatalf("just before expiry: %v", err)
	}
	f.now = in.ExpiresAt
	if got, err := f.svc.Authenticate(ctx, token); !errors.Is(err, apiclient.ErrInvalidToken) || got != nil {
		t.Errorf("at expiry: %v, %v; want ErrInvalidToken", got, err)
	}
}

func TestMalformedTokensAreRefusedWithoutAQuery(t *testing.T) {
	f := newFixture(t)
	_, token := f.create(f.input())
	f.queries.reset()
	malformed := []string{
		"",
		"siso_",
		token[:47],                              // one character short
		token + "A",                             // one too many
		"sisa_" + token[5:],                     // wrong prefix
		token[5:] + "siso_",                     // prefix at the end
		"siso_" + strings.Repeat("+", 43),       // not base64url
		"siso_" + strings.Repeat("A", 42) + "B", // non-canonical final character
		"Bearer " + token,
		strings.Repeat("x", 10000),
		"siso_" + strings.Repeat("é", 21) + "A",
	}
	for _, tok := range malformed {
		if got, err := f.svc.Authenticate(context.Background(), tok); !errors.Is(err, apiclient.ErrInvalidToken) || got != nil {
			t.Errorf("Authenticate(%.60q) = %v, %v; want ErrInvalidToken", tok, got, err)
		}
	}
	if n, _ := f.queries.count(""); n != 0 {
		t.Errorf("malformed tokens ran %d queries, want 0", n)
	}
	if _, err := f.svc.Authenticate(context.Background(), token); err != nil {
		t.Fatal(err)
	}
	if n, _ := f.queries.count(""); n == 0 {
		t.Error("the query hook saw nothing: the test would pass vacuously")
	}
}

func TestLastUsedAtIsWrittenAtMostOnceAMinute(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	c, token := f.create(f.input())
	t0 := f.now
	lastUsed := func() time.Time {
		var at time.Time
		f.scan(`SELECT last_used_at FROM api_client WHERE id = ?`, []any{c.ID}, &at)
		return at
	}
	updates := func() int {
		_, n := f.queries.count("UPDATE api_client SET last_used_at")
		return n
	}

	f.queries.reset()
	if _, err := f.svc.Authenticate(ctx, token); err != nil {
		t.Fatal(err)
	}
	if !lastUsed().Equal(t0) || updates() != 1 {
		t.Fatalf("first use: last_used_at %v, %d updates", lastUsed(), updates())
	}
	for _, d := range []time.Duration{time.Second, 30 * time.Second, time.Minute} {
		f.now = t0.Add(d)
		got, err := f.svc.Authenticate(ctx, token)
		if err != nil {
			t.Fatal(err)
		}
		if !got.LastUsedAt.Equal(t0) {
			t.Errorf("+%v: client.LastUsedAt = %v, want %v", d, got.LastUsedAt, t0)
		}
	}
	if !lastUsed().Equal(t0) || updates() != 1 {
		t.Errorf("within a minute: last_used_at %v, %d updates; want %v, 1", lastUsed(), updates(), t0)
	}
	f.now = t0.Add(time.Minute + time.Second)
	if _, err := f.svc.Authenticate(ctx, token); err != nil {
		t.Fatal(err)
	}
	if !lastUsed().Equal(f.now) || updates() != 2 {
		t.Errorf("after a minute: last_used_at %v, %d updates; want %v, 2", lastUsed(), updates(), f.now)
	}
}

func TestCreateValidation(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	cases := []struct {
		name  string
		edit  func(*apiclient.CreateInput)
		field string
		msg   string
	}{
		{"empty name", func(in *apiclient.CreateInput) { in.Name = "  " }, "name", "3 to 100"},
		{"short name", func(in *apiclient.CreateInput) { in.Name = " ab " }, "name", "3 to 100"},
		{"long name", func(in *apiclient.CreateInput) { in.Name = strings.Repeat("à", 101) }, "name", "3 to 100"},
		{"control character", func(in *apiclient.CreateInput) { in.Name = "USL\x00x" }, "name", "invalid"},
		{"invalid UTF-8", func(in *apiclient.CreateInput) { in.Name = "USL \xff" }, "name", "invalid"},
		{"no organization", func(in *apiclient.CreateInput) { in.OrganizationID = 0 }, "organizationId", "required"},
		{"unknown organization", func(in *apiclient.CreateInput) { in.OrganizationID = 999999 }, "organizationId", "unknown"},
		{"admin role", func(in *apiclient.CreateInput) { in.Role = authz.RoleAdmin }, "role", "cannot act as ADMIN"},
		{"dpo role", func(in *apiclient.CreateInput) { in.Role = authz.RoleDPO }, "role", "cannot act as DPO"},
		{"unknown role", func(in *apiclient.CreateInput) { in.Role = "ROOT" }, "role", "unknown role"},
		{"empty role", func(in *apiclient.CreateInput) { in.Role = "" }, "role", "unknown role"},
		{"empty zone list", func(in *apiclient.CreateInput) { in.ZoneIDs = []int{} }, "zoneIds", "at least one zone"},
		{"unknown zone", func(in *apiclient.CreateInput) { in.ZoneIDs = []int{2, 99} }, "zoneIds", "unknown zone"},
		{"zone 0", func(in *apiclient.CreateInput) { in.ZoneIDs = []int{0} }, "zoneIds", "unknown zone"},
		{"no scopes", func(in *apiclient.CreateInput) { in.Scopes = nil }, "scopes", "at least one scope"},
		{"unknown scope", func(in *apiclient.CreateInput) {
			in.Scopes = []string{apiclient.ScopeCasesRead, "citizens:sensitive:read"}
		}, "scopes", `unknown scope "citizens:sensitive:read"`},
		{"write scope", func(in *apiclient.CreateInput) { in.Scopes = []string{"cases:write"} }, "scopes", "unknown scope"},
		{"no expiry", func(in *apiclient.CreateInput) { in.ExpiresAt = time.Time{} }, "expiresAt", "required"},
		{"expiry now", func(in *apiclient.CreateInput) { in.ExpiresAt = f.now }, "expiresAt", "in the future"},
		{"expiry past", func(in *apiclient.CreateInput) { in.ExpiresAt = f.now.Add(-time.Hour) }, "expiresAt", "in the future"},
		{"expiry too far", func(in *apiclient.CreateInput) { in.ExpiresAt = f.now.AddDate(2, 0, 1) }, "expiresAt", "at most 2 years"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := f.input()
			tc.edit(&in)
			c, token, err := f.svc.Create(ctx, in)
			e, ok := apperr.As(err)
			if !ok || e.Code != apperr.BadUserInput || e.Field != tc.field || !strings.Contains(e.Message, tc.msg) {
				t.Fatalf("Create = %+v, %q, %v; want BAD_USER_INPUT on %s containing %q", c, token, err, tc.field, tc.msg)
			}
			if token != "" || c.ID != 0 {
				t.Errorf("a refused creation returned a client or token")
			}
		})
	}
	var n int
	f.scan(`SELECT count(*) FROM api_client`, nil, &n)
	if n != 0 {
		t.Errorf("refused creations stored %d clients", n)
	}

	// Exactly two years ahead is allowed; the name is trimmed.
	in := f.input()
	in.Name = "  Comune di Perugia  "
	in.ExpiresAt = f.now.AddDate(2, 0, 0)
	if c, _ := f.create(in); c.Name != "Comune di Perugia" {
		t.Errorf("name = %q, want it trimmed", c.Name)
	}
	// Duplicate names, whatever their case, are a conflict.
	in.Name = "COMUNE DI PERUGIA"
	_, token, err := f.svc.Create(ctx, in)
	if apperr.CodeOf(err) != apperr.Conflict || token != "" {
		t.Errorf("duplicate name = %q, %v; want CONFLICT", token, err)
	}
}

func TestOnlyAdministratorsCreate(t *testing.T) {
	f := newFixture(t)
	for _, by := range []int64{f.worker, f.inactiveAdmin, 0, -1, 999999} {
		in := f.input()
		in.CreatedBy = by
		// Authorization comes before validation: a refused caller learns
		// nothing about the input.
		in.Role = authz.RoleAdmin
		_, token, err := f.svc.Create(context.Background(), in)
		e, ok := apperr.As(err)
		if !ok || e.Code != apperr.Forbidden || e.Policy != apiclient.PolicyAdmin || token != "" {
			t.Errorf("Create by %d = %v; want FORBIDDEN %s", by, err, apiclient.PolicyAdmin)
		}
	}
	var n int
	f.scan(`SELECT count(*) FROM api_client`, nil, &n)
	if n != 0 {
		t.Errorf("refused creations stored %d clients", n)
	}
}

func TestViewerOfAClient(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	c, token := f.create(f.input()) // SOCIAL_WORKER in zone 2
	client, err := f.svc.Authenticate(ctx, token)
	if err != nil {
		t.Fatal(err)
	}
	v, scope := f.svc.Viewer(client)
	if v == nil {
		t.Fatal("no viewer")
	}
	if v.OperatorID != 0 || v.ClientID != c.ID || v.OrganizationID != f.orgUSL || len(v.OfficeIDs) != 0 || !v.IsClient() {
		t.Errorf("viewer = %+v", v)
	}
	if !slices.Equal(v.Grants, []authz.RoleGrant{{Role: authz.RoleSocialWorker, ZoneID: 2}}) {
		t.Errorf("grants = %+v", v.Grants)
	}
	if v.SessionID == "" || v.Label() == "" {
		t.Errorf("the viewer has no audit label: %+v", v)
	}
	if scope.CanWrite() || client.CanWrite() {
		t.Error("a client can write")
	}
	if !slices.Equal(v.Scopes, c.Scopes) {
		t.Errorf("viewer scopes = %v, want %v", v.Scopes, c.Scopes)
	}

	// The role's rule and the scope both apply: identity is admitted by
	// the scopes, contact is not, whatever the relationship.
	zoneGuard := &authz.Guard{Rel: authz.RelZoneSocialWorker}
	if !authz.Identity.Allows(v, zoneGuard) {
		t.Error("identity denied to a social-worker client with citizens:identity:read in its zone")
	}
	if authz.Contact.Allows(v, zoneGuard) {
		t.Error("contact allowed without citizens:contact:read")
	}
	if authz.Identity.Allows(v, &authz.Guard{}) {
		t.Error("identity allowed with no relationship")
	}
	if authz.Sensitive.Allows(v, &authz.Guard{Rel: authz.RelCaseTeam | authz.RelGrant | authz.RelEmergency}) {
		t.Error("sensitive allowed to a client")
	}
	if authz.Restricted.Allows(v, nil) {
		t.Error("restricted allowed to a client")
	}

	// Rows: the client sees the citizens of its zones, as the role would,
	// and the relationship never involves case teams or emergencies.
	perugia, terni := f.municipality("054039"), f.municipality("055032")
	c2 := f.citizen("Rossi", "Mario", time.Date(1950, 3, 15, 0, 0, 0, 0, time.UTC), "M", "G478", perugia)
	c10 := f.citizen("Verdi", "Luca", time.Date(1970, 6, 30, 0, 0, 0, 0, time.UTC), "M", "L117", terni)
	expr, args := authz.RelSQL(v, "c.id")
	if strings.Contains(expr, "case_member") || strings.Contains(expr, "emergency_access") {
		t.Errorf("a client's relationship looks at case teams or emergencies: %s", expr)
	}
	rel := func(citizen int64) authz.Rel {
		var r int
		f.scan(`SELECT `+expr+` FROM citizen c WHERE c.id = ?`, append(slices.Clone(args), citizen), &r)
		return authz.Rel(r)
	}
	if got := rel(c2); got != authz.RelZoneSocialWorker {
		t.Errorf("rel(citizen of zone 2) = %v, want ZONE(SOCIAL_WORKER)", got)
	}
	if got := rel(c10); got != 0 {
		t.Errorf("rel(citizen of zone 10) = %v, want NONE", got)
	}

	// A client of every zone holds its role in zone 0.
	in := f.input()
	in.Name, in.ZoneIDs = "Regione Umbria – osservatorio", nil
	in.Role = authz.RoleAnalyst
	in.Scopes = []string{apiclient.ScopeStatisticsRead}
	all, _ := f.create(in)
	v, _ = f.svc.Viewer(&all)
	if !slices.Equal(v.Grants, []authz.RoleGrant{{Role: authz.RoleAnalyst}}) {
		t.Errorf("grants of an every-zone client = %+v", v.Grants)
	}
	if v, _ := f.svc.Viewer(nil); v != nil {
		t.Error("a nil client has a viewer")
	}
}

func (f *fixture) municipality(istat string) int {
	f.t.Helper()
	var id int
	f.scan(`SELECT id FROM municipality WHERE istat_code = ?`, []any{istat}, &id)
	return id
}

func (f *fixture) citizen(last, first string, born time.Time, sex, place string, residence int) int64 {
	f.t.Helper()
	cf, err := codicefiscale.Compute(last, first, born, sex, place)
	if err != nil {
		f.t.Fatal(err)
	}
	return f.insertID(`INSERT INTO citizen (fiscal_code, first_name, last_name, birth_date, sex, birth_place_code, residence_municipality_id)
		VALUES (?, ?, ?, ?::date, ?, ?, ?) RETURNING id`, cf, first, last, born.Format(time.DateOnly), sex, place, residence)
}
