package care_test

import (
	"context"
	"database/sql"
	"math"
	"testing"
	"time"

	"github.com/siso-project/siso/internal/apperr"
	"github.com/siso-project/siso/internal/care"
)

// homeCare is a year of home care by the fixture's cooperative from the
// first day of last month: 10 hours a month, 240,000 cents in all, so
// 2,000 cents an hour.
func (w *careWorld) homeCare() care.RequestInterventionArgs {
	start := time.Date(w.today.Year(), w.today.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -1, 0)
	return care.RequestInterventionArgs{CaseID: w.k, TypeCode: "HOME_CARE", ProviderOrganizationID: w.orgCoop,
		StartDate: start, EndDate: ptr(start.AddDate(1, 0, -1)), AmountCents: 240000, UserShareCents: 20000,
		HealthShareCents: 10000, HoursPerMonth: ptr(10.0), FundingSourceCode: ptr("FNA"), MeansTested: true,
		IseeCents: ptr(int64(1200000))}
}

func (w *careWorld) interventionVersion(id int64) int {
	w.t.Helper()
	var v int
	w.scan(`SELECT version FROM intervention WHERE id = ?`, []any{id}, &v)
	return v
}

func (w *careWorld) interventionStatus(id int64) string {
	w.t.Helper()
	var s string
	w.scan(`SELECT status FROM intervention WHERE id = ?`, []any{id}, &s)
	return s
}

// request requests an intervention as sw2.
func (w *careWorld) request(a care.RequestInterventionArgs) int64 {
	w.t.Helper()
	id, err := w.svc.RequestIntervention(w.as(w.sw2), a)
	if err != nil {
		w.t.Fatalf("request intervention: %v", err)
	}
	return id
}

// ---------------------------------------------------------------------------
// requestIntervention
// ---------------------------------------------------------------------------

func TestRequestIntervention(t *testing.T) {
	w := newCareWorld(t)
	closed := w.closedCase()

	t.Run("a social worker of the team requests", func(t *testing.T) {
		a := w.homeCare()
		before := time.Now().Add(-time.Second)
		id, err := w.svc.RequestIntervention(w.as(w.sw2), a)
		mustOK(t, err)
		var (
			citizen, kase, provider, requestedBy int64
			zone, version                        int
			typ, status, funding                 string
			start, end                           time.Time
			amount, user, health, isee           int64
			hpm                                  float64
			means                                bool
			requestedAt                          time.Time
			authorizedAt, closedAt               sql.NullTime
		)
		w.scan(`SELECT citizen_id, case_id, provider_organization_id, requested_by, zone_id, version, type_code, status,
			funding_source_code, start_date, end_date, amount_cents, user_share_cents, health_share_cents, isee_cents,
			hours_per_month, means_tested, requested_at, authorized_at, closed_at FROM intervention WHERE id = ?`, []any{id},
			&citizen, &kase, &provider, &requestedBy, &zone, &version, &typ, &status, &funding, &start, &end, &amount, &user,
			&health, &isee, &hpm, &means, &requestedAt, &authorizedAt, &closedAt)
		if citizen != w.c2 || kase != w.k || provider != w.orgCoop || requestedBy != w.sw2 || zone != 2 || version != 1 ||
			typ != "HOME_CARE" || status != "REQUESTED" || funding != "FNA" || !start.Equal(a.StartDate) || !end.Equal(*a.EndDate) ||
			amount != 240000 || user != 20000 || health != 10000 || isee != 1200000 || hpm != 10 || !means ||
			requestedAt.Before(before) || authorizedAt.Valid || closedAt.Valid {
			t.Errorf("intervention row: %d %d %d %d %d %d %s %s %s %v %v %d %d %d %d %v %v %v", citizen, kase, provider, requestedBy,
				zone, version, typ, status, funding, start, end, amount, user, health, isee, hpm, means, requestedAt)
		}
		if n := w.count(`audit_event WHERE action = 'CREATE' AND object_type = 'Intervention' AND object_id = ? AND citizen_id = ?
			AND actor_operator_id = ? AND after->>'status' = 'REQUESTED'`, id, w.c2, w.sw2); n != 1 {
			t.Error("the request is not audited")
		}
	})

	t.Run("a municipality delivers without accreditation; no provider, no end, no funding", func(t *testing.T) {
		a := w.homeCare()
		a.ProviderOrganizationID = w.orgPerugia
		id, err := w.svc.RequestIntervention(w.as(w.swzm), a)
		mustOK(t, err)
		if n := w.count(`intervention WHERE id = ? AND provider_organization_id = ? AND requested_by = ?`, id, w.orgPerugia, w.swzm); n != 1 {
			t.Error("intervention not recorded")
		}
		id = w.request(care.RequestInterventionArgs{CaseID: w.k, TypeCode: "ECONOMIC_SUPPORT", StartDate: w.today, AmountCents: 50000})
		if n := w.count(`intervention WHERE id = ? AND provider_organization_id IS NULL AND end_date IS NULL AND hours_per_month IS NULL
			AND funding_source_code IS NULL AND isee_cents IS NULL AND NOT means_tested`, id); n != 1 {
			t.Error("intervention without optional fields not recorded as such")
		}
	})

	req := func(mod func(a *care.RequestInterventionArgs)) func(ctx context.Context) error {
		return func(ctx context.Context) error {
			a := w.homeCare()
			if mod != nil {
				mod(&a)
			}
			_, err := w.svc.RequestIntervention(ctx, a)
			return err
		}
	}
	w.expectFailures(t, []failure{
		{name: "nobody signed in", call: req(nil), code: apperr.Unauthenticated},
		{name: "front desk", as: w.frontDesk, call: req(nil), code: apperr.Forbidden, policy: care.WriteInterventionRequest},
		{name: "provider", as: w.provider, call: req(nil), code: apperr.Forbidden, policy: care.WriteInterventionRequest},
		{name: "zone manager", as: w.zm2, call: req(nil), code: apperr.Forbidden, policy: care.WriteInterventionRequest},
		{name: "analyst", as: w.analyst, call: req(nil), code: apperr.Forbidden, policy: care.WriteInterventionRequest},
		{name: "social worker of the zone, not on the team", as: w.sw2b, call: req(nil), code: apperr.Forbidden, policy: care.WriteInterventionRequest},
		{name: "zone-10 social worker", as: w.sw10, call: req(nil), code: apperr.NotFound, msg: "Case"},
		{name: "unknown case", as: w.sw2, call: req(func(a *care.RequestInterventionArgs) { a.CaseID = 987654 }), code: apperr.NotFound},
		{name: "closed case", as: w.sw2, call: req(func(a *care.RequestInterventionArgs) { a.CaseID = closed }), code: apperr.Conflict, msg: "closed"},
		{name: "no type", as: w.sw2, call: req(func(a *care.RequestInterventionArgs) { a.TypeCode = " " }), code: apperr.BadUserInput, field: "type"},
		{name: "unknown type", as: w.sw2, call: req(func(a *care.RequestInterventionArgs) { a.TypeCode = "SPA" }), code: apperr.BadUserInput, field: "type"},
		{name: "unknown provider", as: w.sw2, call: req(func(a *care.RequestInterventionArgs) { a.ProviderOrganizationID = 987654 }),
			code: apperr.BadUserInput, field: "providerId", msg: "unknown organization"},
		{name: "provider not accredited for the type", as: w.sw2, call: req(func(a *care.RequestInterventionArgs) { a.TypeCode = "TELECARE" }),
			code: apperr.BadUserInput, field: "providerId", msg: "not accredited for TELECARE"},
		{name: "provider whose accreditation ended", as: w.sw2, call: req(func(a *care.RequestInterventionArgs) {
			a.ProviderOrganizationID, a.StartDate, a.EndDate = w.orgLapsed, w.today, nil
		}), code: apperr.BadUserInput, field: "providerId", msg: "ended"},
		{name: "provider whose accreditation has not started", as: w.sw2, call: req(func(a *care.RequestInterventionArgs) {
			a.ProviderOrganizationID, a.StartDate, a.EndDate = w.orgLater, w.today, nil
		}), code: apperr.BadUserInput, field: "providerId", msg: "not started"},
		{name: "no start date", as: w.sw2, call: req(func(a *care.RequestInterventionArgs) { a.StartDate = time.Time{} }), code: apperr.BadUserInput, field: "startDate"},
		{name: "start more than a year ago", as: w.sw2, call: req(func(a *care.RequestInterventionArgs) { a.StartDate, a.EndDate = w.today.AddDate(-1, 0, -1), nil }),
			code: apperr.BadUserInput, field: "startDate"},
		{name: "start more than a year ahead", as: w.sw2, call: req(func(a *care.RequestInterventionArgs) { a.StartDate, a.EndDate = w.today.AddDate(1, 0, 1), nil }),
			code: apperr.BadUserInput, field: "startDate"},
		{name: "end before start", as: w.sw2, call: req(func(a *care.RequestInterventionArgs) { a.EndDate = ptr(a.StartDate.AddDate(0, 0, -1)) }),
			code: apperr.BadUserInput, field: "endDate"},
		{name: "end after five years", as: w.sw2, call: req(func(a *care.RequestInterventionArgs) { a.EndDate = ptr(a.StartDate.AddDate(5, 0, 1)) }),
			code: apperr.BadUserInput, field: "endDate"},
		{name: "negative amount", as: w.sw2, call: req(func(a *care.RequestInterventionArgs) { a.AmountCents = -1 }), code: apperr.BadUserInput, field: "amountCents"},
		{name: "negative user share", as: w.sw2, call: req(func(a *care.RequestInterventionArgs) { a.UserShareCents = -1 }), code: apperr.BadUserInput, field: "userShareCents"},
		{name: "shares above the amount", as: w.sw2, call: req(func(a *care.RequestInterventionArgs) { a.UserShareCents = 235000 }), code: apperr.BadUserInput, field: "userShareCents"},
		{name: "health share above the amount", as: w.sw2, call: req(func(a *care.RequestInterventionArgs) { a.UserShareCents, a.HealthShareCents = 0, 240001 }),
			code: apperr.BadUserInput, field: "healthShareCents"},
		{name: "hours per month above 744", as: w.sw2, call: req(func(a *care.RequestInterventionArgs) { a.HoursPerMonth = ptr(745.0) }), code: apperr.BadUserInput, field: "hoursPerMonth"},
		{name: "negative hours per month", as: w.sw2, call: req(func(a *care.RequestInterventionArgs) { a.HoursPerMonth = ptr(-1.0) }), code: apperr.BadUserInput, field: "hoursPerMonth"},
		{name: "unknown funding source", as: w.sw2, call: req(func(a *care.RequestInterventionArgs) { a.FundingSourceCode = ptr("LOTTERY") }),
			code: apperr.BadUserInput, field: "fundingSource"},
		{name: "negative ISEE", as: w.sw2, call: req(func(a *care.RequestInterventionArgs) { a.IseeCents = ptr(int64(-5)) }), code: apperr.BadUserInput, field: "iseeCents"},
		{name: "ISEE without means test", as: w.sw2, call: req(func(a *care.RequestInterventionArgs) { a.MeansTested = false }), code: apperr.BadUserInput, field: "iseeCents"},
	})

	t.Run("API clients do not write", func(t *testing.T) {
		expectErr(t, req(nil)(apiClient()), apperr.Forbidden, "", care.WriteClient, "")
	})
}

// ---------------------------------------------------------------------------
// The path of an intervention: requested, authorized, delivered, closed
// ---------------------------------------------------------------------------

func TestInterventionLifecycle(t *testing.T) {
	w := newCareWorld(t)
	args := w.homeCare()
	iv := w.request(args)
	start := args.StartDate
	lastMonth := start.Format("2006-01")
	var thisMonth string
	w.scan(`SELECT to_char(now() AT TIME ZONE 'Europe/Rome', 'YYYY-MM')`, nil, &thisMonth)

	authorize := func(id int64, version int, approve bool, reason string) func(ctx context.Context) error {
		return func(ctx context.Context) error { return w.svc.AuthorizeIntervention(ctx, id, version, approve, reason) }
	}
	deliver := func(mod func(a *care.RecordActivityArgs)) func(ctx context.Context) error {
		return func(ctx context.Context) error {
			a := care.RecordActivityArgs{InterventionID: iv, Kind: "DELIVERED_HOURS", Hours: ptr(4.0),
				OccurredAt: ptr(time.Date(start.Year(), start.Month(), 15, 10, 0, 0, 0, time.UTC))}
			if mod != nil {
				mod(&a)
			}
			_, err := w.svc.RecordActivity(ctx, a)
			return err
		}
	}
	closeIv := func(id int64, version int, end *time.Time, reason string) func(ctx context.Context) error {
		return func(ctx context.Context) error { return w.svc.CloseIntervention(ctx, id, version, end, reason) }
	}

	t.Run("while REQUESTED", func(t *testing.T) {
		w.expectFailures(t, []failure{
			{name: "front desk authorizes", as: w.frontDesk, call: authorize(iv, 1, true, ""), code: apperr.Forbidden, policy: care.WriteInterventionAuthorize},
			{name: "the requesting social worker authorizes", as: w.sw2, call: authorize(iv, 1, true, ""), code: apperr.Forbidden, policy: care.WriteInterventionAuthorize},
			{name: "provider authorizes", as: w.provider, call: authorize(iv, 1, true, ""), code: apperr.Forbidden, policy: care.WriteInterventionAuthorize},
			{name: "zone manager of another zone", as: w.zm10, call: authorize(iv, 1, true, ""), code: apperr.NotFound, msg: "Intervention"},
			{name: "unknown intervention", as: w.zm2, call: authorize(987654, 1, true, ""), code: apperr.NotFound},
			{name: "stale version", as: w.zm2, call: authorize(iv, 0, true, ""), code: apperr.Conflict, msg: "version 1, you had 0"},
			{name: "refused without a reason", as: w.zm2, call: authorize(iv, 1, false, "  "), code: apperr.BadUserInput, field: "reason"},
			{name: "provider records a delivery before authorization", as: w.provider, call: deliver(nil), code: apperr.NotFound},
			{name: "the team records a delivery before authorization", as: w.sw2, call: deliver(nil), code: apperr.Conflict, msg: "REQUESTED"},
			{name: "closing a REQUESTED intervention", as: w.sw2, call: closeIv(iv, 1, nil, "r"), code: apperr.Conflict, msg: "REQUESTED"},
		})
	})

	t.Run("a zone manager who requested cannot authorize their own request", func(t *testing.T) {
		a := w.homeCare()
		own, err := w.svc.RequestIntervention(w.as(w.swzm), a)
		mustOK(t, err)
		w.expectFailures(t, []failure{
			{name: "own request", as: w.swzm, call: authorize(own, 1, true, ""), code: apperr.Forbidden, policy: care.WriteInterventionAuthorize},
		})
		mustOK(t, w.svc.AuthorizeIntervention(w.as(w.zm2), own, 1, true, ""))
	})

	t.Run("the zone manager authorizes", func(t *testing.T) {
		mustOK(t, w.svc.AuthorizeIntervention(w.as(w.zm2), iv, 1, true, "Approvato"))
		var (
			status   string
			by       int64
			at       sql.NullTime
			closedAt sql.NullTime
			reason   sql.NullString
		)
		w.scan(`SELECT status, authorized_by, authorized_at, closed_at, closure_reason FROM intervention WHERE id = ?`, []any{iv},
			&status, &by, &at, &closedAt, &reason)
		if status != "AUTHORIZED" || by != w.zm2 || !at.Valid || closedAt.Valid || reason.Valid || w.interventionVersion(iv) != 2 {
			t.Errorf("authorized intervention: %s %d %v %v %v v%d", status, by, at, closedAt, reason, w.interventionVersion(iv))
		}
		if n := w.count(`audit_event WHERE action = 'UPDATE' AND object_type = 'Intervention' AND object_id = ?
			AND before->>'status' = 'REQUESTED' AND after->>'status' = 'AUTHORIZED' AND actor_operator_id = ?`, iv, w.zm2); n != 1 {
			t.Error("the authorization is not audited")
		}
		w.expectFailures(t, []failure{
			{name: "authorized twice", as: w.zm2, call: authorize(iv, 2, true, ""), code: apperr.Conflict, msg: "already AUTHORIZED"},
			{name: "refused once authorized", as: w.zm2, call: authorize(iv, 2, false, "No"), code: apperr.Conflict, msg: "already AUTHORIZED"},
		})
	})

	t.Run("who may record on the intervention", func(t *testing.T) {
		w.expectFailures(t, []failure{
			{name: "provider of another organization", as: w.provider2, call: deliver(nil), code: apperr.NotFound, msg: "Intervention"},
			{name: "zone social worker not on the team", as: w.sw2b, call: deliver(nil), code: apperr.Forbidden, policy: care.WriteDelivery},
			{name: "zone manager not on the team", as: w.zm2, call: deliver(nil), code: apperr.Forbidden, policy: care.WriteDelivery},
			{name: "front desk", as: w.frontDesk, call: deliver(nil), code: apperr.NotFound},
			{name: "provider writes a note", as: w.provider, call: deliver(func(a *care.RecordActivityArgs) { a.Kind, a.Text, a.Hours = "NOTE", ptr("x"), nil }),
				code: apperr.Forbidden, policy: care.WriteActivityProvider},
			{name: "provider records a meeting", as: w.provider, call: deliver(func(a *care.RecordActivityArgs) { a.Kind = "MEETING" }),
				code: apperr.Forbidden, policy: care.WriteActivityProvider},
			{name: "provider writes text", as: w.provider, call: deliver(func(a *care.RecordActivityArgs) { a.Text = ptr("Tutto bene") }),
				code: apperr.Forbidden, policy: care.WriteActivityProvider},
			{name: "provider marks confidential", as: w.provider, call: deliver(func(a *care.RecordActivityArgs) { a.Confidential = true }),
				code: apperr.Forbidden, policy: care.WriteActivityProvider},
			{name: "delivery without hours", as: w.provider, call: deliver(func(a *care.RecordActivityArgs) { a.Hours = nil }), code: apperr.BadUserInput, field: "hours"},
			{name: "delivery before the start", as: w.provider, call: deliver(func(a *care.RecordActivityArgs) {
				a.OccurredAt = ptr(start.AddDate(0, 0, -2).Add(12 * time.Hour))
			}), code: apperr.BadUserInput, field: "occurredAt"},
			{name: "case of another intervention", as: w.provider, call: deliver(func(a *care.RecordActivityArgs) { a.CaseID = 987654 }),
				code: apperr.BadUserInput, field: "caseId"},
		})
		// A grant to the other cooperative lets it see the case, not
		// record deliveries of an intervention it does not provide.
		_, err := w.svc.GrantCaseAccess(w.as(w.sw2), care.GrantCaseAccessArgs{CaseID: w.k, GranteeOrganizationID: w.orgCoop2,
			ValidTo: time.Now().Add(24 * time.Hour), Reason: "Valutazione di un servizio integrativo"})
		mustOK(t, err)
		w.expectFailures(t, []failure{
			{name: "provider of another organization that sees the case", as: w.provider2, call: deliver(nil),
				code: apperr.Forbidden, policy: care.WriteDelivery},
		})
	})

	t.Run("the provider's first delivery makes it ACTIVE", func(t *testing.T) {
		id, err := w.svc.RecordActivity(w.as(w.provider), care.RecordActivityArgs{InterventionID: iv, Kind: "DELIVERED_HOURS",
			Hours: ptr(4.0), OccurredAt: ptr(time.Date(start.Year(), start.Month(), 15, 10, 0, 0, 0, time.UTC))})
		mustOK(t, err)
		if n := w.count(`activity WHERE id = ? AND citizen_id = ? AND case_id = ? AND intervention_id = ? AND operator_id = ?
			AND kind = 'DELIVERED_HOURS' AND hours = 4 AND amount_cents IS NULL AND text IS NULL AND NOT confidential`,
			id, w.c2, w.k, iv, w.provider); n != 1 {
			t.Error("delivery not recorded with the intervention's citizen and case")
		}
		if s, v := w.interventionStatus(iv), w.interventionVersion(iv); s != "ACTIVE" || v != 3 {
			t.Errorf("intervention %s v%d, want ACTIVE v3", s, v)
		}
		if n := w.audits("CREATE", "Activity", id); n != 1 {
			t.Error("the delivery is not audited")
		}
		if n := w.count(`audit_event WHERE action = 'UPDATE' AND object_type = 'Intervention' AND object_id = ?
			AND before->>'status' = 'AUTHORIZED' AND after->>'status' = 'ACTIVE' AND actor_operator_id = ?`, iv, w.provider); n != 1 {
			t.Error("the activation is not audited")
		}
	})

	t.Run("two months of deliveries roll up per month", func(t *testing.T) {
		_, err := w.svc.RecordActivity(w.as(w.provider), care.RecordActivityArgs{InterventionID: iv, Kind: "DELIVERED_HOURS",
			Hours: ptr(2.0), AmountCents: ptr(int64(5000)), OccurredAt: ptr(time.Date(start.Year(), start.Month(), 20, 9, 0, 0, 0, time.UTC))})
		mustOK(t, err)
		_, err = w.svc.RecordActivity(w.as(w.provider), care.RecordActivityArgs{InterventionID: iv, Kind: "HOME_VISIT",
			OccurredAt: ptr(time.Date(start.Year(), start.Month(), 21, 9, 0, 0, 0, time.UTC))})
		mustOK(t, err)
		// A team member records hours too, this month, with a note.
		_, err = w.svc.RecordActivity(w.as(w.sw2), care.RecordActivityArgs{CaseID: w.k, InterventionID: iv, Kind: "DELIVERED_HOURS",
			Hours: ptr(3.5), Text: ptr("Ore rendicontate dalla cooperativa per telefono")})
		mustOK(t, err)
		if s, v := w.interventionStatus(iv), w.interventionVersion(iv); s != "ACTIVE" || v != 3 {
			t.Errorf("intervention %s v%d: later deliveries change nothing", s, v)
		}

		want := []care.MonthTotal{
			{Month: lastMonth, Hours: 6, AmountCents: 4*2000 + 5000, Entries: 2, EstimatedEntries: 1},
			{Month: thisMonth, Hours: 3.5, AmountCents: 7000, Entries: 1, EstimatedEntries: 1},
		}
		for _, as := range []int64{w.sw2, w.zm2, w.provider, w.provider2 /* sees the case by grant */} {
			got, err := w.svc.DeliveryByMonth(w.as(as), iv)
			mustOK(t, err)
			if len(got) != len(want) {
				t.Fatalf("as %d: %+v, want %+v", as, got, want)
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("as %d, month %d: %+v, want %+v", as, i, got[i], want[i])
				}
			}
		}
		for _, c := range []struct {
			name string
			as   int64
			code apperr.Code
		}{{"nobody", 0, apperr.Unauthenticated}, {"front desk", w.frontDesk, apperr.NotFound}, {"zone-10 manager", w.zm10, apperr.NotFound}} {
			_, err := w.svc.DeliveryByMonth(w.as(c.as), iv)
			if apperr.CodeOf(err) != c.code {
				t.Errorf("%s: %v, want %s", c.name, err, c.code)
			}
		}
		// An API client of the zone reads the roll-up with
		// interventions:read (the "delivery" rule), not without.
		got, err := w.svc.DeliveryByMonth(apiClient(), iv)
		mustOK(t, err)
		if len(got) != 2 {
			t.Errorf("API client: %+v", got)
		}
		_, err = w.svc.DeliveryByMonth(apiClientWithout("delivery"), iv)
		expectErr(t, err, apperr.Forbidden, "", "delivery", "")
	})

	t.Run("closing", func(t *testing.T) {
		v := w.interventionVersion(iv)
		w.expectFailures(t, []failure{
			{name: "provider", as: w.provider, call: closeIv(iv, v, nil, "Fine"), code: apperr.Forbidden, policy: care.WriteInterventionClose},
			{name: "social worker not on the team", as: w.sw2b, call: closeIv(iv, v, nil, "Fine"), code: apperr.Forbidden, policy: care.WriteInterventionClose},
			{name: "front desk", as: w.frontDesk, call: closeIv(iv, v, nil, "Fine"), code: apperr.NotFound},
			{name: "zone-10 manager", as: w.zm10, call: closeIv(iv, v, nil, "Fine"), code: apperr.NotFound},
			{name: "no reason", as: w.sw2, call: closeIv(iv, v, nil, " "), code: apperr.BadUserInput, field: "reason"},
			{name: "stale version", as: w.sw2, call: closeIv(iv, v-1, nil, "Fine"), code: apperr.Conflict},
			{name: "end before the start", as: w.sw2, call: closeIv(iv, v, ptr(start.AddDate(0, 0, -1)), "Fine"), code: apperr.BadUserInput, field: "endDate"},
			{name: "end in the future", as: w.sw2, call: closeIv(iv, v, ptr(w.today.AddDate(0, 0, 1)), "Fine"), code: apperr.BadUserInput, field: "endDate"},
			{name: "end before the last delivery", as: w.sw2, call: closeIv(iv, v, ptr(w.today.AddDate(0, 0, -1)), "Fine"),
				code: apperr.BadUserInput, field: "endDate", msg: "delivered after"},
		})
		mustOK(t, w.svc.CloseIntervention(w.as(w.sw2), iv, v, nil, " Obiettivi raggiunti "))
		var (
			status, reason string
			end            time.Time
			closedBy       int64
			closedAt       sql.NullTime
		)
		w.scan(`SELECT status, closure_reason, end_date, closed_by, closed_at FROM intervention WHERE id = ?`, []any{iv},
			&status, &reason, &end, &closedBy, &closedAt)
		if status != "CLOSED" || reason != "Obiettivi raggiunti" || !end.Equal(w.today) || closedBy != w.sw2 || !closedAt.Valid ||
			w.interventionVersion(iv) != v+1 {
			t.Errorf("closed intervention: %s %q %v %d %v", status, reason, end, closedBy, closedAt)
		}
		if n := w.count(`audit_event WHERE action = 'UPDATE' AND object_type = 'Intervention' AND object_id = ?
			AND before->>'status' = 'ACTIVE' AND after->>'status' = 'CLOSED'`, iv); n != 1 {
			t.Error("the closure is not audited")
		}
		w.expectFailures(t, []failure{
			{name: "closed twice", as: w.sw2, call: closeIv(iv, v+1, nil, "Fine"), code: apperr.Conflict, msg: "CLOSED"},
			{name: "the team records hours on a closed intervention", as: w.sw2, call: deliver(func(a *care.RecordActivityArgs) { a.OccurredAt = nil }),
				code: apperr.Conflict, msg: "CLOSED"},
			// The cooperative still delivers another (authorized)
			// intervention to the citizen, so it still sees this one.
			{name: "the provider records hours on a closed intervention", as: w.provider, call: deliver(nil), code: apperr.Conflict, msg: "CLOSED"},
		})
		// The roll-up stays readable by the team.
		got, err := w.svc.DeliveryByMonth(w.as(w.sw2), iv)
		mustOK(t, err)
		if len(got) != 2 {
			t.Errorf("roll-up after closing: %+v", got)
		}
	})

	t.Run("the zone manager refuses a request and closes an authorized one", func(t *testing.T) {
		refused := w.request(w.homeCare())
		mustOK(t, w.svc.AuthorizeIntervention(w.as(w.zm2), refused, 1, false, " Risorse esaurite "))
		if n := w.count(`intervention WHERE id = ? AND status = 'REFUSED' AND closure_reason = 'Risorse esaurite' AND closed_by = ?
			AND closed_at IS NOT NULL AND authorized_at IS NULL AND version = 2`, refused, w.zm2); n != 1 {
			t.Error("refusal not recorded")
		}
		if n := w.audits("UPDATE", "Intervention", refused); n != 1 {
			t.Errorf("%d audit events of the refusal", n)
		}
		w.expectFailures(t, []failure{
			{name: "closing a REFUSED intervention", as: w.zm2, call: closeIv(refused, 2, nil, "Fine"), code: apperr.Conflict, msg: "REFUSED"},
			{name: "authorizing a REFUSED intervention", as: w.zm2, call: authorize(refused, 2, true, ""), code: apperr.Conflict, msg: "already REFUSED"},
		})

		// Authorized, never started (it starts next month), closed by the
		// zone manager: it ends on its start date.
		a := w.homeCare()
		a.StartDate, a.EndDate = w.today.AddDate(0, 1, 0), nil
		later := w.request(a)
		mustOK(t, w.svc.AuthorizeIntervention(w.as(w.zm2), later, 1, true, ""))
		mustOK(t, w.svc.CloseIntervention(w.as(w.zm2), later, 2, nil, "Rinuncia"))
		if n := w.count(`intervention WHERE id = ? AND status = 'CLOSED' AND end_date = start_date AND closed_by = ?`, later, w.zm2); n != 1 {
			t.Error("a never started intervention does not end on its start date")
		}
	})

	t.Run("without an end date the rate is unknown: hours are counted, not valued", func(t *testing.T) {
		a := w.homeCare()
		a.EndDate = nil
		open := w.request(a)
		mustOK(t, w.svc.AuthorizeIntervention(w.as(w.zm2), open, 1, true, ""))
		_, err := w.svc.RecordActivity(w.as(w.provider), care.RecordActivityArgs{InterventionID: open, Kind: "DELIVERED_HOURS", Hours: ptr(1.25)})
		mustOK(t, err)
		_, err = w.svc.RecordActivity(w.as(w.provider), care.RecordActivityArgs{InterventionID: open, Kind: "DELIVERED_HOURS", Hours: ptr(2.0),
			AmountCents: ptr(int64(3000))})
		mustOK(t, err)
		got, err := w.svc.DeliveryByMonth(w.as(w.provider), open)
		mustOK(t, err)
		want := care.MonthTotal{Month: thisMonth, Hours: 3.25, AmountCents: 3000, Entries: 2, UnpricedEntries: 1}
		if len(got) != 1 || got[0] != want {
			t.Errorf("roll-up %+v, want %+v", got, want)
		}
		if s := w.interventionStatus(open); s != "ACTIVE" {
			t.Errorf("status %s", s)
		}
	})
}

// An intervention whose hours and amount are both known values hours at
// amount / (hours per month × planned months), not amount / hours per month.
func TestDeliveryRateOverTheWholeSpan(t *testing.T) {
	w := newCareWorld(t)
	a := w.homeCare() // 12 months × 10 h, 240,000 cents: 2,000 cents an hour
	a.StartDate = time.Date(w.today.Year(), w.today.Month(), 1, 0, 0, 0, 0, time.UTC)
	a.EndDate = ptr(a.StartDate.AddDate(1, 0, -1))
	id := w.request(a)
	mustOK(t, w.svc.AuthorizeIntervention(w.as(w.zm2), id, 1, true, ""))
	_, err := w.svc.RecordActivity(w.as(w.provider), care.RecordActivityArgs{InterventionID: id, Kind: "DELIVERED_HOURS", Hours: ptr(10.0)})
	mustOK(t, err)
	got, err := w.svc.DeliveryByMonth(w.as(w.sw2), id)
	mustOK(t, err)
	if len(got) != 1 || got[0].AmountCents != 20000 || math.Abs(got[0].Hours-10) > 1e-9 {
		t.Errorf("roll-up %+v, want 10 hours worth 20000 cents", got)
	}
}

// ---------------------------------------------------------------------------
// Idempotency keys of assessments and interventions, once the migration
// adding their column has run
// ---------------------------------------------------------------------------

func TestIdempotencyKeysWithTheirColumns(t *testing.T) {
	w := newCareWorld(t)
	w.addKeyColumns()

	t.Run("assessment", func(t *testing.T) {
		key := "assessment-retry-1"
		args := care.RecordAssessmentArgs{CaseID: w.k, Kind: "SINA", Sina: sina(), IdempotencyKey: &key}
		id1, err := w.svc.RecordAssessment(w.as(w.sw2), args)
		mustOK(t, err)
		snap := w.snapshot()
		id2, err := w.svc.RecordAssessment(w.as(w.sw2), args)
		mustOK(t, err)
		if id1 != id2 || w.snapshot() != snap {
			t.Errorf("replay: ids %d %d, wrote %v", id1, id2, w.snapshot() != snap)
		}
		if n := w.count(`assessment WHERE idempotency_key = ?`, key); n != 1 {
			t.Errorf("%d assessments with the key", n)
		}
		if n := w.count(`audit_event WHERE object_type = 'Assessment' AND after->'idempotency_key' IS NOT NULL`); n != 0 {
			t.Error("the audit trail carries the idempotency key")
		}
		w.expectFailures(t, []failure{{name: "key of another operator", as: w.swzm, code: apperr.Conflict,
			call: func(ctx context.Context) error { _, err := w.svc.RecordAssessment(ctx, args); return err }}})
	})

	t.Run("intervention", func(t *testing.T) {
		key := "intervention-retry-1"
		args := w.homeCare()
		args.IdempotencyKey = &key
		id1, err := w.svc.RequestIntervention(w.as(w.sw2), args)
		mustOK(t, err)
		snap := w.snapshot()
		id2, err := w.svc.RequestIntervention(w.as(w.sw2), args)
		mustOK(t, err)
		if id1 != id2 || w.snapshot() != snap {
			t.Errorf("replay: ids %d %d, wrote %v", id1, id2, w.snapshot() != snap)
		}
		if n := w.count(`intervention WHERE idempotency_key = ?`, key); n != 1 {
			t.Errorf("%d interventions with the key", n)
		}
		w.expectFailures(t, []failure{{name: "key of another operator", as: w.swzm, code: apperr.Conflict,
			call: func(ctx context.Context) error { _, err := w.svc.RequestIntervention(ctx, args); return err }}})
	})
}
