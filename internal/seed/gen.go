package seed

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"github.com/siso-project/siso/internal/refdata"
)

type muni struct {
	id                               int32
	istat, cadastral, name, province string
	zone                             int32
	pop                              int32
	lead                             bool
}

type zone struct {
	id    int32
	name  string
	lead  *muni
	munis []*muni

	comune, plan, usl *org
	citizensOffices   []*office // the first is in the lead municipality
	social, zoneOff   *office
	frontDesk         []*operator
	socialWorkers     []*operator // profession SOCIAL_WORKER
	team              []*operator // educators and psychologists
	manager           *operator
	providers         []*org
}

type org struct {
	id        int64
	kind      string
	name      string
	taxCode   string
	muni      *muni
	zone      int32 // 0: none
	accFrom   time.Time
	accTo     time.Time
	accred    []string
	site      *office
	operators []*operator
	domain    string
	slug      string
}

type office struct {
	id        int64
	org       *org
	zone      int32
	muni      *muni
	kind      string
	name      string
	frontDesk []*operator
	weight    int // share of its municipality's accesses
}

type operator struct {
	id          int64
	username    string
	first, last string
	profession  string
	org         *org
	zone        int32 // 0: regional
}

// gen holds the generator state and the rows it produces.
type gen struct {
	rng       *rand.Rand
	now       time.Time
	loc       *time.Location
	todayDate time.Time // today's date at UTC midnight (for date columns)
	dayStart  time.Time // today's midnight in loc
	yearStart time.Time // now minus one year
	hash      string

	munis   []*muni
	byIstat map[string]*muni
	muniCum []int64
	zones   []*zone // indexed by zone id; zones[0] is nil

	nextID map[string]int64
	tables []*table
	t      map[string]*table

	region, usl1, usl2, girasole *org
	providers                    []*org
	regionalOffice               *office
	operators                    []*operator
	byUsername                   map[string]*operator

	persons    []*person
	fiscal     map[string]bool
	tmpIDs     map[string]bool
	cases      []*careCase
	accesses   []*accessRec
	referrals  []*referralRec
	interv     []*intervRec
	linkedPair map[[2]int64]bool
}

// tableDefs lists the tables in load order (foreign keys first). referral
// comes twice: referrals from accesses (before the cases, which may name
// them as source) and referrals from cases.
var tableDefs = []struct {
	key, name string
	cols      []string
}{
	{"organization", "organization", []string{"id", "kind", "name", "tax_code", "municipality_id", "zone_id", "accredited_from", "accredited_to"}},
	{"organization_accreditation", "organization_accreditation", []string{"organization_id", "intervention_type_code"}},
	{"office", "office", []string{"id", "organization_id", "zone_id", "municipality_id", "kind", "name", "address", "phone", "email"}},
	{"operator", "operator", []string{"id", "username", "display_name", "email", "profession_code", "organization_id", "password_hash"}},
	{"operator_office", "operator_office", []string{"operator_id", "office_id"}},
	{"operator_role", "operator_role", []string{"id", "operator_id", "role", "zone_id", "office_id"}},
	{"citizen", "citizen", []string{"id", "fiscal_code", "temporary_id", "first_name", "last_name", "birth_date", "birth_place_code",
		"birth_municipality_id", "sex", "citizenship", "residence_municipality_id", "residence_address", "residence_postcode",
		"domicile_municipality_id", "domicile_address", "phone", "email", "homeless", "language", "protected_address",
		"created_by", "created_at", "updated_at"}},
	{"relation", "relation", []string{"id", "citizen_id", "related_citizen_id", "kind", "cohabiting", "valid_from", "created_by", "created_at", "updated_at"}},
	{"consent", "consent", []string{"id", "citizen_id", "purpose", "informed_at", "given", "withdrawn_at", "recorded_by", "notes", "created_at", "updated_at"}},
	{"access", "access", []string{"id", "citizen_id", "anonymous", "occurred_at", "office_id", "zone_id", "operator_id", "channel",
		"speaker_kind", "speaker_name", "speaker_contact", "speaker_relation", "outcome_code", "notes", "created_at", "updated_at"}},
	{"access_need", "access_need", []string{"access_id", "need_code", "citizen_id"}},
	{"access_requested_service", "access_requested_service", []string{"access_id", "intervention_type_code", "citizen_id"}},
	{"referral_access", "referral", referralCols},
	{"care_case", "care_case", []string{"id", "citizen_id", "zone_id", "office_id", "user_area_code", "status", "opened_at", "closed_at",
		"closure_reason", "closure_notes", "responsible_operator_id", "source_access_id", "source_referral_id", "summary", "created_by",
		"version", "created_at", "updated_at"}},
	{"case_member", "case_member", []string{"id", "case_id", "citizen_id", "operator_id", "role", "valid_from", "valid_to", "created_by", "created_at", "updated_at"}},
	{"case_status_change", "case_status_change", []string{"id", "case_id", "citizen_id", "from_status", "to_status", "changed_at", "changed_by", "reason"}},
	{"assessment", "assessment", []string{"id", "case_id", "citizen_id", "kind", "assessed_on", "operator_id", "sina_mobility", "sina_daily_activities",
		"sina_cognitive_disorders", "sina_behavioural_disorders", "sina_health_care_need", "sina_income", "sina_support_network",
		"family_assessment", "observations", "created_at", "updated_at"}},
	{"plan", "plan", []string{"id", "case_id", "citizen_id", "beneficiary", "drawn_up_on", "review_on", "summary", "operator_id", "created_at", "updated_at"}},
	{"plan_goal", "plan_goal", []string{"id", "plan_id", "citizen_id", "position", "description", "term", "indicator", "outcome", "created_at", "updated_at"}},
	{"referral_case", "referral", referralCols},
	{"intervention", "intervention", []string{"id", "citizen_id", "case_id", "zone_id", "type_code", "provider_organization_id", "status",
		"start_date", "end_date", "amount_cents", "user_share_cents", "health_share_cents", "hours_per_month", "funding_source_code",
		"means_tested", "isee_cents", "requested_at", "requested_by", "authorized_at", "authorized_by", "closed_at", "closed_by",
		"closure_reason", "version", "created_at", "updated_at"}},
	{"activity", "activity", []string{"id", "citizen_id", "case_id", "intervention_id", "occurred_at", "operator_id", "kind", "text",
		"hours", "amount_cents", "confidential", "created_at", "updated_at"}},
}

var referralCols = []string{"id", "citizen_id", "access_id", "case_id", "from_office_id", "from_zone_id", "to_office_id",
	"to_organization_id", "to_zone_id", "reason", "status", "proposed_at", "proposed_by", "seen_at", "seen_by",
	"answered_at", "answered_by", "rejection_reason", "version", "created_at", "updated_at"}

// generate builds every row of the demo data in memory.
func generate(seed int64, now time.Time, hash string, munis []*muni, base map[string]int64) (*gen, error) {
	loc := demoLocation(now.Location())
	now = now.Truncate(time.Second).In(loc)
	y, m, d := now.Date()
	g := &gen{
		rng:        rand.New(rand.NewPCG(uint64(seed), uint64(seed)^0x9e3779b97f4a7c15)),
		now:        now,
		loc:        loc,
		todayDate:  time.Date(y, m, d, 0, 0, 0, 0, time.UTC),
		dayStart:   time.Date(y, m, d, 0, 0, 0, 0, loc),
		yearStart:  now.AddDate(-1, 0, 0),
		hash:       hash,
		munis:      munis,
		byIstat:    map[string]*muni{},
		nextID:     map[string]int64{},
		t:          map[string]*table{},
		byUsername: map[string]*operator{},
		fiscal:     map[string]bool{},
		tmpIDs:     map[string]bool{},
		linkedPair: map[[2]int64]bool{},
	}
	for k, v := range base {
		g.nextID[k] = v
	}
	for _, td := range tableDefs {
		t := &table{name: td.name, cols: td.cols}
		g.tables = append(g.tables, t)
		g.t[td.key] = t
	}
	if err := g.territory(); err != nil {
		return nil, err
	}
	g.organizations()
	g.offices()
	g.staff()
	if err := g.people(); err != nil {
		return nil, err
	}
	g.careYear()
	return g, nil
}

func (g *gen) id(table string) int64 {
	g.nextID[table]++
	return g.nextID[table]
}

// demoLocation is the time zone of the offices: Europe/Rome when the time
// zone database is available, else the given one.
func demoLocation(fallback *time.Location) *time.Location {
	if loc, err := time.LoadLocation("Europe/Rome"); err == nil {
		return loc
	}
	return fallback
}

// Random helpers.

func (g *gen) chance(pct float64) bool { return g.rng.Float64()*100 < pct }

func (g *gen) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + g.rng.IntN(hi-lo+1)
}

func (g *gen) pickW(list []wstr) string {
	total := 0
	for _, e := range list {
		total += e.w
	}
	n := g.rng.IntN(total)
	for _, e := range list {
		if n < e.w {
			return e.s
		}
		n -= e.w
	}
	return list[len(list)-1].s
}

func pick[T any](g *gen, list []T) T { return list[g.rng.IntN(len(list))] }

// dateOf is the calendar date of t (in the generator's location) at UTC
// midnight, as stored in date columns.
func (g *gen) dateOf(t time.Time) time.Time {
	y, m, d := t.In(g.loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// at is the given date (UTC midnight) at hh:mm in the generator's location.
func (g *gen) at(date time.Time, hh, mm int) time.Time {
	return time.Date(date.Year(), date.Month(), date.Day(), hh, mm, 0, 0, g.loc)
}

// timeBetween is a uniformly random instant in [a, b].
func (g *gen) timeBetween(a, b time.Time) time.Time {
	if !b.After(a) {
		return a
	}
	return a.Add(time.Duration(g.rng.Int64N(int64(b.Sub(a)))).Truncate(time.Second))
}

// workTimeBetween is a random office-hours instant on a weekday in [a, b],
// or any instant in [a, b] when there is none.
func (g *gen) workTimeBetween(a, b time.Time) time.Time {
	if !b.After(a) {
		return a
	}
	for range 12 {
		d := g.timeBetween(a, b).In(g.loc)
		if d.Weekday() == time.Saturday || d.Weekday() == time.Sunday || holiday(d) {
			continue
		}
		var mins int
		if g.chance(85) {
			mins = 8*60 + 30 + g.rng.IntN(5*60)
		} else {
			mins = 15*60 + g.rng.IntN(150)
		}
		w := time.Date(d.Year(), d.Month(), d.Day(), mins/60, mins%60, g.rng.IntN(60), 0, g.loc)
		if !w.Before(a) && !w.After(b) {
			return w
		}
	}
	return g.timeBetween(a, b)
}

// holiday reports the national public holidays with a fixed date (and
// Easter Monday is left to the operators' discretion).
func holiday(d time.Time) bool {
	switch m, day := d.Month(), d.Day(); {
	case m == time.January && (day == 1 || day == 6),
		m == time.April && day == 25,
		m == time.May && day == 1,
		m == time.June && day == 2,
		m == time.August && day == 15,
		m == time.November && day == 1,
		m == time.December && (day == 8 || day == 25 || day == 26):
		return true
	}
	return false
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func days(n int) time.Duration { return time.Duration(n) * 24 * time.Hour }

var accentFolder = strings.NewReplacer("à", "a", "á", "a", "è", "e", "é", "e", "ì", "i", "í", "i",
	"ò", "o", "ó", "o", "ù", "u", "ú", "u", "ç", "c")

// slug lowercases s and keeps only a-z and 0-9 (accents folded).
func slug(s string) string {
	var b strings.Builder
	for _, r := range accentFolder.Replace(strings.ToLower(s)) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// umbriaZoneNames maps zone ids to the zones' names.
func umbriaZoneNames() (map[int32]string, error) {
	zones, err := refdata.Umbria()
	if err != nil {
		return nil, err
	}
	out := map[int32]string{}
	for _, z := range zones {
		var id int32
		if _, err := fmt.Sscan(z.Code, &id); err != nil {
			return nil, fmt.Errorf("seed: zone code %q: %w", z.Code, err)
		}
		out[id] = z.Name
	}
	return out, nil
}

// Territory.

func (g *gen) territory() error {
	maxZone := int32(0)
	for _, m := range g.munis {
		g.byIstat[m.istat] = m
		maxZone = max(maxZone, m.zone)
	}
	if maxZone != 12 || len(g.munis) < 92 {
		return fmt.Errorf("seed: expected the 12 Umbrian zones and 92 municipalities, found %d zones and %d municipalities", maxZone, len(g.munis))
	}
	zones, err := umbriaZoneNames()
	if err != nil {
		return err
	}
	g.zones = make([]*zone, maxZone+1)
	for _, m := range g.munis {
		z := g.zones[m.zone]
		if z == nil {
			z = &zone{id: m.zone, name: zones[m.zone]}
			g.zones[m.zone] = z
		}
		z.munis = append(z.munis, m)
		if m.lead {
			z.lead = m
		}
	}
	var cum int64
	for _, m := range g.munis {
		cum += int64(m.pop)
		g.muniCum = append(g.muniCum, cum)
	}
	for _, z := range g.zones[1:] {
		if z == nil || z.lead == nil {
			return fmt.Errorf("seed: a zone has no lead municipality")
		}
	}
	return nil
}

// pickMuni picks a municipality with probability proportional to its 2011 population.
func (g *gen) pickMuni() *muni {
	n := g.rng.Int64N(g.muniCum[len(g.muniCum)-1])
	i := sort.Search(len(g.muniCum), func(i int) bool { return g.muniCum[i] > n })
	return g.munis[i]
}

func (g *gen) pickMuniIn(z *zone) *muni {
	var total int64
	for _, m := range z.munis {
		total += int64(m.pop)
	}
	n := g.rng.Int64N(total)
	for _, m := range z.munis {
		if n < int64(m.pop) {
			return m
		}
		n -= int64(m.pop)
	}
	return z.lead
}

func (g *gen) postcode(m *muni) string {
	if l, ok := postcodes[m.istat]; ok {
		return pick(g, l)
	}
	// A stable code in the province's range for the smaller municipalities.
	var h int
	for _, c := range m.istat {
		h = h*31 + int(c)
	}
	if m.province == "TR" {
		return fmt.Sprintf("050%02d", 10+h%30)
	}
	return fmt.Sprintf("060%02d", 10+h%80)
}

func (g *gen) street(m *muni) string {
	switch m.istat {
	case "054039":
		if g.chance(60) {
			return g.pickW(perugiaStreets)
		}
	case "055032":
		if g.chance(60) {
			return g.pickW(terniStreets)
		}
	}
	return g.pickW(streets)
}

func (g *gen) address(m *muni) (string, string) {
	n := g.between(1, 120)
	if g.chance(25) {
		n = g.between(1, 30)
	}
	suffix := ""
	if g.chance(8) {
		suffix = "/" + string(rune('A'+g.rng.IntN(3)))
	}
	return fmt.Sprintf("%s %d%s", g.street(m), n, suffix), g.postcode(m)
}

func (g *gen) landline(zoneID int32) string {
	p := zonePhonePrefix[zoneID]
	digits := 10 - len(p)
	first := 2 + g.rng.IntN(8)
	return fmt.Sprintf("%s %d%0*d", p, first, digits-1, g.rng.IntN(pow10(digits-1)))
}

func pow10(n int) int {
	r := 1
	for range n {
		r *= 10
	}
	return r
}

var mobilePrefixes = []string{"320", "324", "328", "329", "330", "331", "333", "334", "335", "338", "339", "340",
	"342", "345", "346", "347", "348", "349", "351", "366", "380", "388", "389", "392", "393"}

func (g *gen) mobile() string {
	return fmt.Sprintf("%s %07d", pick(g, mobilePrefixes), g.rng.IntN(10_000_000))
}

// pIVA returns a valid 11-digit Italian tax number (partita IVA) with the
// given leading digits and the office code of the province.
func (g *gen) pIVA(lead string, province string) string {
	office := "054"
	if province == "TR" {
		office = "055"
	}
	b := []byte(lead)
	for len(b) < 7 {
		b = append(b, byte('0'+g.rng.IntN(10)))
	}
	b = append(b, office...)
	sum := 0
	for i, c := range b {
		d := int(c - '0')
		if i%2 == 1 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return string(b) + string(rune('0'+(10-sum%10)%10))
}

// Organizations.

type providerSpec struct {
	name, kind, istat, slug, street string
	types                           []string
	staff                           int
}

var providerSpecs = []providerSpec{
	{"Cooperativa Sociale Il Girasole", "COOPERATIVE", "054039", "girasole", "Via Settevalli 320",
		[]string{"HOME_CARE", "INTEGRATED_HOME_CARE", "MEALS_ON_WHEELS", "EDUCATIONAL_SUPPORT_MINORS"}, 4},
	{"Associazione Il Ponte ODV", "ASSOCIATION", "054015", "ilponte", "Via della Stazione 14",
		[]string{"SOCIAL_TRANSPORT", "CULTURAL_MEDIATION", "TELECARE", "FOOD_SUPPORT"}, 2},
	{"Cooperativa Sociale Nuovi Percorsi", "COOPERATIVE", "054039", "nuovipercorsi", "Via Cortonese 88",
		[]string{"DAY_CENTRE", "SCHOOL_ASSISTANCE_DISABLED", "COMMUNITY_FOR_MINORS", "ADDICTION_REINTEGRATION"}, 3},
	{"Cooperativa Sociale Alba Nuova", "COOPERATIVE", "055032", "albanuova", "Via del Centenario 21",
		[]string{"HOME_CARE", "INTEGRATED_HOME_CARE", "MEALS_ON_WHEELS", "EDUCATIONAL_SUPPORT_MINORS", "SCHOOL_ASSISTANCE_DISABLED", "DAY_CENTRE"}, 3},
	{"Associazione San Valentino Accoglienza", "ASSOCIATION", "055032", "sanvalentino", "Via Vanzetti 9",
		[]string{"NIGHT_SHELTER", "CULTURAL_MEDIATION", "FOOD_SUPPORT"}, 2},
	{"Cooperativa Sociale La Rondine", "COOPERATIVE", "054018", "larondine", "Via Flaminia 112",
		[]string{"HOME_CARE", "MEALS_ON_WHEELS", "TELECARE", "DAY_CENTRE"}, 2},
	{"Cooperativa Sociale Tiferno Insieme", "COOPERATIVE", "054013", "tiferno", "Via Tiberina 45",
		[]string{"HOME_CARE", "SCHOOL_ASSISTANCE_DISABLED", "EDUCATIONAL_SUPPORT_MINORS"}, 2},
	{"Fondazione Casa Serena", "OTHER_THIRD_SECTOR", "054051", "casaserena", "Via dei Tigli 3",
		[]string{"RESIDENTIAL_ELDERLY"}, 2},
	{"Cooperativa Sociale Il Quadrifoglio", "COOPERATIVE", "055023", "quadrifoglio", "Via della Pace 27",
		[]string{"HOME_CARE", "INTEGRATED_HOME_CARE", "SOCIAL_TRANSPORT"}, 2},
}

func (g *gen) newOrg(kind, name, tax string, m *muni, zoneID int32) *org {
	o := &org{id: g.id("organization"), kind: kind, name: name, taxCode: tax, muni: m, zone: zoneID}
	return o
}

func (g *gen) organizations() {
	perugia, terni := g.byIstat["054039"], g.byIstat["055032"]
	var all []*org
	for _, z := range g.zones[1:] {
		tax := g.pIVA("00"+fmt.Sprintf("%03d", 100+g.rng.IntN(800)), z.lead.province)
		z.comune = g.newOrg("MUNICIPALITY", "Comune di "+z.lead.name, tax, z.lead, z.id)
		z.comune.domain = "comune." + slug(z.lead.name) + ".example"
		z.plan = g.newOrg("ZONE_OFFICE", fmt.Sprintf("Ufficio di Piano – Zona Sociale %d %s", z.id, z.name), tax, z.lead, z.id)
		z.plan.domain = z.comune.domain
		all = append(all, z.comune, z.plan)
	}
	g.region = g.newOrg("REGION", "Regione Umbria", "80000130544", perugia, 0)
	g.region.domain = "regione.umbria.example"
	g.usl1 = g.newOrg("HEALTH_AUTHORITY", "USL Umbria 1", g.pIVA("033", "PG"), perugia, 0)
	g.usl1.domain = "uslumbria1.example"
	g.usl2 = g.newOrg("HEALTH_AUTHORITY", "USL Umbria 2", g.pIVA("021", "TR"), terni, 0)
	g.usl2.domain = "uslumbria2.example"
	all = append(all, g.region, g.usl1, g.usl2)
	for _, z := range g.zones[1:] {
		z.usl = g.usl1
		if z.id >= 8 {
			z.usl = g.usl2
		}
	}
	for _, ps := range providerSpecs {
		m := g.byIstat[ps.istat]
		o := g.newOrg(ps.kind, ps.name, g.pIVA("0"+fmt.Sprintf("%d", 1+g.rng.IntN(3)), m.province), m, m.zone)
		o.slug = ps.slug
		o.domain = ps.slug + ".example"
		o.accred = ps.types
		from := g.dateOf(g.now.AddDate(-g.between(2, 12), -g.rng.IntN(12), 0))
		o.accFrom = from
		if g.chance(50) {
			// Accreditation renewed for a fixed term that has not expired.
			o.accTo = g.dateOf(g.now.AddDate(g.between(1, 4), g.rng.IntN(12), 0))
		}
		g.providers = append(g.providers, o)
		g.zones[m.zone].providers = append(g.zones[m.zone].providers, o)
		if ps.slug == "girasole" {
			g.girasole = o
		}
		all = append(all, o)
	}
	for _, o := range all {
		var mid, zid any
		if o.muni != nil {
			mid = o.muni.id
		}
		if o.zone != 0 {
			zid = o.zone
		}
		g.t["organization"].add(o.id, o.kind, o.name, nullStr(o.taxCode), mid, zid, nullTime(o.accFrom), nullTime(o.accTo))
		for _, tc := range o.accred {
			g.t["organization_accreditation"].add(o.id, tc)
		}
	}
}

// Offices.

type officeSpec struct {
	label string
	istat string
	w     int
}

// extraCitizensOffices are the Uffici della Cittadinanza besides the one in
// each lead municipality (whose label is the municipality's name).
var extraCitizensOffices = map[int32][]officeSpec{
	1:  {{"Umbertide", "054056", 100}},
	2:  {{"Perugia Ponte San Giovanni", "054039", 30}, {"Perugia San Sisto", "054039", 20}, {"Corciano", "054015", 100}},
	3:  {{"Bastia Umbra", "054002", 100}},
	4:  {{"Todi", "054052", 100}},
	5:  {{"Castiglione del Lago", "054009", 100}},
	7:  {{"Gualdo Tadino", "054023", 100}},
	10: {{"Terni Borgo Rivo", "055032", 40}},
	11: {{"Amelia", "055004", 100}},
}

func (g *gen) newOffice(o *org, zoneID int32, m *muni, kind, name, address, email string) *office {
	of := &office{id: g.id("office"), org: o, zone: zoneID, muni: m, kind: kind, name: name}
	street, cap := g.address(m)
	if address != "" {
		street = address
	}
	g.t["office"].add(of.id, o.id, zoneID, m.id, kind, name, fmt.Sprintf("%s, %s %s", street, cap, m.name),
		g.landline(zoneID), email)
	return of
}

func (g *gen) offices() {
	for _, z := range g.zones[1:] {
		dom := z.comune.domain
		leadLabel := z.lead.name
		if z.id == 2 {
			leadLabel = "Perugia Centro"
		}
		if z.id == 10 {
			leadLabel = "Terni Centro"
		}
		first := g.newOffice(z.comune, z.id, z.lead, "CITIZENS_OFFICE", "Ufficio della Cittadinanza "+leadLabel, "",
			"cittadinanza."+slug(leadLabel)+"@"+dom)
		first.weight = 50
		if z.id == 10 {
			first.weight = 60
		}
		z.citizensOffices = append(z.citizensOffices, first)
		for _, s := range extraCitizensOffices[z.id] {
			m := g.byIstat[s.istat]
			if m == nil || m.zone != z.id {
				continue // not in this zone in the reference table
			}
			of := g.newOffice(z.comune, z.id, m, "CITIZENS_OFFICE", "Ufficio della Cittadinanza "+s.label, "",
				"cittadinanza."+slug(s.label)+"@"+dom)
			of.weight = s.w
			z.citizensOffices = append(z.citizensOffices, of)
		}
		z.social = g.newOffice(z.comune, z.id, z.lead, "SOCIAL_SERVICE",
			fmt.Sprintf("Servizio Sociale Professionale – Zona Sociale %d %s", z.id, z.name), "", "servizisociali@"+dom)
		z.zoneOff = g.newOffice(z.plan, z.id, z.lead, "ZONE_OFFICE",
			fmt.Sprintf("Ufficio di Piano – Zona Sociale %d %s", z.id, z.name), "", "ufficiodipiano@"+dom)
	}
	for i, o := range g.providers {
		o.site = g.newOffice(o, o.zone, o.muni, "PROVIDER_SITE", fmt.Sprintf("%s – Sede di %s", o.name, o.muni.name),
			providerSpecs[i].street, "segreteria@"+o.domain)
	}
	perugia := g.byIstat["054039"]
	g.regionalOffice = g.newOffice(g.region, perugia.zone, perugia, "REGIONAL_OFFICE",
		"Regione Umbria – Servizio Programmazione e sviluppo della rete dei servizi sociali", "Piazza Partigiani 1",
		"servizisociali@"+g.region.domain)
}

// citizensOfficeFor picks the Ufficio della Cittadinanza a resident of m goes to.
func (g *gen) citizensOfficeFor(m *muni) *office {
	z := g.zones[m.zone]
	var cands []*office
	total := 0
	for _, of := range z.citizensOffices {
		if of.muni == m {
			cands = append(cands, of)
			total += of.weight
		}
	}
	if len(cands) == 0 {
		return z.citizensOffices[0]
	}
	n := g.rng.IntN(total)
	for _, of := range cands {
		if n < of.weight {
			return of
		}
		n -= of.weight
	}
	return cands[0]
}

// Operators.

func (g *gen) randomName(female bool) (string, string) {
	list := maleMid
	if female {
		list = femaleMid
	}
	return g.pickW(list), g.pickW(italianSurnames)
}

func (g *gen) newOperator(username, first, last, profession string, o *org, zoneID int32) *operator {
	if username == "" {
		panic("empty username")
	}
	op := &operator{id: g.id("operator"), username: username, first: first, last: last, profession: profession, org: o, zone: zoneID}
	g.operators = append(g.operators, op)
	g.byUsername[username] = op
	email := slug(first) + "." + slug(last) + "@" + o.domain
	g.t["operator"].add(op.id, username, first+" "+last, email, profession, o.id, g.hash)
	return op
}

// autoOperator creates an operator with a random name and a username
// prefix.surname, made unique with a digit.
func (g *gen) autoOperator(prefix, profession string, female bool, o *org, zoneID int32) *operator {
	first, last := g.randomName(female)
	base := prefix + "." + slug(last)
	u := base
	for i := 2; g.byUsername[u] != nil; i++ {
		u = fmt.Sprintf("%s%d", base, i)
	}
	return g.newOperator(u, first, last, profession, o, zoneID)
}

func (g *gen) role(op *operator, role string, zoneID int32) {
	var z any
	if zoneID != 0 {
		z = zoneID
	}
	g.t["operator_role"].add(g.id("operator_role"), op.id, role, z, nil)
}

func (g *gen) inOffice(op *operator, of *office) {
	g.t["operator_office"].add(op.id, of.id)
	if of.kind == "CITIZENS_OFFICE" {
		of.frontDesk = append(of.frontDesk, op)
	}
}

func (g *gen) staff() {
	// The demo accounts first, so that they get the first ids.
	z2, z10 := g.zones[2], g.zones[10]

	sp := g.newOperator("sportello.perugia", "Giulia", "Bianchi", "ADMINISTRATIVE", z2.comune, 2)
	g.role(sp, "FRONT_DESK", 2)
	g.inOffice(sp, z2.citizensOffices[0])
	z2.frontDesk = append(z2.frontDesk, sp)

	asp := g.newOperator("as.perugia", "Francesca", "Moretti", "SOCIAL_WORKER", z2.comune, 2)
	g.role(asp, "SOCIAL_WORKER", 2)
	g.inOffice(asp, z2.social)
	z2.socialWorkers = append(z2.socialWorkers, asp)

	ast := g.newOperator("as.terni", "Luca", "Proietti", "SOCIAL_WORKER", z10.comune, 10)
	g.role(ast, "SOCIAL_WORKER", 10)
	g.inOffice(ast, z10.social)
	z10.socialWorkers = append(z10.socialWorkers, ast)

	resp := g.newOperator("resp.perugia", "Roberto", "Mariani", "COORDINATOR", z2.plan, 2)
	g.role(resp, "ZONE_MANAGER", 2)
	g.inOffice(resp, z2.zoneOff)
	g.inOffice(resp, z2.social)
	z2.manager = resp

	coop := g.newOperator("coop.perugia", "Elena", "Ricci", "CARE_WORKER", g.girasole, 2)
	g.role(coop, "PROVIDER", 2)
	g.inOffice(coop, g.girasole.site)
	g.girasole.operators = append(g.girasole.operators, coop)

	reg := g.newOperator("regione", "Marco", "Bellucci", "ANALYST", g.region, 0)
	g.role(reg, "ANALYST", 0)
	g.inOffice(reg, g.regionalOffice)
	dpo := g.newOperator("dpo", "Anna", "Ferretti", "DPO", g.region, 0)
	g.role(dpo, "DPO", 0)
	g.inOffice(dpo, g.regionalOffice)
	adm := g.newOperator("admin", "Paolo", "Cecchetti", "IT_ADMIN", g.region, 0)
	g.role(adm, "ADMIN", 0)
	g.inOffice(adm, g.regionalOffice)

	for _, z := range g.zones[1:] {
		zs := fmt.Sprint(z.id)
		// Front desk: every Ufficio della Cittadinanza has at least one operator.
		offs := z.citizensOffices
		switch {
		case z.id == 2 && len(offs) == 4:
			a := g.autoOperator("sp"+zs, "ADMINISTRATIVE", true, z.comune, z.id)
			g.inOffice(a, offs[0])
			g.inOffice(a, offs[2])
			b := g.autoOperator("sp"+zs, "ADMINISTRATIVE", false, z.comune, z.id)
			g.inOffice(b, offs[1])
			g.inOffice(b, offs[3])
			z.frontDesk = append(z.frontDesk, a, b)
		default:
			n := max(len(offs), 1)
			if len(offs) == 1 && z.lead.pop > 30000 {
				n = 2
			}
			for i := range n {
				op := g.autoOperator("sp"+zs, "ADMINISTRATIVE", g.chance(70), z.comune, z.id)
				g.inOffice(op, offs[i%len(offs)])
				z.frontDesk = append(z.frontDesk, op)
			}
		}
		for _, op := range z.frontDesk {
			if op.username != "sportello.perugia" {
				g.role(op, "FRONT_DESK", z.id)
			}
		}
		// Social workers, educators, psychologists.
		nsw := 2
		switch {
		case z.id == 2:
			nsw = 4
		case z.id == 10:
			nsw = 3
		case z.lead.pop > 30000:
			nsw = 3
		}
		for range nsw {
			op := g.autoOperator("as"+zs, "SOCIAL_WORKER", g.chance(85), z.comune, z.id)
			g.role(op, "SOCIAL_WORKER", z.id)
			g.inOffice(op, z.social)
			z.socialWorkers = append(z.socialWorkers, op)
		}
		ned := 1
		if z.id == 2 || z.id == 10 {
			ned = 2
		}
		for range ned {
			op := g.autoOperator("ed"+zs, "EDUCATOR", g.chance(70), z.comune, z.id)
			g.role(op, "SOCIAL_WORKER", z.id)
			g.inOffice(op, z.social)
			z.team = append(z.team, op)
		}
		op := g.autoOperator("psi"+zs, "PSYCHOLOGIST", g.chance(70), z.comune, z.id)
		g.role(op, "SOCIAL_WORKER", z.id)
		g.inOffice(op, z.social)
		z.team = append(z.team, op)
		if z.id == 2 && g.zones[2].manager != nil {
			continue
		}
		m := g.autoOperator("resp"+zs, "COORDINATOR", g.chance(50), z.plan, z.id)
		g.role(m, "ZONE_MANAGER", z.id)
		g.inOffice(m, z.zoneOff)
		g.inOffice(m, z.social)
		z.manager = m
	}
	for _, o := range g.providers {
		n := providerSpecs[indexOfProvider(o)].staff
		if o == g.girasole {
			n-- // coop.perugia is already there
		}
		for range n {
			prof := "CARE_WORKER"
			for _, t := range o.accred {
				if (t == "EDUCATIONAL_SUPPORT_MINORS" || t == "SCHOOL_ASSISTANCE_DISABLED") && g.chance(40) {
					prof = "EDUCATOR"
				}
				if t == "CULTURAL_MEDIATION" && g.chance(40) {
					prof = "CULTURAL_MEDIATOR"
				}
			}
			op := g.autoOperator(o.slug, prof, g.chance(75), o, o.zone)
			g.role(op, "PROVIDER", o.zone)
			g.inOffice(op, o.site)
			o.operators = append(o.operators, op)
		}
	}
}

func indexOfProvider(o *org) int {
	for i, ps := range providerSpecs {
		if ps.slug == o.slug {
			return i
		}
	}
	return 0
}
