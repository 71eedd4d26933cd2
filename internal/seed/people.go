package seed

import (
	"fmt"
	"time"

	"github.com/siso-project/siso/internal/codicefiscale"
)

// demoCitizens is the number of citizens of the demo.
const demoCitizens = 8000

type rel struct {
	other      *person
	kind       string // what other is to this person
	cohabiting bool
	from       time.Time
}

type person struct {
	id          int64
	first, last string
	sex         string
	birth       time.Time // UTC midnight
	birthPlace  string
	birthMuni   *muni
	citizenship string
	language    string
	foreign     *country // country of origin of the family, nil for Italians
	res         *muni
	address     string
	postcode    string
	domMuni     *muni
	domAddress  string
	phone       string
	email       string
	homeless    bool
	protected   bool
	fiscal      string
	tmp         string
	household   []*person // cohabiting members, self included; nil when alone
	rels        []rel
	profile     string // user area of the person's needs; "" when the person never came
	needs       []string
	kase        *careCase
	accesses    []*accessRec
	unaccMinor  bool

	createdAt time.Time
	createdBy *operator
}

func (g *gen) age(p *person) int { return ageOn(p.birth, g.todayDate) }

func ageOn(birth, day time.Time) int {
	a := day.Year() - birth.Year()
	if day.Month() < birth.Month() || (day.Month() == birth.Month() && day.Day() < birth.Day()) {
		a--
	}
	return a
}

func (g *gen) zoneOf(p *person) *zone { return g.zones[p.res.zone] }

var inverseKind = map[string]string{
	"PARENT": "CHILD", "CHILD": "PARENT", "PARTNER": "PARTNER", "SIBLING": "SIBLING",
	"HOUSEHOLD_MEMBER": "HOUSEHOLD_MEMBER", "LEGAL_GUARDIAN": "WARD", "WARD": "LEGAL_GUARDIAN",
	"SUPPORT_ADMINISTRATOR": "SUPPORTED_PERSON", "SUPPORTED_PERSON": "SUPPORT_ADMINISTRATOR",
	"CAREGIVER": "CARED_FOR", "CARED_FOR": "CAREGIVER", "OTHER_RELATIVE": "OTHER_RELATIVE",
}

// link records that b is a's kind, and a is b's inverse kind.
func (g *gen) link(a, b *person, kind string, cohabiting bool, from time.Time) {
	if from.After(g.todayDate) {
		from = g.todayDate.AddDate(0, -g.between(1, 24), 0)
	}
	a.rels = append(a.rels, rel{b, kind, cohabiting, from})
	b.rels = append(b.rels, rel{a, inverseKind[kind], cohabiting, from})
	g.linkedPair[pairKey(a, b)] = true
}

func pairKey(a, b *person) [2]int64 {
	if a.id < b.id {
		return [2]int64{a.id, b.id}
	}
	return [2]int64{b.id, a.id}
}

func (g *gen) pickCountry() *country {
	total := 0
	for _, c := range countries {
		total += c.w
	}
	n := g.rng.IntN(total)
	for _, c := range countries {
		if n < c.w {
			return c
		}
		n -= c.w
	}
	return countries[0]
}

func countryByISO(iso string) *country {
	for _, c := range countries {
		if c.iso == iso {
			return c
		}
	}
	return countries[0]
}

func (g *gen) surname(c *country) string {
	if c != nil {
		return pick(g, c.surnames)
	}
	return g.pickW(italianSurnames)
}

func (g *gen) firstName(sex string, birthYear int, c *country, foreignName bool) string {
	if c != nil && foreignName {
		if sex == "F" {
			return pick(g, c.female)
		}
		return pick(g, c.male)
	}
	var list []wstr
	switch {
	case birthYear <= 1955 && sex == "F":
		list = femaleOld
	case birthYear <= 1955:
		list = maleOld
	case birthYear <= 1990 && sex == "F":
		list = femaleMid
	case birthYear <= 1990:
		list = maleMid
	case sex == "F":
		list = femaleYoung
	default:
		list = maleYoung
	}
	return g.pickW(list)
}

// italianBirthplace picks a place of birth in Italy for a resident of m.
func (g *gen) italianBirthplace(m *muni, age int) (string, *muni) {
	home := 20
	if age >= 65 {
		home = 45 // born at home, in the village
	}
	r := g.rng.IntN(100)
	switch {
	case r < home:
		return m.cadastral, m
	case r < home+50:
		// The hospital of the zone, or of the province's capital.
		h := g.zones[m.zone].lead
		if g.chance(30) {
			if m.province == "TR" {
				h = g.byIstat["055032"]
			} else {
				h = g.byIstat["054039"]
			}
		}
		return h.cadastral, h
	case r < 90:
		b := g.pickMuni()
		return b.cadastral, b
	default:
		return g.pickW(otherItalianBirthplaces), nil
	}
}

// newPerson creates a citizen living in m; c is the country of origin of a
// foreign family (nil for Italians) and abroad whether the person was born
// there. last may be empty for a random surname.
func (g *gen) newPerson(sex string, age int, last string, c *country, abroad bool, m *muni) *person {
	age = min(max(age, 0), 97)
	p := &person{id: g.id("citizen"), sex: sex, foreign: c, res: m}
	p.birth = g.todayDate.AddDate(-age, 0, -g.rng.IntN(364)-1)
	if last == "" {
		last = g.surname(c)
	}
	p.last = last
	p.first = g.firstName(sex, p.birth.Year(), c, abroad || g.chance(55))
	switch {
	case c != nil && abroad:
		p.birthPlace = c.zcode
		p.citizenship = c.iso
		if age >= 25 && g.chance(15) {
			p.citizenship = "IT" // naturalized
		}
		p.language = c.lang
	case c != nil:
		p.birthPlace, p.birthMuni = g.zones[m.zone].lead.cadastral, g.zones[m.zone].lead
		p.citizenship = c.iso
		p.language = c.lang
		if g.chance(20) {
			p.citizenship = "IT"
			p.language = "it"
		}
	default:
		p.birthPlace, p.birthMuni = g.italianBirthplace(m, age)
		p.citizenship = "IT"
		p.language = "it"
	}
	if age >= 18 {
		pPhone := 75.0
		if age >= 85 {
			pPhone = 40
		}
		if g.chance(pPhone) {
			p.phone = g.mobile()
		}
		if age < 70 && g.chance(30) {
			num := ""
			if g.chance(40) {
				num = fmt.Sprintf("%02d", p.birth.Year()%100)
			}
			p.email = slug(p.first) + "." + slug(p.last) + num + "@" + pick(g, []string{"email.example", "posta.example", "mail.example"})
		}
	}
	g.persons = append(g.persons, p)
	return p
}

// assignFiscalCode computes the codice fiscale, moving the birth date back a
// day at a time on the rare collision with an existing code.
func (g *gen) assignFiscalCode(p *person) error {
	for range 30 {
		fc, err := codicefiscale.Compute(p.last, p.first, p.birth, p.sex, p.birthPlace)
		if err != nil {
			return fmt.Errorf("seed: codice fiscale of %s %s: %w", p.first, p.last, err)
		}
		if !g.fiscal[fc] {
			g.fiscal[fc] = true
			p.fiscal = fc
			return nil
		}
		p.birth = p.birth.AddDate(0, 0, -1)
	}
	return fmt.Errorf("seed: no free codice fiscale for %s %s", p.first, p.last)
}

func (g *gen) tempID() string {
	const chars = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
	for {
		b := make([]byte, 10)
		for i := range b {
			b[i] = chars[g.rng.IntN(len(chars))]
		}
		id := "TMP-" + string(b)
		if !g.tmpIDs[id] {
			g.tmpIDs[id] = true
			return id
		}
	}
}

func (g *gen) setHome(members []*person, m *muni) {
	addr, cap := g.address(m)
	for _, p := range members {
		p.res, p.address, p.postcode = m, addr, cap
	}
	if len(members) > 1 {
		for _, p := range members {
			p.household = members
		}
	}
}

// cohabit links every pair of members not linked yet as household members.
func (g *gen) cohabit(members []*person) {
	from := g.dateOf(g.now.AddDate(-g.between(1, 15), -g.rng.IntN(12), 0))
	for i, a := range members {
		for _, b := range members[i+1:] {
			if !g.linkedPair[pairKey(a, b)] {
				g.link(a, b, "HOUSEHOLD_MEMBER", true, from)
			}
		}
	}
}

// Profiles and needs.

var crossNeeds = map[string][]string{
	"ELDERLY":       {"MU_ADMINISTRATIVE", "PV_INCOME", "DI_TRANSPORT"},
	"DISABILITY":    {"MU_ADMINISTRATIVE", "PV_INCOME"},
	"FAMILY_MINORS": {"PV_INCOME", "PV_HOUSING", "MU_ADMINISTRATIVE"},
	"DEPENDENCIES":  {"PV_EMPLOYMENT", "PV_HOUSING"},
	"IMMIGRANTS":    {"PV_EMPLOYMENT", "PV_HOUSING", "MU_ADMINISTRATIVE"},
	"POVERTY":       {"MU_ADMINISTRATIVE", "MU_INFORMATION"},
	"MULTI_USER":    {"PV_INCOME"},
}

// setProfile gives p the user area of their needs and 1-3 needs.
// youngest is the age of the youngest minor concerned (-1: none).
func (g *gen) setProfile(p *person, area string, youngest int) {
	p.profile = area
	age := g.age(p)
	var list []wstr
	switch area {
	case "ELDERLY":
		list = areaNeeds[area]
		if age >= 85 {
			list = []wstr{{"EL_HOME_CARE", 30}, {"EL_NON_SELF_SUFF", 40}, {"EL_LONELINESS", 15}, {"EL_RESIDENTIAL", 15}}
		}
	case "DISABILITY":
		list = areaNeeds[area]
		if age < 18 {
			list = []wstr{{"DI_SCHOOL_SUPPORT", 60}, {"DI_HOME_CARE", 15}, {"DI_TRANSPORT", 25}}
		}
	case "FAMILY_MINORS":
		if age < 18 {
			youngest = age
		}
		for _, e := range areaNeeds[area] {
			if e.s == "FM_CHILDCARE" && (youngest < 0 || youngest > 3) {
				continue
			}
			if e.s == "FM_SCHOOL" && (youngest < 6 || youngest > 17) {
				continue
			}
			list = append(list, e)
		}
	case "POVERTY":
		list = areaNeeds[area]
		if p.homeless {
			p.needs = []string{"PV_HOMELESS"}
			if g.chance(50) {
				p.needs = append(p.needs, "PV_FOOD")
			}
			return
		}
	default:
		list = areaNeeds[area]
	}
	p.needs = []string{g.pickW(list)}
	if len(list) > 1 && g.chance(35) {
		for range 5 {
			n := g.pickW(list)
			if n != p.needs[0] {
				p.needs = append(p.needs, n)
				break
			}
		}
	}
	if age >= 18 && g.chance(20) {
		n := pick(g, crossNeeds[area])
		if !contains(p.needs, n) {
			p.needs = append(p.needs, n)
		}
	}
}

func contains[T comparable](list []T, v T) bool {
	for _, e := range list {
		if e == v {
			return true
		}
	}
	return false
}

// People.

func (g *gen) people() error {
	// Rossi in every zone (and a few more in Perugia): searching "rossi" must
	// find people in zone 2 and elsewhere.
	for _, z := range g.zones[1:] {
		g.single(z.lead, "Rossi")
	}
	g.single(g.zones[2].lead, "Rossi")
	g.family(g.pickMuniIn(g.zones[2]), nil, false, "Rossi")
	// People without a codice fiscale: unaccompanied foreign minors and
	// foreign homeless people not yet identified.
	for _, zid := range []int32{2, 2, 10, 8, 2, 10} {
		g.unaccompaniedMinor(g.zones[zid])
	}
	for _, zid := range []int32{2, 10, 2, 8, 9, 10} {
		g.unidentifiedHomeless(g.zones[zid])
	}
	for len(g.persons) < demoCitizens {
		m := g.pickMuni()
		if g.rng.IntN(1000) < 700 {
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
	// Codici fiscali and temporary identifiers.
	for _, p := range g.persons {
		if p.tmp != "" {
			p.tmp = g.tempID()
			continue
		}
		if err := g.assignFiscalCode(p); err != nil {
			return err
		}
	}
	g.domiciles()
	g.protectedAddresses()
	g.outsideRelations()
	return nil
}

func (g *gen) single(m *muni, last string) *person {
	var c *country
	if last == "" && g.chance(7) {
		c = g.pickCountry()
	}
	var age int
	if c != nil {
		age = g.pickAge([]ageBand{{18, 34, 35}, {35, 64, 55}, {65, 80, 10}})
	} else {
		age = g.pickAge([]ageBand{{18, 34, 14}, {35, 64, 40}, {65, 79, 22}, {80, 97, 24}})
	}
	homeless := age >= 25 && age <= 70 && g.chance(3.2)
	sex := "M"
	switch {
	case homeless:
		if g.chance(20) {
			sex = "F"
		}
		m = g.zones[m.zone].lead
	case age >= 80:
		if g.chance(68) {
			sex = "F"
		}
	default:
		if g.chance(52) {
			sex = "F"
		}
	}
	p := g.newPerson(sex, age, last, c, c != nil, m)
	g.setHome([]*person{p}, m)
	if homeless {
		p.homeless = true
		p.address = "Via della Casa Comunale 1"
		if g.chance(60) {
			p.phone = ""
		}
		p.email = ""
	}
	var area string
	switch {
	case homeless:
		area = "POVERTY"
	case age >= 65:
		area = g.pickW([]wstr{{"ELDERLY", 85}, {"POVERTY", 5}, {"MULTI_USER", 7}, {"DISABILITY", 3}})
	case c != nil:
		area = g.pickW([]wstr{{"IMMIGRANTS", 40}, {"POVERTY", 38}, {"MULTI_USER", 15}, {"DEPENDENCIES", 3}, {"DISABILITY", 4}})
	default:
		area = g.pickW([]wstr{{"POVERTY", 40}, {"MULTI_USER", 26}, {"DEPENDENCIES", 12}, {"DISABILITY", 16}, {"FAMILY_MINORS", 6}})
	}
	g.setProfile(p, area, -1)
	return p
}

type ageBand struct{ lo, hi, w int }

func (g *gen) pickAge(bands []ageBand) int {
	total := 0
	for _, b := range bands {
		total += b.w
	}
	n := g.rng.IntN(total)
	for _, b := range bands {
		if n < b.w {
			return g.between(b.lo, b.hi)
		}
		n -= b.w
	}
	return bands[0].lo
}

func (g *gen) elderlyCouple(m *muni) {
	var c *country
	if g.chance(3) {
		c = g.pickCountry()
	}
	ha := g.between(67, 94)
	wa := min(max(ha-g.between(-2, 7), 62), 97)
	h := g.newPerson("M", ha, "", c, c != nil, m)
	w := g.newPerson("F", wa, "", c, c != nil, m)
	g.setHome([]*person{h, w}, m)
	g.link(h, w, "PARTNER", true, w.birth.AddDate(g.between(20, 30), g.rng.IntN(12), 0))
	first, second := h, w
	if g.chance(50) {
		first, second = w, h
	}
	g.setProfile(first, "ELDERLY", -1)
	if g.chance(50) {
		g.setProfile(second, "ELDERLY", -1)
	}
}

// family creates parents and children; single is a one-parent family.
func (g *gen) family(m *muni, c *country, single bool, last string) {
	fa := g.between(28, 58)
	ma := min(max(fa-g.between(-3, 6), 22), 50)
	if single {
		ma = g.between(24, 52)
	}
	arrival := g.between(2, 20) // years since the family came to Italy
	abroad := func(age int) bool { return c != nil && age >= arrival }
	var father, mother *person
	var members []*person
	motherLast := ""
	if single && g.chance(15) {
		// A single father.
		father = g.newPerson("M", fa, last, c, abroad(fa), m)
		members = append(members, father)
		ma = fa - 3
	} else {
		if !single {
			father = g.newPerson("M", fa, last, c, abroad(fa), m)
			members = append(members, father)
		} else {
			motherLast = last
		}
		mother = g.newPerson("F", ma, motherLast, c, abroad(ma), m)
		members = append(members, mother)
	}
	if father != nil && mother != nil {
		g.link(father, mother, "PARTNER", true, mother.birth.AddDate(g.between(20, 30), g.rng.IntN(12), 0))
	}
	kidLast := last
	switch {
	case father != nil:
		kidLast = father.last
	case g.chance(30):
		kidLast = mother.last
	case kidLast == "":
		kidLast = g.surname(c)
	}
	n := g.pickAge([]ageBand{{1, 1, 40}, {2, 2, 40}, {3, 3, 20}})
	// Children are at least 18 years younger than both parents.
	ref := ma
	switch {
	case mother == nil:
		ref = fa - 3
	case father != nil:
		ref = min(ma, fa)
	}
	lo, hi := max(0, ref-44), ref-18
	var kids []*person
	youngest := -1
	for range n {
		var ka int
		if lo <= 17 && g.chance(85) {
			ka = g.between(lo, min(hi, 17))
		} else {
			ka = g.between(lo, min(hi, 25))
		}
		sex := "M"
		if g.chance(49) {
			sex = "F"
		}
		k := g.newPerson(sex, ka, kidLast, c, abroad(ka), m)
		for _, par := range []*person{father, mother} {
			if par != nil {
				g.link(k, par, "PARENT", true, k.birth)
			}
		}
		for _, s := range kids {
			g.link(k, s, "SIBLING", true, maxTime(k.birth, s.birth))
		}
		kids = append(kids, k)
		members = append(members, k)
		if ka < 18 && (youngest < 0 || ka < youngest) {
			youngest = ka
		}
	}
	// A grandmother living with the family.
	if !single && c == nil && mother != nil && ma <= 50 && g.chance(8) {
		gm := g.newPerson("F", min(ma+g.between(22, 35), 95), "", nil, false, m)
		g.link(mother, gm, "PARENT", true, mother.birth)
		for _, k := range kids {
			g.link(k, gm, "OTHER_RELATIVE", true, k.birth)
		}
		members = append(members, gm)
		if g.chance(50) {
			g.setProfile(gm, "ELDERLY", -1)
		}
	}
	g.setHome(members, m)
	g.cohabit(members)

	parent := mother
	if parent == nil || (father != nil && g.chance(25)) {
		parent = father
	}
	var minors []*person
	for _, k := range kids {
		if g.age(k) < 18 {
			minors = append(minors, k)
		}
	}
	var area string
	switch {
	case c != nil:
		area = g.pickW([]wstr{{"IMMIGRANTS", 30}, {"POVERTY", 30}, {"FAMILY_MINORS", 40}})
	case single:
		area = g.pickW([]wstr{{"FAMILY_MINORS", 55}, {"POVERTY", 38}, {"MULTI_USER", 7}})
	default:
		area = g.pickW([]wstr{{"FAMILY_MINORS", 55}, {"POVERTY", 22}, {"DISABILITY", 12}, {"MULTI_USER", 11}})
	}
	if area == "FAMILY_MINORS" && len(minors) == 0 {
		area = "POVERTY"
	}
	switch {
	case area == "FAMILY_MINORS" && g.chance(55):
		// The file is opened on a child; the parents speak for them.
		g.setProfile(pick(g, minors), area, youngest)
	case area == "DISABILITY":
		g.setProfile(pick(g, kids), area, youngest)
	default:
		g.setProfile(parent, area, youngest)
	}
	// Other members come to the offices for their own reasons.
	for _, m := range members {
		if m.profile != "" || g.age(m) < 18 || !g.chance(35) {
			continue
		}
		switch {
		case g.age(m) >= 65:
			g.setProfile(m, "ELDERLY", -1)
		case c != nil:
			g.setProfile(m, g.pickW([]wstr{{"IMMIGRANTS", 50}, {"POVERTY", 30}, {"MULTI_USER", 20}}), youngest)
		default:
			g.setProfile(m, g.pickW([]wstr{{"MULTI_USER", 50}, {"POVERTY", 40}, {"DISABILITY", 10}}), youngest)
		}
	}
}

func (g *gen) elderWithChild(m *muni) {
	sex := "F"
	if g.chance(30) {
		sex = "M"
	}
	ea := g.between(75, 97)
	elder := g.newPerson(sex, ea, "", nil, false, m)
	ca := max(ea-g.between(22, 40), 35)
	last := ""
	if sex == "M" {
		last = elder.last
	}
	csex := "F"
	if g.chance(45) {
		csex = "M"
	}
	child := g.newPerson(csex, ca, last, nil, false, m)
	members := []*person{elder, child}
	g.link(child, elder, "PARENT", true, child.birth)
	if g.chance(55) {
		g.link(elder, child, "CAREGIVER", true, g.dateOf(g.now.AddDate(-g.between(1, 6), 0, 0)))
	}
	if g.chance(25) {
		psex := "M"
		if csex == "M" {
			psex = "F"
		}
		partner := g.newPerson(psex, min(max(ca+g.between(-4, 4), 30), 90), "", nil, false, m)
		g.link(child, partner, "PARTNER", true, g.dateOf(g.now.AddDate(-g.between(5, 30), 0, 0)))
		members = append(members, partner)
	}
	g.setHome(members, m)
	g.cohabit(members)
	g.setProfile(elder, "ELDERLY", -1)
	if g.chance(30) {
		g.setProfile(child, g.pickW([]wstr{{"MULTI_USER", 60}, {"POVERTY", 40}}), -1)
	}
}

func (g *gen) siblings(m *muni) {
	a := g.newPerson(pick(g, []string{"M", "F"}), g.between(40, 75), "", nil, false, m)
	b := g.newPerson(pick(g, []string{"M", "F"}), min(max(g.age(a)+g.between(-8, 8), 35), 80), a.last, nil, false, m)
	g.link(a, b, "SIBLING", true, maxTime(a.birth, b.birth))
	g.setHome([]*person{a, b}, m)
	if g.chance(60) {
		g.setProfile(b, "DISABILITY", -1)
		if g.chance(30) {
			g.setProfile(a, "MULTI_USER", -1)
		}
	} else {
		g.setProfile(a, g.pickW([]wstr{{"POVERTY", 50}, {"MULTI_USER", 50}}), -1)
	}
}

func (g *gen) elderWithCarer(m *muni) {
	sex := "F"
	if g.chance(30) {
		sex = "M"
	}
	elder := g.newPerson(sex, g.between(80, 97), "", nil, false, m)
	members := []*person{elder}
	if g.chance(30) {
		psex := "M"
		if sex == "M" {
			psex = "F"
		}
		partner := g.newPerson(psex, min(max(g.age(elder)+g.between(-5, 5), 75), 97), "", nil, false, m)
		g.link(elder, partner, "PARTNER", true, elder.birth.AddDate(g.between(22, 30), 0, 0))
		members = append(members, partner)
	}
	c := countryByISO(g.pickW([]wstr{{"RO", 40}, {"UA", 30}, {"MD", 20}, {"AL", 5}, {"PH", 5}}))
	carer := g.newPerson("F", g.between(40, 62), "", c, true, m)
	since := g.dateOf(g.now.AddDate(-g.between(0, 6), -g.rng.IntN(12), 0))
	for _, e := range members {
		g.link(e, carer, "HOUSEHOLD_MEMBER", true, since)
		g.link(e, carer, "CAREGIVER", true, since)
	}
	members = append(members, carer)
	g.setHome(members, m)
	g.cohabit(members)
	g.setProfile(elder, "ELDERLY", -1)
	if g.chance(30) {
		g.setProfile(carer, g.pickW([]wstr{{"IMMIGRANTS", 70}, {"MULTI_USER", 30}}), -1)
	}
}

// unaccompaniedMinor is a foreign minor without family in Italy, living in
// a community, with a volunteer guardian and no codice fiscale yet.
func (g *gen) unaccompaniedMinor(z *zone) {
	c := countryByISO(pick(g, []string{"AL", "MA", "TN", "NG"}))
	p := g.newPerson("M", g.between(15, 17), "", c, true, z.lead)
	p.tmp = "pending"
	p.unaccMinor = true
	p.citizenship = c.iso
	p.phone, p.email = "", ""
	g.setHome([]*person{p}, z.lead)
	p.needs = []string{"FM_CHILD_PROTECTION", "IM_LEGAL"}
	p.profile = "FAMILY_MINORS"
}

// unidentifiedHomeless is a foreign homeless person whose documents are
// being recovered: registered with a temporary identifier.
func (g *gen) unidentifiedHomeless(z *zone) {
	c := countryByISO(pick(g, []string{"NG", "MA", "TN", "AL", "RO"}))
	sex := "M"
	if g.chance(15) {
		sex = "F"
	}
	p := g.newPerson(sex, g.between(20, 50), "", c, true, z.lead)
	g.setHome([]*person{p}, z.lead)
	p.homeless = true
	p.address = "Via della Casa Comunale 1"
	p.phone, p.email = "", ""
	p.tmp = "pending"
	g.setProfile(p, "POVERTY", -1)
}

// domiciles gives a few adults a domicile in another zone.
func (g *gen) domiciles() {
	for _, p := range g.persons {
		if p.homeless || p.tmp != "" || g.age(p) < 18 || !g.chance(2.5) {
			continue
		}
		for range 10 {
			m := g.pickMuni()
			if m.zone != p.res.zone {
				p.domMuni = m
				p.domAddress, _ = g.address(m)
				break
			}
		}
	}
}

// protectedAddresses marks about 1% of the citizens (women at risk and
// their children) as living at a protected address.
func (g *gen) protectedAddresses() {
	want := len(g.persons) / 100
	n := 0
	for tries := 0; n < want && tries < 100000; tries++ {
		p := pick(g, g.persons)
		a := g.age(p)
		if p.sex != "F" || a < 20 || a > 60 || p.homeless || p.protected {
			continue
		}
		p.protected = true
		n++
		for _, r := range p.rels {
			if r.kind == "CHILD" && r.cohabiting && !r.other.protected {
				r.other.protected = true
				n++
			}
		}
	}
}

// outsideRelations adds non-cohabiting relations: caregivers, support
// administrators and legal guardians of elderly and disabled people.
func (g *gen) outsideRelations() {
	pool := map[int32][]*person{}
	for _, p := range g.persons {
		a := g.age(p)
		if a >= 30 && a <= 68 && !p.homeless && p.tmp == "" && p.profile == "" {
			pool[p.res.zone] = append(pool[p.res.zone], p)
		}
	}
	other := func(p *person) *person {
		l := pool[p.res.zone]
		if len(l) == 0 {
			return nil
		}
		return pick(g, l)
	}
	for _, p := range g.persons {
		a := g.age(p)
		since := g.dateOf(g.now.AddDate(-g.between(1, 6), -g.rng.IntN(12), 0))
		switch {
		case p.unaccMinor:
			if t := other(p); t != nil {
				g.link(p, t, "LEGAL_GUARDIAN", false, g.dateOf(g.now.AddDate(0, -g.between(2, 14), 0)))
			}
		case p.profile == "ELDERLY" && p.household == nil && a >= 75:
			if g.chance(25) {
				if c := other(p); c != nil {
					g.link(p, c, "CAREGIVER", false, since)
				}
			}
			if a >= 82 && g.chance(8) {
				if s := other(p); s != nil {
					g.link(p, s, "SUPPORT_ADMINISTRATOR", false, since)
				}
			}
		case p.profile == "DISABILITY" && a >= 18:
			switch {
			case g.chance(10):
				if s := other(p); s != nil {
					g.link(p, s, "SUPPORT_ADMINISTRATOR", false, since)
				}
			case g.chance(3):
				if s := other(p); s != nil {
					g.link(p, s, "LEGAL_GUARDIAN", false, since)
				}
			}
		}
	}
}

// relativeLabel is the Italian name of what r.other is to the person.
func relativeLabel(r rel) string {
	f := r.other.sex == "F"
	pickS := func(m, fem string) string {
		if f {
			return fem
		}
		return m
	}
	switch r.kind {
	case "PARENT":
		return pickS("padre", "madre")
	case "CHILD":
		return pickS("figlio", "figlia")
	case "PARTNER":
		return pickS("marito", "moglie")
	case "SIBLING":
		return pickS("fratello", "sorella")
	case "CAREGIVER":
		return "caregiver"
	case "LEGAL_GUARDIAN":
		return pickS("tutore", "tutrice")
	case "SUPPORT_ADMINISTRATOR":
		return "amministratore di sostegno"
	case "OTHER_RELATIVE":
		return pickS("nonno", "nonna")
	case "HOUSEHOLD_MEMBER":
		return "convivente"
	}
	return "familiare"
}

// emitPeople writes the citizens and their relations.
func (g *gen) emitPeople() {
	for _, p := range g.persons {
		var bm, dm any
		if p.birthMuni != nil {
			bm = p.birthMuni.id
		}
		if p.domMuni != nil {
			dm = p.domMuni.id
		}
		var createdBy any
		if p.createdBy != nil {
			createdBy = p.createdBy.id
		}
		g.t["citizen"].add(p.id, nullStr(p.fiscal), nullStr(p.tmp), p.first, p.last, p.birth, p.birthPlace, bm, p.sex,
			p.citizenship, p.res.id, nullStr(p.address), p.postcode, dm, nullStr(p.domAddress), nullStr(p.phone),
			nullStr(p.email), p.homeless, p.language, p.protected, createdBy, p.createdAt, p.createdAt)
	}
	for _, p := range g.persons {
		for _, r := range p.rels {
			var createdBy any
			if p.createdBy != nil {
				createdBy = p.createdBy.id
			}
			ts := maxTime(p.createdAt, r.other.createdAt)
			g.t["relation"].add(g.id("relation"), p.id, r.other.id, r.kind, r.cohabiting, nullTime(r.from), createdBy, ts, ts)
		}
	}
}
