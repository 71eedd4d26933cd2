package main

import (
	"context"
	"fmt"

	"github.com/siso-project/siso/internal/database"
)

// ensureDatabase creates the database name on the server at adminURL when
// it does not exist yet.
func ensureDatabase(ctx context.Context, adminURL, name string) error {
	db, err := database.Open(ctx, adminURL, database.Options{MaxOpenConns: 1})
	if err != nil {
		return err
	}
	defer db.Close()
	var exists bool
	if err := db.NewRaw("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = ?)", name).Scan(ctx, &exists); err != nil {
		return fmt.Errorf("check database %s: %w", name, err)
	}
	if exists {
		return nil
	}
	if _, err := db.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		return fmt.Errorf("create database %s: %w", name, err)
	}
	return nil
}
