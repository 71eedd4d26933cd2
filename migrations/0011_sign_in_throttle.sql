-- Sign-in throttling shared by every `siso serve` of a region (they share this
-- database), replacing operator.failed_sign_ins and operator.locked_until
-- (left in place, no longer written): failures are counted per client address
-- and per typed username whether or not an operator has it, so that the
-- answers cannot tell who exists.
--
-- key is 'a:' || address, or 'u:' || hex(sha256(normalized username)): typed
-- usernames (possibly a mistyped password) are never stored as typed. A row
-- is useless once expires_at has passed and is deleted by later failures.
CREATE TABLE sign_in_throttle (
    key             text PRIMARY KEY CHECK (length(key) BETWEEN 3 AND 80),
    attempts        integer NOT NULL CHECK (attempts >= 0),
    window_start    timestamptz NOT NULL,
    blocked_until   timestamptz,
    expires_at      timestamptz NOT NULL
);
CREATE INDEX sign_in_throttle_expires_idx ON sign_in_throttle(expires_at);

-- Devices an operator signed in from: the HttpOnly cookie siso_device holds a
-- random token of which only the SHA-256 is kept. The right password from a
-- known device signs in (and lifts the block) even while the username is
-- blocked by someone else's guesses.
CREATE TABLE sign_in_device (
    token_hash      bytea PRIMARY KEY CHECK (length(token_hash) = 32),
    operator_id     bigint NOT NULL REFERENCES operator(id) ON DELETE CASCADE,
    created_at      timestamptz NOT NULL,
    last_used_at    timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL
);
CREATE INDEX sign_in_device_operator_idx ON sign_in_device(operator_id, last_used_at);
CREATE INDEX sign_in_device_expires_idx ON sign_in_device(expires_at);

-- Password hashes already checked not to verify the demo password, so that a
-- production start checks each hash once (argon2id takes ~0.1 s a hash).
-- digest is the SHA-256 of operator.password_hash.
CREATE TABLE demo_password_screened (
    digest          bytea PRIMARY KEY CHECK (length(digest) = 32),
    screened_at     timestamptz NOT NULL
);
