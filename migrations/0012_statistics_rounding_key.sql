-- The secret of the statistics' rounding (issue 9, "Statistics can be differenced";
-- README, "Privacy and the audit trail").
--
-- Every figure `statistics` publishes is rounded to a multiple of 5 (amounts to 100 euro),
-- up or down by a draw keyed with this secret and the cell (its zones, its dimension
-- values, the measure and its true value), so that the same cell is always published
-- with the same figure and nobody who does not hold the secret can tell which way a
-- figure was rounded. It is made once per database from PostgreSQL's strong random
-- source (gen_random_uuid), is never shown by the API, and never changes: changing it
-- would publish other roundings of the same cells, which could then be averaged.
CREATE TABLE statistics_key (
    id     boolean PRIMARY KEY DEFAULT true CHECK (id),
    secret bytea NOT NULL CHECK (length(secret) >= 16)
);
INSERT INTO statistics_key (id, secret)
VALUES (true, decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'));

CREATE FUNCTION siso_statistics_key_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the statistics rounding key never changes';
END $$;
CREATE TRIGGER statistics_key_immutable BEFORE UPDATE OR DELETE ON statistics_key
    FOR EACH ROW EXECUTE FUNCTION siso_statistics_key_immutable();
