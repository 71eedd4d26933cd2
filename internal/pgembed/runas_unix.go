//go:build unix

package pgembed

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"syscall"
)

// runAs is the unprivileged user that runs PostgreSQL when this process is
// root.
type runAs struct {
	name   string
	uid    uint32
	gid    uint32
	groups []uint32
}

// lookupRunAs returns nil when not running as root, else the user named by
// SISO_PG_USER (default "nobody").
func lookupRunAs() (*runAs, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	name := os.Getenv("SISO_PG_USER")
	if name == "" {
		name = "nobody"
	}
	u, err := user.Lookup(name)
	if err != nil {
		if _, aerr := strconv.Atoi(name); aerr == nil {
			u, err = user.LookupId(name)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("this process runs as root, which PostgreSQL refuses, so it must run as an unprivileged user, "+
			"but user %q cannot be found (%w); set SISO_PG_USER to an existing unprivileged user", name, err)
	}
	uid, err := strconv.ParseUint(u.Uid, 10, 32)
	if err != nil {
		return nil, fmt.Errorf("user %s: uid %q: %w", name, u.Uid, err)
	}
	gid, err := strconv.ParseUint(u.Gid, 10, 32)
	if err != nil {
		return nil, fmt.Errorf("user %s: gid %q: %w", name, u.Gid, err)
	}
	if uid == 0 {
		return nil, fmt.Errorf("SISO_PG_USER=%s is root, which PostgreSQL refuses; name an unprivileged user", name)
	}
	ra := &runAs{name: name, uid: uint32(uid), gid: uint32(gid)}
	if ids, err := u.GroupIds(); err == nil {
		for _, id := range ids {
			if g, err := strconv.ParseUint(id, 10, 32); err == nil {
				ra.groups = append(ra.groups, uint32(g))
			}
		}
	}
	if !slices.Contains(ra.groups, ra.gid) {
		ra.groups = append(ra.groups, ra.gid)
	}
	return ra, nil
}

func (ra *runAs) credential() *syscall.Credential {
	return &syscall.Credential{Uid: ra.uid, Gid: ra.gid, Groups: ra.groups}
}

// can reports whether the user has all of perm (a combination of 4, 2 and 1)
// on the file, by its mode bits.
func (ra *runAs) can(fi fs.FileInfo, perm fs.FileMode) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return true
	}
	mode := fi.Mode().Perm()
	switch {
	case uint32(st.Uid) == ra.uid:
		return mode>>6&perm == perm
	case slices.Contains(ra.groups, uint32(st.Gid)):
		return mode>>3&perm == perm
	default:
		return mode&perm == perm
	}
}

// blocked returns the first directory from / down to dir (inclusive) that
// the user cannot traverse, or "".
func (ra *runAs) blocked(dir string) (string, fs.FileInfo) {
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	var chain []string
	for p := dir; ; {
		chain = append(chain, p)
		parent := filepath.Dir(p)
		if parent == p {
			break
		}
		p = parent
	}
	for i := len(chain) - 1; i >= 0; i-- {
		fi, err := os.Stat(chain[i])
		if err != nil {
			return chain[i], nil
		}
		if !ra.can(fi, 0o1) {
			return chain[i], fi
		}
	}
	return "", nil
}

func describe(fi fs.FileInfo) string {
	if fi == nil {
		return "cannot stat"
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return fmt.Sprintf("mode %04o, owner uid %d", fi.Mode().Perm(), st.Uid)
	}
	return fmt.Sprintf("mode %04o", fi.Mode().Perm())
}

// ensureDataDirReachable checks that the server user can reach dataDir,
// granting traverse (not read) permission on dataDir itself when this
// process owns it.
func (ra *runAs) ensureDataDirReachable(dataDir string) error {
	if dir, fi := ra.blocked(filepath.Dir(dataDir)); dir != "" {
		return fmt.Errorf("this process runs as root, so PostgreSQL runs as user %q (uid %d), but that user cannot traverse %s (%s) "+
			"to reach the data directory %s; set SISO_DATA_DIR to a directory under /var/lib or /tmp (for example /var/lib/siso), "+
			"make %s traversable (chmod o+x %s), or set SISO_PG_USER to a user who can reach it",
			ra.name, ra.uid, dir, describe(fi), dataDir, dir, dir)
	}
	fi, err := os.Stat(dataDir)
	if err != nil {
		return fmt.Errorf("data directory: %w", err)
	}
	if ra.can(fi, 0o1) {
		return nil
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok && int(st.Uid) == os.Geteuid() {
		if err := os.Chmod(dataDir, fi.Mode().Perm()|0o011); err != nil {
			return fmt.Errorf("let user %s traverse the data directory: %w", ra.name, err)
		}
		return nil
	}
	return fmt.Errorf("PostgreSQL runs as user %q, who cannot traverse the data directory %s (%s); make it traversable (chmod o+x) "+
		"or set SISO_DATA_DIR elsewhere", ra.name, dataDir, describe(fi))
}

// binariesReachable checks that the server user can run the binaries and
// read their libraries and share files.
func (ra *runAs) binariesReachable(b *Binaries) error {
	if b.NativeDir == "" {
		if dir, fi := ra.blocked(b.BinDir); dir != "" {
			return fmt.Errorf("that user cannot traverse %s (%s)", dir, describe(fi))
		}
		for _, p := range []string{b.Initdb(), b.Postgres()} {
			fi, err := os.Stat(p)
			if err != nil {
				return fmt.Errorf("stat binary: %w", err)
			}
			if !ra.can(fi, 0o5) {
				return fmt.Errorf("that user cannot run %s (%s)", p, describe(fi))
			}
		}
		return nil
	}
	if dir, fi := ra.blocked(b.NativeDir); dir != "" {
		return fmt.Errorf("that user cannot traverse %s (%s)", dir, describe(fi))
	}
	errDenied := errors.New("denied")
	var denied string
	err := filepath.WalkDir(b.NativeDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type()&fs.ModeSymlink != 0 {
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		want := fs.FileMode(0o4)
		if d.IsDir() || fi.Mode().Perm()&0o100 != 0 {
			want = 0o5
		}
		if !ra.can(fi, want) {
			denied = fmt.Sprintf("%s (%s)", p, describe(fi))
			return errDenied
		}
		return nil
	})
	if errors.Is(err, errDenied) {
		return fmt.Errorf("that user cannot read %s", denied)
	}
	if err != nil {
		return fmt.Errorf("check binaries: %w", err)
	}
	return nil
}

// stage copies the npm package's native/ tree into a root-owned,
// world-readable directory under os.TempDir(), once per source and version,
// and returns the binaries there.
func (ra *runAs) stage(b *Binaries, log *slog.Logger) (*Binaries, error) {
	fi, err := os.Stat(b.Postgres())
	if err != nil {
		return nil, fmt.Errorf("stage binaries: %w", err)
	}
	h := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%s\x00%d\x00%d", b.NativeDir, b.Version, fi.Size(), fi.ModTime().UnixNano())))
	dst := filepath.Join(os.TempDir(), "siso-pg-"+hex.EncodeToString(h[:8]))

	if err := checkStaged(dst); errors.Is(err, fs.ErrNotExist) {
		log.Info("copying PostgreSQL binaries to a directory the server user can read", "from", b.NativeDir, "to", dst, "user", ra.name)
		tmp, err := os.MkdirTemp(os.TempDir(), "siso-pg-tmp-")
		if err != nil {
			return nil, fmt.Errorf("stage binaries: %w", err)
		}
		if err := copyTree(b.NativeDir, filepath.Join(tmp, "native")); err != nil {
			os.RemoveAll(tmp)
			return nil, fmt.Errorf("stage binaries into %s: %w", tmp, err)
		}
		if err := os.Chmod(tmp, 0o755); err != nil {
			os.RemoveAll(tmp)
			return nil, fmt.Errorf("stage binaries: %w", err)
		}
		if err := os.Rename(tmp, dst); err != nil {
			// Lost a race with another process staging the same tree.
			os.RemoveAll(tmp)
			if checkStaged(dst) != nil {
				return nil, fmt.Errorf("stage binaries: %w", err)
			}
		}
	} else if err != nil {
		return nil, err
	}

	staged := &Binaries{
		BinDir:    filepath.Join(dst, "native", "bin"),
		LibDir:    filepath.Join(dst, "native", "lib"),
		NativeDir: filepath.Join(dst, "native"),
		Source:    b.Source,
		Version:   b.Version,
		Major:     b.Major,
	}
	if err := ra.binariesReachable(staged); err != nil {
		return nil, fmt.Errorf("PostgreSQL runs as user %q, but even after copying the binaries to %s %w", ra.name, dst, err)
	}
	return staged, nil
}

// checkStaged verifies that a staging directory, if it exists, was made by
// this user and is not writable by others (os.TempDir() is shared).
func checkStaged(dir string) error {
	fi, err := os.Lstat(dir)
	if err != nil {
		return err
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !fi.IsDir() || !ok || int(st.Uid) != os.Geteuid() || fi.Mode().Perm()&0o022 != 0 {
		return fmt.Errorf("refusing to use %s for PostgreSQL binaries: not a directory owned by uid %d and writable only by it; remove it",
			dir, os.Geteuid())
	}
	return nil
}

// copyTree copies src to dst (which must not exist), keeping symlinks and
// making everything world-readable.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			link, err := os.Readlink(p)
			if err != nil {
				return err
			}
			return os.Symlink(link, target)
		case d.IsDir():
			if err := os.Mkdir(target, 0o755); err != nil {
				return err
			}
			return os.Chmod(target, 0o755)
		case d.Type().IsRegular():
			fi, err := d.Info()
			if err != nil {
				return err
			}
			mode := fs.FileMode(0o644)
			if fi.Mode().Perm()&0o111 != 0 {
				mode = 0o755
			}
			return copyFile(p, target, mode)
		}
		return nil
	})
}

func copyFile(src, dst string, mode fs.FileMode) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, mode)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	return os.Chmod(dst, mode)
}

// procAttr puts the child in its own process group (so a Ctrl-C aimed at
// this process does not reach it), runs it as ra when set, and on Linux
// sends it deathSig if this process dies.
func procAttr(ra *runAs, deathSig syscall.Signal) *syscall.SysProcAttr {
	a := &syscall.SysProcAttr{Setpgid: true}
	if ra != nil {
		a.Credential = ra.credential()
	}
	setDeathSignal(a, deathSig)
	return a
}
