package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/siso-project/siso/internal/migrate"
	"github.com/siso-project/siso/internal/seed"
)

func main() {
	ctx := context.Background()
	sqldb, err := sql.Open("pgx", os.Args[1])
	if err != nil {
		panic(err)
	}
	db := bun.NewDB(sqldb, pgdialect.New())
	if _, err := migrate.Up(ctx, db); err != nil {
		panic(err)
	}
	var sd int64
	fmt.Sscan(os.Args[2], &sd)
	now, err := time.Parse(time.RFC3339, os.Args[3])
	if err != nil {
		panic(err)
	}
	s, err := seed.Demo(ctx, db, seed.DemoOptions{HashPassword: func(s string) (string, error) { return "x$" + s, nil }, Seed: sd, Now: now})
	if err != nil {
		panic(err)
	}
	fmt.Println(s)
}
