package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/siso-project/siso/internal/inps"
	"github.com/siso-project/siso/internal/store"
)

// inpsCommand: `siso export inps --flow PSA_SINA|SINBA --from D --to D
// [--zone Z] [--out FILE] [--dry-run]` writes the national flow for the
// period and remembers what it sent, so the next export carries only the
// changes (insertions and cancellations).
func inpsCommand(ctx context.Context, args []string, db *bun.DB) error {
	fs := flag.NewFlagSet("export inps", flag.ContinueOnError)
	flow := fs.String("flow", inps.FlowPSASINA, "PSA_SINA (social benefits with SINA) or SINBA (minors and families)")
	from := fs.String("from", "", "first day of the period (2026-01-01)")
	to := fs.String("to", "", "last day of the period (2026-12-31)")
	zone := fs.String("zone", "", "a zone code; every zone when omitted")
	out := fs.String("out", "", "the XML file to write (default: <flow>-<from>-<to>.xml)")
	dry := fs.Bool("dry-run", false, "compute and write the file, record nothing as sent")
	if err := fs.Parse(args); err != nil {
		return err
	}
	f, err1 := time.Parse("2006-01-02", *from)
	t, err2 := time.Parse("2006-01-02", *to)
	if err1 != nil || err2 != nil || t.Before(f) {
		return errors.New("give --from and --to as dates, from before to")
	}
	opts := inps.Options{Flow: strings.ToUpper(*flow), From: f, To: t, DryRun: *dry, Now: time.Now()}
	if *zone != "" {
		id, err := store.New(db).ZoneIDByCode(ctx, *zone)
		if err != nil {
			return err
		}
		if id == 0 {
			return fmt.Errorf("unknown zone %q", *zone)
		}
		opts.ZoneID = id
	}
	if opts.Flow == inps.FlowSINBA {
		key, err := pseudonymKey()
		if err != nil {
			return fmt.Errorf("SINBA ids are pseudonyms: %w", err)
		}
		opts.PseudonymKey = key
	}
	path := *out
	if path == "" {
		path = fmt.Sprintf("%s-%s-%s.xml", opts.Flow, *from, *to)
	}
	// Write to a temporary file beside the target, renamed only on success.
	tmp, err := os.CreateTemp(filepath.Dir(path), ".inps-*.xml")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	opts.Out = tmp
	res, err := inps.Export(ctx, db, opts)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	fmt.Println(res.String())
	if res.Empty {
		return nil
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	fmt.Println("written:", path)
	return nil
}
