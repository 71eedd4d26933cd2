-- Monitoring rollups: the dashboards (statistics, coverage, overlaps) read
-- aggregates maintained as the data changes instead of scanning millions of
-- raw rows per request.
--
-- Everything is kept per subject: a citizen (subject id = citizen id) or an
-- anonymous access (subject id = -access id). A write to access,
-- access_need, care_case, intervention or referral marks its subjects dirty
-- (statement-level triggers with transition tables, so a COPY of millions of
-- rows costs one set-based pass); at commit a deferred constraint trigger
-- recomputes the stored state of every dirty subject of the transaction from
-- the raw tables (mon_refresh), stages the difference between the subjects'
-- old and new contributions, and applies their sum to mon_rollup in one
-- INSERT ... ON CONFLICT DO UPDATE, in key order (mon_apply_stage). The subjects are locked first, in id
-- order, then the rollup rows, in key order: concurrent transactions never
-- lose an update and never deadlock on these rows. rebuild_monitoring_rollups()
-- recomputes everything through the same code (loaders that disable the
-- triggers call it afterwards; this migration calls it once).
--
-- Days are days of Europe/Rome; "W days" of the answer window are W times
-- 24 hours.
--
-- Stored state:
--   mon_need          one row per need of every access (need_code '' for an
--                     access without needs), with the first moment the need
--                     had an answer (first_answer_at) and the smallest window
--                     in whole days that answer fits in (wmin, -1: none)
--   mon_subject       per subject, its cases and paid interventions (facts)
--   mon_overlap_pair  per citizen, the pairs of paid interventions of one user
--                     area, paid by different organizations, running at once
--   mon_rollup        additive counts keyed by (r, zone, area, month, d1, d2, w):
--     r 1  accesses  per (zone, area or '*', month, day d1); area '' = no needs
--     r 2  cases opened per (zone, area or '*', month, day d1)
--     r 3  paid interventions per (zone, area or '*', start month, start day d1), amount
--     r 4  the same per (zone, area or '*', start month, end day d1; infinity: open)
--     r 5  people: first day of each citizen's facts in (zone or 0 = all zones,
--          area or '*', month or 0 = all months), counted per day d1
--     r 6  people: last day (end of the last intervention, infinity: open)
--     r 7  people: gaps (d1, d2) between a citizen's facts (month 0 only)
--     r 8  coverage: needs of known cit_ids per (zone, area, day d1, wmin w)
--     r 9, 10, 11  coverage people: first and last day with a need, gaps,
--          per (zone or 0, area)
-- The people of a cell over [from, to] are
--   sum(r5: d1 <= to) - sum(r6: d1 < from) - sum(r7: d1 < from and d2 > to):
-- the cit_ids whose first fact is not after the period, less those whose
-- last fact ended before it, less those with nothing inside it (the period
-- falls in a gap between two facts). Exact for any period, and additive.

CREATE TYPE mon_fact AS (
    kind    "char",     -- C: case opened, I: paid intervention
    obj     bigint,
    zone    smallint,
    area    text,
    type    text,
    lo      date,       -- opened (Europe/Rome), or start date
    hi      date,       -- the same, or end date (infinity: open)
    amount  bigint,
    payer   text,       -- I: the paying organization (o<id>) or zone (z<id>)
    org     bigint      -- I: the paying organization
);

CREATE TABLE mon_subject (
    subject_id  bigint PRIMARY KEY,
    facts       mon_fact[] NOT NULL DEFAULT '{}'
);

CREATE TABLE mon_need (
    subject_id      bigint NOT NULL,
    access_id       bigint NOT NULL,
    need_code       text NOT NULL,
    id              bigint NOT NULL,  -- access_id * 1000 + position of the need in its access
    citizen_id      bigint,
    zone_id         smallint NOT NULL,
    area_code       text NOT NULL,
    office_id       bigint NOT NULL,
    outcome_code    text NOT NULL,
    occurred_at     timestamptz NOT NULL,
    day             date NOT NULL,
    first_answer_at timestamptz,
    wmin            smallint NOT NULL,
    PRIMARY KEY (access_id, need_code)
);
CREATE INDEX mon_need_subject_idx ON mon_need(subject_id);
-- Needs nobody answered: the pending count and the keyset list of uncovered needs.
CREATE INDEX mon_need_open_idx ON mon_need(zone_id, occurred_at, id)
    WHERE first_answer_at IS NULL AND citizen_id IS NOT NULL AND need_code <> '';
CREATE INDEX mon_need_open_all_idx ON mon_need(occurred_at, id)
    WHERE first_answer_at IS NULL AND citizen_id IS NOT NULL AND need_code <> '';
-- Answers dated after the instant a dashboard is computed at (normally none).
CREATE INDEX mon_need_answer_idx ON mon_need(first_answer_at) WHERE first_answer_at IS NOT NULL;

CREATE TABLE mon_overlap_pair (
    citizen_id  bigint NOT NULL,
    a_id        bigint NOT NULL,
    b_id        bigint NOT NULL,
    area_code   text NOT NULL,
    same_type   boolean NOT NULL,
    common      daterange NOT NULL,
    PRIMARY KEY (citizen_id, a_id, b_id)
);
CREATE INDEX mon_overlap_pair_common_idx ON mon_overlap_pair USING gist (common);

CREATE TABLE mon_rollup (
    r           smallint NOT NULL,
    zone_id     smallint NOT NULL,
    area_code   text NOT NULL,
    month       integer NOT NULL,
    d1          date NOT NULL,
    d2          date NOT NULL,
    w           smallint NOT NULL,
    n           bigint NOT NULL,
    amount      bigint NOT NULL,
    PRIMARY KEY (r, zone_id, area_code, month, d1, d2, w)
);
CREATE INDEX mon_rollup_gap_idx ON mon_rollup(r, zone_id, area_code, d2) WHERE r IN (7, 11);

-- The signed contributions a transaction's refreshes add up, applied to
-- mon_rollup once, summed, at the end (mon_apply_stage): one row version
-- per rollup key per transaction, however many batches it takes.
CREATE UNLOGGED TABLE mon_rollup_stage (
    txid        bigint NOT NULL,
    r           smallint NOT NULL,
    zone_id     smallint NOT NULL,
    area_code   text NOT NULL,
    month       integer NOT NULL,
    d1          date NOT NULL,
    d2          date NOT NULL,
    w           smallint NOT NULL,
    n           bigint NOT NULL,
    amount      bigint NOT NULL
);
CREATE INDEX mon_rollup_stage_txid_idx ON mon_rollup_stage(txid);

-- Dirty subjects of the running transactions (rows live only inside one).
CREATE UNLOGGED TABLE mon_dirty (
    txid        bigint NOT NULL,
    subject_id  bigint NOT NULL,
    PRIMARY KEY (txid, subject_id)
);
CREATE UNLOGGED TABLE mon_dirty_tx (
    txid        bigint PRIMARY KEY
);

-- The contributions of the stored state of subjects to mon_rollup.
CREATE FUNCTION mon_contrib(subjects bigint[]) RETURNS SETOF mon_rollup LANGUAGE sql STABLE AS $$
WITH need AS (
    SELECT * FROM mon_need WHERE subject_id = ANY(subjects)
), fact AS (
    SELECT DISTINCT subject_id AS s, 'A'::"char" AS kind, access_id AS obj, zone_id AS zone, area_code AS area,
        day AS lo, day AS hi, 0::bigint AS amount
    FROM need
    UNION ALL
    SELECT m.subject_id, f.kind, f.obj, f.zone, f.area, f.lo, f.hi, f.amount
    FROM mon_subject m, unnest(m.facts) f WHERE m.subject_id = ANY(subjects)
), fm AS (
    SELECT fact.*, (extract(year FROM lo) * 100 + extract(month FROM lo))::int AS mon FROM fact
), pv AS (
    SELECT fm.s, v.zv, v.av, v.mv, fm.lo, fm.hi FROM fm,
    LATERAL (VALUES (fm.zone, fm.area, fm.mon), (fm.zone, fm.area, 0), (fm.zone, '*', fm.mon), (fm.zone, '*', 0),
        (0::smallint, fm.area, fm.mon), (0::smallint, fm.area, 0), (0::smallint, '*', fm.mon), (0::smallint, '*', 0)) v(zv, av, mv)
    WHERE fm.s > 0
), span AS (
    SELECT zv, av, mv, min(lo) AS first, max(hi) AS last FROM pv GROUP BY s, zv, av, mv
), gap AS (
    SELECT zv, av, prev, lo FROM (
        SELECT zv, av, lo, max(hi) OVER (PARTITION BY s, zv, av ORDER BY lo, hi ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev
        FROM pv WHERE mv = 0) x
    WHERE lo > prev + 1
), cn AS (
    SELECT * FROM need WHERE citizen_id IS NOT NULL AND need_code <> ''
), cd AS (
    SELECT DISTINCT cn.subject_id AS s, v.zv, cn.area_code, cn.day FROM cn, LATERAL (VALUES (cn.zone_id), (0::smallint)) v(zv)
), cgap AS (
    SELECT zv, area_code, prev, day FROM (
        SELECT zv, area_code, day, lag(day) OVER (PARTITION BY s, zv, area_code ORDER BY day) AS prev FROM cd) x
    WHERE day > prev + 1
), c AS (
    SELECT 1 AS r, zone AS zone_id, area AS area_code, mon AS month, lo AS d1, '-infinity'::date AS d2, 0 AS w, 1::bigint AS n, 0::bigint AS amount
    FROM fm WHERE kind = 'A'
    UNION ALL
    SELECT DISTINCT ON (obj) 1, zone, '*', mon, lo, '-infinity', 0, 1, 0 FROM fm WHERE kind = 'A'
    UNION ALL
    SELECT 2, zone, v.a, mon, lo, '-infinity', 0, 1, 0 FROM fm, LATERAL (VALUES (fm.area), ('*')) v(a) WHERE kind = 'C'
    UNION ALL
    SELECT 3, zone, v.a, mon, lo, '-infinity', 0, 1, amount FROM fm, LATERAL (VALUES (fm.area), ('*')) v(a) WHERE kind = 'I'
    UNION ALL
    SELECT 4, zone, v.a, mon, hi, '-infinity', 0, 1, amount FROM fm, LATERAL (VALUES (fm.area), ('*')) v(a) WHERE kind = 'I'
    UNION ALL
    SELECT 5, zv, av, mv, first, '-infinity', 0, 1, 0 FROM span
    UNION ALL
    SELECT 6, zv, av, mv, last, '-infinity', 0, 1, 0 FROM span
    UNION ALL
    SELECT 7, zv, av, 0, prev, lo, 0, 1, 0 FROM gap
    UNION ALL
    SELECT 8, zone_id, area_code, 0, day, '-infinity', wmin, 1, 0 FROM cn
    UNION ALL
    SELECT 9, zv, area_code, 0, min(day), '-infinity', 0, 1, 0 FROM cd GROUP BY s, zv, area_code
    UNION ALL
    SELECT 10, zv, area_code, 0, max(day), '-infinity', 0, 1, 0 FROM cd GROUP BY s, zv, area_code
    UNION ALL
    SELECT 11, zv, area_code, 0, prev, day, 0, 1, 0 FROM cgap
)
SELECT r::smallint, zone_id::smallint, area_code, month, d1, d2, w::smallint, sum(n)::bigint, sum(amount)::bigint
FROM c GROUP BY 1, 2, 3, 4, 5, 6, 7
$$;

-- Recomputes the stored state of subjects from the raw tables and applies
-- the difference of their contributions to mon_rollup.
-- Recomputes the stored state of subjects from the raw tables and stages
-- the difference of their contributions (mon_apply_stage applies it).
CREATE FUNCTION mon_refresh(subjects bigint[]) RETURNS void LANGUAGE plpgsql
SET work_mem = '64MB' AS $$
DECLARE
    cit_ids bigint[];
    anon_ids bigint[];
BEGIN
    subjects := ARRAY(SELECT DISTINCT s FROM unnest(subjects) s WHERE s IS NOT NULL ORDER BY s);
    IF cardinality(subjects) = 0 THEN
        RETURN;
    END IF;
    cit_ids := ARRAY(SELECT s FROM unnest(subjects) s WHERE s > 0);
    anon_ids := ARRAY(SELECT -s FROM unnest(subjects) s WHERE s < 0);
    -- Lock the subjects, in id order.
    INSERT INTO mon_subject (subject_id) SELECT s FROM unnest(subjects) s ORDER BY s ON CONFLICT DO NOTHING;
    PERFORM 1 FROM mon_subject WHERE subject_id = ANY(subjects) ORDER BY subject_id FOR UPDATE;

    INSERT INTO mon_rollup_stage (txid, r, zone_id, area_code, month, d1, d2, w, n, amount)
    SELECT txid_current(), c.r, c.zone_id, c.area_code, c.month, c.d1, c.d2, c.w, -c.n, -c.amount FROM mon_contrib(subjects) c;

    DELETE FROM mon_need WHERE subject_id = ANY(subjects);
    INSERT INTO mon_need (subject_id, access_id, need_code, id, citizen_id, zone_id, area_code, office_id,
        outcome_code, occurred_at, day, first_answer_at, wmin)
    WITH acc AS (
        SELECT a.id, a.citizen_id, a.zone_id, a.office_id, a.outcome_code, a.occurred_at FROM access a
        WHERE a.citizen_id = ANY(cit_ids)
        UNION ALL
        SELECT a.id, a.citizen_id, a.zone_id, a.office_id, a.outcome_code, a.occurred_at FROM access a
        WHERE a.id = ANY(anon_ids) AND a.citizen_id IS NULL
    ), nd AS (
        SELECT coalesce(a.citizen_id, -a.id) AS subject_id, a.id AS access_id, coalesce(n.need_code, '') AS need_code,
            a.id * 1000 + CASE WHEN n.need_code IS NULL THEN 0
                ELSE row_number() OVER (PARTITION BY a.id ORDER BY n.need_code) END AS id,
            a.citizen_id, a.zone_id, coalesce(nc.area_code, '') AS area_code, a.office_id, a.outcome_code, a.occurred_at,
            (a.occurred_at AT TIME ZONE 'Europe/Rome')::date AS day
        FROM acc a LEFT JOIN access_need n ON n.access_id = a.id LEFT JOIN need_category nc ON nc.code = n.need_code
    ), event AS (
        SELECT k.citizen_id, k.user_area_code AS area_code, k.opened_at AS at, k.closed_at AS until, NULL::date AS until_day
        FROM care_case k WHERE k.status <> 'PROPOSED' AND k.citizen_id = ANY(cit_ids)
        UNION ALL
        SELECT i.citizen_id, it.area_code, i.requested_at, i.closed_at, i.end_date
        FROM intervention i JOIN intervention_type it ON it.code = i.type_code
        WHERE i.status <> 'REFUSED' AND i.citizen_id = ANY(cit_ids)
    ), answer AS (
        SELECT nd.access_id, nd.need_code, greatest(e.at, nd.occurred_at) AS at
        FROM nd JOIN event e ON e.citizen_id = nd.citizen_id AND e.area_code = nd.area_code
        WHERE nd.need_code <> '' AND (e.until IS NULL OR e.until >= nd.occurred_at) AND (e.until_day IS NULL OR e.until_day >= nd.day)
        UNION ALL
        SELECT nd.access_id, nd.need_code, greatest(r.proposed_at, nd.occurred_at)
        FROM nd JOIN referral r ON r.citizen_id = nd.citizen_id AND (r.access_id = nd.access_id OR r.proposed_at >= nd.occurred_at)
        WHERE nd.need_code <> '' AND r.status NOT IN ('REJECTED', 'WITHDRAWN') AND r.citizen_id = ANY(cit_ids)
    ), earliest AS (
        SELECT access_id, need_code, min(at) AS at FROM answer GROUP BY access_id, need_code
    )
    SELECT nd.subject_id, nd.access_id, nd.need_code, nd.id, nd.citizen_id, nd.zone_id, nd.area_code, nd.office_id,
        nd.outcome_code, nd.occurred_at, nd.day, e.at,
        CASE WHEN e.at IS NULL THEN -1 ELSE least(366, ceil(extract(epoch FROM e.at - nd.occurred_at) / 86400)) END
    FROM nd LEFT JOIN earliest e ON e.access_id = nd.access_id AND e.need_code = nd.need_code;

    UPDATE mon_subject m SET facts = coalesce(f.facts, '{}')
    FROM (SELECT s AS subject_id, (
            SELECT array_agg(ROW(x.kind, x.obj, x.zone, x.area, x.type, x.lo, x.hi, x.amount, x.payer, x.org)::mon_fact ORDER BY x.kind, x.obj) FROM (
                SELECT 'C'::"char" AS kind, k.id AS obj, k.zone_id::smallint AS zone, k.user_area_code AS area, NULL::text AS type,
                    (k.opened_at AT TIME ZONE 'Europe/Rome')::date AS lo, (k.opened_at AT TIME ZONE 'Europe/Rome')::date AS hi,
                    0::bigint AS amount, NULL::text AS payer, NULL::bigint AS org
                FROM care_case k WHERE k.citizen_id = s
                UNION ALL
                SELECT 'I', i.id, i.zone_id::smallint, it.area_code, i.type_code, i.start_date, coalesce(i.end_date, 'infinity'),
                    i.amount_cents, coalesce('o' || coalesce(i.provider_organization_id, zo.id), 'z' || i.zone_id),
                    coalesce(i.provider_organization_id, zo.id)
                FROM intervention i JOIN intervention_type it ON it.code = i.type_code
                LEFT JOIN LATERAL (SELECT o.id FROM zone z
                    JOIN organization o ON o.kind = 'MUNICIPALITY' AND o.municipality_id = z.lead_municipality_id
                    WHERE z.id = i.zone_id AND i.provider_organization_id IS NULL ORDER BY o.id LIMIT 1) zo ON true
                WHERE i.citizen_id = s AND i.status IN ('AUTHORIZED', 'ACTIVE', 'CLOSED')
            ) x) AS facts
          FROM unnest(cit_ids) s) f
    WHERE m.subject_id = f.subject_id;

    DELETE FROM mon_overlap_pair WHERE citizen_id = ANY(cit_ids);
    INSERT INTO mon_overlap_pair (citizen_id, a_id, b_id, area_code, same_type, common)
    SELECT m.subject_id, a.obj, b.obj, a.area, a.type = b.type, daterange(a.lo, a.hi, '[]') * daterange(b.lo, b.hi, '[]')
    FROM mon_subject m, unnest(m.facts) a, unnest(m.facts) b
    WHERE m.subject_id = ANY(cit_ids) AND a.kind = 'I' AND b.kind = 'I' AND a.obj < b.obj AND a.area = b.area
      AND a.payer <> b.payer AND daterange(a.lo, a.hi, '[]') && daterange(b.lo, b.hi, '[]');

    INSERT INTO mon_rollup_stage (txid, r, zone_id, area_code, month, d1, d2, w, n, amount)
    SELECT txid_current(), c.r, c.zone_id, c.area_code, c.month, c.d1, c.d2, c.w, c.n, c.amount FROM mon_contrib(subjects) c;
END $$;

-- Applies the staged contributions of the running transaction to
-- mon_rollup: one INSERT ... ON CONFLICT DO UPDATE in key order.
CREATE FUNCTION mon_apply_stage() RETURNS void LANGUAGE plpgsql
SET work_mem = '64MB' AS $$
BEGIN
    INSERT INTO mon_rollup AS t (r, zone_id, area_code, month, d1, d2, w, n, amount)
    SELECT r, zone_id, area_code, month, d1, d2, w, sum(n), sum(amount) FROM mon_rollup_stage
    WHERE txid = txid_current()
    GROUP BY r, zone_id, area_code, month, d1, d2, w
    HAVING sum(n) <> 0 OR sum(amount) <> 0
    ORDER BY r, zone_id, area_code, month, d1, d2, w
    ON CONFLICT (r, zone_id, area_code, month, d1, d2, w)
    DO UPDATE SET n = t.n + EXCLUDED.n, amount = t.amount + EXCLUDED.amount;
    DELETE FROM mon_rollup_stage WHERE txid = txid_current();
END $$;

-- Marks subjects dirty in the running transaction; they are refreshed at commit.
CREATE FUNCTION mon_mark(subjects bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF cardinality(subjects) = 0 THEN
        RETURN;
    END IF;
    INSERT INTO mon_dirty (txid, subject_id)
    SELECT DISTINCT txid_current(), s FROM unnest(subjects) s WHERE s IS NOT NULL ON CONFLICT DO NOTHING;
    INSERT INTO mon_dirty_tx (txid) VALUES (txid_current()) ON CONFLICT DO NOTHING;
END $$;

CREATE FUNCTION mon_flush() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    batch bigint[];
BEGIN
    LOOP
        batch := ARRAY(SELECT subject_id FROM mon_dirty WHERE txid = NEW.txid ORDER BY subject_id LIMIT 20000);
        EXIT WHEN cardinality(batch) = 0;
        DELETE FROM mon_dirty WHERE txid = NEW.txid AND subject_id = ANY(batch);
        PERFORM mon_refresh(batch);
    END LOOP;
    PERFORM mon_apply_stage();
    DELETE FROM mon_dirty_tx WHERE txid = NEW.txid;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER mon_flush AFTER INSERT ON mon_dirty_tx
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION mon_flush();

-- The triggers on the raw tables: the subjects whose monitoring rows change.
CREATE FUNCTION mon_mark_access() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM mon_mark(ARRAY(SELECT coalesce(citizen_id, -id) FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM mon_mark(ARRAY(SELECT coalesce(citizen_id, -id) FROM old_rows));
    ELSE
        PERFORM mon_mark(ARRAY(
            SELECT coalesce(x.citizen_id, -x.id) FROM old_rows o JOIN new_rows n ON n.id = o.id,
                LATERAL (VALUES (o.id, o.citizen_id), (n.id, n.citizen_id)) x(id, citizen_id)
            WHERE (o.citizen_id, o.zone_id, o.office_id, o.outcome_code, o.occurred_at)
                IS DISTINCT FROM (n.citizen_id, n.zone_id, n.office_id, n.outcome_code, n.occurred_at)));
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION mon_mark_access_need() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM mon_mark(ARRAY(SELECT coalesce(a.citizen_id, -a.id) FROM new_rows r JOIN access a ON a.id = r.access_id));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM mon_mark(ARRAY(SELECT coalesce(a.citizen_id, -a.id) FROM old_rows r JOIN access a ON a.id = r.access_id));
    ELSE
        PERFORM mon_mark(ARRAY(
            SELECT coalesce(a.citizen_id, -a.id) FROM (SELECT access_id, need_code FROM old_rows
                EXCEPT SELECT access_id, need_code FROM new_rows) r JOIN access a ON a.id = r.access_id
            UNION
            SELECT coalesce(a.citizen_id, -a.id) FROM (SELECT access_id, need_code FROM new_rows
                EXCEPT SELECT access_id, need_code FROM old_rows) r JOIN access a ON a.id = r.access_id));
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION mon_mark_care_case() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM mon_mark(ARRAY(SELECT citizen_id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM mon_mark(ARRAY(SELECT citizen_id FROM old_rows));
    ELSE
        PERFORM mon_mark(ARRAY(
            SELECT x.citizen_id FROM old_rows o JOIN new_rows n ON n.id = o.id,
                LATERAL (VALUES (o.citizen_id), (n.citizen_id)) x(citizen_id)
            WHERE (o.citizen_id, o.zone_id, o.user_area_code, o.status, o.opened_at, o.closed_at)
                IS DISTINCT FROM (n.citizen_id, n.zone_id, n.user_area_code, n.status, n.opened_at, n.closed_at)));
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION mon_mark_intervention() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM mon_mark(ARRAY(SELECT citizen_id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM mon_mark(ARRAY(SELECT citizen_id FROM old_rows));
    ELSE
        PERFORM mon_mark(ARRAY(
            SELECT x.citizen_id FROM old_rows o JOIN new_rows n ON n.id = o.id,
                LATERAL (VALUES (o.citizen_id), (n.citizen_id)) x(citizen_id)
            WHERE (o.citizen_id, o.zone_id, o.type_code, o.provider_organization_id, o.status, o.start_date, o.end_date,
                   o.amount_cents, o.requested_at, o.closed_at)
                IS DISTINCT FROM (n.citizen_id, n.zone_id, n.type_code, n.provider_organization_id, n.status, n.start_date,
                   n.end_date, n.amount_cents, n.requested_at, n.closed_at)));
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION mon_mark_referral() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM mon_mark(ARRAY(SELECT citizen_id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM mon_mark(ARRAY(SELECT citizen_id FROM old_rows));
    ELSE
        PERFORM mon_mark(ARRAY(
            SELECT x.citizen_id FROM old_rows o JOIN new_rows n ON n.id = o.id,
                LATERAL (VALUES (o.citizen_id), (n.citizen_id)) x(citizen_id)
            WHERE (o.citizen_id, o.access_id, o.status, o.proposed_at)
                IS DISTINCT FROM (n.citizen_id, n.access_id, n.status, n.proposed_at)));
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER mon_access_insert AFTER INSERT ON access REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION mon_mark_access();
CREATE TRIGGER mon_access_update AFTER UPDATE ON access REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION mon_mark_access();
CREATE TRIGGER mon_access_delete AFTER DELETE ON access REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION mon_mark_access();
CREATE TRIGGER mon_access_need_insert AFTER INSERT ON access_need REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION mon_mark_access_need();
CREATE TRIGGER mon_access_need_update AFTER UPDATE ON access_need REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION mon_mark_access_need();
CREATE TRIGGER mon_access_need_delete AFTER DELETE ON access_need REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION mon_mark_access_need();
CREATE TRIGGER mon_care_case_insert AFTER INSERT ON care_case REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION mon_mark_care_case();
CREATE TRIGGER mon_care_case_update AFTER UPDATE ON care_case REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION mon_mark_care_case();
CREATE TRIGGER mon_care_case_delete AFTER DELETE ON care_case REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION mon_mark_care_case();
CREATE TRIGGER mon_intervention_insert AFTER INSERT ON intervention REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION mon_mark_intervention();
CREATE TRIGGER mon_intervention_update AFTER UPDATE ON intervention REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION mon_mark_intervention();
CREATE TRIGGER mon_intervention_delete AFTER DELETE ON intervention REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION mon_mark_intervention();
CREATE TRIGGER mon_referral_insert AFTER INSERT ON referral REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION mon_mark_referral();
CREATE TRIGGER mon_referral_update AFTER UPDATE ON referral REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION mon_mark_referral();
CREATE TRIGGER mon_referral_delete AFTER DELETE ON referral REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION mon_mark_referral();

-- Recomputes every monitoring table from the raw tables, in batches of
-- subjects. For loaders that ran with the triggers disabled, after a change
-- of the user area of a need category or intervention type, or of a zone's
-- lead municipality; this migration runs it once on the existing data.
CREATE FUNCTION rebuild_monitoring_rollups() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    batch bigint[];
BEGIN
    LOCK TABLE mon_subject, mon_need, mon_overlap_pair, mon_rollup IN EXCLUSIVE MODE;
    TRUNCATE mon_subject, mon_need, mon_overlap_pair, mon_rollup;
    DELETE FROM mon_rollup_stage WHERE txid = txid_current();
    FOR batch IN
        SELECT array_agg(s ORDER BY s) FROM (
            SELECT s, (row_number() OVER (ORDER BY s) - 1) / 20000 AS b FROM (
                SELECT id AS s FROM citizen
                UNION ALL
                SELECT -id FROM access WHERE citizen_id IS NULL) x) y
        GROUP BY b ORDER BY b
    LOOP
        PERFORM mon_refresh(batch);
    END LOOP;
    PERFORM mon_apply_stage();
    ANALYZE mon_subject, mon_need, mon_overlap_pair, mon_rollup;
    -- What the transactions of the running one had marked is done too.
    DELETE FROM mon_dirty WHERE txid = txid_current();
END $$;

SELECT rebuild_monitoring_rollups();
