-- Search by name, zone by zone (the name search at 1,000,000 citizens).
--
-- A common surname matches tens of thousands of citizens in the region, a fifth of them in
-- one zone. The trigram index on citizen.search_name finds all of them, and each had to be
-- read from the citizen table before the viewer's relationships could be checked
-- (store.searchByName took 0.3 to 0.9 s for "bianchi" in zone 2). A GIN index on
-- (zone_id, search_name) in citizen_zone would not be enough: its trigram posting lists are
-- still the region's, and reading them costs 15-30 ms on their own.
--
-- 1. citizen_search holds, for every citizen_zone row (the rows that decide the ZONE
--    relationship), the citizen's search_name, in one partition per zone, each with its own
--    trigram index: a search reads the index and the rows of the viewer's zones only. The
--    rows are loaded in name order, so that one surname's rows share a few pages.
-- 2. referral_search holds, for every referral, its citizen, receiving office and status
--    with the citizen's search_name: a referral to one of the viewer's offices brings the
--    citizen to them (authz), and an office receives thousands of them a year, which were
--    otherwise looked up one by one. Its columns have referral's names, so that authz's
--    condition on referral reads it unchanged.
-- No other query reads them; citizen_zone and referral stay what the policy probes.
--
-- Kept by triggers, in the transaction of every change, so that they say exactly what
-- citizen_zone and referral say:
--   - a citizen_zone row inserted (a residence, an access, a case in a zone) or a referral
--     inserted adds its row, with the name read under a FOR SHARE lock, so that a rename
--     committing at the same moment either is seen or waits for this row;
--   - a row deleted (a residence moved) removes it, a referral's new office or status is
--     copied; TRUNCATE empties them;
--   - a change of first or last name (an edit, a pseudonymization) is copied to the
--     citizen's rows.
-- A loader that bypasses the triggers (siso seed --citizens, session_replication_role =
-- replica) must fill them itself, as internal/seed does.
--
-- The zones are Umbria's twelve (refdata: zone.id is the zone's number); a zone added
-- later goes to the default partition, correct and slower, until it has a partition of
-- its own.

CREATE TABLE citizen_search (
    citizen_id   bigint NOT NULL,
    zone_id      integer NOT NULL,
    search_name  text NOT NULL,
    PRIMARY KEY (citizen_id, zone_id)
) PARTITION BY LIST (zone_id);

DO $$
BEGIN
    FOR z IN 1..12 LOOP
        EXECUTE format('CREATE TABLE %I PARTITION OF citizen_search FOR VALUES IN (%s)', 'citizen_search_zone_' || z, z);
    END LOOP;
END $$;
CREATE TABLE citizen_search_other_zones PARTITION OF citizen_search DEFAULT;

INSERT INTO citizen_search (citizen_id, zone_id, search_name)
SELECT z.citizen_id, z.zone_id, c.search_name
  FROM citizen_zone z JOIN citizen c ON c.id = z.citizen_id
 ORDER BY z.zone_id, c.search_name;

CREATE INDEX citizen_search_trgm_idx ON citizen_search USING gin (search_name gin_trgm_ops);

CREATE FUNCTION siso_citizen_search_from_zone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        DELETE FROM citizen_search WHERE citizen_id = OLD.citizen_id AND zone_id = OLD.zone_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO citizen_search (citizen_id, zone_id, search_name)
        SELECT c.id, NEW.zone_id, c.search_name FROM citizen c WHERE c.id = NEW.citizen_id FOR SHARE;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER citizen_zone_search AFTER INSERT OR DELETE OR UPDATE OF citizen_id, zone_id ON citizen_zone
    FOR EACH ROW EXECUTE FUNCTION siso_citizen_search_from_zone();

CREATE FUNCTION siso_citizen_search_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE citizen_search;
    RETURN NULL;
END $$;
CREATE TRIGGER citizen_zone_search_truncate AFTER TRUNCATE ON citizen_zone
    FOR EACH STATEMENT EXECUTE FUNCTION siso_citizen_search_truncate();

CREATE TABLE referral_search (
    referral_id   bigint PRIMARY KEY,
    citizen_id    bigint NOT NULL,
    to_office_id  bigint,
    status        text NOT NULL,
    search_name   text NOT NULL
);

INSERT INTO referral_search (referral_id, citizen_id, to_office_id, status, search_name)
SELECT r.id, r.citizen_id, r.to_office_id, r.status, c.search_name
  FROM referral r JOIN citizen c ON c.id = r.citizen_id
 ORDER BY r.to_office_id, r.citizen_id;

-- authz's condition: a referral to the viewer's offices, still open or accepted.
CREATE INDEX referral_search_office_idx ON referral_search (to_office_id) INCLUDE (citizen_id, search_name)
    WHERE status IN ('PROPOSED', 'SEEN', 'ACCEPTED');
CREATE INDEX referral_search_citizen_idx ON referral_search (citizen_id);

CREATE FUNCTION siso_referral_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.id = OLD.id AND NEW.citizen_id = OLD.citizen_id THEN
        UPDATE referral_search SET to_office_id = NEW.to_office_id, status = NEW.status WHERE referral_id = NEW.id;
        RETURN NULL;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        DELETE FROM referral_search WHERE referral_id = OLD.id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO referral_search (referral_id, citizen_id, to_office_id, status, search_name)
        SELECT NEW.id, c.id, NEW.to_office_id, NEW.status, c.search_name FROM citizen c WHERE c.id = NEW.citizen_id FOR SHARE;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER referral_search AFTER INSERT OR DELETE OR UPDATE OF id, citizen_id, to_office_id, status ON referral
    FOR EACH ROW EXECUTE FUNCTION siso_referral_search();

CREATE FUNCTION siso_referral_search_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE referral_search;
    RETURN NULL;
END $$;
CREATE TRIGGER referral_search_truncate AFTER TRUNCATE ON referral
    FOR EACH STATEMENT EXECUTE FUNCTION siso_referral_search_truncate();

CREATE FUNCTION siso_citizen_search_rename() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE citizen_search SET search_name = NEW.search_name WHERE citizen_id = NEW.id;
    UPDATE referral_search SET search_name = NEW.search_name WHERE citizen_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER citizen_search_rename AFTER UPDATE OF first_name, last_name ON citizen
    FOR EACH ROW WHEN (OLD.search_name IS DISTINCT FROM NEW.search_name)
    EXECUTE FUNCTION siso_citizen_search_rename();

-- Statistics for the first searches, before autovacuum gets to them.
ANALYZE citizen_search, referral_search;
