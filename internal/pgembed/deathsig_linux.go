package pgembed

import "syscall"

// setDeathSignal asks the kernel to send sig to the child when the thread
// that started it exits (see startPinned).
func setDeathSignal(a *syscall.SysProcAttr, sig syscall.Signal) { a.Pdeathsig = sig }
