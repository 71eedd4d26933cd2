package seed

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
)

// Target sizes of the demo year, for demoCitizens citizens.
const (
	demoAccesses = 12000
	demoCases    = 3000
)

type accessRec struct {
	id              int64
	p               *person // nil: anonymous
	at              time.Time
	office          *office
	op              *operator
	channel         string
	speakerKind     string
	speakerName     string
	speakerContact  string
	speakerRelation string
	needs           []string
	services        []string
	outcome         string
	notes           string
}

type statusChange struct {
	from, to string
	at       time.Time
	by       *operator
	reason   string
}

type careCase struct {
	id             int64
	p              *person
	z              *zone
	area           string
	status         string
	legacy         bool
	opened         time.Time
	reopened       time.Time
	closed         time.Time
	closureReason  string
	responsible    *operator
	members        []*operator
	source         *accessRec
	sourceReferral *referralRec
	changes        []statusChange
	interventions  []*intervRec
}

// end is when the case stopped being worked on: its closure, or now.
func (c *careCase) end(now time.Time) time.Time {
	if !c.closed.IsZero() {
		return c.closed
	}
	return now
}

type referralRec struct {
	id                             int64
	p                              *person
	access                         *accessRec
	kase                           *careCase
	from                           *office
	fromZone                       int32
	toOffice                       *office
	toOrg                          *org
	toZone                         int32
	reason, status, rejection      string
	proposed, seen, answered       time.Time
	proposedBy, seenBy, answeredBy *operator
}

type intervRec struct {
	id                        int64
	c                         *careCase // nil: outside a case
	p                         *person
	zone                      int32
	typ                       string
	provider                  *org
	status                    string
	start, end                time.Time // dates; end may be zero
	amount, userShare, health int64
	hpm                       float64
	funding                   string
	means                     bool
	isee                      int64
	iseeKnown                 bool
	reqAt, authAt, closedAt   time.Time
	reqBy, authBy, closedBy   *operator
	closure                   string
	planted                   bool
}

func (g *gen) careYear() {
	var accessors []*person
	for _, p := range g.persons {
		if p.profile != "" {
			accessors = append(accessors, p)
		}
	}
	g.selectCases(accessors)
	g.planAccesses(accessors)
	g.plantRecentAccesses()
	g.openCases()
	for _, c := range g.cases {
		g.caseLife(c)
	}
	g.plantOverlaps()
	g.accessReferrals()
	g.caseReferrals()
	g.plantReferrals()
	g.anonymousAccesses(len(g.persons) * demoAccesses / demoCitizens * 3 / 100)
	g.registration()

	g.emitPeople()
	g.consents()
	g.emitAccesses()
	g.emitReferrals()
	g.emitCases()
	g.emitInterventions()
	g.deliveries()
}

// Cases: who is taken into care.

var caseWeight = map[string]float64{
	"ELDERLY": .55, "DISABILITY": .85, "FAMILY_MINORS": .85, "DEPENDENCIES": .6,
	"IMMIGRANTS": .35, "POVERTY": .45, "MULTI_USER": .04,
}

func (g *gen) selectCases(accessors []*person) {
	type keyed struct {
		p   *person
		key float64
	}
	ks := make([]keyed, len(accessors))
	for i, p := range accessors {
		w := caseWeight[p.profile]
		if p.unaccMinor {
			w = 1000
		}
		// Weighted sampling without replacement (Efraimidis–Spirakis).
		ks[i] = keyed{p, math.Pow(g.rng.Float64(), 1/w)}
	}
	sort.SliceStable(ks, func(i, j int) bool { return ks[i].key > ks[j].key })
	n := min(len(ks), demoCases*len(g.persons)/demoCitizens)
	chosen := make([]*person, 0, n)
	for _, k := range ks[:n] {
		chosen = append(chosen, k.p)
	}
	sort.Slice(chosen, func(i, j int) bool { return chosen[i].id < chosen[j].id })

	quota := map[string]int{"as.perugia": 20, "as.terni": 25}
	for _, p := range chosen {
		z := g.zoneOf(p)
		c := &careCase{id: g.id("care_case"), p: p, z: z, area: p.profile}
		c.legacy = !p.unaccMinor && g.chance(22)
		// The demo social workers get their share first, then the others.
		var resp *operator
		for _, sw := range z.socialWorkers {
			if q, ok := quota[sw.username]; ok && q > 0 {
				resp = sw
				quota[sw.username]--
				break
			}
		}
		if resp == nil {
			var others []*operator
			for _, sw := range z.socialWorkers {
				if _, demo := quota[sw.username]; !demo {
					others = append(others, sw)
				}
			}
			resp = pick(g, others)
		}
		c.responsible = resp
		p.kase = c
		g.cases = append(g.cases, c)
	}
}

// Accesses.

func (g *gen) planAccesses(accessors []*person) {
	total := len(g.persons) * demoAccesses / demoCitizens
	nonAnon := total - total*3/100 - 24 // the planted recent accesses
	counts := make([]int, len(accessors))
	cum := make([]float64, len(accessors))
	var acc float64
	for i, p := range accessors {
		counts[i] = 1
		w := 1.0
		switch {
		case p.kase != nil:
			w = 3
		case p.profile == "ELDERLY":
			w = 1.3
		}
		acc += w
		cum[i] = acc
	}
	for range max(0, nonAnon-len(accessors)) {
		x := g.rng.Float64() * acc
		i := sort.SearchFloat64s(cum, x)
		counts[min(i, len(cum)-1)]++
	}
	for i, p := range accessors {
		times := make([]time.Time, counts[i])
		for j := range times {
			times[j] = g.workTimeBetween(g.yearStart, g.now)
		}
		sort.Slice(times, func(a, b int) bool { return times[a].Before(times[b]) })
		for _, t := range times {
			g.newAccess(p, t, nil, nil)
		}
	}
}

func (g *gen) deskOperator(of *office) *operator {
	if len(of.frontDesk) == 0 {
		return g.zones[of.zone].frontDesk[0]
	}
	if of.frontDesk[0].username == "sportello.perugia" && g.chance(65) {
		return of.frontDesk[0]
	}
	return pick(g, of.frontDesk)
}

// newAccess records an access of p at t; office and operator are chosen
// when nil.
func (g *gen) newAccess(p *person, t time.Time, of *office, op *operator) *accessRec {
	z := g.zoneOf(p)
	a := &accessRec{p: p, at: t}
	if of == nil {
		if g.chance(8) || (p.kase != nil && p.kase.legacy && g.chance(25)) {
			of = z.social
		} else {
			of = g.citizensOfficeFor(p.res)
		}
	}
	if op == nil {
		if of.kind == "SOCIAL_SERVICE" {
			op = pick(g, z.socialWorkers)
			if p.kase != nil && g.chance(70) {
				op = p.kase.responsible
			}
		} else {
			op = g.deskOperator(of)
		}
	}
	a.office, a.op = of, op
	if of.kind == "SOCIAL_SERVICE" {
		a.channel = g.pickW([]wstr{{"IN_PERSON", 50}, {"PHONE", 25}, {"HOME_VISIT", 20}, {"EMAIL", 5}})
	} else {
		a.channel = g.pickW([]wstr{{"IN_PERSON", 78}, {"PHONE", 15}, {"EMAIL", 5}, {"OTHER", 2}})
	}
	g.speaker(a)
	a.needs = []string{p.needs[0]}
	for _, n := range p.needs[1:] {
		if g.chance(55) {
			a.needs = append(a.needs, n)
		}
	}
	if len(a.needs) < 3 && !contains(a.needs, "MU_INFORMATION") && g.chance(8) {
		a.needs = append(a.needs, "MU_INFORMATION")
	}
	if g.chance(30) {
		if s := needServices[pick(g, a.needs)]; len(s) > 0 {
			a.services = []string{g.pickW(s)}
			if len(s) > 1 && g.chance(20) {
				if t := g.pickW(s); t != a.services[0] {
					a.services = append(a.services, t)
				}
			}
		}
	}
	if g.chance(80) {
		a.notes = pick(g, accessNotes[pick(g, a.needs)])
	}
	p.accesses = append(p.accesses, a)
	g.accesses = append(g.accesses, a)
	return a
}

// speaker decides who talked at the access.
func (g *gen) speaker(a *accessRec) {
	p := a.p
	age := g.age(p)
	var relatives []rel
	for _, r := range p.rels {
		switch r.kind {
		case "WARD", "SUPPORTED_PERSON", "CARED_FOR":
			continue
		}
		if g.age(r.other) >= 18 {
			relatives = append(relatives, r)
		}
	}
	var parents []rel
	for _, r := range relatives {
		if r.kind == "PARENT" || r.kind == "LEGAL_GUARDIAN" {
			parents = append(parents, r)
		}
	}
	relative := func(list []rel) {
		r := pick(g, list)
		a.speakerKind = "RELATIVE"
		a.speakerName = r.other.first + " " + r.other.last
		a.speakerRelation = relativeLabel(r)
		a.speakerContact = r.other.phone
		if r.kind == "LEGAL_GUARDIAN" || r.kind == "SUPPORT_ADMINISTRATOR" || (r.kind == "CAREGIVER" && !r.cohabiting) {
			a.speakerKind = "OTHER"
		}
	}
	z := g.zoneOf(p)
	service := func() {
		a.speakerKind = "OTHER_SERVICE"
		switch {
		case age < 18:
			a.speakerName = pick(g, []string{"Istituto comprensivo di " + p.res.name, "Consultorio familiare – " + z.usl.name,
				"Comunità educativa per minori"})
		case p.profile == "ELDERLY":
			a.speakerName = pick(g, []string{"Servizio sociale ospedaliero – Ospedale di " + z.lead.name,
				"Medico di medicina generale", "Distretto sanitario – " + z.usl.name})
		case p.profile == "DEPENDENCIES":
			a.speakerName = "SerD – " + z.usl.name
		case p.profile == "DISABILITY":
			a.speakerName = pick(g, []string{"Centro di salute mentale – " + z.usl.name, "Servizio di riabilitazione – " + z.usl.name})
		default:
			a.speakerName = pick(g, []string{"Caritas diocesana", "Centro per l'impiego di " + z.lead.name, "Sindacato pensionati (patronato)"})
		}
		a.speakerContact = g.landline(z.id)
	}
	switch {
	case age < 18:
		if len(parents) > 0 && g.chance(90) {
			relative(parents)
		} else {
			service()
		}
	case age >= 75 && len(relatives) > 0 && g.chance(40):
		relative(relatives)
	case len(relatives) > 0 && g.chance(6):
		relative(relatives)
	case g.chance(5):
		service()
	case g.chance(2):
		a.speakerKind = "OTHER"
		sex := g.chance(60)
		first, last := g.randomName(sex)
		a.speakerName = first + " " + last
		a.speakerRelation = "vicino di casa"
		if sex {
			a.speakerRelation = "vicina di casa"
		}
	default:
		a.speakerKind = "CITIZEN"
	}
}

// plantRecentAccesses gives sportello.perugia accesses today and in the
// last working days, at the Ufficio della Cittadinanza Perugia Centro.
func (g *gen) plantRecentAccesses() {
	sp := g.byUsername["sportello.perugia"]
	centro := g.zones[2].citizensOffices[0]
	var cands []*person
	for _, p := range g.persons {
		if p.profile != "" && p.res == centro.muni && p.kase == nil && g.age(p) >= 18 {
			cands = append(cands, p)
		}
	}
	if len(cands) == 0 {
		return
	}
	// Today: spread between opening time (or midnight) and now.
	lo, hi := g.dayStart.Add(8*time.Hour+30*time.Minute), g.now.Add(-5*time.Minute)
	if !hi.After(lo) {
		lo = g.dayStart
	}
	const today = 6
	for k := range today {
		t := lo.Add(hi.Sub(lo) * time.Duration(k+1) / (today + 1))
		if t.After(g.now) || t.Before(g.dayStart) {
			t = g.now
		}
		g.newAccess(pick(g, cands), t, centro, sp)
	}
	// Three accesses on each of the last six working days.
	d := g.dayStart
	for n := 0; n < 6; {
		d = d.AddDate(0, 0, -1)
		if d.Weekday() == time.Saturday || d.Weekday() == time.Sunday || holiday(d) {
			continue
		}
		n++
		for k := range 3 {
			t := d.Add(time.Duration(9*60+k*95+g.rng.IntN(40)) * time.Minute)
			g.newAccess(pick(g, cands), t, centro, sp)
		}
	}
}

// Outcomes and opening of the cases.

func (g *gen) openCases() {
	for _, p := range g.persons {
		sort.SliceStable(p.accesses, func(i, j int) bool { return p.accesses[i].at.Before(p.accesses[j].at) })
		c := p.kase
		if c == nil {
			for _, a := range p.accesses {
				a.outcome = g.pickW([]wstr{{"INFORMATION", 35}, {"GUIDANCE", 31}, {"COUNSELLING", 15}, {"REFERRAL", 2},
					{"IMMEDIATE_HELP", 6}, {"CARE_PROPOSAL", 2}})
			}
			continue
		}
		followUp := func(a *accessRec) {
			a.outcome = g.pickW([]wstr{{"COUNSELLING", 40}, {"INFORMATION", 29}, {"IMMEDIATE_HELP", 14}, {"GUIDANCE", 16}, {"REFERRAL", 1}})
		}
		if c.legacy || len(p.accesses) == 0 {
			c.legacy = true
			c.opened = g.workTimeBetween(g.yearStart.AddDate(-5, 0, 0), g.yearStart.Add(-days(20)))
			for _, a := range p.accesses {
				followUp(a)
			}
			continue
		}
		si := 0
		if len(p.accesses) > 1 && g.chance(30) {
			si = g.rng.IntN(len(p.accesses))
		}
		src := p.accesses[si]
		c.source = src
		opened := g.workTimeBetween(src.at.Add(days(1)), src.at.Add(days(21)))
		if opened.After(g.now) {
			opened = g.timeBetween(src.at, g.now)
		}
		c.opened = maxTime(opened, src.at.Add(time.Second))
		if c.opened.After(g.now) {
			c.opened = g.now
		}
		for i, a := range p.accesses {
			switch {
			case i < si:
				a.outcome = g.pickW([]wstr{{"INFORMATION", 55}, {"GUIDANCE", 45}})
			case i == si:
				a.outcome = "CARE_PROPOSAL"
				if g.chance(4) && src.office != c.z.social {
					a.outcome = "REFERRAL"
					r := g.newReferral(p, src, nil, src.office, src.op, g.after(src.at, 5*time.Minute, 20*time.Minute))
					r.toOffice, r.toOrg, r.toZone = c.z.social, c.z.social.org, c.z.id
					r.reason = pick(g, referralToSocialService)
					r.status = "ACCEPTED"
					if r.proposed.After(c.opened) {
						r.proposed = c.opened
					}
					r.seen = g.timeBetween(r.proposed, c.opened)
					r.answered = g.timeBetween(r.seen, c.opened)
					r.seenBy, r.answeredBy = c.responsible, c.responsible
					c.sourceReferral = r
				}
			default:
				followUp(a)
			}
		}
	}
}

// after is an instant between t+lo and t+hi, in office hours when the
// window allows, never after now (and never before t).
func (g *gen) after(t time.Time, lo, hi time.Duration) time.Time {
	a, b := t.Add(lo), minTime(t.Add(hi), g.now)
	if !b.After(a) {
		if t.After(g.now) {
			return t
		}
		return g.timeBetween(t, g.now)
	}
	if hi >= 12*time.Hour {
		return g.workTimeBetween(a, b)
	}
	return g.timeBetween(a, b)
}

// caseLife writes the status history, team, assessments, plan,
// interventions and diary of a case.
func (g *gen) caseLife(c *careCase) {
	status := g.pickW([]wstr{{"OPEN", 770}, {"SUSPENDED", 80}, {"CLOSED", 110}, {"PROPOSED", 20}, {"REOPENED", 3}})
	if g.now.Sub(c.opened) < days(30) && g.chance(50) {
		status = "PROPOSED"
	}
	if c.responsible.username == "as.perugia" || c.responsible.username == "as.terni" {
		// Most of the demo workers' cases are open, so that their desk is busy.
		if status != "OPEN" && g.chance(75) {
			status = "OPEN"
		}
	}
	if c.p.unaccMinor {
		status = "OPEN"
	}
	mgr := c.z.manager
	add := func(from, to string, at time.Time, by *operator, reason string) {
		c.changes = append(c.changes, statusChange{from, to, at, by, reason})
	}
	t := c.opened
	if status == "PROPOSED" || g.chance(45) {
		add("", "PROPOSED", t, c.responsible, "Proposta di presa in carico")
		if status == "PROPOSED" {
			c.status = status
			g.team(c)
			return
		}
		t2 := g.after(t, days(1), days(15))
		add("PROPOSED", "OPEN", t2, mgr, "Presa in carico approvata dal responsabile di zona")
		t = t2
	} else {
		add("", "OPEN", t, c.responsible, "Apertura della cartella sociale")
	}
	lo := maxTime(t.Add(days(30)), g.yearStart)
	hi := g.now.Add(-days(1))
	if status != "OPEN" && !hi.After(lo) {
		status = "OPEN"
	}
	switch status {
	case "SUSPENDED":
		add("OPEN", "SUSPENDED", g.workTimeBetween(lo, hi), c.responsible, pick(g, suspensionReasons))
	case "CLOSED":
		c.closureReason = g.pickW(closureReasons)
		c.closed = g.workTimeBetween(lo, hi)
		add("OPEN", "CLOSED", c.closed, c.responsible, closureNotes[c.closureReason])
	case "REOPENED":
		tc := g.workTimeBetween(lo, hi.Add(-days(20)))
		add("OPEN", "CLOSED", tc, c.responsible, closureNotes["GOALS_REACHED"])
		c.reopened = g.after(tc, days(7), days(60))
		add("CLOSED", "REOPENED", c.reopened, c.responsible, "Nuova richiesta di aiuto: riapertura della cartella.")
	}
	c.status = status
	g.team(c)
	g.assessAndPlan(c)
	g.interventions(c)
	g.diary(c)
}

// team picks the case's members besides the responsible worker.
func (g *gen) team(c *careCase) {
	n := g.pickAge([]ageBand{{0, 0, 45}, {1, 1, 40}, {2, 2, 15}})
	var cands []*operator
	for _, op := range c.z.team {
		switch {
		case c.area == "FAMILY_MINORS" && op.profession == "EDUCATOR",
			c.area == "DEPENDENCIES" && op.profession == "PSYCHOLOGIST":
			cands = append(cands, op, op, op) // more likely
		default:
			cands = append(cands, op)
		}
	}
	for _, op := range c.z.socialWorkers {
		if op != c.responsible && op.username != "as.perugia" {
			cands = append(cands, op)
		}
	}
	for range n {
		op := pick(g, cands)
		if !contains(c.members, op) {
			c.members = append(c.members, op)
		}
	}
}

func (g *gen) assessAndPlan(c *careCase) {
	end := c.end(g.now)
	age := g.age(c.p)
	var firstOn time.Time
	if g.chance(75) {
		on := g.after(c.opened, days(3), days(45))
		if on.After(end) {
			on = end
		}
		firstOn = on
		g.assessment(c, on, age)
		if end.Sub(on) > days(200) && g.chance(15) {
			g.assessment(c, on.Add(days(g.between(150, 200))), age)
		}
	}
	if !g.chance(75) {
		return
	}
	base := c.opened
	if !firstOn.IsZero() {
		base = firstOn
	}
	drawn := g.after(base, days(3), days(30))
	if drawn.After(end) {
		drawn = end
	}
	review := g.dateOf(drawn).AddDate(0, pick(g, []int{3, 6, 6, 12}), 0)
	beneficiary := "PERSON"
	switch {
	case c.area == "FAMILY_MINORS" && g.chance(70):
		beneficiary = "HOUSEHOLD"
	case c.area == "ELDERLY" && c.p.household != nil && g.chance(20):
		beneficiary = "HOUSEHOLD"
	case g.chance(2):
		beneficiary = "GROUP"
	}
	planID := g.id("plan")
	g.t["plan"].add(planID, c.id, c.p.id, beneficiary, g.dateOf(drawn), review, pick(g, planSummaries[c.area]),
		c.responsible.id, drawn, drawn)
	goals := planGoals[c.area]
	n := min(len(goals), g.pickAge([]ageBand{{1, 1, 25}, {2, 2, 35}, {3, 3, 25}, {4, 4, 15}}))
	reviewed := !review.After(g.todayDate) || c.status == "CLOSED"
	for i, gi := range g.rng.Perm(len(goals))[:n] {
		outcome := g.pickW([]wstr{{"PENDING", 85}, {"PARTLY_REACHED", 15}})
		if reviewed {
			outcome = g.pickW([]wstr{{"REACHED", 40}, {"PARTLY_REACHED", 35}, {"NOT_REACHED", 25}})
		}
		g.t["plan_goal"].add(g.id("plan_goal"), planID, c.p.id, int16(i+1), goals[gi].desc,
			g.pickW([]wstr{{"SHORT", 40}, {"MEDIUM", 40}, {"LONG", 20}}), goals[gi].indicator, outcome, drawn, drawn)
	}
}

func lvl3(x float64) int16 {
	switch {
	case x < .35:
		return 1
	case x < .7:
		return 2
	}
	return 3
}

type familyAssessment struct {
	ParentingCapacity string   `json:"parenting_capacity"`
	FamilyNetwork     string   `json:"family_network"`
	SchoolAttendance  string   `json:"school_attendance"`
	RiskFactors       []string `json:"risk_factors"`
	ProtectiveFactors []string `json:"protective_factors"`
	Prejudice         int      `json:"prejudice_level"`
}

var riskFactors = []string{"conflittualità genitoriale", "precarietà abitativa", "difficoltà economiche", "isolamento sociale",
	"problemi di salute di un genitore", "assenze scolastiche", "dipendenza di un genitore"}
var protectiveFactors = []string{"rete parentale presente", "buon legame con la scuola", "disponibilità a collaborare con i servizi",
	"attività sportive", "figura adulta di riferimento"}

func (g *gen) assessment(c *careCase, on time.Time, age int) {
	op := c.responsible
	if len(c.members) > 0 && g.chance(30) {
		op = pick(g, c.members)
	}
	var sina [7]any
	var fam any
	var obs any
	kind := "FREE"
	switch c.area {
	case "ELDERLY", "DISABILITY":
		kind = "SINA"
		sev := g.rng.Float64()*0.7 + 0.1
		switch {
		case age >= 85:
			sev = 0.5 + g.rng.Float64()*0.5
		case age >= 75:
			sev = 0.3 + g.rng.Float64()*0.6
		case c.area == "DISABILITY":
			sev = 0.3 + g.rng.Float64()*0.7
		}
		noise := func() float64 { return (g.rng.Float64() - 0.5) * 0.4 }
		cog := lvl3(sev*0.8 + noise())
		beh := int16(1)
		if cog == 3 && g.chance(40) {
			beh = 2
		}
		net := int16(g.between(1, 2))
		if c.p.household == nil {
			net = int16(g.between(2, 3))
		}
		sina = [7]any{lvl3(sev + noise()), lvl3(sev + noise()), cog, beh, lvl3(sev + noise()), int16(g.between(1, 3)), net}
		if g.chance(30) {
			obs = "Valutazione multidimensionale svolta con il distretto sanitario."
		}
	case "FAMILY_MINORS":
		kind = "FAMILY_MINOR"
		fa := familyAssessment{
			ParentingCapacity: g.pickW([]wstr{{"adeguata", 35}, {"parzialmente adeguata", 45}, {"inadeguata", 20}}),
			FamilyNetwork:     g.pickW([]wstr{{"presente", 40}, {"debole", 40}, {"assente", 20}}),
			SchoolAttendance:  g.pickW([]wstr{{"regolare", 55}, {"irregolare", 35}, {"non applicabile", 10}}),
			Prejudice:         g.between(1, 4),
		}
		for _, i := range g.rng.Perm(len(riskFactors))[:g.between(1, 3)] {
			fa.RiskFactors = append(fa.RiskFactors, riskFactors[i])
		}
		for _, i := range g.rng.Perm(len(protectiveFactors))[:g.between(1, 2)] {
			fa.ProtectiveFactors = append(fa.ProtectiveFactors, protectiveFactors[i])
		}
		b, _ := json.Marshal(fa)
		fam = string(b)
		if g.chance(50) {
			obs = "Nucleo collaborante; si concorda un monitoraggio trimestrale."
		}
	default:
		l := freeObservations[c.area]
		if len(l) == 0 {
			l = freeObservations["MULTI_USER"]
		}
		obs = pick(g, l)
	}
	g.t["assessment"].add(g.id("assessment"), c.id, c.p.id, kind, g.dateOf(on), op.id,
		sina[0], sina[1], sina[2], sina[3], sina[4], sina[5], sina[6], fam, obs, on, on)
}

// Interventions.

func (g *gen) providerFor(z *zone, typ string) *org {
	ti := types[typ]
	switch {
	case typ == "FOOD_SUPPORT":
		for _, o := range z.providers {
			if contains(o.accred, typ) && g.chance(25) {
				return o
			}
		}
		return z.comune
	case ti.kind == "CASH" || ti.kind == "VOUCHER",
		typ == "PROFESSIONAL_SOCIAL_SERVICE", typ == "FAMILY_FOSTER_CARE", typ == "FAMILY_MEDIATION":
		return z.comune
	}
	var cands []*org
	for _, o := range z.providers {
		if contains(o.accred, typ) {
			cands = append(cands, o)
		}
	}
	if len(cands) > 0 {
		if g.chance(85) {
			return cands[0]
		}
		return pick(g, cands)
	}
	if typ == "INTEGRATED_HOME_CARE" {
		return z.usl
	}
	if ti.kind == "RESIDENTIAL" {
		// A residence in another zone.
		for _, o := range g.providers {
			if contains(o.accred, typ) {
				return o
			}
		}
	}
	return z.comune
}

func (g *gen) interventions(c *careCase) {
	var n int
	switch {
	case c.status == "PROPOSED":
		return
	case g.chance(82):
		n = 1
		if g.chance(30) {
			n = 2
		}
	default:
		return
	}
	first := g.pickW(needServices[c.p.needs[0]])
	chosen := []string{first}
	if n == 2 {
		var second string
		if len(c.p.needs) > 1 {
			second = g.pickW(needServices[pick(g, c.p.needs[1:])])
		} else {
			second = g.pickW(needServices[c.p.needs[0]])
		}
		if second != first {
			chosen = append(chosen, second)
		}
	}
	var prev *intervRec
	for _, typ := range chosen {
		prov := g.providerFor(c.z, typ)
		if prev != nil && sameArea(prev.typ, typ) && prev.provider != prov {
			// Two organizations for the same area would be an overlap;
			// the demo plants those on purpose elsewhere.
			continue
		}
		var status string
		switch c.status {
		case "CLOSED":
			status = g.pickW([]wstr{{"CLOSED", 85}, {"REFUSED", 15}})
		case "SUSPENDED":
			status = g.pickW([]wstr{{"CLOSED", 50}, {"AUTHORIZED", 20}, {"ACTIVE", 20}, {"REFUSED", 10}})
		default:
			status = g.pickW([]wstr{{"ACTIVE", 64}, {"AUTHORIZED", 9}, {"REQUESTED", 9}, {"CLOSED", 12}, {"REFUSED", 6}})
		}
		prev = g.newIntervention(c, c.p, typ, prov, status, time.Time{})
	}
}

func sameArea(a, b string) bool { return types[a].area == types[b].area }

// newIntervention creates an intervention of the given type and status for
// p within c (or outside a case when c is nil, then zone z of p). When
// start is not zero the intervention starts near it.
func (g *gen) newIntervention(c *careCase, p *person, typ string, prov *org, status string, near time.Time) *intervRec {
	z := g.zoneOf(p)
	caseStart, caseEnd := g.yearStart.AddDate(-1, 0, 0), g.now
	resp := pick(g, z.socialWorkers)
	if c != nil {
		z = c.z
		caseStart, caseEnd = c.opened, c.end(g.now)
		if !c.reopened.IsZero() {
			caseStart = c.reopened
		}
		resp = c.responsible
	}
	if types[typ].lump && status == "ACTIVE" && near.IsZero() {
		status = "CLOSED" // paid at once
	}
	iv := &intervRec{id: g.id("intervention"), c: c, p: p, zone: z.id, typ: typ, provider: prov, status: status}
	switch {
	case !near.IsZero():
		iv.reqAt = g.workTimeBetween(near.Add(-days(40)), minTime(near.Add(days(20)), g.now.Add(-days(20))))
	case status == "REQUESTED":
		iv.reqAt = g.workTimeBetween(maxTime(caseStart, g.now.Add(-days(45))), g.now.Add(-time.Hour))
	case status == "AUTHORIZED":
		iv.reqAt = g.workTimeBetween(maxTime(caseStart, g.now.Add(-days(90))), g.now.Add(-days(5)))
	default:
		iv.reqAt = g.workTimeBetween(caseStart.Add(days(1)), minTime(caseStart.Add(days(60)), caseEnd.Add(-days(5))))
	}
	if iv.reqAt.Before(caseStart) {
		iv.reqAt = caseStart
	}
	if iv.reqAt.After(g.now) {
		iv.reqAt = g.now
	}
	iv.reqBy = resp
	mgr := z.manager
	switch status {
	case "REQUESTED":
		iv.start = g.dateOf(iv.reqAt.Add(days(g.between(15, 30))))
	case "REFUSED":
		iv.start = g.dateOf(iv.reqAt.Add(days(15)))
		iv.closedAt = g.after(iv.reqAt, days(5), days(20))
		if c != nil && !c.closed.IsZero() && iv.closedAt.After(c.closed) {
			iv.closedAt = g.timeBetween(iv.reqAt, c.closed)
		}
		iv.closedBy = mgr
		iv.closure = pick(g, interventionRefusals)
	default:
		iv.authAt = g.after(iv.reqAt, days(3), days(25))
		if c != nil && !c.closed.IsZero() && iv.authAt.After(c.closed) {
			iv.authAt = g.timeBetween(iv.reqAt, c.closed)
		}
		iv.authBy = mgr
		iv.start = g.dateOf(iv.authAt.Add(days(g.between(0, 15))))
		if status == "ACTIVE" && iv.start.After(g.todayDate) {
			iv.start = g.todayDate
		}
	}
	ti := types[typ]
	months := ti.months
	if ti.lump && status == "CLOSED" {
		// A contribution paid in one instalment.
		last := minTime(g.dateOf(caseEnd), g.todayDate)
		if iv.start.After(last) {
			iv.start = last
		}
		iv.end = minTime(iv.start.AddDate(0, 0, g.between(0, 20)), last)
		iv.closedAt = maxTime(minTime(g.at(iv.end, 12, 0), caseEnd), iv.authAt)
		iv.closedBy = resp
		iv.closure = "Contributo erogato in un'unica soluzione."
		status = "paid"
	}
	switch status {
	case "ACTIVE", "AUTHORIZED":
		if g.chance(50) {
			if e := iv.start.AddDate(0, max(months, 1), -1); e.After(g.todayDate) {
				iv.end = e
			}
		}
	case "CLOSED":
		last := g.dateOf(caseEnd)
		if last.After(g.todayDate) {
			last = g.todayDate
		}
		if last.Before(iv.start) {
			iv.start = last
		}
		lo := iv.start.AddDate(0, 0, 30)
		if lo.After(last) {
			lo = last
		}
		iv.end = g.dateOf(g.timeBetween(lo, last.Add(days(1)).Add(-time.Hour)))
		if iv.end.Before(iv.start) {
			iv.end = iv.start
		}
		iv.closedAt = minTime(g.at(iv.end, 17, 30), caseEnd)
		if iv.closedAt.Before(iv.authAt) {
			iv.closedAt = iv.authAt
		}
		iv.closedBy = resp
		iv.closure = pick(g, interventionClosures)
		if c != nil && c.closureReason == "DECEASED" {
			iv.closure = "Decesso dell'utente."
		}
	}
	if !iv.end.IsZero() {
		months = max(1, monthsBetween(iv.start, iv.end))
	}
	rate := ti.rateMin
	if ti.rateMax > ti.rateMin {
		rate += g.rng.Int64N(ti.rateMax - ti.rateMin + 1)
	}
	switch {
	case ti.hpmMax > 0:
		iv.hpm = float64(g.between(ti.hpmMin, ti.hpmMax))
		iv.amount = int64(iv.hpm*float64(rate)) * int64(months)
	case ti.lump:
		iv.amount = rate
	default:
		iv.amount = rate * int64(months)
	}
	iv.amount = iv.amount / 100 * 100
	iv.funding = g.pickW(ti.funding)
	iv.means = ti.meansTested
	if iv.means && g.chance(90) {
		iv.iseeKnown = true
		if ti.area == "POVERTY" {
			iv.isee = int64(g.between(0, 9360)) * 100
		} else {
			iv.isee = int64(g.between(3000, 40000)) * 100
		}
	}
	iv.health = int64(float64(iv.amount)*ti.healthShare) / 100 * 100
	if ti.userShareMax > 0 && !(iv.means && iv.isee > 0 && iv.isee < 600000) {
		iv.userShare = int64(float64(iv.amount)*ti.userShareMax*g.rng.Float64()) / 100 * 100
	}
	if iv.userShare+iv.health > iv.amount {
		iv.userShare = iv.amount - iv.health
	}
	if c != nil {
		c.interventions = append(c.interventions, iv)
	}
	g.interv = append(g.interv, iv)
	return iv
}

func monthsBetween(a, b time.Time) int {
	return (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month()) + 1
}

// plantOverlaps gives about fifteen citizens a second intervention of the
// same area, in the same period, from another organization: the double
// funding SISO exists to reveal. A few more get the classic home care by
// the cooperative plus a care voucher from the municipality.
func (g *gen) plantOverlaps() {
	planted := map[int32]int{}
	limit := func(z int32) int {
		switch z {
		case 2:
			return 5
		case 10:
			return 3
		}
		return 1
	}
	total, vouchers := 0, 0
	for _, iv := range append([]*intervRec(nil), g.interv...) {
		if total >= 16 && vouchers >= 5 {
			break
		}
		if iv.status != "ACTIVE" || iv.c == nil || iv.planted {
			continue
		}
		z := iv.c.z
		var typ string
		var prov *org
		voucher := false
		switch {
		case iv.typ == "HOME_CARE" && iv.provider.kind == "COOPERATIVE" && vouchers < 5 && g.chance(30):
			typ, prov, voucher = "CARE_VOUCHER", z.comune, true
		case total >= 16 || planted[z.id] >= limit(z.id):
			continue
		case iv.typ == "HOME_CARE" || iv.typ == "MEALS_ON_WHEELS" || iv.typ == "TELECARE":
			typ, prov = "INTEGRATED_HOME_CARE", z.usl
		case iv.typ == "INTEGRATED_HOME_CARE":
			typ, prov = "HOME_CARE", z.comune
		case iv.typ == "DAY_CENTRE" || iv.typ == "SOCIAL_TRANSPORT" || iv.typ == "SCHOOL_ASSISTANCE_DISABLED":
			typ, prov = "CARE_VOUCHER", z.comune
		case iv.typ == "EDUCATIONAL_SUPPORT_MINORS" && iv.provider != z.comune:
			typ, prov = "FAMILY_MEDIATION", z.comune
		case iv.typ == "ECONOMIC_SUPPORT" || iv.typ == "HOUSING_CONTRIBUTION":
			for _, o := range z.providers {
				if contains(o.accred, "FOOD_SUPPORT") {
					typ, prov = "FOOD_SUPPORT", o
				}
			}
		}
		if typ == "" || prov == iv.provider {
			continue
		}
		var c *careCase
		if g.chance(50) {
			c = iv.c // the same case; otherwise granted outside it
		}
		n := g.newIntervention(c, iv.p, typ, prov, "ACTIVE", g.at(iv.start, 10, 0))
		n.planted, iv.planted = true, true
		if n.start.Before(iv.start) {
			n.start = iv.start
		}
		if !iv.end.IsZero() && n.start.After(iv.end) {
			n.start = iv.start
		}
		n.end = time.Time{}
		if c == nil {
			n.zone = z.id
			n.reqBy = iv.c.responsible
			n.authBy = z.manager
		}
		if voucher {
			vouchers++
		} else {
			total++
			planted[z.id]++
		}
	}
}

// Diary and deliveries.

func (g *gen) diary(c *careCase) {
	n := g.pickAge([]ageBand{{0, 0, 20}, {1, 1, 40}, {2, 2, 25}, {3, 3, 10}, {4, 4, 5}})
	lo := maxTime(c.opened, g.now.AddDate(-2, 0, 0))
	hi := c.end(g.now)
	for range n {
		kind := g.pickW([]wstr{{"MEETING", 30}, {"HOME_VISIT", 22}, {"PHONE_CALL", 28}, {"REPORT", 10}, {"NOTE", 10}})
		op := c.responsible
		if len(c.members) > 0 && g.chance(30) {
			op = pick(g, c.members)
		}
		at := g.workTimeBetween(lo, hi)
		confidential := g.chance(5)
		if kind == "REPORT" {
			confidential = g.chance(60)
		}
		var hours any
		if kind == "HOME_VISIT" {
			hours = float64(g.between(2, 4)) / 2
		}
		var texts []string
		for _, dt := range diaryTexts[kind] {
			if dt.areas == "" || strings.Contains(dt.areas, c.area) {
				texts = append(texts, dt.text)
			}
		}
		g.t["activity"].add(g.id("activity"), c.p.id, c.id, nil, at, op.id, kind, pick(g, texts),
			hours, nil, confidential, at, at)
	}
}

// deliveries records the hours delivered each month by the providers'
// operators for their interventions.
func (g *gen) deliveries() {
	for _, iv := range g.interv {
		if iv.hpm == 0 || len(iv.provider.operators) == 0 || (iv.status != "ACTIVE" && iv.status != "CLOSED") {
			continue
		}
		ti := types[iv.typ]
		last := g.todayDate
		if !iv.end.IsZero() && iv.end.Before(last) {
			last = iv.end
		}
		for m := time.Date(iv.start.Year(), iv.start.Month(), 1, 0, 0, 0, 0, time.UTC); !m.After(last); m = m.AddDate(0, 1, 0) {
			monthEnd := m.AddDate(0, 1, -1)
			at := g.at(monthEnd, 17, 30)
			if !iv.end.IsZero() && iv.end.Before(monthEnd) {
				at = g.at(iv.end, 17, 30) // the last month is recorded when the service ends
			}
			if at.After(g.now) || at.Before(g.yearStart) {
				continue
			}
			// The share of the month the service ran.
			from, to := maxTime(m, iv.start), minTime(monthEnd, last)
			share := float64(to.Sub(from)/(24*time.Hour)+1) / float64(monthEnd.Day())
			hours := math.Round(iv.hpm*share*(0.85+g.rng.Float64()*0.2)*2) / 2
			if hours <= 0 {
				continue
			}
			op := pick(g, iv.provider.operators)
			if iv.provider == g.girasole && g.chance(40) {
				op = g.byUsername["coop.perugia"]
			}
			var caseID any
			if iv.c != nil {
				caseID = iv.c.id
			}
			text := fmt.Sprintf("Servizio erogato nel mese di %s %d.", monthsIt[m.Month()-1], m.Year())
			g.t["activity"].add(g.id("activity"), iv.p.id, caseID, iv.id, at, op.id, "DELIVERED_HOURS", text,
				hours, int64(hours*float64(ti.rateMin)), false, at, at)
		}
	}
}

// Referrals.

func (g *gen) newReferral(p *person, a *accessRec, c *careCase, from *office, by *operator, at time.Time) *referralRec {
	r := &referralRec{id: g.id("referral"), p: p, access: a, kase: c, from: from, fromZone: from.zone, proposed: at, proposedBy: by}
	g.referrals = append(g.referrals, r)
	return r
}

// target sets where the referral goes.
func (r *referralRec) target(of *office, o *org, zoneID int32) {
	r.toOffice, r.toOrg, r.toZone = of, o, zoneID
	if of != nil {
		r.toOrg = of.org
	}
}

func (g *gen) receiver(r *referralRec) *operator {
	if r.toOffice == nil {
		return nil
	}
	z := g.zones[r.toOffice.zone]
	switch r.toOffice.kind {
	case "SOCIAL_SERVICE":
		if g.chance(20) {
			return z.manager
		}
		return pick(g, z.socialWorkers)
	case "ZONE_OFFICE":
		return z.manager
	case "PROVIDER_SITE":
		if len(r.toOffice.org.operators) > 0 {
			return pick(g, r.toOffice.org.operators)
		}
	case "CITIZENS_OFFICE":
		return g.deskOperator(r.toOffice)
	}
	return nil
}

// settle gives the referral a status consistent with its age, or the one
// forced, with the times and operators of each step.
func (g *gen) settle(r *referralRec, forced string) {
	status := forced
	if status == "" {
		age := g.now.Sub(r.proposed)
		switch {
		case age < days(3):
			status = g.pickW([]wstr{{"PROPOSED", 60}, {"SEEN", 40}})
		case age < days(20):
			status = g.pickW([]wstr{{"PROPOSED", 20}, {"SEEN", 30}, {"ACCEPTED", 40}, {"REJECTED", 10}})
		default:
			status = g.pickW([]wstr{{"PROPOSED", 3}, {"SEEN", 4}, {"ACCEPTED", 72}, {"REJECTED", 15}, {"WITHDRAWN", 6}})
		}
	}
	r.status = status
	recv := g.receiver(r)
	switch status {
	case "SEEN", "ACCEPTED", "REJECTED":
		r.seen = g.after(r.proposed, 30*time.Minute, days(5))
		r.seenBy = recv
		if status != "SEEN" {
			r.answered = g.after(r.seen, 10*time.Minute, days(7))
			r.answeredBy = recv
		}
		if status == "REJECTED" {
			r.rejection = pick(g, referralRejections)
		}
	case "WITHDRAWN":
		r.answered = g.after(r.proposed, days(1), days(10))
		r.answeredBy = r.proposedBy
	}
}

// otherZone is where a citizen of z is sent when they move or live elsewhere.
func (g *gen) otherZone(p *person) *zone {
	if p.domMuni != nil && p.domMuni.zone != p.res.zone {
		return g.zones[p.domMuni.zone]
	}
	switch {
	case p.res.zone == 2 && g.chance(50):
		return g.zones[10]
	case p.res.zone == 10 && g.chance(50):
		return g.zones[2]
	}
	for {
		z := g.zones[1+g.rng.IntN(len(g.zones)-1)]
		if z.id != p.res.zone {
			return z
		}
	}
}

// providerForNeeds is a provider of zone z accredited for a service that
// answers one of the needs, or nil.
func (g *gen) providerForNeeds(z *zone, needs []string) *org {
	for _, n := range needs {
		for _, s := range needServices[n] {
			for _, o := range z.providers {
				if contains(o.accred, s.s) {
					return o
				}
			}
		}
	}
	return nil
}

func (g *gen) accessReferrals() {
	for _, a := range g.accesses {
		if a.outcome != "REFERRAL" || a.p == nil || (a.p.kase != nil && a.p.kase.sourceReferral != nil && a.p.kase.source == a) {
			continue
		}
		p := a.p
		z := g.zoneOf(p)
		r := g.newReferral(p, a, nil, a.office, a.op, g.after(a.at, 5*time.Minute, time.Hour))
		switch g.pickW([]wstr{{"social", 30}, {"health", 25}, {"zone", 12}, {"provider", 18}, {"plan", 5}}) {
		case "social":
			if a.office == z.social {
				r.target(nil, z.usl, z.id)
				r.reason = pick(g, referralToHealth)
				break
			}
			r.target(z.social, nil, z.id)
			r.reason = pick(g, referralToSocialService)
		case "zone":
			oz := g.otherZone(p)
			r.target(oz.social, nil, oz.id)
			r.reason = pick(g, referralToOtherZone)
		case "provider":
			if o := g.providerForNeeds(z, a.needs); o != nil {
				r.target(o.site, nil, o.zone)
				r.reason = pick(g, referralToProvider)
				break
			}
			fallthrough
		case "health":
			r.target(nil, z.usl, z.id)
			r.reason = pick(g, referralToHealth)
		case "plan":
			r.target(z.zoneOff, nil, z.id)
			r.reason = pick(g, referralToZoneOffice)
		}
		g.settle(r, "")
	}
}

func (g *gen) caseReferrals() {
	for _, c := range g.cases {
		if c.status == "PROPOSED" {
			continue
		}
		moved := c.status == "CLOSED" && (c.closureReason == "TRANSFERRED" || c.closureReason == "MOVED_AWAY")
		if !moved && !g.chance(3) {
			continue
		}
		end := c.end(g.now)
		at := g.workTimeBetween(maxTime(c.opened, g.yearStart), end)
		if moved {
			at = g.timeBetween(c.closed.Add(-days(10)), c.closed)
		}
		r := g.newReferral(c.p, nil, c, c.z.social, c.responsible, at)
		var prov *org
		for _, iv := range c.interventions {
			if len(iv.provider.operators) > 0 {
				prov = iv.provider
			}
		}
		switch {
		case moved && c.closureReason == "MOVED_AWAY":
			oz := g.otherZone(c.p)
			r.target(oz.social, nil, oz.id)
			r.reason = pick(g, referralToOtherZone)
		case moved:
			r.target(nil, c.z.usl, c.z.id)
			r.reason = pick(g, referralToHealth)
		case prov != nil && g.chance(70):
			r.target(prov.site, nil, prov.zone)
			r.reason = pick(g, referralToProvider)
		case g.chance(60):
			r.target(nil, c.z.usl, c.z.id)
			r.reason = pick(g, referralToHealth)
		default:
			r.target(c.z.zoneOff, nil, c.z.id)
			r.reason = pick(g, referralToZoneOffice)
		}
		g.settle(r, "")
	}
}

// plantReferrals makes sure the zone 2 desks have a queue and that zones 2
// and 10 send each other citizens.
func (g *gen) plantReferrals() {
	z2, z10 := g.zones[2], g.zones[10]
	recentFrom := func(z *zone, n int, to *office, reasons []string, status func(i int) string, minAge, maxAge time.Duration) {
		for _, a := range g.accesses {
			if n == 0 {
				return
			}
			if a.p == nil || a.p.kase != nil || a.office.zone != z.id || a.office.kind != "CITIZENS_OFFICE" ||
				a.outcome == "REFERRAL" || g.now.Sub(a.at) < minAge || g.now.Sub(a.at) > maxAge || g.chance(50) {
				continue
			}
			a.outcome = "REFERRAL"
			r := g.newReferral(a.p, a, nil, a.office, a.op, g.after(a.at, 5*time.Minute, time.Hour))
			r.target(to, nil, to.zone)
			r.reason = pick(g, reasons)
			g.settle(r, status(n))
			n--
		}
	}
	pending := func(i int) string {
		if i%3 == 0 {
			return "SEEN"
		}
		return "PROPOSED"
	}
	answered := func(i int) string {
		if i%4 == 0 {
			return "REJECTED"
		}
		return "ACCEPTED"
	}
	recentFrom(z2, 10, z2.social, referralToSocialService, pending, 0, days(14))
	recentFrom(z10, 3, z2.social, referralToOtherZone, pending, 0, days(14))
	recentFrom(z10, 6, z2.social, referralToOtherZone, answered, days(30), days(330))
	recentFrom(z2, 3, z10.social, referralToOtherZone, pending, 0, days(14))
	recentFrom(z2, 6, z10.social, referralToOtherZone, answered, days(30), days(330))

	// From zone 2's social service to the cooperative and to the office of plan.
	asp := g.byUsername["as.perugia"]
	toCoop, toPlan := 5, 3
	for _, c := range g.cases {
		if c.z != z2 || (c.status != "OPEN" && c.status != "REOPENED") {
			continue
		}
		switch {
		case toCoop > 0 && c.area == "ELDERLY":
			r := g.newReferral(c.p, nil, c, z2.social, c.responsible, g.after(g.now.Add(-days(10)), 0, days(10)))
			r.target(g.girasole.site, nil, 2)
			r.reason = pick(g, referralToProvider)
			g.settle(r, pending(toCoop))
			toCoop--
		case toPlan > 0 && c.responsible == asp:
			r := g.newReferral(c.p, nil, c, z2.social, asp, g.after(g.now.Add(-days(10)), 0, days(10)))
			r.target(z2.zoneOff, nil, 2)
			r.reason = pick(g, referralToZoneOffice)
			g.settle(r, "PROPOSED")
			toPlan--
		}
	}
}

// caseSummary describes the case in a line, consistently with the person.
func (g *gen) caseSummary(c *careCase) string {
	p := c.p
	f := p.sex == "F"
	sx := func(m, fem string) string {
		if f {
			return fem
		}
		return m
	}
	age := g.age(p)
	var partner, child, carer bool
	for _, r := range p.rels {
		if !r.cohabiting {
			continue
		}
		switch r.kind {
		case "PARTNER":
			partner = true
		case "CHILD":
			child = true
		case "CAREGIVER":
			carer = carer || r.other.foreign != nil
		}
	}
	switch c.area {
	case "ELDERLY":
		switch {
		case carer:
			return sx("Assistito", "Assistita") + " a domicilio da un'assistente familiare convivente; richiesto un sostegno per le spese di cura."
		case partner:
			return sx("Anziano non autosufficiente assistito dalla moglie", "Anziana non autosufficiente assistita dal marito") +
				", a sua volta anziano/a; rete familiare limitata."
		case child:
			return "Vive con i figli, che chiedono supporto nel carico assistenziale e nell'igiene personale."
		}
		return pick(g, []string{
			sx("Anziano che vive solo", "Anziana che vive sola") + ", con ridotta autonomia negli spostamenti e nella cura della casa.",
			"Progressivo declino cognitivo; vive " + sx("solo", "sola") + " e i figli abitano fuori regione.",
			"Rientro a domicilio dopo un ricovero; necessaria assistenza tutelare e aiuto nell'igiene personale.",
		})
	case "DISABILITY":
		if age < 18 {
			return "Minore con disabilità certificata (L. 104/1992); necessari assistenza scolastica e trasporto."
		}
		return pick(g, []string{
			"Persona con disabilità grave; la famiglia chiede supporto nel carico assistenziale.",
			"Progetto di vita indipendente: autonomie domestiche e inserimento lavorativo.",
		})
	case "FAMILY_MINORS":
		switch {
		case p.unaccMinor:
			return "Minore straniero non accompagnato accolto in comunità; nominato il tutore volontario."
		case age < 18:
			return pick(g, []string{
				sx("Minore segnalato", "Minore segnalata") + " dalla scuola per assenze e disagio; avviato sostegno educativo.",
				"Decreto del Tribunale per i minorenni con incarico al servizio sociale di vigilanza e sostegno.",
				"Conflittualità tra i genitori separati; tutela del minore e sostegno alla genitorialità.",
			})
		case !partner:
			return "Nucleo monoparentale con figli minori; difficoltà educative ed economiche."
		}
		return pick(g, []string{
			"Famiglia con figli piccoli e fragilità genitoriali; monitoraggio e sostegno alla genitorialità.",
			"Crisi di coppia con ricadute sui figli; percorso di sostegno e mediazione.",
		})
	case "POVERTY":
		if p.homeless {
			return "Persona senza dimora; accoglienza notturna e percorso di recupero dei documenti."
		}
	}
	return pick(g, caseSummaries[c.area])
}

// Anonymous accesses.

var anonymousNeeds = []wstr{{"MU_INFORMATION", 40}, {"PV_FOOD", 12}, {"PV_INCOME", 15}, {"EL_HOME_CARE", 12},
	{"FM_FAMILY_CONFLICT", 8}, {"DP_ADDICTION", 6}, {"IM_LEGAL", 7}}

func (g *gen) anonymousAccesses(n int) {
	for range n {
		m := g.pickMuni()
		of := g.citizensOfficeFor(m)
		a := &accessRec{at: g.workTimeBetween(g.yearStart, g.now), office: of, op: g.deskOperator(of)}
		a.channel = g.pickW([]wstr{{"PHONE", 50}, {"IN_PERSON", 40}, {"EMAIL", 10}})
		a.speakerKind = g.pickW([]wstr{{"CITIZEN", 80}, {"OTHER", 20}})
		a.needs = []string{g.pickW(anonymousNeeds)}
		if g.chance(25) {
			if n := g.pickW(anonymousNeeds); n != a.needs[0] {
				a.needs = append(a.needs, n)
			}
		}
		a.outcome = g.pickW([]wstr{{"INFORMATION", 60}, {"GUIDANCE", 40}})
		a.notes = pick(g, anonymousNotes)
		g.accesses = append(g.accesses, a)
	}
}

// registration sets when and by whom each citizen was registered: at their
// first access or case, or with the household member who came.
func (g *gen) registration() {
	for _, p := range g.persons {
		if len(p.accesses) > 0 {
			p.createdAt, p.createdBy = p.accesses[0].at, p.accesses[0].op
		}
		if c := p.kase; c != nil && (p.createdAt.IsZero() || c.opened.Before(p.createdAt)) {
			p.createdAt, p.createdBy = c.opened, c.responsible
		}
	}
	for _, p := range g.persons {
		if !p.createdAt.IsZero() {
			continue
		}
		for _, o := range p.household {
			if !o.createdAt.IsZero() && (p.createdAt.IsZero() || o.createdAt.Before(p.createdAt)) {
				p.createdAt, p.createdBy = o.createdAt, o.createdBy
			}
		}
	}
	for _, p := range g.persons {
		if p.createdAt.IsZero() {
			z := g.zoneOf(p)
			p.createdAt = g.workTimeBetween(g.yearStart.AddDate(-3, 0, 0), g.yearStart)
			p.createdBy = pick(g, z.frontDesk)
		}
	}
}

// Consents.

func (g *gen) consents() {
	add := func(p *person, purpose string, at time.Time, given bool, withdrawn time.Time, by *operator, notes string) {
		g.t["consent"].add(g.id("consent"), p.id, purpose, at, given, nullTime(withdrawn), by.id, nullStr(notes),
			at, maxTime(at, withdrawn))
	}
	for _, c := range g.cases {
		p := c.p
		at := c.opened
		notes := ""
		switch {
		case p.unaccMinor:
			notes = "Consenso espresso dal tutore."
		case g.age(p) < 18:
			notes = "Consenso espresso dal genitore esercente la responsabilità genitoriale."
		}
		if g.chance(93) {
			add(p, "CARE", at, true, time.Time{}, c.responsible, notes)
		}
		health := false
		providers := false
		for _, iv := range c.interventions {
			if iv.provider.kind == "HEALTH_AUTHORITY" || iv.typ == "INTEGRATED_HOME_CARE" {
				health = true
			}
			if len(iv.provider.operators) > 0 {
				providers = true
			}
		}
		if health || ((c.area == "ELDERLY" || c.area == "DISABILITY" || c.area == "DEPENDENCIES") && g.chance(20)) {
			add(p, "DATA_SHARING_HEALTH", g.after(at, 0, days(20)), g.chance(90), time.Time{}, c.responsible, notes)
		}
		if providers && g.chance(60) {
			var withdrawn time.Time
			t := g.after(at, 0, days(30))
			if g.chance(3) {
				withdrawn = g.after(t, days(10), days(200))
			}
			add(p, "DATA_SHARING_PROVIDERS", t, true, withdrawn, c.responsible, notes)
		}
	}
	for _, p := range g.persons {
		if p.kase == nil && len(p.accesses) > 0 && (p.phone != "" || p.email != "") && g.chance(5) {
			a := p.accesses[0]
			add(p, "CONTACT", a.at, true, time.Time{}, a.op, "")
		}
	}
}

// Emission.

func (g *gen) emitAccesses() {
	sort.SliceStable(g.accesses, func(i, j int) bool { return g.accesses[i].at.Before(g.accesses[j].at) })
	for _, a := range g.accesses {
		a.id = g.id("access")
	}
	for _, a := range g.accesses {
		var cid any
		if a.p != nil {
			cid = a.p.id
		}
		g.t["access"].add(a.id, cid, a.p == nil, a.at, a.office.id, a.office.zone, a.op.id, a.channel, a.speakerKind,
			nullStr(a.speakerName), nullStr(a.speakerContact), nullStr(a.speakerRelation), a.outcome, nullStr(a.notes), a.at, a.at)
		for _, n := range a.needs {
			g.t["access_need"].add(a.id, n, cid)
		}
		for _, s := range a.services {
			g.t["access_requested_service"].add(a.id, s, cid)
		}
	}
}

func opID(op *operator) any {
	if op == nil {
		return nil
	}
	return op.id
}

func (g *gen) emitReferrals() {
	sort.SliceStable(g.referrals, func(i, j int) bool { return g.referrals[i].id < g.referrals[j].id })
	for _, r := range g.referrals {
		t := g.t["referral_access"]
		var accessID, caseID, toOffice, toZone any
		if r.access != nil {
			accessID = r.access.id
		}
		if r.kase != nil {
			caseID = r.kase.id
			t = g.t["referral_case"]
		}
		if r.toOffice != nil {
			toOffice = r.toOffice.id
		}
		if r.toZone != 0 {
			toZone = r.toZone
		}
		updated := maxTime(r.proposed, maxTime(r.seen, r.answered))
		t.add(r.id, r.p.id, accessID, caseID, r.from.id, r.fromZone, toOffice, r.toOrg.id, toZone, r.reason, r.status,
			r.proposed, r.proposedBy.id, nullTime(r.seen), opID(r.seenBy), nullTime(r.answered), opID(r.answeredBy),
			nullStr(r.rejection), versionOf(r.seen, r.answered), r.proposed, updated)
	}
}

// versionOf is the row version after the given steps (zero: not taken).
func versionOf(steps ...time.Time) int32 {
	v := int32(1)
	for _, t := range steps {
		if !t.IsZero() {
			v++
		}
	}
	return v
}

func (g *gen) emitCases() {
	asp := g.byUsername["as.perugia"]
	extra := 0
	for _, c := range g.cases {
		var src, srcRef, closedAt, reason, notes any
		if c.source != nil {
			src = c.source.id
		}
		if c.sourceReferral != nil {
			srcRef = c.sourceReferral.id
		}
		if c.status == "CLOSED" {
			closedAt, reason, notes = c.closed, c.closureReason, closureNotes[c.closureReason]
		}
		last := c.changes[len(c.changes)-1].at
		g.t["care_case"].add(c.id, c.p.id, c.z.id, c.z.social.id, c.area, c.status, c.opened, closedAt, reason, notes,
			c.responsible.id, src, srcRef, g.caseSummary(c), c.responsible.id, int32(len(c.changes)), c.opened, last)
		openedOn := g.dateOf(c.opened)
		var validTo any
		if c.status == "CLOSED" {
			validTo = g.dateOf(c.closed)
		}
		g.t["case_member"].add(g.id("case_member"), c.id, c.p.id, c.responsible.id, "RESPONSIBLE", openedOn, validTo,
			c.z.manager.id, c.opened, c.opened)
		members := c.members
		// as.perugia also works on a few colleagues' cases.
		if asp != nil && c.z.id == 2 && c.responsible != asp && (c.status == "OPEN" || c.status == "REOPENED") && extra < 8 && !contains(members, asp) {
			members = append(members, asp)
			extra++
		}
		for _, op := range members {
			from := g.after(c.opened, 0, days(60))
			if validTo != nil && from.After(c.closed) {
				from = c.opened
			}
			g.t["case_member"].add(g.id("case_member"), c.id, c.p.id, op.id, "MEMBER", g.dateOf(from), validTo,
				c.responsible.id, from, from)
		}
		for _, ch := range c.changes {
			g.t["case_status_change"].add(g.id("case_status_change"), c.id, c.p.id, nullStr(ch.from), ch.to, ch.at, ch.by.id, nullStr(ch.reason))
		}
	}
}

func (g *gen) emitInterventions() {
	for _, iv := range g.interv {
		var caseID, hpm, isee any
		if iv.c != nil {
			caseID = iv.c.id
		}
		if iv.hpm > 0 {
			hpm = iv.hpm
		}
		if iv.iseeKnown {
			isee = iv.isee
		}
		updated := maxTime(iv.reqAt, maxTime(iv.authAt, iv.closedAt))
		version := versionOf(iv.authAt, iv.closedAt)
		g.t["intervention"].add(iv.id, iv.p.id, caseID, iv.zone, iv.typ, iv.provider.id, iv.status, iv.start, nullTime(iv.end),
			iv.amount, iv.userShare, iv.health, hpm, iv.funding, iv.means, isee, iv.reqAt, iv.reqBy.id,
			nullTime(iv.authAt), opID(iv.authBy), nullTime(iv.closedAt), opID(iv.closedBy), nullStr(iv.closure),
			version, iv.reqAt, updated)
	}
}
