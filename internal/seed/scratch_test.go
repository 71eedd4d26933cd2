package seed

import (
	"fmt"
	"testing"
	"time"
)

func TestScratch(t *testing.T) {
	munis, err := umbriaMunicipalities()
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	g, err := generate(1, time.Date(2025, 11, 20, 11, 30, 0, 0, time.Local), "x", munis, map[string]int64{})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println("gen", time.Since(start))
	for _, tb := range g.tables {
		fmt.Println(tb.name, len(tb.rows))
	}
	st := map[string]int{}
	for _, c := range g.cases {
		st[c.status]++
	}
	fmt.Println(st)
	is := map[string]int{}
	for _, iv := range g.interv {
		is[iv.status]++
	}
	fmt.Println(is)
	rs := map[string]int{}
	for _, r := range g.referrals {
		rs[r.status]++
	}
	fmt.Println(rs)
}

func TestScratch2(t *testing.T) {
	munis, _ := umbriaMunicipalities()
	g, err := generate(1, time.Date(2025, 11, 20, 11, 30, 0, 0, time.Local), "x", munis, map[string]int64{})
	if err != nil {
		t.Fatal(err)
	}
	cit := map[int64]bool{}
	for _, iv := range g.interv {
		if iv.provider == g.girasole && iv.status == "ACTIVE" {
			cit[iv.p.id] = true
		}
	}
	fmt.Println("girasole active citizens", len(cit))
	resp := map[string]map[string]int{}
	for _, c := range g.cases {
		u := c.responsible.username
		if resp[u] == nil {
			resp[u] = map[string]int{}
		}
		resp[u][c.status]++
	}
	fmt.Println("as.perugia", resp["as.perugia"], "as.terni", resp["as.terni"])
	zc := map[int32]int{}
	for _, c := range g.cases {
		zc[c.z.id]++
	}
	fmt.Println("cases per zone", zc)
	rossi := map[int32]int{}
	hl, pr, tmp, fb := 0, 0, 0, 0
	for _, p := range g.persons {
		if p.last == "Rossi" {
			rossi[p.res.zone]++
		}
		if p.homeless {
			hl++
		}
		if p.protected {
			pr++
		}
		if p.tmp != "" {
			tmp++
		}
		if len(p.birthPlace) > 0 && p.birthPlace[0] == 'Z' {
			fb++
		}
	}
	fmt.Println("rossi", rossi, "homeless", hl, "protected", pr, "tmp", tmp, "foreign-born", fb)
	pl := 0
	for _, iv := range g.interv {
		if iv.planted {
			pl++
		}
	}
	fmt.Println("planted interventions", pl)
	sp := 0
	for _, a := range g.accesses {
		if a.op.username == "sportello.perugia" {
			sp++
		}
	}
	fmt.Println("sportello accesses", sp)
	for i, tb := range g.tables {
		_ = i
		if tb.name == "referral" {
			fmt.Println("referral", len(tb.rows))
		}
	}
}
