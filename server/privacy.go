package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/audit"
)

// auditCommand: `siso audit verify` checks the hash chain of the audit trail.
func auditCommand(ctx context.Context, args []string, db *bun.DB) error {
	if len(args) != 1 || args[0] != "verify" {
		return errors.New("usage: siso audit verify")
	}
	res, err := (&audit.Log{DB: db}).Verify(ctx)
	if err != nil {
		return err
	}
	out, _ := json.MarshalIndent(res, "", "  ")
	fmt.Println(string(out))
	if !res.OK {
		return fmt.Errorf("the audit trail is broken at record %d: %s", res.FirstBrokenID, res.Problem)
	}
	return nil
}

// pseudonymKey is the secret that maps a person to the same pseudonym.
func pseudonymKey() ([]byte, error) {
	k := os.Getenv("SISO_PSEUDONYM_KEY")
	if len(k) < 16 {
		return nil, errors.New("set SISO_PSEUDONYM_KEY to a secret of at least 16 characters (keep it: it maps people to their pseudonyms)")
	}
	return []byte(k), nil
}

// exportCommand: `siso export citizen --fiscal-code CF --requested-by NAME`
// writes one citizen's whole record as JSON (GDPR art. 15) and records the
// export in the audit trail.
func exportCommand(ctx context.Context, args []string, db *bun.DB) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	code := fs.String("fiscal-code", "", "the citizen's codice fiscale (or temporary id)")
	by := fs.String("requested-by", "", "who asks for the export (recorded in the audit trail)")
	out := fs.String("out", "", "write to this file instead of standard output")
	if len(args) > 0 && args[0] == "statistics" {
		return statisticsCSV(ctx, args[1:], db)
	}
	if len(args) > 0 && args[0] == "inps" {
		return inpsCommand(ctx, args[1:], db)
	}
	if len(args) == 0 || args[0] != "citizen" {
		return errors.New("usage: siso export citizen --fiscal-code CF --requested-by NAME [--out FILE] | siso export statistics --from D --to D [--zone Z] [--group-by DIMS]")
	}
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *code == "" || strings.TrimSpace(*by) == "" {
		return errors.New("give --fiscal-code and --requested-by")
	}
	key, _ := pseudonymKey() // without a key, pseudonymized people are not found by their old code
	id, err := audit.FindCitizen(ctx, db, *code, key)
	if err != nil {
		return err
	}
	doc, err := audit.Export(ctx, db, id)
	if err != nil {
		return err
	}
	body, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	ev := audit.Event{Action: audit.ActionExport, ActorLabel: "export:" + strings.TrimSpace(*by), SessionKind: audit.KindSystem,
		CitizenID: id, Tiers: audit.Tiers, Reason: "GDPR art. 15 export"}
	if err := (&audit.Log{DB: db}).Append(ctx, []audit.Event{ev}); err != nil {
		return fmt.Errorf("record the export: %w", err)
	}
	if *out == "" {
		_, err = os.Stdout.Write(append(body, '\n'))
		return err
	}
	return os.WriteFile(*out, body, 0o600)
}

// retentionCommand: `siso retention --older-than 2016-01-01 [--dry-run]`
// pseudonymizes the people whose cases all closed before the date and who
// have had no contact since.
func retentionCommand(ctx context.Context, args []string, db *bun.DB) error {
	fs := flag.NewFlagSet("retention", flag.ContinueOnError)
	olderThan := fs.String("older-than", "", "a date (2016-01-01) or a number of years (10y)")
	dry := fs.Bool("dry-run", false, "count, change nothing")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cut, err := parseCutoff(*olderThan, time.Now())
	if err != nil {
		return err
	}
	key, err := pseudonymKey()
	if err != nil {
		return err
	}
	res, err := audit.Pseudonymize(ctx, db, cut, *dry, audit.WithKey(key))
	if err != nil {
		return err
	}
	out, _ := json.MarshalIndent(res, "", "  ")
	fmt.Println(string(out))
	return nil
}

func parseCutoff(s string, now time.Time) (time.Time, error) {
	if strings.HasSuffix(s, "y") {
		var years int
		if _, err := fmt.Sscanf(s, "%dy", &years); err == nil && years >= 1 {
			return now.AddDate(-years, 0, 0), nil
		}
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil || !t.Before(now) {
		return time.Time{}, errors.New("--older-than is a past date (2016-01-01) or a number of years (10y)")
	}
	return t, nil
}
