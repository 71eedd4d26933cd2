//go:build !unix

package pgembed

import (
	"context"
	"errors"
	"runtime"
)

func start(context.Context, Config) (*Server, error) {
	return nil, errors.New("embedded PostgreSQL is not supported on " + runtime.GOOS + "; set SISO_DATABASE_URL")
}

func (s *Server) stop(context.Context) error { return nil }
