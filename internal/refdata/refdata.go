// Package refdata loads the territorial reference data (social zones and
// municipalities) from the CSV file carried with the project; see SOURCES.md.
package refdata

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/uptrace/bun"
)

//go:embed zone-sociali-umbria.csv
var umbriaCSV []byte

// Municipality is one row of the reference table.
type Municipality struct {
	ZoneCode      string
	ZoneName      string
	IstatCode     string
	Name          string
	Province      string
	CadastralCode string
	Population    int
	Lead          bool
	Confidence    string
}

// Zone groups the municipalities of one social zone.
type Zone struct {
	Code           string
	Name           string
	Municipalities []Municipality
}

// Umbria returns the zones of Umbria with their municipalities, ordered by zone number.
func Umbria() ([]Zone, error) { return Parse(bytes.NewReader(umbriaCSV)) }

// Parse reads a reference table in the format of zone-sociali-umbria.csv.
func Parse(r io.Reader) ([]Zone, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = 9
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("read header: %w", err)
	}
	if strings.Join(header, ",") != "zona,nome_zona,istat,comune,prov,belfiore,pop_2011,capofila,confidence" {
		return nil, fmt.Errorf("unexpected header %q", header)
	}
	byCode := map[string]*Zone{}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		pop, err := strconv.Atoi(rec[6])
		if err != nil {
			return nil, fmt.Errorf("line %d: population %q: %w", line, rec[6], err)
		}
		m := Municipality{
			ZoneCode: rec[0], ZoneName: rec[1], IstatCode: rec[2], Name: rec[3], Province: rec[4],
			CadastralCode: rec[5], Population: pop, Lead: rec[7] == "Y", Confidence: rec[8],
		}
		z := byCode[m.ZoneCode]
		if z == nil {
			z = &Zone{Code: m.ZoneCode, Name: m.ZoneName}
			byCode[m.ZoneCode] = z
		}
		z.Municipalities = append(z.Municipalities, m)
	}
	zones := make([]Zone, 0, len(byCode))
	for _, z := range byCode {
		leads := 0
		for _, m := range z.Municipalities {
			if m.Lead {
				leads++
			}
		}
		if leads != 1 {
			return nil, fmt.Errorf("zone %s has %d lead municipalities, want 1", z.Code, leads)
		}
		zones = append(zones, *z)
	}
	sort.Slice(zones, func(i, j int) bool {
		a, _ := strconv.Atoi(zones[i].Code)
		b, _ := strconv.Atoi(zones[j].Code)
		return a < b
	})
	return zones, nil
}

// Load upserts the zones and municipalities of Umbria. It is idempotent:
// running it again updates names, memberships and populations in place.
func Load(ctx context.Context, db bun.IDB) error {
	zones, err := Umbria()
	if err != nil {
		return err
	}
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		for _, z := range zones {
			id, _ := strconv.Atoi(z.Code)
			if _, err := tx.ExecContext(ctx, `INSERT INTO zone (id, code, name) VALUES (?, ?, ?)
				ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, updated_at = now()
				WHERE zone.name IS DISTINCT FROM EXCLUDED.name`, id, z.Code, z.Name); err != nil {
				return fmt.Errorf("upsert zone %s: %w", z.Code, err)
			}
			for _, m := range z.Municipalities {
				if _, err := tx.ExecContext(ctx, `INSERT INTO municipality
					(istat_code, cadastral_code, name, province, zone_id, population_2011, membership_confidence)
					VALUES (?, ?, ?, ?, ?, ?, ?)
					ON CONFLICT (istat_code) DO UPDATE SET cadastral_code = EXCLUDED.cadastral_code,
						name = EXCLUDED.name, province = EXCLUDED.province, zone_id = EXCLUDED.zone_id,
						population_2011 = EXCLUDED.population_2011,
						membership_confidence = EXCLUDED.membership_confidence, updated_at = now()`,
					m.IstatCode, m.CadastralCode, m.Name, m.Province, id, m.Population, m.Confidence); err != nil {
					return fmt.Errorf("upsert municipality %s: %w", m.IstatCode, err)
				}
				if m.Lead {
					if _, err := tx.ExecContext(ctx, `UPDATE zone SET lead_municipality_id =
						(SELECT id FROM municipality WHERE istat_code = ?) WHERE id = ?`, m.IstatCode, id); err != nil {
						return fmt.Errorf("set lead municipality of zone %s: %w", z.Code, err)
					}
				}
			}
		}
		return nil
	})
}
