package main

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/siso-project/siso/internal/store"
	"github.com/siso-project/siso/internal/testdb"
	"github.com/siso-project/siso/internal/testenv"
)

func TestMain(m *testing.M) { testdb.Main(m) }

func TestStatisticsCSVSuppressesSmallCells(t *testing.T) {
	db := testdb.New(t, testenv.Demo)
	out := filepath.Join(t.TempDir(), "stats.csv")
	err := statisticsCSV(context.Background(), []string{"--from", "2025-11-20", "--to", "2026-11-20",
		"--group-by", "ZONE,MONTH,SEX", "--out", out}, db)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 100 || rows[0][0] != "ZONE" || rows[0][3] != "people" {
		t.Fatalf("%d rows, header %v", len(rows), rows[0])
	}
	suppressed := 0
	for _, r := range rows[1:] {
		if r[8] == "true" {
			suppressed++
			if r[3] != "" {
				t.Errorf("suppressed row shows people: %v", r)
			}
			continue
		}
		if n, err := strconv.Atoi(r[3]); err != nil || n < store.SuppressionThreshold {
			t.Errorf("row with %q people shown: %v", r[3], r)
		}
	}
	if suppressed == 0 {
		t.Error("no small cell was suppressed")
	}
	if last := rows[len(rows)-1]; last[0] != "TOTAL" {
		t.Errorf("no totals row: %v", last)
	}
}

func TestParseCutoff(t *testing.T) {
	now := testenv.DemoNow
	for in, ok := range map[string]bool{"10y": true, "2016-01-01": true, "2030-01-01": false, "ten years": false, "0y": false} {
		if _, err := parseCutoff(in, now); (err == nil) != ok {
			t.Errorf("parseCutoff(%q) error %v", in, err)
		}
	}
}
