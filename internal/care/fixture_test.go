package care_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/apperr"
	"github.com/siso-project/siso/internal/authz"
	"github.com/siso-project/siso/internal/care"
	"github.com/siso-project/siso/internal/codicefiscale"
	"github.com/siso-project/siso/internal/migrate"
	"github.com/siso-project/siso/internal/refdata"
	"github.com/siso-project/siso/internal/store"
	"github.com/siso-project/siso/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// schemaWithRefdata is the test databases' template: the migrated schema
// with the zones and municipalities of Umbria.
func schemaWithRefdata(ctx context.Context, db *bun.DB) error {
	if _, err := migrate.Up(ctx, db); err != nil {
		return err
	}
	return refdata.Load(ctx, db)
}

// fixture is a small world: two zones (2 Perugino, 10 Terni), their
// organizations and offices, a cooperative, a health authority without a
// zone, operators in every role the workflows care about and citizens
// living in each zone.
type fixture struct {
	t   *testing.T
	db  *bun.DB
	svc *care.Service

	orgPerugia, orgTerni, orgCoop, orgASL int64
	// ucPerugia is Perugia's Ufficio della Cittadinanza, ssPerugia its
	// social service, ssTerni Terni's, coopSite the cooperative's site,
	// aslOffice the health authority's.
	ucPerugia, ssPerugia, ssPerugia2, ssTerni, coopSite, aslOffice int64

	frontDesk int64 // FRONT_DESK zone 2, office ucPerugia
	sw2       int64 // SOCIAL_WORKER zone 2, office ssPerugia
	sw2b      int64 // SOCIAL_WORKER zone 2, office ssPerugia
	zm2       int64 // ZONE_MANAGER zone 2, office ssPerugia
	sw10      int64 // SOCIAL_WORKER zone 10, office ssTerni
	provider  int64 // PROVIDER zone 2, office coopSite
	inactive  int64 // SOCIAL_WORKER zone 2, not active
	analyst   int64 // ANALYST, every zone

	c2, c2b int64 // citizens living in Perugia (zone 2)
	c10     int64 // a citizen living in Terni (zone 10)

	today time.Time
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	db := testdb.New(t, schemaWithRefdata)
	f := &fixture{t: t, db: db, svc: &care.Service{DB: db}}
	perugia := f.municipality("054039")
	terni := f.municipality("055032")

	f.orgPerugia = f.insertID(`INSERT INTO organization (kind, name, municipality_id, zone_id) VALUES ('MUNICIPALITY', 'Comune di Perugia', ?, 2) RETURNING id`, perugia)
	f.orgTerni = f.insertID(`INSERT INTO organization (kind, name, municipality_id, zone_id) VALUES ('MUNICIPALITY', 'Comune di Terni', ?, 10) RETURNING id`, terni)
	f.orgCoop = f.insertID(`INSERT INTO organization (kind, name, zone_id) VALUES ('COOPERATIVE', 'Cooperativa Sociale Esempio', 2) RETURNING id`)
	f.orgASL = f.insertID(`INSERT INTO organization (kind, name) VALUES ('HEALTH_AUTHORITY', 'USL Umbria 1') RETURNING id`)

	office := func(org int64, zone, municipality int, kind, name string) int64 {
		return f.insertID(`INSERT INTO office (organization_id, zone_id, municipality_id, kind, name) VALUES (?, ?, ?, ?, ?) RETURNING id`,
			org, zone, municipality, kind, name)
	}
	f.ucPerugia = office(f.orgPerugia, 2, perugia, "CITIZENS_OFFICE", "Ufficio della Cittadinanza Perugia")
	f.ssPerugia = office(f.orgPerugia, 2, perugia, "SOCIAL_SERVICE", "Servizio sociale Perugia")
	f.ssPerugia2 = office(f.orgPerugia, 2, perugia, "SOCIAL_SERVICE", "Servizio sociale Perugia Nord")
	f.ssTerni = office(f.orgTerni, 10, terni, "SOCIAL_SERVICE", "Servizio sociale Terni")
	f.coopSite = office(f.orgCoop, 2, perugia, "PROVIDER_SITE", "Sede cooperativa")
	f.aslOffice = office(f.orgASL, 2, perugia, "SOCIAL_SERVICE", "Distretto sanitario Perugia")

	type role struct {
		role string
		zone any // nil = every zone
	}
	operator := func(username string, org any, active bool, offices []int64, roles ...role) int64 {
		id := f.insertID(`INSERT INTO operator (username, display_name, organization_id, password_hash, active)
			VALUES (?, ?, ?, 'x', ?) RETURNING id`, username, "Operator "+username, org, active)
		for _, of := range offices {
			f.exec(`INSERT INTO operator_office (operator_id, office_id) VALUES (?, ?)`, id, of)
		}
		for _, r := range roles {
			f.exec(`INSERT INTO operator_role (operator_id, role, zone_id) VALUES (?, ?, ?)`, id, r.role, r.zone)
		}
		return id
	}
	f.frontDesk = operator("sportello.perugia", f.orgPerugia, true, []int64{f.ucPerugia}, role{"FRONT_DESK", 2})
	f.sw2 = operator("as.perugia", f.orgPerugia, true, []int64{f.ssPerugia}, role{"SOCIAL_WORKER", 2})
	f.sw2b = operator("as2.perugia", f.orgPerugia, true, []int64{f.ssPerugia}, role{"SOCIAL_WORKER", 2})
	f.zm2 = operator("resp.perugia", f.orgPerugia, true, []int64{f.ssPerugia}, role{"ZONE_MANAGER", 2})
	f.sw10 = operator("as.terni", f.orgTerni, true, []int64{f.ssTerni}, role{"SOCIAL_WORKER", 10})
	f.provider = operator("coop.perugia", f.orgCoop, true, []int64{f.coopSite}, role{"PROVIDER", 2})
	f.inactive = operator("as.old", f.orgPerugia, false, []int64{f.ssPerugia}, role{"SOCIAL_WORKER", 2})
	f.analyst = operator("regione", nil, true, nil, role{"ANALYST", nil})

	f.c2 = f.citizen("Rossi", "Mario", time.Date(1950, 3, 15, 0, 0, 0, 0, time.UTC), "M", "G478", perugia)
	f.c2b = f.citizen("Bianchi", "Anna", time.Date(1985, 11, 2, 0, 0, 0, 0, time.UTC), "F", "G478", perugia)
	f.c10 = f.citizen("Verdi", "Luca", time.Date(1970, 6, 30, 0, 0, 0, 0, time.UTC), "M", "L117", terni)

	if err := db.QueryRowContext(context.Background(), `SELECT current_date`).Scan(&f.today); err != nil {
		t.Fatal(err)
	}
	f.today = time.Date(f.today.Year(), f.today.Month(), f.today.Day(), 0, 0, 0, 0, time.UTC)
	return f
}

func (f *fixture) municipality(istat string) int {
	f.t.Helper()
	var id int
	if err := f.db.QueryRowContext(context.Background(), `SELECT id FROM municipality WHERE istat_code = ?`, istat).Scan(&id); err != nil {
		f.t.Fatalf("municipality %s: %v", istat, err)
	}
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

func (f *fixture) insertID(query string, args ...any) int64 {
	f.t.Helper()
	var id int64
	if err := f.db.QueryRowContext(context.Background(), query, args...).Scan(&id); err != nil {
		f.t.Fatalf("%s: %v", query, err)
	}
	return id
}

func (f *fixture) exec(query string, args ...any) {
	f.t.Helper()
	if _, err := f.db.ExecContext(context.Background(), query, args...); err != nil {
		f.t.Fatalf("%s: %v", query, err)
	}
}

// as returns a context whose viewer is the operator (0: nobody signed in).
func (f *fixture) as(operatorID int64) context.Context {
	f.t.Helper()
	ctx := context.Background()
	if operatorID == 0 {
		return ctx
	}
	v, err := store.New(f.db).Viewer(ctx, operatorID)
	if err != nil || v == nil {
		f.t.Fatalf("viewer %d: %v", operatorID, err)
	}
	return authz.WithViewer(ctx, v)
}

// count counts the rows of a query such as "access WHERE citizen_id = ?".
func (f *fixture) count(from string, args ...any) int {
	f.t.Helper()
	var n int
	if err := f.db.QueryRowContext(context.Background(), "SELECT count(*) FROM "+from, args...).Scan(&n); err != nil {
		f.t.Fatalf("count %s: %v", from, err)
	}
	return n
}

// scan reads one row.
func (f *fixture) scan(query string, args []any, dest ...any) {
	f.t.Helper()
	if err := f.db.QueryRowContext(context.Background(), query, args...).Scan(dest...); err != nil {
		f.t.Fatalf("%s: %v", query, err)
	}
}

// snapshotTables are the tables the workflows write (and the ones triggers
// write for them), and the audit trail the writes append to.
var snapshotTables = []string{"access", "access_need", "access_requested_service", "referral", "care_case",
	"case_member", "case_status_change", "citizen", "citizen_zone",
	"assessment", "plan", "plan_goal", "intervention", "activity", "case_grant", "audit_event"}

// snapshot fingerprints the whole content of the written tables, so that a
// failed call can be shown to have written nothing.
func (f *fixture) snapshot() string {
	f.t.Helper()
	var b strings.Builder
	for _, table := range snapshotTables {
		var h string
		f.scan(`SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM `+table+` t`, nil, &h)
		b.WriteString(table + "=" + h + " ")
	}
	return b.String()
}

// failure is a call that must fail with code (and field or policy) and
// write nothing.
type failure struct {
	name   string
	as     int64 // the viewer; 0 = nobody signed in
	call   func(ctx context.Context) error
	code   apperr.Code
	field  string // BAD_USER_INPUT
	policy string // FORBIDDEN
	msg    string // a substring of the message, when it matters
}

func (f *fixture) expectFailures(t *testing.T, cases []failure) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := f.snapshot()
			err := c.call(f.as(c.as))
			expectErr(t, err, c.code, c.field, c.policy, c.msg)
			if after := f.snapshot(); after != before {
				t.Errorf("a failed call wrote:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}

func expectErr(t *testing.T, err error, code apperr.Code, field, policy, msg string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %s", code)
	}
	if got := apperr.CodeOf(err); got != code {
		t.Fatalf("code %s (%v), want %s", got, err, code)
	}
	e, _ := apperr.As(err)
	if field != "" && e.Field != field {
		t.Errorf("field %q (%v), want %q", e.Field, err, field)
	}
	if policy != "" && e.Policy != policy {
		t.Errorf("policy %q (%v), want %q", e.Policy, err, policy)
	}
	if msg != "" && !strings.Contains(e.Message, msg) {
		t.Errorf("message %q, want it to contain %q", e.Message, msg)
	}
	if strings.Contains(strings.ToUpper(e.Message), "SELECT") || strings.Contains(e.Message, "pq:") || strings.Contains(e.Message, "SQLSTATE") {
		t.Errorf("message leaks internals: %q", e.Message)
	}
}

func mustOK(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
}

// registerAccess registers an access of citizen by a front-desk operator.
func (f *fixture) registerAccess(citizen int64) int64 {
	f.t.Helper()
	id, err := f.svc.RegisterAccess(f.as(f.frontDesk), care.RegisterAccessArgs{CitizenID: citizen, OfficeID: f.ucPerugia,
		Channel: "IN_PERSON", Needs: []care.NeedArgs{{Code: "EL_HOME_CARE"}}, Outcome: "CARE_PROPOSAL"})
	if err != nil {
		f.t.Fatalf("register access: %v", err)
	}
	return id
}

// referral sends citizen from the front desk to an office or organization.
func (f *fixture) referral(citizen, toOffice, toOrg int64) int64 {
	f.t.Helper()
	id, err := f.svc.CreateReferral(f.as(f.frontDesk), care.CreateReferralArgs{CitizenID: citizen, FromOfficeID: f.ucPerugia,
		ToOfficeID: toOffice, ToOrganizationID: toOrg, Reason: "Richiesta di valutazione"})
	if err != nil {
		f.t.Fatalf("create referral: %v", err)
	}
	return id
}

// openCase opens a case for citizen by the social worker sw2 in ssPerugia.
func (f *fixture) openCase(citizen int64, area string) int64 {
	f.t.Helper()
	id, err := f.svc.OpenCase(f.as(f.sw2), care.OpenCaseArgs{CitizenID: citizen, OfficeID: f.ssPerugia, UserArea: area})
	if err != nil {
		f.t.Fatalf("open case: %v", err)
	}
	return id
}

func (f *fixture) caseVersion(id int64) int {
	f.t.Helper()
	var v int
	f.scan(`SELECT version FROM care_case WHERE id = ?`, []any{id}, &v)
	return v
}

func (f *fixture) caseStatus(id int64) string {
	f.t.Helper()
	var s string
	f.scan(`SELECT status FROM care_case WHERE id = ?`, []any{id}, &s)
	return s
}

func ptr[T any](v T) *T { return &v }
