-- Assessments and interventions, like accesses, activities, referrals and
-- cases, accept an idempotency key so that a retried request is stored once.
ALTER TABLE assessment   ADD COLUMN idempotency_key text UNIQUE CHECK (length(idempotency_key) BETWEEN 8 AND 100);
ALTER TABLE intervention ADD COLUMN idempotency_key text UNIQUE CHECK (length(idempotency_key) BETWEEN 8 AND 100);
