package store

// Statistics are rounded before they are published, so that no figure can
// be differenced into a suppressed cell (README, "Privacy and the audit
// trail"; DESIGN.md section 3, rule 7).
//
// Suppression alone is not enough: the same period grouped by zone and by
// zone and sex gives the zone's total and the sex cells under it, and the
// total minus the published cells is the suppressed one. Every published
// count is therefore a multiple of RoundingBase (amounts of
// AmountRoundingBase): any sum or difference of published figures, of any
// groupings, periods or filters, is a multiple of the base too, and so
// never a count of 1 to 4 people. Each figure is rounded down or up to the
// multiples around it, up with a probability equal to its distance from
// the lower one over the base (unbiased), by a draw keyed with a secret of
// the database (statistics_key, migration 0012) and the cell: its zones,
// its dimension values, the measure and its true value. The same cell is
// so always published with the same figure, however it is asked (the
// period is not part of the draw: periods that hold the same people give
// the same figure, not fresh draws to average), and without the secret the
// direction of each rounding cannot be predicted.

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// RoundingBase is the base every published count of Statistics is a
// multiple of: the suppression threshold, so that no arithmetic on
// published figures gives a count below it other than 0.
const RoundingBase = SuppressionThreshold

// AmountRoundingBase is the base, in cents, of the published amounts (100 euro).
const AmountRoundingBase = 10000

// statsKeyCache keeps the rounding secret of one Store once read; it
// never changes (migration 0012 refuses updates).
type statsKeyCache struct {
	mu  sync.Mutex
	key []byte
}

// statisticsKey returns the database's rounding secret, read once.
func (s *Store) statisticsKey(ctx context.Context) ([]byte, error) {
	c := s.statsKey
	if c != nil {
		c.mu.Lock()
		key := c.key
		c.mu.Unlock()
		if key != nil {
			return key, nil
		}
	}
	var key []byte
	if err := s.DB.NewRaw(`SELECT secret FROM statistics_key`).Scan(ctx, &key); err != nil {
		return nil, fmt.Errorf("statistics: the rounding key: %w", err)
	}
	if len(key) < 16 {
		return nil, fmt.Errorf("statistics: the rounding key is too short (%d bytes)", len(key))
	}
	if c != nil {
		c.mu.Lock()
		c.key = key
		c.mu.Unlock()
	}
	return key, nil
}

// roundStatistics rounds the figures of the cells (and the total) that
// suppression left published.
func (s *Store) roundStatistics(ctx context.Context, q StatsQuery, cols []string, cells []*StatsCell, total *StatsCell) ([]*StatsCell, *StatsCell, error) {
	key, err := s.statisticsKey(ctx)
	if err != nil {
		return nil, nil, err
	}
	r := rounder{key: key, q: q, cols: cols}
	for _, c := range cells {
		if !c.Suppressed {
			r.round(c)
		}
	}
	if !total.Suppressed {
		(rounder{key: key, q: q}).round(total)
	}
	return cells, total, nil
}

// rounder rounds the figures of the cells of one statistics query.
type rounder struct {
	key  []byte
	q    StatsQuery
	cols []string
}

// round rounds every measure of a published (not suppressed) cell.
func (r rounder) round(c *StatsCell) {
	id := r.identity(c)
	c.People = r.count(id, "people", c.People, RoundingBase)
	c.Accesses = r.count(id, "accesses", c.Accesses, RoundingBase)
	c.Cases = r.count(id, "cases", c.Cases, RoundingBase)
	c.Interventions = r.count(id, "interventions", c.Interventions, RoundingBase)
	c.AmountCents = float64(r.count(id, "amount_cents", int64(math.Round(c.AmountCents)), AmountRoundingBase))
}

// count rounds v to a multiple of base: up with probability (v mod base) /
// base, by the keyed draw of the cell, the measure and v.
func (r rounder) count(identity, measure string, v, base int64) int64 {
	rest := v % base
	if rest < 0 {
		rest += base
	}
	if rest == 0 {
		return v
	}
	mac := hmac.New(sha256.New, r.key)
	mac.Write([]byte(identity + "|" + measure + "=" + strconv.FormatInt(v, 10)))
	draw := int64(binary.BigEndian.Uint64(mac.Sum(nil)) % uint64(base))
	if rest > draw {
		return v - rest + base
	}
	return v - rest
}

// identity describes the people a cell counts, the same however the cell
// was asked for: the zones (the cell's own when grouped by zone, else the
// query's, sorted; * for all) and the value of each grouped dimension.
func (r rounder) identity(c *StatsCell) string {
	var b strings.Builder
	b.WriteString("zones=")
	if containsString(r.cols, "zone_id") {
		b.WriteString(intPtr(c.ZoneID))
	} else {
		b.WriteString(zonesIdentity(r.q.ZoneIDs))
	}
	dims := []struct {
		col, value string
	}{
		{"municipality_id", intPtr(c.MunicipalityID)}, {"area_code", strPtr(c.AreaCode)},
		{"type_code", strPtr(c.TypeCode)}, {"month", strPtr(c.Month)}, {"sex", strPtr(c.Sex)},
		{"age_band", strPtr(c.AgeBand)},
	}
	for _, d := range dims {
		if containsString(r.cols, d.col) {
			b.WriteString("|" + d.col + "=" + d.value)
		}
	}
	return b.String()
}

// zonesIdentity names a set of zones the same however it was listed: the
// sorted ids, or * for every zone (nil).
func zonesIdentity(ids []int) string {
	if ids == nil {
		return "*"
	}
	zones := slices.Clone(ids)
	slices.Sort(zones)
	var b strings.Builder
	for i, z := range slices.Compact(zones) {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(z))
	}
	return b.String()
}

func intPtr(p *int) string {
	if p == nil {
		return "null"
	}
	return strconv.Itoa(*p)
}

func strPtr(p *string) string {
	if p == nil {
		return "null"
	}
	return strconv.Quote(*p)
}
