-- The sign-in throttle lives in sign_in_throttle (migration 0011), keyed by
-- username and by client address, and Operator.lockedUntil reads it there.
-- The operator's own counters, which nothing has read since and only a
-- password reset still cleared, go.
ALTER TABLE operator DROP COLUMN failed_sign_ins, DROP COLUMN locked_until;
