package main

import (
	"testing"
	"time"

	"github.com/siso-project/siso/internal/httpapi"
)

func TestShutdownFromEnv(t *testing.T) {
	for _, tc := range []struct {
		mode         httpapi.Mode
		grace, limit string
		want         shutdown
		bad          bool
	}{
		{mode: httpapi.Development, want: shutdown{Grace: 0, Timeout: 30 * time.Second}},
		{mode: httpapi.Production, want: shutdown{Grace: 5 * time.Second, Timeout: 30 * time.Second}},
		{mode: httpapi.Production, grace: "0s", limit: "10s", want: shutdown{Grace: 0, Timeout: 10 * time.Second}},
		{mode: httpapi.Development, grace: "soon", bad: true},
		{mode: httpapi.Development, grace: "-1s", bad: true},
		{mode: httpapi.Development, limit: "0s", bad: true},
	} {
		t.Setenv("SISO_SHUTDOWN_GRACE", tc.grace)
		t.Setenv("SISO_SHUTDOWN_TIMEOUT", tc.limit)
		got, err := shutdownFromEnv(tc.mode)
		if (err != nil) != tc.bad || (!tc.bad && got != tc.want) {
			t.Errorf("%s grace=%q timeout=%q: %+v, %v", tc.mode, tc.grace, tc.limit, got, err)
		}
	}
}
