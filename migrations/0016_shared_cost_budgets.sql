-- The per-minute cost budgets are kept by each `siso serve` process in
-- memory; what one process charges a client reaches the others through
-- this table (internal/store/budget_exchange.go): about every second a
-- process appends what it charged per budget key and reads what the others
-- appended since its last look. Rows older than two minutes mean nothing
-- (a bucket refills in one minute) and are deleted. Unlogged: a crash
-- forgets at most a minute of spending, which the budgets forgive anyway.
CREATE UNLOGGED TABLE cost_budget_spend (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    process     text NOT NULL,
    budget_key  text NOT NULL,
    units       bigint NOT NULL CHECK (units > 0),
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cost_budget_spend_at_idx ON cost_budget_spend (at);
