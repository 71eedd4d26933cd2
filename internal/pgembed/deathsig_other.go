//go:build unix && !linux

package pgembed

import "syscall"

// setDeathSignal is a no-op: only Linux has a parent-death signal.
func setDeathSignal(*syscall.SysProcAttr, syscall.Signal) {}
