-- The read path at regional scale (issue "Fast at regional scale with privacy on").
--
-- 1. reference_version: a counter that every change to the reference data (code lists,
--    zones, municipalities, organizations and their accreditations, offices, the
--    operators' directory) moves
--    forward, in the transaction of the change. Each siso process keeps the reference
--    data in memory and reads the counter with the session of every request (the same
--    statement), so a change made anywhere (another process, a migration, psql) is seen
--    by the next request of every process.
CREATE TABLE reference_version (
    id      boolean PRIMARY KEY DEFAULT true CHECK (id),
    version bigint NOT NULL
);
INSERT INTO reference_version (id, version) VALUES (true, 1);

CREATE FUNCTION siso_reference_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE reference_version SET version = version + 1;
    RETURN NULL;
END $$;

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['user_area', 'need_category', 'access_outcome', 'intervention_type', 'profession',
                             'funding_source', 'zone', 'municipality', 'organization', 'organization_accreditation',
                             'office'] LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
                        FOR EACH STATEMENT EXECUTE FUNCTION siso_reference_changed()', t || '_reference_version', t);
    END LOOP;
END $$;

-- The operators' directory (names, organization, roles, offices) is cached the same
-- way: its changes by the administration move the counter; sign-ins (which write
-- last_sign_in_at, failed_sign_ins, locked_until) do not.
CREATE TRIGGER operator_reference_version AFTER INSERT OR DELETE OR TRUNCATE ON operator
    FOR EACH STATEMENT EXECUTE FUNCTION siso_reference_changed();
CREATE TRIGGER operator_update_reference_version
    AFTER UPDATE OF username, display_name, email, profession_code, organization_id, active ON operator
    FOR EACH STATEMENT EXECUTE FUNCTION siso_reference_changed();
CREATE TRIGGER operator_role_reference_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON operator_role
    FOR EACH STATEMENT EXECUTE FUNCTION siso_reference_changed();
CREATE TRIGGER operator_office_reference_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON operator_office
    FOR EACH STATEMENT EXECUTE FUNCTION siso_reference_changed();

-- 2. The audit trail's appends are one INSERT per batch of requests; its foreign keys
--    cost a lookup per row and per key on every append, for rows that are never deleted
--    (citizens are pseudonymized, not deleted; operators are deactivated). The trail
--    keeps its ids as values, like zone_id and actor_api_client_id already do.
--    What the foreign keys also gave stays: a citizen or an operator that the trail
--    points to cannot be deleted (a check on the rare delete instead of a lock on the
--    citizen's row at every read).
ALTER TABLE audit_event DROP CONSTRAINT IF EXISTS audit_event_citizen_id_fkey;
ALTER TABLE audit_event DROP CONSTRAINT IF EXISTS audit_event_actor_operator_id_fkey;

CREATE FUNCTION siso_audited_row_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (TG_TABLE_NAME = 'citizen' AND EXISTS (SELECT 1 FROM audit_event WHERE citizen_id = OLD.id))
       OR (TG_TABLE_NAME = 'operator' AND EXISTS (SELECT 1 FROM audit_event WHERE actor_operator_id = OLD.id)) THEN
        RAISE EXCEPTION '% % is referenced by the audit trail and cannot be deleted', TG_TABLE_NAME, OLD.id
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN OLD;
END $$;
CREATE TRIGGER citizen_audited_kept BEFORE DELETE ON citizen
    FOR EACH ROW EXECUTE FUNCTION siso_audited_row_kept();
CREATE TRIGGER operator_audited_kept BEFORE DELETE ON operator
    FOR EACH ROW EXECUTE FUNCTION siso_audited_row_kept();
