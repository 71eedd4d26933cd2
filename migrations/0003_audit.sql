-- The audit trail (DESIGN.md section 4): every read of a citizen's personal data,
-- every search (with the shape of its terms, never the terms), every write (before
-- and after), grants, emergency accesses, sign-ins, exports and pseudonymizations.
--
-- Append-only: UPDATE, DELETE and TRUNCATE raise (triggers below). Each row carries
-- hash = sha256(prev_hash || canonical serialization of its content), prev_hash being
-- the hash of the row before it in id order (32 zero bytes for the first row); the
-- serialization is specified in internal/audit (canonical.go). Writers serialize
-- appends with pg_advisory_xact_lock and insert each batch with one statement; the
-- unique index on prev_hash makes a fork of the chain impossible even for a writer
-- that skips the lock.
--
-- The personal data a row points to may later be pseudonymized; the audit row keeps
-- its citizen_id (then pointing to the pseudonymized citizen) and actor_label (the
-- operator's username at the time, kept even if the operator is pseudonymized).

CREATE TABLE audit_event (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at                  timestamptz NOT NULL,
    actor_operator_id   bigint REFERENCES operator(id),
    -- api_client arrives with migration 0004; no foreign key on purpose.
    actor_api_client_id bigint,
    actor_label         text NOT NULL CHECK (length(actor_label) BETWEEN 1 AND 200),
    session_kind        text NOT NULL CHECK (session_kind IN ('SESSION', 'API_CLIENT', 'SYSTEM')),
    request_id          text NOT NULL CHECK (length(request_id) <= 200),
    operation_name      text CHECK (length(operation_name) <= 200),
    action              text NOT NULL CHECK (action IN ('READ', 'SEARCH', 'CREATE', 'UPDATE', 'DELETE',
                            'GRANT', 'REVOKE', 'EMERGENCY', 'EXPORT', 'SIGN_IN', 'SIGN_OUT',
                            'SIGN_IN_FAILED', 'ADMIN', 'PSEUDONYMIZE')),
    citizen_id          bigint REFERENCES citizen(id),
    -- The zone of the access; no foreign key, to keep appends light (zones never go away).
    zone_id             integer,
    object_type         text,
    object_id           bigint,
    tiers               text[] NOT NULL DEFAULT '{}'
                            CHECK (tiers <@ ARRAY['IDENTITY', 'CONTACT', 'SOCIAL', 'SENSITIVE']::text[]),
    reason              text,
    emergency           boolean NOT NULL DEFAULT false,
    search_shape        jsonb,
    before              jsonb,
    after               jsonb,
    prev_hash           bytea NOT NULL CHECK (length(prev_hash) = 32),
    hash                bytea NOT NULL CHECK (length(hash) = 32)
);
CREATE UNIQUE INDEX audit_event_prev_hash_idx ON audit_event(prev_hash);
CREATE INDEX audit_event_citizen_idx ON audit_event(citizen_id, at, id) WHERE citizen_id IS NOT NULL;
CREATE INDEX audit_event_operator_idx ON audit_event(actor_operator_id, at);
CREATE INDEX audit_event_api_client_idx ON audit_event(actor_api_client_id, at) WHERE actor_api_client_id IS NOT NULL;
CREATE INDEX audit_event_action_idx ON audit_event(action, at);
CREATE INDEX audit_event_zone_idx ON audit_event(zone_id, at);

COMMENT ON TABLE audit_event IS 'Append-only, hash-chained audit trail (DESIGN.md section 4).';
COMMENT ON COLUMN audit_event.actor_label IS 'Username or API client name at the time of the event.';
COMMENT ON COLUMN audit_event.search_shape IS 'SEARCH: the filter keys with the kind and length of each value, never the search text.';
COMMENT ON COLUMN audit_event.prev_hash IS 'hash of the previous row in id order; 32 zero bytes for the first row.';
COMMENT ON COLUMN audit_event.hash IS 'sha256(prev_hash || canonical serialization), see internal/audit/canonical.go.';

CREATE FUNCTION siso_audit_event_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_event_immutable BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION siso_audit_event_immutable();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION siso_audit_event_immutable();
