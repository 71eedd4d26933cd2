package seed

import (
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"sort"
	"time"

	"github.com/siso-project/siso/internal/codicefiscale"
)

// The synthetic region is a sequence of blocks of blockSize citizens. Block b
// is a pure function of the seed, b, the staff available to it and the
// codici fiscali already taken: the same seed gives the same blocks, and a
// later run continues the sequence where the last one stopped.
const blockSize = 1000

// Per synthetic citizen, on average (DESIGN.md section 8: 1M citizens, 3M
// accesses, 500k cases, 2M interventions, 5M activities).
const (
	regionAccessesPerCitizen = 3.0
	regionCasesPerCitizen    = 0.5
	regionAnonymousShare     = 0.03
	// regionYears is how far back the synthetic accesses go; legacy cases
	// (opened before the accesses were recorded) go back five more years.
	regionYears = 3
	// regionPastEpisodes is the mean number of concluded services of a
	// case besides the current ones and their renewals.
	regionPastEpisodes = 1.35
	// regionDeliveryMonths is how far back the providers' monthly
	// delivery records go.
	regionDeliveryMonths = 14
)

// Synthetic staff: one operator of each kind per so many synthetic
// citizens of the zone (at least the minimum). With one case per two
// citizens, a social worker is responsible for about 175 cases (about 135
// of them open), the caseload of a busy Italian social service.
var staffRatios = []struct {
	prefix, role, profession string
	perCitizens              float64
	min                      int
	femalePct                float64
}{
	{"as", "SOCIAL_WORKER", "SOCIAL_WORKER", 350, 2, 85},
	{"ed", "SOCIAL_WORKER", "EDUCATOR", 1000, 1, 70},
	{"psi", "SOCIAL_WORKER", "PSYCHOLOGIST", 2500, 1, 70},
	{"sp", "FRONT_DESK", "ADMINISTRATIVE", 2500, 1, 70},
	{"op", "PROVIDER", "CARE_WORKER", 500, 2, 75},
}

// staffNeeded is how many operators of kind k zone z needs for s synthetic
// citizens in the whole region.
func staffNeeded(k int, share float64, s int64) int {
	r := staffRatios[k]
	return max(r.min, int(math.Ceil(float64(s)*share/r.perCitizens)))
}

// regionProviderSpecs are the synthetic cooperatives of every zone; the
// names get the zone's lead municipality appended.
var regionProviderSpecs = []struct {
	name, kind string
	types      []string
}{
	{"Cooperativa Sociale Arcobaleno", "COOPERATIVE", []string{"HOME_CARE", "INTEGRATED_HOME_CARE", "MEALS_ON_WHEELS", "TELECARE",
		"SOCIAL_TRANSPORT", "RESIDENTIAL_ELDERLY"}},
	{"Cooperativa Sociale Il Melograno", "COOPERATIVE", []string{"EDUCATIONAL_SUPPORT_MINORS", "SCHOOL_ASSISTANCE_DISABLED", "DAY_CENTRE",
		"COMMUNITY_FOR_MINORS", "ADDICTION_REINTEGRATION", "CULTURAL_MEDIATION"}},
	{"Associazione Mani Tese Solidali", "ASSOCIATION", []string{"FOOD_SUPPORT", "NIGHT_SHELTER", "CULTURAL_MEDIATION", "SOCIAL_TRANSPORT"}},
}

// regionWorld is what every block shares: the territory, the organizations
// and offices of the demo and of the synthetic region, the synthetic staff,
// the codici fiscali and temporary identifiers taken, and the id counters.
type regionWorld struct {
	seed      int64
	now       time.Time
	loc       *time.Location
	todayDate time.Time
	dayStart  time.Time
	hash      string

	munis   []*muni
	byIstat map[string]*muni
	muniCum []int64
	share   []float64 // by zone id: the zone's share of the population

	zones []*worldZone // by zone id

	nextID map[string]int64
	fiscal map[[16]byte]struct{}
	tmpIDs map[string]bool

	muniZone  map[int32]int32
	offByName map[string]*office
	orgs      map[int64]*org
}

type worldZone struct {
	id                int32
	name              string
	lead              *muni
	munis             []*muni
	comune, plan, usl *org
	social, zoneOff   *office
	manager           *operator
	offices           []*office // Uffici della Cittadinanza, demo and synthetic
	providers         []*org    // synthetic providers (with their sites)
	// staff[k] are the synthetic operators of staffRatios[k], in order.
	staff [][]*operator
	// deskOffice and provider of the front-desk and provider operators.
	deskOffice map[*operator]*office
	provOf     map[*operator]*org
}

// blockRNG is the generator of block b.
func blockRNG(seed int64, b int64) *rand.Rand {
	h := fnv.New64a()
	fmt.Fprintf(h, "siso-region/%d/%d", seed, b)
	return rand.New(rand.NewPCG(uint64(seed)^0x5150_5eed_0000_0000, h.Sum64()))
}

// staffRNG is the generator of one synthetic operator: independent of the
// seed, so that runs with different seeds share the staff.
func staffRNG(zone int32, kind, k int) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(zone)<<32|uint64(kind), uint64(k)+0x51_5eed))
}

func (w *regionWorld) id(table string) int64 {
	w.nextID[table]++
	return w.nextID[table]
}

// staffGen is a throwaway gen for the name and address helpers.
func (w *regionWorld) helperGen(r *rand.Rand) *gen {
	return &gen{rng: r, now: w.now, loc: w.loc, todayDate: w.todayDate, munis: w.munis, byIstat: w.byIstat, muniCum: w.muniCum}
}

// syntheticUsername names operator k of kind kind in zone z: it is how the
// synthetic staff (and the citizens they registered) are told apart.
func syntheticUsername(prefix string, zone int32, last string, k int) string {
	return fmt.Sprintf("%s%d.%s.r%d", prefix, zone, slug(last), k)
}

// syntheticUsernamePattern matches syntheticUsername (and no demo account).
const syntheticUsernamePattern = `^[a-z]+[0-9]+\.[a-z0-9]+\.r[0-9]+$`

// block generates block b. Citizens with index in [lo, hi) are written;
// prefixIDs are the ids of the citizens [0, lo) written by an earlier run.
type regionBlock struct {
	b       int64
	lo, hi  int
	g       *gen
	idx     map[int64]int // citizen id → index in the block
	persons int
	// zoneRows are the citizen_zone rows of the block's citizens, as the
	// triggers would write them (used when the triggers are bypassed).
	zoneRows [][]any
}

// citizenZoneCols are the columns of zoneRows; since takes its default,
// now(), the start of the transaction, as with the triggers.
var citizenZoneCols = []string{"citizen_id", "zone_id", "via_residence", "via_contact"}

// citizenZones does the work of the triggers citizen_zone_residence,
// access_citizen_zone and care_case_citizen_zone for the block: a row per
// citizen and zone of residence, access or case.
func citizenZones(g *gen) [][]any {
	var out [][]any
	for _, p := range g.persons {
		type via struct{ res, contact bool }
		zones := map[int32]*via{}
		var order []int32
		mark := func(z int32, res bool) {
			v := zones[z]
			if v == nil {
				v = &via{}
				zones[z] = v
				order = append(order, z)
			}
			if res {
				v.res = true
			} else {
				v.contact = true
			}
		}
		mark(p.res.zone, true)
		for _, a := range p.accesses {
			mark(a.office.zone, false)
		}
		if p.kase != nil {
			mark(p.kase.z.id, false)
		}
		for _, z := range order {
			out = append(out, []any{p.id, z, zones[z].res, zones[z].contact})
		}
	}
	return out
}

// buildBlockZones gives block b its zones: the demo's organizations and
// offices with the synthetic staff available when the region has
// (b+1)·blockSize synthetic citizens.
func (w *regionWorld) buildBlockZones(g *gen, b int64) {
	s := (b + 1) * blockSize
	g.zones = make([]*zone, len(w.zones))
	for _, wz := range w.zones[1:] {
		z := &zone{id: wz.id, name: wz.name, lead: wz.lead, munis: wz.munis, comune: wz.comune, plan: wz.plan, usl: wz.usl,
			social: wz.social, zoneOff: wz.zoneOff, manager: wz.manager}
		n := func(k int) []*operator {
			return wz.staff[k][:min(len(wz.staff[k]), staffNeeded(k, w.share[wz.id], s))]
		}
		z.socialWorkers = n(0)
		z.team = append(append([]*operator(nil), n(1)...), n(2)...)
		z.frontDesk = n(3)
		offices := map[*office]*office{}
		for _, of := range wz.offices {
			c := *of
			c.frontDesk = nil
			offices[of] = &c
			z.citizensOffices = append(z.citizensOffices, &c)
		}
		for _, op := range z.frontDesk {
			if of := offices[wz.deskOffice[op]]; of != nil {
				of.frontDesk = append(of.frontDesk, op)
			}
		}
		provs := map[*org]*org{}
		for _, o := range wz.providers {
			c := *o
			c.operators = nil
			site := *o.site
			site.org = &c
			c.site = &site
			provs[o] = &c
			z.providers = append(z.providers, &c)
		}
		for _, op := range n(4) {
			if o := provs[wz.provOf[op]]; o != nil {
				o.operators = append(o.operators, op)
			}
		}
		g.zones[wz.id] = z
	}
}

// generateBlock builds every row of block b. lo and hi bound the citizens
// written (by index in the block); prefixIDs are the ids of [0, lo).
func (w *regionWorld) generateBlock(b int64, lo, hi int, prefixIDs []int64) (*regionBlock, error) {
	g := &gen{
		rng:        blockRNG(w.seed, b),
		now:        w.now,
		loc:        w.loc,
		todayDate:  w.todayDate,
		dayStart:   w.dayStart,
		yearStart:  w.now.AddDate(-regionYears, 0, 0),
		hash:       w.hash,
		munis:      w.munis,
		byIstat:    w.byIstat,
		muniCum:    w.muniCum,
		nextID:     map[string]int64{},
		t:          map[string]*table{},
		byUsername: map[string]*operator{},
		tmpIDs:     map[string]bool{},
		linkedPair: map[[2]int64]bool{},
	}
	for _, td := range tableDefs {
		t := &table{name: td.name, cols: td.cols}
		g.tables = append(g.tables, t)
		g.t[td.key] = t
	}
	w.buildBlockZones(g, b)
	g.blockPeople(blockSize)

	// Final ids in generation order: the prefix keeps those of the earlier
	// run, the others come from the run's counter.
	blk := &regionBlock{b: b, lo: lo, hi: hi, g: g, idx: map[int64]int{}, persons: len(g.persons)}
	for i, p := range g.persons {
		if i < lo {
			p.id = prefixIDs[i]
		} else {
			p.id = w.id("citizen")
		}
		blk.idx[p.id] = i
	}
	// Identifiers: codici fiscali unique in the database (omocodia on a
	// clash), temporary identifiers from the block and the index.
	for i, p := range g.persons {
		if i < lo || i >= hi {
			continue // written by an earlier run, or by a later one
		}
		if p.tmp != "" {
			p.tmp = fmt.Sprintf("TMP-R%07d%04d", b, i)
			if w.tmpIDs[p.tmp] {
				return nil, fmt.Errorf("seed: temporary identifier %s is taken", p.tmp)
			}
			w.tmpIDs[p.tmp] = true
			continue
		}
		if err := w.assignFiscalCode(p); err != nil {
			return nil, err
		}
	}
	g.domiciles()
	g.protectedAddresses()
	g.outsideRelations()

	// Every other id comes from the run's counters.
	g.nextID = w.nextID
	g.blockCare()
	blk.zoneRows = citizenZones(g)
	return blk, nil
}

// assignFiscalCode gives p its codice fiscale; when another citizen has it,
// the omocodia rule of the Agenzia delle Entrate replaces the digits from
// the right (positions 15, 14, 13, 11, 10, 8, 7) with L M N P Q R S T U V
// and recomputes the check character.
func (w *regionWorld) assignFiscalCode(p *person) error {
	fc, err := codicefiscale.Compute(p.last, p.first, p.birth, p.sex, p.birthPlace)
	if err != nil {
		return fmt.Errorf("seed: codice fiscale of %s %s: %w", p.first, p.last, err)
	}
	code := []byte(fc)
	for level := 0; level <= len(omocodiaOrder); level++ {
		if level > 0 {
			i := omocodiaOrder[level-1]
			code[i] = "LMNPQRSTUV"[code[i]-'0']
			c, err := codicefiscale.CheckChar(string(code[:15]))
			if err != nil {
				return err
			}
			code[15] = c
		}
		var k [16]byte
		copy(k[:], code)
		if _, taken := w.fiscal[k]; !taken {
			w.fiscal[k] = struct{}{}
			p.fiscal = string(code)
			return nil
		}
	}
	return fmt.Errorf("seed: no free codice fiscale for %s %s (%s)", p.first, p.last, fc)
}

// omocodiaOrder are the 0-based positions omocodia replaces, in order.
var omocodiaOrder = []int{14, 13, 12, 10, 9, 7, 6}

// blockPeople creates exactly n citizens: households in the proportions of
// the demo, a few people without a codice fiscale.
func (g *gen) blockPeople(n int) {
	if g.chance(45) {
		g.unidentifiedHomeless(g.zones[g.pickMuni().zone])
	}
	if g.chance(35) {
		g.unaccompaniedMinor(g.zones[g.pickMuni().zone])
	}
	for len(g.persons) < n {
		m := g.pickMuni()
		if n-len(g.persons) < 8 || g.rng.IntN(1000) < 620 {
			g.single(m, "")
			continue
		}
		switch g.pickW([]wstr{{"elderlyCouple", 25}, {"family", 30}, {"singleParent", 14}, {"elderWithChild", 12},
			{"siblings", 5}, {"elderWithCarer", 8}, {"foreignFamily", 7}}) {
		case "elderlyCouple":
			g.elderlyCouple(m)
		case "family":
			g.family(m, nil, false, "")
		case "singleParent":
			var c *country
			if g.chance(15) {
				c = g.pickCountry()
			}
			g.family(m, c, true, "")
		case "elderWithChild":
			g.elderWithChild(m)
		case "siblings":
			g.siblings(m)
		case "elderWithCarer":
			g.elderWithCarer(m)
		case "foreignFamily":
			g.family(m, g.pickCountry(), false, "")
		}
	}
}

// blockCare is the synthetic counterpart of careYear: the same kinds of
// records over regionYears years, in the section-8 proportions, without the
// demo's planted cases.
func (g *gen) blockCare() {
	var accessors []*person
	for _, p := range g.persons {
		if p.profile != "" {
			accessors = append(accessors, p)
		}
	}
	n := len(g.persons)
	g.regionCases(accessors, int(float64(n)*regionCasesPerCitizen))
	total := int(float64(n) * regionAccessesPerCitizen)
	anon := int(float64(total) * regionAnonymousShare)
	g.regionAccesses(accessors, total-anon)
	g.openCases()
	for _, c := range g.cases {
		g.caseLife(c)
		g.pastEpisodes(c, regionPastEpisodes)
		g.renewals(c)
		g.moreDiary(c)
	}
	g.outsideCaseSupport(accessors)
	g.accessReferrals()
	g.caseReferrals()
	for _, r := range g.referrals {
		// Old referrals have been answered.
		if (r.status == "PROPOSED" || r.status == "SEEN") && g.now.Sub(r.proposed) > days(60) {
			r.seen, r.seenBy, r.answered, r.answeredBy = time.Time{}, nil, time.Time{}, nil
			g.settle(r, "ACCEPTED")
		}
	}
	g.anonymousAccesses(anon)
	g.registration()

	g.emitPeople()
	g.consents()
	g.emitAccesses()
	g.emitReferrals()
	g.emitCases()
	g.emitInterventions()
	// Monthly delivery records of the last regionDeliveryMonths months.
	ys := g.yearStart
	g.yearStart = g.now.AddDate(0, -regionDeliveryMonths, 0)
	g.deliveries()
	g.yearStart = ys
}

// regionCases chooses who is taken into care, as selectCases does, with
// synthetic social workers only.
func (g *gen) regionCases(accessors []*person, n int) {
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
		ks[i] = keyed{p, math.Pow(g.rng.Float64(), 1/w)}
	}
	sort.SliceStable(ks, func(i, j int) bool { return ks[i].key > ks[j].key })
	n = min(n, len(ks))
	chosen := make([]*person, 0, n)
	for _, k := range ks[:n] {
		chosen = append(chosen, k.p)
	}
	sort.Slice(chosen, func(i, j int) bool { return chosen[i].id < chosen[j].id })
	for _, p := range chosen {
		z := g.zoneOf(p)
		c := &careCase{id: g.id("care_case"), p: p, z: z, area: p.profile}
		c.legacy = !p.unaccMinor && g.chance(22)
		c.responsible = pick(g, z.socialWorkers)
		p.kase = c
		g.cases = append(g.cases, c)
	}
}

// regionAccesses spreads total accesses over the accessors (everyone at
// least once, people in care three times as often) across regionYears.
func (g *gen) regionAccesses(accessors []*person, total int) {
	cum := make([]float64, len(accessors))
	counts := make([]int, len(accessors))
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
	for range max(0, total-len(accessors)) {
		i := sort.SearchFloat64s(cum, g.rng.Float64()*acc)
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

// renewals adds the earlier periods of the case's interventions: a service
// is authorized for a period (its typical months) and renewed while the
// case lasts, so a case opened years ago has a chain of closed
// interventions before the current one.
func (g *gen) renewals(c *careCase) {
	firstDay := g.dateOf(caseStartOf(c)).AddDate(0, 0, 1)
	for _, cur := range append([]*intervRec(nil), c.interventions...) {
		ti := types[cur.typ]
		if ti.lump || ti.months == 0 || cur.status == "REQUESTED" || cur.status == "REFUSED" || cur.planted {
			continue
		}
		next := cur
		for k := 0; k < 8; k++ {
			end := next.start.AddDate(0, 0, -1)
			start := end.AddDate(0, -ti.months, 1)
			if start.Before(firstDay) {
				break
			}
			iv := g.closedPeriod(c, cur.typ, cur.provider, start, end, cur)
			if iv == nil {
				break
			}
			iv.closure = "Periodo concluso: intervento rinnovato."
			next = iv
			if !g.chance(85) {
				break
			}
		}
	}
}

func caseStartOf(c *careCase) time.Time {
	if !c.reopened.IsZero() {
		return c.reopened
	}
	return c.opened
}

// pastEpisodes adds services the case received and concluded before: a
// few per case, more for cases followed for years, never two organizations
// for the same user area at the same time.
func (g *gen) pastEpisodes(c *careCase, mean float64) {
	if c.status == "PROPOSED" {
		return
	}
	caseStart := caseStartOf(c)
	first := g.dateOf(caseStart).AddDate(0, 0, 1)
	last := minTime(g.dateOf(c.end(g.now)), g.todayDate.AddDate(0, 0, -1))
	if last.Sub(first) < days(40) {
		return
	}
	n := 0
	for g.rng.Float64() < mean/(mean+1) && n < 12 {
		n++
	}
	for range n {
		need := c.p.needs[g.rng.IntN(len(c.p.needs))]
		if len(needServices[need]) == 0 {
			continue
		}
		typ := g.pickW(needServices[need])
		ti := types[typ]
		prov := g.providerFor(c.z, typ)
		start := g.dateOf(g.timeBetween(g.at(first, 12, 0), g.at(last, 12, 0).Add(-days(30))))
		end := start
		if !ti.lump {
			end = minTime(start.AddDate(0, max(ti.months, 1), -1), last)
		}
		clash := false
		for _, o := range c.interventions {
			oEnd := o.end
			if oEnd.IsZero() {
				oEnd = g.todayDate.AddDate(1, 0, 0)
			}
			if sameArea(o.typ, typ) && o.provider != prov && !o.start.After(end) && !start.After(oEnd) {
				clash = true
				break
			}
		}
		if clash {
			continue
		}
		if iv := g.closedPeriod(c, typ, prov, start, end, nil); iv != nil && ti.lump {
			iv.closure = "Contributo erogato in un'unica soluzione."
		}
	}
}

// closedPeriod adds a CLOSED intervention of c from start to end (dates),
// requested and authorized before start; like is the intervention whose
// period it continues (nil: a new one). It returns nil when the case
// leaves no room for the request before start.
func (g *gen) closedPeriod(c *careCase, typ string, prov *org, start, end time.Time, like *intervRec) *intervRec {
	ti := types[typ]
	caseStart := caseStartOf(c)
	reqLo := maxTime(caseStart, g.at(start, 0, 0).Add(-days(40)))
	reqHi := g.at(start, 0, 0).Add(-days(3))
	if !reqHi.After(reqLo.Add(2 * time.Hour)) {
		return nil
	}
	iv := &intervRec{id: g.id("intervention"), c: c, p: c.p, zone: c.z.id, typ: typ, provider: prov,
		status: "CLOSED", start: start, end: end, reqBy: c.responsible, authBy: c.z.manager, closedBy: c.responsible}
	iv.reqAt = g.workTimeBetween(reqLo, reqHi.Add(-time.Hour))
	iv.authAt = g.timeBetween(iv.reqAt.Add(time.Hour), minTime(iv.reqAt.Add(days(25)), reqHi))
	iv.closedAt = minTime(g.at(end, 17, 30), c.end(g.now))
	if iv.closedAt.Before(iv.authAt) {
		iv.closedAt = iv.authAt
	}
	iv.closure = pick(g, interventionClosures)
	if like != nil {
		iv.hpm, iv.funding, iv.means, iv.authBy = like.hpm, like.funding, like.means, like.authBy
	} else {
		if ti.hpmMax > 0 {
			iv.hpm = float64(g.between(ti.hpmMin, ti.hpmMax))
		}
		iv.funding = g.pickW(ti.funding)
		iv.means = ti.meansTested
	}
	months := max(1, monthsBetween(start, end))
	rate := ti.rateMin
	if ti.rateMax > ti.rateMin {
		rate += g.rng.Int64N(ti.rateMax - ti.rateMin + 1)
	}
	switch {
	case ti.hpmMax > 0:
		iv.amount = int64(iv.hpm*float64(rate)) * int64(months)
	case ti.lump:
		iv.amount = rate
	default:
		iv.amount = rate * int64(months)
	}
	iv.amount = iv.amount / 100 * 100
	if iv.means && g.chance(90) {
		iv.iseeKnown = true
		switch {
		case like != nil && like.iseeKnown:
			iv.isee = like.isee
		case ti.area == "POVERTY":
			iv.isee = int64(g.between(0, 9360)) * 100
		default:
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
	c.interventions = append(c.interventions, iv)
	g.interv = append(g.interv, iv)
	return iv
}

// moreDiary adds the diary of a case followed over years: a few more
// entries per year of the case.
func (g *gen) moreDiary(c *careCase) {
	if c.status == "PROPOSED" {
		return
	}
	years := c.end(g.now).Sub(maxTime(c.opened, g.now.AddDate(-regionYears, 0, 0))).Hours() / (24 * 365)
	for range int(years*0.9 + g.rng.Float64()) {
		g.diary(c)
	}
}

// outsideCaseSupport grants one-off benefits (contributions, food support)
// to some people who are not in care.
func (g *gen) outsideCaseSupport(accessors []*person) {
	for _, p := range accessors {
		if p.kase != nil || len(p.accesses) == 0 || (p.profile != "POVERTY" && p.profile != "MULTI_USER" && p.profile != "IMMIGRANTS") {
			continue
		}
		if !g.chance(45) {
			continue
		}
		z := g.zoneOf(p)
		typ := g.pickW([]wstr{{"ECONOMIC_SUPPORT", 35}, {"UTILITY_CONTRIBUTION", 25}, {"FOOD_SUPPORT", 25}, {"HOUSING_CONTRIBUTION", 15}})
		a := p.accesses[g.rng.IntN(len(p.accesses))]
		status := g.pickW([]wstr{{"CLOSED", 70}, {"ACTIVE", 15}, {"REFUSED", 10}, {"REQUESTED", 5}})
		if a.at.After(g.now.Add(-days(70))) {
			status = "REQUESTED"
		}
		iv := g.newIntervention(nil, p, typ, g.providerFor(z, typ), status, a.at.Add(days(30)))
		iv.reqBy = pick(g, z.socialWorkers)
		if iv.authBy != nil {
			iv.authBy = z.manager
		}
		if iv.closedBy != nil && iv.status != "REFUSED" {
			iv.closedBy = iv.reqBy
		}
	}
}
