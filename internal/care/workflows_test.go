package care_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/siso-project/siso/internal/apperr"
	"github.com/siso-project/siso/internal/care"
)

// ---------------------------------------------------------------------------
// registerAccess
// ---------------------------------------------------------------------------

func TestRegisterAccess(t *testing.T) {
	f := newFixture(t)

	t.Run("front desk registers an access with needs and requested services", func(t *testing.T) {
		at := time.Now().Add(-2 * time.Hour).Truncate(time.Second)
		id, err := f.svc.RegisterAccess(f.as(f.frontDesk), care.RegisterAccessArgs{
			CitizenID: f.c2, OfficeID: f.ucPerugia, OccurredAt: &at, Channel: "PHONE",
			Speaker:           &care.SpeakerArgs{Kind: "RELATIVE", Name: ptr(" Giulia Rossi "), Relation: ptr("figlia")},
			Needs:             []care.NeedArgs{{Code: "EL_HOME_CARE", Notes: ptr("vive solo")}, {Code: "EL_LONELINESS"}},
			RequestedServices: []string{"HOME_CARE", "TELECARE"}, Outcome: "CARE_PROPOSAL", Notes: ptr("Prima chiamata"),
		})
		mustOK(t, err)
		var (
			citizen                          sql.NullInt64
			anonymous                        bool
			occurred                         time.Time
			office, operator                 int64
			zone                             int
			channel, speaker, name, relation string
			outcome, notes                   string
			contact                          sql.NullString
		)
		f.scan(`SELECT citizen_id, anonymous, occurred_at, office_id, zone_id, operator_id, channel, speaker_kind,
			speaker_name, speaker_relation, speaker_contact, outcome_code, notes FROM access WHERE id = ?`, []any{id},
			&citizen, &anonymous, &occurred, &office, &zone, &operator, &channel, &speaker, &name, &relation, &contact, &outcome, &notes)
		if citizen.Int64 != f.c2 || anonymous || !occurred.Equal(at) || office != f.ucPerugia || zone != 2 || operator != f.frontDesk ||
			channel != "PHONE" || speaker != "RELATIVE" || name != "Giulia Rossi" || relation != "figlia" || contact.Valid ||
			outcome != "CARE_PROPOSAL" || notes != "Prima chiamata" {
			t.Errorf("access row: %v %v %v %v %v %v %v %v %q %q %v %v %q", citizen, anonymous, occurred, office, zone, operator,
				channel, speaker, name, relation, contact, outcome, notes)
		}
		if n := f.count(`access_need WHERE access_id = ? AND citizen_id = ?`, id, f.c2); n != 2 {
			t.Errorf("%d needs with the citizen, want 2", n)
		}
		if n := f.count(`access_need WHERE access_id = ? AND need_code = 'EL_HOME_CARE' AND notes = 'vive solo'`, id); n != 1 {
			t.Errorf("need notes not recorded")
		}
		if n := f.count(`access_requested_service WHERE access_id = ? AND citizen_id = ?`, id, f.c2); n != 2 {
			t.Errorf("%d requested services with the citizen, want 2", n)
		}
	})

	t.Run("social worker registers an access, speaker defaults to the citizen, occurredAt to now", func(t *testing.T) {
		before := time.Now().Add(-time.Second)
		id, err := f.svc.RegisterAccess(f.as(f.sw2), care.RegisterAccessArgs{CitizenID: f.c2b, OfficeID: f.ssPerugia,
			Channel: "IN_PERSON", Needs: []care.NeedArgs{{Code: "PV_INCOME"}}, Outcome: "INFORMATION"})
		mustOK(t, err)
		var speaker string
		var occurred time.Time
		f.scan(`SELECT speaker_kind, occurred_at FROM access WHERE id = ?`, []any{id}, &speaker, &occurred)
		if speaker != "CITIZEN" || occurred.Before(before) || occurred.After(time.Now().Add(time.Second)) {
			t.Errorf("speaker %s, occurredAt %v", speaker, occurred)
		}
		if n := f.count(`access_requested_service WHERE access_id = ?`, id); n != 0 {
			t.Errorf("%d requested services, want 0", n)
		}
	})

	t.Run("anonymous access", func(t *testing.T) {
		id, err := f.svc.RegisterAccess(f.as(f.frontDesk), care.RegisterAccessArgs{Anonymous: true, OfficeID: f.ucPerugia,
			Channel: "IN_PERSON", Needs: []care.NeedArgs{{Code: "MU_INFORMATION"}}, RequestedServices: []string{"PROFESSIONAL_SOCIAL_SERVICE"},
			Outcome: "INFORMATION"})
		mustOK(t, err)
		if n := f.count(`access WHERE id = ? AND anonymous AND citizen_id IS NULL AND zone_id = 2`, id); n != 1 {
			t.Error("anonymous access not recorded as such")
		}
		if n := f.count(`access_need WHERE access_id = ? AND citizen_id IS NULL`, id); n != 1 {
			t.Error("anonymous need not recorded")
		}
		if n := f.count(`access_requested_service WHERE access_id = ? AND citizen_id IS NULL`, id); n != 1 {
			t.Error("anonymous requested service not recorded")
		}
	})

	t.Run("the zone-10 social worker registers for a zone-10 citizen, linking nothing new", func(t *testing.T) {
		id, err := f.svc.RegisterAccess(f.as(f.sw10), care.RegisterAccessArgs{CitizenID: f.c10, OfficeID: f.ssTerni,
			Channel: "HOME_VISIT", Needs: []care.NeedArgs{{Code: "DI_HOME_CARE"}}, Outcome: "GUIDANCE"})
		mustOK(t, err)
		if n := f.count(`access WHERE id = ? AND zone_id = 10`, id); n != 1 {
			t.Error("zone is not the office's")
		}
	})

	base := func(mod func(a *care.RegisterAccessArgs)) care.RegisterAccessArgs {
		a := care.RegisterAccessArgs{CitizenID: f.c2, OfficeID: f.ucPerugia, Channel: "IN_PERSON",
			Needs: []care.NeedArgs{{Code: "EL_HOME_CARE"}, {Code: "EL_LONELINESS"}}, RequestedServices: []string{"HOME_CARE"},
			Outcome: "GUIDANCE"}
		if mod != nil {
			mod(&a)
		}
		return a
	}
	register := func(mod func(a *care.RegisterAccessArgs)) func(ctx context.Context) error {
		return func(ctx context.Context) error {
			_, err := f.svc.RegisterAccess(ctx, base(mod))
			return err
		}
	}
	tooManyNeeds := make([]care.NeedArgs, 21)
	for i := range tooManyNeeds {
		tooManyNeeds[i] = care.NeedArgs{Code: fmt.Sprintf("N%d", i)}
	}
	f.expectFailures(t, []failure{
		{name: "nobody signed in", as: 0, call: register(nil), code: apperr.Unauthenticated},
		{name: "provider", as: f.provider, call: register(func(a *care.RegisterAccessArgs) { a.OfficeID = f.coopSite }),
			code: apperr.Forbidden, policy: care.WriteAccess},
		{name: "zone manager", as: f.zm2, call: register(func(a *care.RegisterAccessArgs) { a.OfficeID = f.ssPerugia }),
			code: apperr.Forbidden, policy: care.WriteAccess},
		{name: "analyst", as: f.analyst, call: register(nil), code: apperr.Forbidden, policy: care.WriteAccess},
		{name: "office not the viewer's", as: f.frontDesk, call: register(func(a *care.RegisterAccessArgs) { a.OfficeID = f.ssPerugia }),
			code: apperr.Forbidden, policy: care.WriteAccessOffice},
		{name: "zone-10 social worker, zone-2 citizen", as: f.sw10, call: register(func(a *care.RegisterAccessArgs) { a.OfficeID = f.ssTerni }),
			code: apperr.NotFound, msg: "Citizen"},
		{name: "unknown citizen", as: f.frontDesk, call: register(func(a *care.RegisterAccessArgs) { a.CitizenID = 987654 }),
			code: apperr.NotFound, msg: "Citizen"},
		{name: "citizen and anonymous", as: f.frontDesk, call: register(func(a *care.RegisterAccessArgs) { a.Anonymous = true }),
			code: apperr.BadUserInput, field: "anonymous"},
		{name: "neither citizen nor anonymous", as: f.frontDesk, call: register(func(a *care.RegisterAccessArgs) { a.CitizenID = 0 }),
			code: apperr.BadUserInput, field: "citizenId"},
		{name: "no needs", as: f.frontDesk, call: register(func(a *care.RegisterAccessArgs) { a.Needs = nil }),
			code: apperr.BadUserInput, field: "needs"},
		{name: "too many needs", as: f.frontDesk, call: register(func(a *care.RegisterAccessArgs) { a.Needs = tooManyNeeds }),
			code: apperr.BadUserInput, field: "needs"},
		{name: "unknown need", as: f.frontDesk, call: register(func(a *care.RegisterAccessArgs) { a.Needs[1].Code = "NOPE" }),
			code: apperr.BadUserInput, field: "needs[1].code"},
		{name: "blank need", as: f.frontDesk, call: register(func(a *care.RegisterAccessArgs) { a.Needs[0].Code = " " }),
			code: apperr.BadUserInput, field: "needs[0].code"},
		{name: "duplicate need", as: f.frontDesk, call: register(func(a *care.RegisterAccessArgs) { a.Needs[1].Code = "EL_HOME_CARE" }),
			code: apperr.BadUserInput, field: "needs[1].code"},
		{name: "need notes too long", as: f.frontDesk, call: register(func(a *care.RegisterAccessArgs) { a.Needs[0].Notes = ptr(strings.Repeat("a", 1001)) }),
			code: apperr.BadUserInput, field: "needs[0].notes"},
		{name: "unknown requested service", as: f.frontDesk, call: register(func(a *care.RegisterAccessArgs) { a.RequestedServices = []string{"HOME_CARE", "SPA"} }),
			code: apperr.BadUserInput, field: "requestedServices[1]"},
		{name: "duplicate requested service", as: f.frontDesk, call: register(func(a *care.RegisterAccessArgs) { a.RequestedServices = []string{"HOME_CARE", "HOME_CARE"} }),
			code: apperr.BadUserInput, field: "requestedServices[1]"},
		{name: "unknown outcome", as: f.frontDesk, call: register(func(a *care.RegisterAccessArgs) { a.Outcome = "MAGIC" }),
			code: apperr.BadUserInput, field: "outcome"},
		{name: "missing outcome", as: f.frontDesk, call: register(func(a *care.RegisterAccessArgs) { a.Outcome = "" }),
			code: apperr.BadUserInput, field: "outcome"},
		{name: "unknown channel", as: f.frontDesk, call: register(func(a *care.RegisterAccessArgs) { a.Channel = "PIGEON" }),
			code: apperr.BadUserInput, field: "channel"},
		{name: "unknown speaker kind", as: f.frontDesk, call: register(func(a *care.RegisterAccessArgs) { a.Speaker = &care.SpeakerArgs{Kind: "NEIGHBOUR"} }),
			code: apperr.BadUserInput, field: "speaker.kind"},
		{name: "relative without a name", as: f.frontDesk, call: register(func(a *care.RegisterAccessArgs) { a.Speaker = &care.SpeakerArgs{Kind: "RELATIVE", Name: ptr("  ")} }),
			code: apperr.BadUserInput, field: "speaker.name"},
		{name: "other service without a name", as: f.frontDesk, call: register(func(a *care.RegisterAccessArgs) { a.Speaker = &care.SpeakerArgs{Kind: "OTHER_SERVICE"} }),
			code: apperr.BadUserInput, field: "speaker.name"},
		{name: "speaker contact too long", as: f.frontDesk, call: register(func(a *care.RegisterAccessArgs) {
			a.Speaker = &care.SpeakerArgs{Kind: "OTHER", Contact: ptr(strings.Repeat("1", 201))}
		}), code: apperr.BadUserInput, field: "speaker.contact"},
		{name: "notes too long", as: f.frontDesk, call: register(func(a *care.RegisterAccessArgs) { a.Notes = ptr(strings.Repeat("é", 4001)) }),
			code: apperr.BadUserInput, field: "notes"},
		{name: "occurredAt in the future", as: f.frontDesk, call: register(func(a *care.RegisterAccessArgs) { a.OccurredAt = ptr(time.Now().Add(10 * time.Minute)) }),
			code: apperr.BadUserInput, field: "occurredAt"},
		{name: "occurredAt more than a year ago", as: f.frontDesk, call: register(func(a *care.RegisterAccessArgs) { a.OccurredAt = ptr(time.Now().AddDate(-1, 0, -1)) }),
			code: apperr.BadUserInput, field: "occurredAt"},
		{name: "idempotency key too short", as: f.frontDesk, call: register(func(a *care.RegisterAccessArgs) { a.IdempotencyKey = ptr("short") }),
			code: apperr.BadUserInput, field: "idempotencyKey"},
		{name: "idempotency key too long", as: f.frontDesk, call: register(func(a *care.RegisterAccessArgs) { a.IdempotencyKey = ptr(strings.Repeat("k", 101)) }),
			code: apperr.BadUserInput, field: "idempotencyKey"},
	})

	t.Run("occurredAt a few minutes ahead (clock skew) is accepted", func(t *testing.T) {
		_, err := f.svc.RegisterAccess(f.as(f.frontDesk), base(func(a *care.RegisterAccessArgs) { a.OccurredAt = ptr(time.Now().Add(3 * time.Minute)) }))
		mustOK(t, err)
	})

	t.Run("idempotent replay", func(t *testing.T) {
		key := "phone-retry-0001"
		args := base(func(a *care.RegisterAccessArgs) { a.IdempotencyKey = &key })
		id1, err := f.svc.RegisterAccess(f.as(f.frontDesk), args)
		mustOK(t, err)
		snap := f.snapshot()
		id2, err := f.svc.RegisterAccess(f.as(f.frontDesk), args)
		mustOK(t, err)
		if id1 != id2 {
			t.Errorf("replay returned %d, first call %d", id2, id1)
		}
		if f.snapshot() != snap {
			t.Error("the replay wrote")
		}
		if n := f.count(`access WHERE idempotency_key = ?`, key); n != 1 {
			t.Errorf("%d accesses with the key", n)
		}
		if n := f.count(`access_need WHERE access_id = ?`, id1); n != 2 {
			t.Errorf("%d needs, want 2", n)
		}
		f.expectFailures(t, []failure{{name: "key used by another operator", as: f.sw2,
			call: register(func(a *care.RegisterAccessArgs) { a.OfficeID = f.ssPerugia; a.IdempotencyKey = &key }),
			code: apperr.Conflict}})
	})
}

// ---------------------------------------------------------------------------
// createReferral
// ---------------------------------------------------------------------------

func TestCreateReferral(t *testing.T) {
	f := newFixture(t)
	access2 := f.registerAccess(f.c2)
	access2b := f.registerAccess(f.c2b)
	case2b := f.openCase(f.c2b, "POVERTY")

	type row struct {
		citizen, fromOffice, toOrg, proposedBy int64
		access, kase, toOffice                 sql.NullInt64
		fromZone                               int
		toZone                                 sql.NullInt32
		reason, status                         string
		version                                int
		seenAt                                 sql.NullTime
	}
	read := func(id int64) row {
		var r row
		f.scan(`SELECT citizen_id, from_office_id, to_organization_id, proposed_by, access_id, case_id, to_office_id,
			from_zone_id, to_zone_id, reason, status, version, seen_at FROM referral WHERE id = ?`, []any{id},
			&r.citizen, &r.fromOffice, &r.toOrg, &r.proposedBy, &r.access, &r.kase, &r.toOffice, &r.fromZone, &r.toZone,
			&r.reason, &r.status, &r.version, &r.seenAt)
		return r
	}

	t.Run("to an office: organization and zone come from the office", func(t *testing.T) {
		id, err := f.svc.CreateReferral(f.as(f.frontDesk), care.CreateReferralArgs{CitizenID: f.c2, FromOfficeID: f.ucPerugia,
			ToOfficeID: f.ssPerugia, Reason: "  Valutazione per assistenza domiciliare ", AccessID: access2})
		mustOK(t, err)
		r := read(id)
		if r.citizen != f.c2 || r.fromOffice != f.ucPerugia || r.fromZone != 2 || r.toOffice.Int64 != f.ssPerugia ||
			r.toOrg != f.orgPerugia || r.toZone.Int32 != 2 || r.proposedBy != f.frontDesk || r.access.Int64 != access2 ||
			r.kase.Valid || r.reason != "Valutazione per assistenza domiciliare" || r.status != "PROPOSED" || r.version != 1 || r.seenAt.Valid {
			t.Errorf("referral row %+v", r)
		}
	})

	t.Run("to an organization: its zone, no office", func(t *testing.T) {
		id, err := f.svc.CreateReferral(f.as(f.sw2), care.CreateReferralArgs{CitizenID: f.c2b, FromOfficeID: f.ssPerugia,
			ToOrganizationID: f.orgCoop, Reason: "Assistenza domiciliare", CaseID: case2b, AccessID: access2b})
		mustOK(t, err)
		r := read(id)
		if r.toOffice.Valid || r.toOrg != f.orgCoop || r.toZone.Int32 != 2 || r.kase.Int64 != case2b || r.access.Int64 != access2b {
			t.Errorf("referral row %+v", r)
		}
	})

	t.Run("to an organization with no zone", func(t *testing.T) {
		id, err := f.svc.CreateReferral(f.as(f.zm2), care.CreateReferralArgs{CitizenID: f.c2, FromOfficeID: f.ssPerugia,
			ToOrganizationID: f.orgASL, Reason: "Valutazione sanitaria"})
		mustOK(t, err)
		if r := read(id); r.toZone.Valid || r.toOrg != f.orgASL {
			t.Errorf("referral row %+v", r)
		}
	})

	t.Run("to an office of the organization given", func(t *testing.T) {
		id, err := f.svc.CreateReferral(f.as(f.sw10), care.CreateReferralArgs{CitizenID: f.c10, FromOfficeID: f.ssTerni,
			ToOfficeID: f.ssPerugia, ToOrganizationID: f.orgPerugia, Reason: "Trasferimento di residenza"})
		mustOK(t, err)
		if r := read(id); r.toOffice.Int64 != f.ssPerugia || r.toOrg != f.orgPerugia || r.toZone.Int32 != 2 || r.fromZone != 10 {
			t.Errorf("referral row %+v", r)
		}
	})

	base := func(mod func(a *care.CreateReferralArgs)) func(ctx context.Context) error {
		return func(ctx context.Context) error {
			a := care.CreateReferralArgs{CitizenID: f.c2, FromOfficeID: f.ucPerugia, ToOfficeID: f.ssPerugia, Reason: "Motivo"}
			if mod != nil {
				mod(&a)
			}
			_, err := f.svc.CreateReferral(ctx, a)
			return err
		}
	}
	f.expectFailures(t, []failure{
		{name: "nobody signed in", call: base(nil), code: apperr.Unauthenticated},
		{name: "provider", as: f.provider, call: base(func(a *care.CreateReferralArgs) { a.FromOfficeID = f.coopSite }),
			code: apperr.Forbidden, policy: care.WriteReferral},
		{name: "analyst", as: f.analyst, call: base(nil), code: apperr.Forbidden, policy: care.WriteReferral},
		{name: "from an office not the viewer's", as: f.frontDesk, call: base(func(a *care.CreateReferralArgs) { a.FromOfficeID = f.ssPerugia; a.ToOfficeID = f.ssTerni }),
			code: apperr.Forbidden, policy: care.WriteReferralOffice},
		{name: "zone-10 social worker, zone-2 citizen", as: f.sw10, call: base(func(a *care.CreateReferralArgs) { a.FromOfficeID = f.ssTerni }),
			code: apperr.NotFound, msg: "Citizen"},
		{name: "unknown citizen", as: f.frontDesk, call: base(func(a *care.CreateReferralArgs) { a.CitizenID = 987654 }),
			code: apperr.NotFound},
		{name: "no target", as: f.frontDesk, call: base(func(a *care.CreateReferralArgs) { a.ToOfficeID = 0 }),
			code: apperr.BadUserInput, field: "toOfficeId"},
		{name: "to the same office", as: f.frontDesk, call: base(func(a *care.CreateReferralArgs) { a.ToOfficeID = f.ucPerugia }),
			code: apperr.BadUserInput, field: "toOfficeId"},
		{name: "unknown office", as: f.frontDesk, call: base(func(a *care.CreateReferralArgs) { a.ToOfficeID = 987654 }),
			code: apperr.BadUserInput, field: "toOfficeId"},
		{name: "unknown organization", as: f.frontDesk, call: base(func(a *care.CreateReferralArgs) { a.ToOfficeID = 0; a.ToOrganizationID = 987654 }),
			code: apperr.BadUserInput, field: "toOrganizationId"},
		{name: "office of another organization", as: f.frontDesk, call: base(func(a *care.CreateReferralArgs) { a.ToOrganizationID = f.orgCoop }),
			code: apperr.BadUserInput, field: "toOfficeId"},
		{name: "no reason", as: f.frontDesk, call: base(func(a *care.CreateReferralArgs) { a.Reason = "   " }),
			code: apperr.BadUserInput, field: "reason"},
		{name: "reason too long", as: f.frontDesk, call: base(func(a *care.CreateReferralArgs) { a.Reason = strings.Repeat("r", 2001) }),
			code: apperr.BadUserInput, field: "reason"},
		{name: "access of another citizen", as: f.frontDesk, call: base(func(a *care.CreateReferralArgs) { a.AccessID = access2b }),
			code: apperr.BadUserInput, field: "accessId"},
		{name: "unknown access", as: f.frontDesk, call: base(func(a *care.CreateReferralArgs) { a.AccessID = 987654 }),
			code: apperr.BadUserInput, field: "accessId"},
		{name: "case of another citizen", as: f.frontDesk, call: base(func(a *care.CreateReferralArgs) { a.CaseID = case2b }),
			code: apperr.BadUserInput, field: "caseId"},
		{name: "bad idempotency key", as: f.frontDesk, call: base(func(a *care.CreateReferralArgs) { a.IdempotencyKey = ptr("with space") }),
			code: apperr.BadUserInput, field: "idempotencyKey"},
	})

	t.Run("idempotent replay", func(t *testing.T) {
		key := "referral-key-1"
		args := care.CreateReferralArgs{CitizenID: f.c2, FromOfficeID: f.ucPerugia, ToOfficeID: f.ssPerugia, Reason: "Motivo", IdempotencyKey: &key}
		id1, err := f.svc.CreateReferral(f.as(f.frontDesk), args)
		mustOK(t, err)
		snap := f.snapshot()
		id2, err := f.svc.CreateReferral(f.as(f.frontDesk), args)
		mustOK(t, err)
		if id1 != id2 || f.snapshot() != snap {
			t.Errorf("replay: ids %d %d, wrote %v", id1, id2, f.snapshot() != snap)
		}
		f.expectFailures(t, []failure{{name: "key of another operator", as: f.sw2, code: apperr.Conflict,
			call: func(ctx context.Context) error {
				_, err := f.svc.CreateReferral(ctx, care.CreateReferralArgs{CitizenID: f.c2, FromOfficeID: f.ssPerugia,
					ToOfficeID: f.ssTerni, Reason: "Motivo", IdempotencyKey: &key})
				return err
			}}})
	})
}

// ---------------------------------------------------------------------------
// answerReferral
// ---------------------------------------------------------------------------

func TestAnswerReferral(t *testing.T) {
	f := newFixture(t)
	toSS := f.referral(f.c2, f.ssPerugia, 0)   // addressed to sw2's office
	toCoop := f.referral(f.c2, 0, f.orgCoop)   // addressed to the cooperative as a whole
	toTerni := f.referral(f.c2b, f.ssTerni, 0) // addressed to Terni
	toCoopSite := f.referral(f.c2b, f.coopSite, 0)

	type row struct {
		status             string
		version            int
		seenBy, answeredBy sql.NullInt64
		seenAt, answeredAt sql.NullTime
		rejection          sql.NullString
	}
	read := func(id int64) row {
		var r row
		f.scan(`SELECT status, version, seen_by, answered_by, seen_at, answered_at, rejection_reason FROM referral WHERE id = ?`,
			[]any{id}, &r.status, &r.version, &r.seenBy, &r.answeredBy, &r.seenAt, &r.answeredAt, &r.rejection)
		return r
	}
	answer := func(id int64, version int, status, reason string) func(ctx context.Context) error {
		return func(ctx context.Context) error { return f.svc.AnswerReferral(ctx, id, version, status, reason) }
	}

	f.expectFailures(t, []failure{
		{name: "nobody signed in", call: answer(toSS, 1, "SEEN", ""), code: apperr.Unauthenticated},
		{name: "analyst", as: f.analyst, call: answer(toSS, 1, "SEEN", ""), code: apperr.Forbidden, policy: care.WriteReferralAnswer},
		{name: "not addressed to the front desk", as: f.frontDesk, call: answer(toSS, 1, "ACCEPTED", ""), code: apperr.NotFound, msg: "Referral"},
		{name: "not addressed to zone 10", as: f.sw10, call: answer(toSS, 1, "ACCEPTED", ""), code: apperr.NotFound},
		{name: "to the organization, not to a provider of another one", as: f.sw2, call: answer(toCoop, 1, "SEEN", ""), code: apperr.NotFound},
		{name: "sent to Terni, answered by Perugia", as: f.sw2, call: answer(toTerni, 1, "SEEN", ""), code: apperr.NotFound},
		{name: "unknown referral", as: f.sw2, call: answer(987654, 1, "SEEN", ""), code: apperr.NotFound},
		{name: "unknown status", as: f.sw2, call: answer(toSS, 1, "WITHDRAWN", ""), code: apperr.BadUserInput, field: "status"},
		{name: "rejected without a reason", as: f.sw2, call: answer(toSS, 1, "REJECTED", "  "), code: apperr.BadUserInput, field: "reason"},
		{name: "rejection reason too long", as: f.sw2, call: answer(toSS, 1, "REJECTED", strings.Repeat("x", 2001)), code: apperr.BadUserInput, field: "reason"},
		{name: "stale version", as: f.sw2, call: answer(toSS, 2, "SEEN", ""), code: apperr.Conflict},
	})

	t.Run("seen, then accepted", func(t *testing.T) {
		mustOK(t, f.svc.AnswerReferral(f.as(f.sw2), toSS, 1, "SEEN", ""))
		r := read(toSS)
		if r.status != "SEEN" || r.version != 2 || r.seenBy.Int64 != f.sw2 || !r.seenAt.Valid || r.answeredAt.Valid || r.answeredBy.Valid {
			t.Fatalf("after SEEN: %+v", r)
		}
		f.expectFailures(t, []failure{
			{name: "seen twice", as: f.sw2, call: answer(toSS, 2, "SEEN", ""), code: apperr.Conflict, msg: "already SEEN"},
			{name: "stale version", as: f.sw2b, call: answer(toSS, 1, "ACCEPTED", ""), code: apperr.Conflict},
		})
		mustOK(t, f.svc.AnswerReferral(f.as(f.sw2b), toSS, 2, "ACCEPTED", "ignored"))
		a := read(toSS)
		if a.status != "ACCEPTED" || a.version != 3 || a.seenBy.Int64 != f.sw2 || !a.seenAt.Time.Equal(r.seenAt.Time) ||
			a.answeredBy.Int64 != f.sw2b || !a.answeredAt.Valid || a.rejection.Valid {
			t.Errorf("after ACCEPTED: %+v", a)
		}
		f.expectFailures(t, []failure{
			{name: "accepted twice", as: f.sw2, call: answer(toSS, 3, "ACCEPTED", ""), code: apperr.Conflict, msg: "referral is already ACCEPTED"},
			{name: "accepted twice with the old version", as: f.sw2b, call: answer(toSS, 2, "ACCEPTED", ""), code: apperr.Conflict, msg: "already ACCEPTED"},
			{name: "rejected after acceptance", as: f.sw2, call: answer(toSS, 3, "REJECTED", "no"), code: apperr.Conflict, msg: "already ACCEPTED"},
			{name: "seen after acceptance", as: f.sw2, call: answer(toSS, 3, "SEEN", ""), code: apperr.Conflict},
		})
	})

	t.Run("rejected straight from PROPOSED by the receiving organization", func(t *testing.T) {
		mustOK(t, f.svc.AnswerReferral(f.as(f.provider), toCoop, 1, "REJECTED", " Nessuna disponibilità "))
		r := read(toCoop)
		if r.status != "REJECTED" || r.version != 2 || r.seenBy.Int64 != f.provider || !r.seenAt.Valid ||
			r.answeredBy.Int64 != f.provider || !r.answeredAt.Valid || r.rejection.String != "Nessuna disponibilità" {
			t.Errorf("after REJECTED: %+v", r)
		}
		f.expectFailures(t, []failure{
			{name: "accepted after rejection", as: f.provider, call: answer(toCoop, 2, "ACCEPTED", ""), code: apperr.Conflict, msg: "already REJECTED"},
		})
	})

	t.Run("accepted straight from PROPOSED by the office addressed", func(t *testing.T) {
		mustOK(t, f.svc.AnswerReferral(f.as(f.provider), toCoopSite, 1, "ACCEPTED", ""))
		if r := read(toCoopSite); r.status != "ACCEPTED" || r.seenBy.Int64 != f.provider || r.answeredBy.Int64 != f.provider {
			t.Errorf("after ACCEPTED: %+v", r)
		}
	})
}

// ---------------------------------------------------------------------------
// openCase
// ---------------------------------------------------------------------------

func TestOpenCase(t *testing.T) {
	f := newFixture(t)
	access2 := f.registerAccess(f.c2)
	access2b := f.registerAccess(f.c2b)
	accepted := f.referral(f.c2, f.ssPerugia, 0)
	mustOK(t, f.svc.AnswerReferral(f.as(f.sw2), accepted, 1, "ACCEPTED", ""))
	proposed := f.referral(f.c2, f.ssPerugia, 0)
	acceptedByCoop := f.referral(f.c2, 0, f.orgCoop)
	mustOK(t, f.svc.AnswerReferral(f.as(f.provider), acceptedByCoop, 1, "ACCEPTED", ""))
	otherCitizen := f.referral(f.c2b, f.ssPerugia, 0)
	mustOK(t, f.svc.AnswerReferral(f.as(f.sw2), otherCitizen, 1, "ACCEPTED", ""))

	open := func(mod func(a *care.OpenCaseArgs)) func(ctx context.Context) error {
		return func(ctx context.Context) error {
			a := care.OpenCaseArgs{CitizenID: f.c2, OfficeID: f.ssPerugia, UserArea: "ELDERLY"}
			if mod != nil {
				mod(&a)
			}
			_, err := f.svc.OpenCase(ctx, a)
			return err
		}
	}
	f.expectFailures(t, []failure{
		{name: "nobody signed in", call: open(nil), code: apperr.Unauthenticated},
		{name: "front desk", as: f.frontDesk, call: open(func(a *care.OpenCaseArgs) { a.OfficeID = f.ucPerugia }), code: apperr.Forbidden, policy: care.WriteCaseOpen},
		{name: "provider", as: f.provider, call: open(func(a *care.OpenCaseArgs) { a.OfficeID = f.coopSite }), code: apperr.Forbidden, policy: care.WriteCaseOpen},
		{name: "zone manager", as: f.zm2, call: open(nil), code: apperr.Forbidden, policy: care.WriteCaseOpen},
		{name: "analyst", as: f.analyst, call: open(nil), code: apperr.Forbidden, policy: care.WriteCaseOpen},
		{name: "office not the viewer's", as: f.sw2, call: open(func(a *care.OpenCaseArgs) { a.OfficeID = f.ucPerugia }), code: apperr.Forbidden, policy: care.WriteCaseOpen},
		{name: "zone-10 social worker, zone-2 citizen", as: f.sw10, call: open(func(a *care.OpenCaseArgs) { a.OfficeID = f.ssTerni }), code: apperr.NotFound, msg: "Citizen"},
		{name: "unknown citizen", as: f.sw2, call: open(func(a *care.OpenCaseArgs) { a.CitizenID = 987654 }), code: apperr.NotFound},
		{name: "unknown user area", as: f.sw2, call: open(func(a *care.OpenCaseArgs) { a.UserArea = "ASTRONAUTS" }), code: apperr.BadUserInput, field: "userArea"},
		{name: "no user area", as: f.sw2, call: open(func(a *care.OpenCaseArgs) { a.UserArea = "" }), code: apperr.BadUserInput, field: "userArea"},
		{name: "summary too long", as: f.sw2, call: open(func(a *care.OpenCaseArgs) { a.Summary = ptr(strings.Repeat("s", 4001)) }), code: apperr.BadUserInput, field: "summary"},
		{name: "source access of another citizen", as: f.sw2, call: open(func(a *care.OpenCaseArgs) { a.SourceAccessID = access2b }), code: apperr.BadUserInput, field: "sourceAccessId"},
		{name: "source referral not accepted", as: f.sw2, call: open(func(a *care.OpenCaseArgs) { a.SourceReferralID = proposed }), code: apperr.BadUserInput, field: "sourceReferralId"},
		{name: "source referral accepted by someone else", as: f.sw2, call: open(func(a *care.OpenCaseArgs) { a.SourceReferralID = acceptedByCoop }), code: apperr.BadUserInput, field: "sourceReferralId"},
		{name: "source referral of another citizen", as: f.sw2, call: open(func(a *care.OpenCaseArgs) { a.SourceReferralID = otherCitizen }), code: apperr.BadUserInput, field: "sourceReferralId"},
		{name: "bad idempotency key", as: f.sw2, call: open(func(a *care.OpenCaseArgs) { a.IdempotencyKey = ptr("1234567") }), code: apperr.BadUserInput, field: "idempotencyKey"},
	})

	var caseID int64
	t.Run("social worker takes the citizen into care", func(t *testing.T) {
		var err error
		caseID, err = f.svc.OpenCase(f.as(f.sw2), care.OpenCaseArgs{CitizenID: f.c2, OfficeID: f.ssPerugia, UserArea: "ELDERLY",
			Summary: ptr("Anziano solo"), SourceAccessID: access2, SourceReferralID: accepted})
		mustOK(t, err)
		var (
			citizen, office, responsible, createdBy int64
			zone, version                           int
			area, status, summary                   string
			sourceAccess, sourceReferral            int64
			closedAt                                sql.NullTime
		)
		f.scan(`SELECT citizen_id, office_id, responsible_operator_id, created_by, zone_id, version, user_area_code, status,
			summary, source_access_id, source_referral_id, closed_at FROM care_case WHERE id = ?`, []any{caseID},
			&citizen, &office, &responsible, &createdBy, &zone, &version, &area, &status, &summary, &sourceAccess, &sourceReferral, &closedAt)
		if citizen != f.c2 || office != f.ssPerugia || responsible != f.sw2 || createdBy != f.sw2 || zone != 2 || version != 1 ||
			area != "ELDERLY" || status != "OPEN" || summary != "Anziano solo" || sourceAccess != access2 || sourceReferral != accepted || closedAt.Valid {
			t.Errorf("case row: %v %v %v %v %v %v %v %v %v %v %v %v", citizen, office, responsible, createdBy, zone, version, area, status, summary, sourceAccess, sourceReferral, closedAt)
		}
		if n := f.count(`case_member WHERE case_id = ? AND citizen_id = ? AND operator_id = ? AND role = 'RESPONSIBLE'
			AND valid_from = current_date AND valid_to IS NULL AND created_by = ?`, caseID, f.c2, f.sw2, f.sw2); n != 1 {
			t.Error("responsible membership not recorded")
		}
		if n := f.count(`case_member WHERE case_id = ?`, caseID); n != 1 {
			t.Errorf("%d members, want 1", n)
		}
		if n := f.count(`case_status_change WHERE case_id = ? AND citizen_id = ? AND from_status IS NULL AND to_status = 'OPEN'
			AND changed_by = ? AND reason = 'Presa in carico'`, caseID, f.c2, f.sw2); n != 1 {
			t.Error("first status change not recorded")
		}
	})

	f.expectFailures(t, []failure{
		{name: "a second open case in the same zone and area", as: f.sw2b, call: open(nil), code: apperr.Conflict, msg: "an open case already exists in this area"},
	})

	t.Run("another area is another case", func(t *testing.T) {
		mustOK(t, open(func(a *care.OpenCaseArgs) { a.UserArea = "POVERTY" })(f.as(f.sw2b)))
	})

	t.Run("the zone-10 social worker opens for a zone-10 citizen", func(t *testing.T) {
		id, err := f.svc.OpenCase(f.as(f.sw10), care.OpenCaseArgs{CitizenID: f.c10, OfficeID: f.ssTerni, UserArea: "DISABILITY"})
		mustOK(t, err)
		if n := f.count(`care_case WHERE id = ? AND zone_id = 10 AND responsible_operator_id = ?`, id, f.sw10); n != 1 {
			t.Error("case not in zone 10")
		}
	})

	t.Run("idempotent replay", func(t *testing.T) {
		key := "open-case-key-1"
		args := care.OpenCaseArgs{CitizenID: f.c2b, OfficeID: f.ssPerugia, UserArea: "FAMILY_MINORS", IdempotencyKey: &key}
		id1, err := f.svc.OpenCase(f.as(f.sw2), args)
		mustOK(t, err)
		snap := f.snapshot()
		id2, err := f.svc.OpenCase(f.as(f.sw2), args)
		mustOK(t, err)
		if id1 != id2 || f.snapshot() != snap {
			t.Errorf("replay: ids %d %d, wrote %v", id1, id2, f.snapshot() != snap)
		}
		if n := f.count(`case_member WHERE case_id = ?`, id1); n != 1 {
			t.Errorf("%d members after the replay", n)
		}
		if n := f.count(`case_status_change WHERE case_id = ?`, id1); n != 1 {
			t.Errorf("%d status changes after the replay", n)
		}
		f.expectFailures(t, []failure{{name: "key of another operator", as: f.sw2b, code: apperr.Conflict,
			call: func(ctx context.Context) error {
				_, err := f.svc.OpenCase(ctx, care.OpenCaseArgs{CitizenID: f.c2b, OfficeID: f.ssPerugia, UserArea: "DISABILITY", IdempotencyKey: &key})
				return err
			}}})
	})
}

func TestOpenCaseConcurrentlyOpensOne(t *testing.T) {
	f := newFixture(t)
	var wg sync.WaitGroup
	errs := make([]error, 4)
	ops := []int64{f.sw2, f.sw2b, f.sw2, f.sw2b}
	for i := range errs {
		ctx := f.as(ops[i])
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = f.svc.OpenCase(ctx, care.OpenCaseArgs{CitizenID: f.c2, OfficeID: f.ssPerugia, UserArea: "ELDERLY"})
		}()
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case apperr.CodeOf(err) != apperr.Conflict:
			t.Errorf("unexpected error %v", err)
		}
	}
	if ok != 1 || f.count(`care_case WHERE citizen_id = ?`, f.c2) != 1 {
		t.Errorf("%d openings succeeded, want exactly 1", ok)
	}
}

// ---------------------------------------------------------------------------
// addCaseMember
// ---------------------------------------------------------------------------

func TestAddCaseMember(t *testing.T) {
	f := newFixture(t)
	k := f.openCase(f.c2, "ELDERLY")
	add := func(as int64, a care.AddCaseMemberArgs) error { return f.svc.AddCaseMember(f.as(as), a) }
	call := func(mod func(a *care.AddCaseMemberArgs)) func(ctx context.Context) error {
		return func(ctx context.Context) error {
			a := care.AddCaseMemberArgs{CaseID: k, Version: f.caseVersion(k), OperatorID: f.sw2b, Role: "MEMBER"}
			if mod != nil {
				mod(&a)
			}
			return f.svc.AddCaseMember(ctx, a)
		}
	}
	f.expectFailures(t, []failure{
		{name: "nobody signed in", call: call(nil), code: apperr.Unauthenticated},
		{name: "zone-10 social worker", as: f.sw10, call: call(nil), code: apperr.NotFound, msg: "Case"},
		{name: "provider", as: f.provider, call: call(nil), code: apperr.NotFound, msg: "Case"},
		{name: "unknown case", as: f.sw2, call: call(func(a *care.AddCaseMemberArgs) { a.CaseID = 987654 }), code: apperr.NotFound},
		{name: "front desk", as: f.frontDesk, call: call(nil), code: apperr.Forbidden, policy: care.WriteCaseTeam},
		{name: "a social worker of the zone not on the team", as: f.sw2b, call: call(nil), code: apperr.Forbidden, policy: care.WriteCaseTeam},
		{name: "stale version", as: f.sw2, call: call(func(a *care.AddCaseMemberArgs) { a.Version = 7 }), code: apperr.Conflict},
		{name: "unknown role", as: f.sw2, call: call(func(a *care.AddCaseMemberArgs) { a.Role = "BOSS" }), code: apperr.BadUserInput, field: "role"},
		{name: "social worker of another zone", as: f.sw2, call: call(func(a *care.AddCaseMemberArgs) { a.OperatorID = f.sw10 }), code: apperr.BadUserInput, field: "operatorId"},
		{name: "inactive operator", as: f.sw2, call: call(func(a *care.AddCaseMemberArgs) { a.OperatorID = f.inactive }), code: apperr.BadUserInput, field: "operatorId"},
		{name: "front-desk operator", as: f.sw2, call: call(func(a *care.AddCaseMemberArgs) { a.OperatorID = f.frontDesk }), code: apperr.BadUserInput, field: "operatorId"},
		{name: "provider operator", as: f.sw2, call: call(func(a *care.AddCaseMemberArgs) { a.OperatorID = f.provider }), code: apperr.BadUserInput, field: "operatorId"},
		{name: "unknown operator", as: f.sw2, call: call(func(a *care.AddCaseMemberArgs) { a.OperatorID = 987654 }), code: apperr.BadUserInput, field: "operatorId"},
		{name: "validFrom in the future", as: f.sw2, call: call(func(a *care.AddCaseMemberArgs) { a.ValidFrom = ptr(f.today.AddDate(0, 0, 1)) }), code: apperr.BadUserInput, field: "validFrom"},
		{name: "validFrom before the case was opened", as: f.sw2, call: call(func(a *care.AddCaseMemberArgs) { a.ValidFrom = ptr(f.today.AddDate(0, 0, -1)) }), code: apperr.BadUserInput, field: "validFrom"},
		{name: "already the responsible", as: f.sw2, call: call(func(a *care.AddCaseMemberArgs) { a.OperatorID = f.sw2; a.Role = "RESPONSIBLE" }), code: apperr.Conflict},
	})

	t.Run("the responsible adds a member", func(t *testing.T) {
		mustOK(t, add(f.sw2, care.AddCaseMemberArgs{CaseID: k, Version: 1, OperatorID: f.sw2b, Role: "MEMBER"}))
		if n := f.count(`case_member WHERE case_id = ? AND citizen_id = ? AND operator_id = ? AND role = 'MEMBER'
			AND valid_from = current_date AND valid_to IS NULL AND created_by = ?`, k, f.c2, f.sw2b, f.sw2); n != 1 {
			t.Error("member not recorded")
		}
		if v := f.caseVersion(k); v != 2 {
			t.Errorf("case version %d, want 2", v)
		}
		f.expectFailures(t, []failure{
			{name: "already a member with that role", as: f.sw2, call: call(nil), code: apperr.Conflict},
			{name: "a member who is not responsible", as: f.sw2b, call: call(func(a *care.AddCaseMemberArgs) { a.OperatorID = f.zm2 }), code: apperr.Forbidden, policy: care.WriteCaseTeam},
		})
	})

	t.Run("the zone manager adds a file manager", func(t *testing.T) {
		mustOK(t, add(f.zm2, care.AddCaseMemberArgs{CaseID: k, Version: 2, OperatorID: f.zm2, Role: "FILE_MANAGER"}))
		if v := f.caseVersion(k); v != 3 {
			t.Errorf("case version %d, want 3", v)
		}
	})

	t.Run("the zone manager hands the responsibility over", func(t *testing.T) {
		mustOK(t, add(f.zm2, care.AddCaseMemberArgs{CaseID: k, Version: 3, OperatorID: f.sw2b, Role: "RESPONSIBLE"}))
		var responsible int64
		f.scan(`SELECT responsible_operator_id FROM care_case WHERE id = ?`, []any{k}, &responsible)
		if responsible != f.sw2b || f.caseVersion(k) != 4 {
			t.Errorf("responsible %d, version %d", responsible, f.caseVersion(k))
		}
		// Opened today: the previous row cannot end before it started.
		if n := f.count(`case_member WHERE case_id = ? AND operator_id = ? AND role = 'RESPONSIBLE' AND valid_to = current_date`, k, f.sw2); n != 1 {
			t.Error("previous responsible's row not ended")
		}
		if n := f.count(`case_member WHERE case_id = ? AND operator_id = ? AND role = 'RESPONSIBLE' AND valid_to IS NULL AND valid_from = current_date`, k, f.sw2b); n != 1 {
			t.Error("new responsible's row not recorded")
		}
		if n := f.count(`case_member WHERE case_id = ? AND role = 'RESPONSIBLE' AND valid_to IS NULL`, k); n != 1 {
			t.Errorf("%d open RESPONSIBLE rows, want 1", n)
		}
	})

	t.Run("a backdated hand-over ends the previous row the day before", func(t *testing.T) {
		k2 := f.openCase(f.c2b, "POVERTY")
		f.exec(`UPDATE care_case SET opened_at = now() - interval '40 days' WHERE id = ?`, k2)
		f.exec(`UPDATE case_member SET valid_from = current_date - 40 WHERE case_id = ?`, k2)
		from := f.today.AddDate(0, 0, -10)
		mustOK(t, add(f.sw2, care.AddCaseMemberArgs{CaseID: k2, Version: 1, OperatorID: f.sw2b, Role: "RESPONSIBLE", ValidFrom: &from}))
		if n := f.count(`case_member WHERE case_id = ? AND operator_id = ? AND role = 'RESPONSIBLE' AND valid_to = current_date - 11`, k2, f.sw2); n != 1 {
			t.Error("previous responsible's row does not end the day before validFrom")
		}
		if n := f.count(`case_member WHERE case_id = ? AND operator_id = ? AND role = 'RESPONSIBLE' AND valid_from = current_date - 10`, k2, f.sw2b); n != 1 {
			t.Error("new responsible's row does not start on validFrom")
		}
		f.exec(`UPDATE care_case SET opened_at = now() - interval '3 years' WHERE id = ?`, k2)
		f.expectFailures(t, []failure{
			{name: "validFrom more than a year ago", as: f.sw2b, code: apperr.BadUserInput, field: "validFrom",
				call: func(ctx context.Context) error {
					return f.svc.AddCaseMember(ctx, care.AddCaseMemberArgs{CaseID: k2, Version: 2, OperatorID: f.zm2, Role: "MEMBER",
						ValidFrom: ptr(f.today.AddDate(-1, 0, -1))})
				}},
		})
	})
}

// ---------------------------------------------------------------------------
// changeCaseStatus and closeCase
// ---------------------------------------------------------------------------

func TestChangeCaseStatus(t *testing.T) {
	f := newFixture(t)
	k := f.openCase(f.c2, "ELDERLY")
	change := func(id int64, version int, status, reason string) func(ctx context.Context) error {
		return func(ctx context.Context) error { return f.svc.ChangeCaseStatus(ctx, id, version, status, reason) }
	}
	history := func(from, to string) int {
		return f.count(`case_status_change WHERE case_id = ? AND from_status = ? AND to_status = ?`, k, from, to)
	}

	f.expectFailures(t, []failure{
		{name: "nobody signed in", call: change(k, 1, "SUSPENDED", "r"), code: apperr.Unauthenticated},
		{name: "zone-10 social worker", as: f.sw10, call: change(k, 1, "SUSPENDED", "r"), code: apperr.NotFound, msg: "Case"},
		{name: "provider", as: f.provider, call: change(k, 1, "SUSPENDED", "r"), code: apperr.NotFound},
		{name: "unknown case", as: f.sw2, call: change(987654, 1, "SUSPENDED", "r"), code: apperr.NotFound},
		{name: "front desk", as: f.frontDesk, call: change(k, 1, "SUSPENDED", "r"), code: apperr.Forbidden, policy: care.WriteCaseStatus},
		{name: "social worker not on the team", as: f.sw2b, call: change(k, 1, "SUSPENDED", "r"), code: apperr.Forbidden, policy: care.WriteCaseStatus},
		{name: "closing here", as: f.sw2, call: change(k, 1, "CLOSED", "r"), code: apperr.BadUserInput, field: "status"},
		{name: "unknown status", as: f.sw2, call: change(k, 1, "PAUSED", "r"), code: apperr.BadUserInput, field: "status"},
		{name: "no reason", as: f.sw2, call: change(k, 1, "SUSPENDED", " "), code: apperr.BadUserInput, field: "reason"},
		{name: "reason too long", as: f.sw2, call: change(k, 1, "SUSPENDED", strings.Repeat("r", 2001)), code: apperr.BadUserInput, field: "reason"},
		{name: "stale version", as: f.sw2, call: change(k, 0, "SUSPENDED", "r"), code: apperr.Conflict},
		{name: "already OPEN", as: f.sw2, call: change(k, 1, "OPEN", "r"), code: apperr.Conflict, msg: "already OPEN"},
		{name: "OPEN to REOPENED", as: f.sw2, call: change(k, 1, "REOPENED", "r"), code: apperr.Conflict, msg: "from OPEN to REOPENED"},
		{name: "OPEN to PROPOSED", as: f.sw2, call: change(k, 1, "PROPOSED", "r"), code: apperr.Conflict, msg: "from OPEN to PROPOSED"},
	})

	t.Run("the responsible suspends", func(t *testing.T) {
		mustOK(t, f.svc.ChangeCaseStatus(f.as(f.sw2), k, 1, "SUSPENDED", " Ricovero ospedaliero "))
		if f.caseStatus(k) != "SUSPENDED" || f.caseVersion(k) != 2 {
			t.Errorf("status %s version %d", f.caseStatus(k), f.caseVersion(k))
		}
		if n := f.count(`case_status_change WHERE case_id = ? AND citizen_id = ? AND from_status = 'OPEN' AND to_status = 'SUSPENDED'
			AND changed_by = ? AND reason = 'Ricovero ospedaliero'`, k, f.c2, f.sw2); n != 1 {
			t.Error("status change not recorded")
		}
		f.expectFailures(t, []failure{
			{name: "SUSPENDED to REOPENED", as: f.sw2, call: change(k, 2, "REOPENED", "r"), code: apperr.Conflict, msg: "from SUSPENDED to REOPENED"},
			{name: "already SUSPENDED", as: f.sw2, call: change(k, 2, "SUSPENDED", "r"), code: apperr.Conflict},
		})
	})

	t.Run("the zone manager resumes", func(t *testing.T) {
		mustOK(t, f.svc.ChangeCaseStatus(f.as(f.zm2), k, 2, "OPEN", "Dimesso"))
		if f.caseStatus(k) != "OPEN" || f.caseVersion(k) != 3 || history("SUSPENDED", "OPEN") != 1 {
			t.Errorf("status %s version %d", f.caseStatus(k), f.caseVersion(k))
		}
	})

	t.Run("a team member who is not responsible may change the status", func(t *testing.T) {
		mustOK(t, f.svc.AddCaseMember(f.as(f.sw2), care.AddCaseMemberArgs{CaseID: k, Version: 3, OperatorID: f.sw2b, Role: "MEMBER"}))
		mustOK(t, f.svc.ChangeCaseStatus(f.as(f.sw2b), k, 4, "SUSPENDED", "Trasferimento temporaneo"))
		if f.caseStatus(k) != "SUSPENDED" || f.caseVersion(k) != 5 {
			t.Errorf("status %s version %d", f.caseStatus(k), f.caseVersion(k))
		}
	})

	t.Run("PROPOSED to OPEN", func(t *testing.T) {
		k2 := f.openCase(f.c2b, "POVERTY")
		f.exec(`UPDATE care_case SET status = 'PROPOSED' WHERE id = ?`, k2)
		mustOK(t, f.svc.ChangeCaseStatus(f.as(f.sw2), k2, 1, "OPEN", "Valutazione conclusa"))
		if f.caseStatus(k2) != "OPEN" {
			t.Errorf("status %s", f.caseStatus(k2))
		}
	})
}

func TestCloseAndReopenCase(t *testing.T) {
	f := newFixture(t)
	k := f.openCase(f.c2, "ELDERLY")
	mustOK(t, f.svc.AddCaseMember(f.as(f.sw2), care.AddCaseMemberArgs{CaseID: k, Version: 1, OperatorID: f.sw2b, Role: "MEMBER"}))
	closeCase := func(id int64, version int, reason, notes string) func(ctx context.Context) error {
		return func(ctx context.Context) error { return f.svc.CloseCase(ctx, id, version, reason, notes) }
	}

	f.expectFailures(t, []failure{
		{name: "nobody signed in", call: closeCase(k, 2, "GOALS_REACHED", ""), code: apperr.Unauthenticated},
		{name: "zone-10 social worker", as: f.sw10, call: closeCase(k, 2, "GOALS_REACHED", ""), code: apperr.NotFound},
		{name: "front desk", as: f.frontDesk, call: closeCase(k, 2, "GOALS_REACHED", ""), code: apperr.Forbidden, policy: care.WriteCaseStatus},
		{name: "unknown reason", as: f.sw2, call: closeCase(k, 2, "BORED", ""), code: apperr.BadUserInput, field: "reason"},
		{name: "OTHER without notes", as: f.sw2, call: closeCase(k, 2, "OTHER", "  "), code: apperr.BadUserInput, field: "notes"},
		{name: "notes too long", as: f.sw2, call: closeCase(k, 2, "GOALS_REACHED", strings.Repeat("n", 4001)), code: apperr.BadUserInput, field: "notes"},
		{name: "stale version", as: f.sw2, call: closeCase(k, 1, "GOALS_REACHED", ""), code: apperr.Conflict},
	})

	t.Run("the responsible closes", func(t *testing.T) {
		mustOK(t, f.svc.CloseCase(f.as(f.sw2), k, 2, "MOVED_AWAY", "Trasferito a Roma"))
		var (
			status, reason, notes string
			closedAt              sql.NullTime
			version               int
		)
		f.scan(`SELECT status, closure_reason, closure_notes, closed_at, version FROM care_case WHERE id = ?`, []any{k},
			&status, &reason, &notes, &closedAt, &version)
		if status != "CLOSED" || reason != "MOVED_AWAY" || notes != "Trasferito a Roma" || !closedAt.Valid || version != 3 {
			t.Errorf("closed case: %s %s %q %v %d", status, reason, notes, closedAt, version)
		}
		if n := f.count(`case_member WHERE case_id = ? AND (valid_to IS NULL OR valid_to <> current_date)`, k); n != 0 {
			t.Errorf("%d memberships not ended today", n)
		}
		if n := f.count(`case_status_change WHERE case_id = ? AND from_status = 'OPEN' AND to_status = 'CLOSED'
			AND changed_by = ? AND reason = 'MOVED_AWAY: Trasferito a Roma'`, k, f.sw2); n != 1 {
			t.Error("closure not in the history")
		}
		f.expectFailures(t, []failure{
			{name: "closed twice", as: f.sw2, call: closeCase(k, 3, "GOALS_REACHED", ""), code: apperr.Conflict, msg: "already CLOSED"},
			{name: "CLOSED to OPEN", as: f.sw2, code: apperr.Conflict, msg: "from CLOSED to OPEN",
				call: func(ctx context.Context) error { return f.svc.ChangeCaseStatus(ctx, k, 3, "OPEN", "r") }},
			{name: "team change on a closed case", as: f.sw2, code: apperr.Conflict, msg: "closed",
				call: func(ctx context.Context) error {
					return f.svc.AddCaseMember(ctx, care.AddCaseMemberArgs{CaseID: k, Version: 3, OperatorID: f.zm2, Role: "MEMBER"})
				}},
		})
	})

	t.Run("reopened the same day: the responsible's row is open again", func(t *testing.T) {
		mustOK(t, f.svc.ChangeCaseStatus(f.as(f.sw2), k, 3, "REOPENED", "Rientrato"))
		var (
			status        string
			closedAt      sql.NullTime
			reason, notes sql.NullString
			version       int
		)
		f.scan(`SELECT status, closed_at, closure_reason, closure_notes, version FROM care_case WHERE id = ?`, []any{k},
			&status, &closedAt, &reason, &notes, &version)
		if status != "REOPENED" || closedAt.Valid || reason.Valid || notes.Valid || version != 4 {
			t.Errorf("reopened case: %s %v %v %v %d", status, closedAt, reason, notes, version)
		}
		if n := f.count(`case_member WHERE case_id = ? AND role = 'RESPONSIBLE'`, k); n != 1 {
			t.Errorf("%d RESPONSIBLE rows, want the one reopened", n)
		}
		if n := f.count(`case_member WHERE case_id = ? AND role = 'RESPONSIBLE' AND operator_id = ? AND valid_to IS NULL`, k, f.sw2); n != 1 {
			t.Error("the responsible's membership was not restored")
		}
		if n := f.count(`case_member WHERE case_id = ? AND role = 'MEMBER' AND valid_to = current_date`, k); n != 1 {
			t.Error("the other members stay ended")
		}
		if n := f.count(`case_status_change WHERE case_id = ? AND from_status = 'CLOSED' AND to_status = 'REOPENED' AND reason = 'Rientrato'`, k); n != 1 {
			t.Error("reopening not in the history")
		}
		mustOK(t, f.svc.ChangeCaseStatus(f.as(f.sw2), k, 4, "SUSPENDED", "In attesa"))
		f.expectFailures(t, []failure{
			{name: "SUSPENDED (after a reopening) to REOPENED", as: f.sw2, code: apperr.Conflict,
				call: func(ctx context.Context) error { return f.svc.ChangeCaseStatus(ctx, k, 5, "REOPENED", "r") }},
		})
	})

	t.Run("closed from SUSPENDED with OTHER, reopened later by the zone manager", func(t *testing.T) {
		mustOK(t, f.svc.CloseCase(f.as(f.sw2), k, 5, "OTHER", "Rinuncia verbale"))
		if f.count(`case_status_change WHERE case_id = ? AND from_status = 'SUSPENDED' AND to_status = 'CLOSED' AND reason = 'OTHER: Rinuncia verbale'`, k) != 1 {
			t.Error("closure not in the history")
		}
		// Make the closure a month old: the team's memberships have ended.
		f.exec(`UPDATE case_member SET valid_from = valid_from - 60, valid_to = current_date - 30 WHERE case_id = ?`, k)
		f.expectFailures(t, []failure{
			{name: "a former member", as: f.sw2, code: apperr.Forbidden, policy: care.WriteCaseStatus,
				call: func(ctx context.Context) error { return f.svc.ChangeCaseStatus(ctx, k, 6, "REOPENED", "r") }},
		})
		mustOK(t, f.svc.ChangeCaseStatus(f.as(f.zm2), k, 6, "REOPENED", "Nuova richiesta"))
		if n := f.count(`case_member WHERE case_id = ? AND role = 'RESPONSIBLE' AND operator_id = ? AND valid_from = current_date AND valid_to IS NULL AND created_by = ?`,
			k, f.sw2, f.zm2); n != 1 {
			t.Error("a new RESPONSIBLE row from today was not inserted")
		}
		if n := f.count(`case_member WHERE case_id = ? AND role = 'RESPONSIBLE'`, k); n != 2 {
			t.Errorf("%d RESPONSIBLE rows, want the ended one and the new one", n)
		}
	})

	t.Run("reopening is refused when another case is open in the area", func(t *testing.T) {
		k2 := f.openCase(f.c2b, "POVERTY")
		mustOK(t, f.svc.CloseCase(f.as(f.sw2), k2, 1, "GOALS_REACHED", ""))
		f.openCase(f.c2b, "POVERTY")
		f.expectFailures(t, []failure{
			{name: "reopen with a newer open case", as: f.sw2, code: apperr.Conflict, msg: "an open case already exists",
				call: func(ctx context.Context) error { return f.svc.ChangeCaseStatus(ctx, k2, 2, "REOPENED", "r") }},
		})
	})

	t.Run("closed from PROPOSED", func(t *testing.T) {
		k3 := f.openCase(f.c2b, "DISABILITY")
		f.exec(`UPDATE care_case SET status = 'PROPOSED' WHERE id = ?`, k3)
		mustOK(t, f.svc.CloseCase(f.as(f.zm2), k3, 1, "NO_LONGER_ELIGIBLE", ""))
		if n := f.count(`case_status_change WHERE case_id = ? AND from_status = 'PROPOSED' AND to_status = 'CLOSED' AND reason = 'NO_LONGER_ELIGIBLE'`, k3); n != 1 {
			t.Error("closure not in the history")
		}
	})
}

// Concurrent retries with one key (a phone resending while the first
// request is still running) record the access once and all get its id.
func TestRegisterAccessConcurrentRetries(t *testing.T) {
	f := newFixture(t)
	key := "concurrent-retry-1"
	ctx := f.as(f.frontDesk)
	ids := make([]int64, 6)
	errs := make([]error, len(ids))
	var wg sync.WaitGroup
	for i := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ids[i], errs[i] = f.svc.RegisterAccess(ctx, care.RegisterAccessArgs{CitizenID: f.c2, OfficeID: f.ucPerugia,
				Channel: "PHONE", Needs: []care.NeedArgs{{Code: "EL_HOME_CARE"}}, Outcome: "INFORMATION", IdempotencyKey: &key})
		}()
	}
	wg.Wait()
	for i := range ids {
		if errs[i] != nil {
			t.Fatalf("retry %d: %v", i, errs[i])
		}
		if ids[i] != ids[0] {
			t.Errorf("retry %d got id %d, first %d", i, ids[i], ids[0])
		}
	}
	if n := f.count(`access WHERE idempotency_key = ?`, key); n != 1 {
		t.Errorf("%d accesses recorded, want 1", n)
	}
	if n := f.count(`access_need`); n != 1 {
		t.Errorf("%d needs recorded, want 1", n)
	}
}
