package seed

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// progress reports a long load on w: a bar redrawn in place on a terminal,
// else a line every progressLineEvery.
type progress struct {
	w        io.Writer
	terminal bool
	total    int64 // citizens to add
	start    time.Time
	cit      atomic.Int64
	rowsN    atomic.Int64
	stop     chan struct{}
	wg       sync.WaitGroup
	once     sync.Once
}

const progressLineEvery = 10 * time.Second

func newProgress(w io.Writer, terminal bool, total int64) *progress {
	p := &progress{w: w, terminal: terminal, total: total, start: time.Now(), stop: make(chan struct{})}
	if w == nil {
		return p
	}
	every := progressLineEvery
	if terminal {
		every = 250 * time.Millisecond
	}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-t.C:
				p.draw(false)
			}
		}
	}()
	return p
}

func (p *progress) rows(n int64)     { p.rowsN.Add(n) }
func (p *progress) citizens(n int64) { p.cit.Add(n) }

func (p *progress) finish() {
	p.once.Do(func() {
		close(p.stop)
		p.wg.Wait()
		if p.w != nil {
			p.draw(true)
		}
	})
}

func (p *progress) draw(final bool) {
	c, r := p.cit.Load(), p.rowsN.Load()
	el := time.Since(p.start)
	frac := 0.0
	if p.total > 0 {
		frac = float64(c) / float64(p.total)
	}
	rate := float64(r) / max(el.Seconds(), 0.001)
	eta := "?"
	if frac > 0 {
		eta = (time.Duration(float64(el)/frac) - el).Round(time.Second).String()
	}
	if final && c >= p.total {
		eta = "0s"
	}
	if !p.terminal {
		fmt.Fprintf(p.w, "seed: %d/%d citizens (%.0f%%), %d rows, %.0f rows/s, elapsed %s, ETA %s\n",
			c, p.total, frac*100, r, rate, el.Round(time.Second), eta)
		return
	}
	const width = 30
	n := min(width, int(frac*width))
	bar := strings.Repeat("█", n) + strings.Repeat("░", width-n)
	fmt.Fprintf(p.w, "\r%s %5.1f%%  %d/%d citizens  %d rows  %.0f rows/s  ETA %s   ", bar, frac*100, c, p.total, r, rate, eta)
	if final {
		fmt.Fprintln(p.w)
	}
}
