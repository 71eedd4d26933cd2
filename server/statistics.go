package main

import (
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/store"
)

// statisticsCSV: `siso export statistics --from 2026-01-01 --to 2026-12-31
// [--zone 2] [--group-by ZONE,MONTH]` writes the statistics as CSV, with
// the same suppression of small cells as the API.
func statisticsCSV(ctx context.Context, args []string, db *bun.DB) error {
	fs := flag.NewFlagSet("export statistics", flag.ContinueOnError)
	from := fs.String("from", "", "first day (2026-01-01)")
	to := fs.String("to", "", "last day (2026-12-31)")
	zone := fs.String("zone", "", "a zone code (default: every zone)")
	groupBy := fs.String("group-by", "ZONE,MONTH", "dimensions: ZONE, MUNICIPALITY, USER_AREA, INTERVENTION_TYPE, MONTH, SEX, AGE_BAND")
	out := fs.String("out", "", "write to this file instead of standard output")
	if err := fs.Parse(args); err != nil {
		return err
	}
	f, err1 := time.Parse("2006-01-02", *from)
	t, err2 := time.Parse("2006-01-02", *to)
	if err1 != nil || err2 != nil || t.Before(f) {
		return errors.New("give --from and --to as dates, from before to")
	}
	q := store.StatsQuery{From: f, To: t}
	for _, d := range strings.Split(*groupBy, ",") {
		if d = strings.TrimSpace(strings.ToUpper(d)); d != "" {
			q.GroupBy = append(q.GroupBy, d)
		}
	}
	s := store.New(db)
	if *zone != "" {
		id, err := s.ZoneIDByCode(ctx, *zone)
		if err != nil {
			return err
		}
		if id == 0 {
			return fmt.Errorf("unknown zone %q", *zone)
		}
		q.ZoneIDs = []int{id}
	}
	cells, totals, err := s.Statistics(ctx, q)
	if err != nil {
		return err
	}
	w := os.Stdout
	if *out != "" {
		file, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer file.Close()
		w = file
	}
	cw := csv.NewWriter(w)
	header := append(append([]string{}, q.GroupBy...), "people", "accesses", "cases", "interventions", "amount_euro", "suppressed")
	if err := cw.Write(header); err != nil {
		return err
	}
	row := func(c *store.StatsCell, label bool) []string {
		var r []string
		for _, d := range q.GroupBy {
			if label {
				r = append(r, "TOTAL")
				continue
			}
			r = append(r, dimension(c, d))
		}
		if c.Suppressed {
			return append(r, "", "", "", "", "", "true")
		}
		return append(r, strconv.FormatInt(c.People, 10), strconv.FormatInt(c.Accesses, 10), strconv.FormatInt(c.Cases, 10),
			strconv.FormatInt(c.Interventions, 10), strconv.FormatFloat(c.AmountCents/100, 'f', 2, 64), "false")
	}
	for _, c := range cells {
		if err := cw.Write(row(c, false)); err != nil {
			return err
		}
	}
	if err := cw.Write(row(totals, true)); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

func dimension(c *store.StatsCell, d string) string {
	str := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	num := func(p *int) string {
		if p == nil {
			return ""
		}
		return strconv.Itoa(*p)
	}
	switch d {
	case "ZONE":
		return num(c.ZoneID)
	case "MUNICIPALITY":
		return num(c.MunicipalityID)
	case "USER_AREA":
		return str(c.AreaCode)
	case "INTERVENTION_TYPE":
		return str(c.TypeCode)
	case "MONTH":
		return str(c.Month)
	case "SEX":
		return str(c.Sex)
	case "AGE_BAND":
		return str(c.AgeBand)
	}
	return ""
}
