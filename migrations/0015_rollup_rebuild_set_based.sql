-- A set-based rebuild of the monitoring rollups, sharing its SQL with the
-- triggers' refresh.
--
-- rebuild_monitoring_rollups() ran mon_refresh, the triggers' code, for
-- batches of 20,000 subjects: every batch scanned the raw tables again,
-- probed them per subject, and staged about 48 contribution rows per
-- citizen that were summed into mon_rollup at the end. For 1,000,000
-- citizens that took 14 minutes of a 19-minute seed.
--
-- The logic of mon_refresh is now in four SQL functions, each computing
-- rows for some subjects or, with all_subjects, for every subject:
--   mon_need_rows      the rows of mon_need
--   mon_fact_rows      the facts of mon_subject (cases, paid interventions)
--   mon_overlap_rows   the rows of mon_overlap_pair (from mon_subject)
--   mon_contrib        the contributions of the stored state to mon_rollup
-- They are plain SQL, inlined where they are called: mon_refresh passes
-- its subjects and false, so its statements keep their per-subject index
-- scans (also in a generic plan: "false OR x = ANY($1)" is simplified to
-- "x = ANY($1)" when the plan is made); the rebuild passes true, so each
-- table is computed in one statement with hash joins and aggregates, and
-- the contributions are summed straight into mon_rollup, without staging.
-- The rebuild writes into tables without indexes and builds them after.
--
-- mon_contrib also computes the same rows with fewer passes over them:
-- the people's first and last days per (zone or all, area or all, month
-- or all) come from one GROUPING SETS aggregate instead of eight copies
-- of every fact; their gaps, and the coverage's first days, last days and
-- gaps, from window functions over the facts and needs instead of copies
-- of them and DISTINCT; each access counts once in the '*' area through
-- its first need (id % 1000 <= 1) instead of a DISTINCT ON; the rollups
-- are summed in four aggregates. Grouping sets and windows keep apart the
-- variants that the copies merged when a value equalled its "all" marker:
-- the same rows, because no zone is 0, no area '*' and no month 0 (the
-- rollups' readers already take 0 and '*' to mean "all"). Text keys are
-- compared in the "C" collation, which makes the same groups (equality is
-- the same in a deterministic collation) with cheaper sorts; no order the
-- results depend on is affected.
--
-- The rebuild sorts and hashes with a small work_mem: on a 2-core machine
-- shared with other work, hash tables of 256 MB made the same statements
-- slower than spilling partitions that fit in the caches (at 50,000
-- citizens and at 300,000).

CREATE FUNCTION mon_need_rows(cit_ids bigint[], anon_ids bigint[], all_subjects boolean)
RETURNS SETOF mon_need LANGUAGE sql STABLE AS $$
    WITH acc AS (
        SELECT a.id, a.citizen_id, a.zone_id, a.office_id, a.outcome_code, a.occurred_at FROM access a
        WHERE a.citizen_id IS NOT NULL AND (all_subjects OR a.citizen_id = ANY(cit_ids))
        UNION ALL
        SELECT a.id, a.citizen_id, a.zone_id, a.office_id, a.outcome_code, a.occurred_at FROM access a
        WHERE a.citizen_id IS NULL AND (all_subjects OR a.id = ANY(anon_ids))
    ), nd AS (
        SELECT coalesce(a.citizen_id, -a.id) AS subject_id, a.id AS access_id, coalesce(n.need_code, '') AS need_code,
            a.id * 1000 + CASE WHEN n.need_code IS NULL THEN 0
                ELSE row_number() OVER (PARTITION BY a.id ORDER BY n.need_code) END AS id,
            a.citizen_id, a.zone_id, coalesce(nc.area_code, '') AS area_code, a.office_id, a.outcome_code, a.occurred_at,
            (a.occurred_at AT TIME ZONE 'Europe/Rome')::date AS day
        FROM acc a LEFT JOIN access_need n ON n.access_id = a.id LEFT JOIN need_category nc ON nc.code = n.need_code
    ), event AS (
        SELECT k.citizen_id, k.user_area_code AS area_code, k.opened_at AS at, k.closed_at AS until, NULL::date AS until_day
        FROM care_case k WHERE k.status <> 'PROPOSED' AND (all_subjects OR k.citizen_id = ANY(cit_ids))
        UNION ALL
        SELECT i.citizen_id, it.area_code, i.requested_at, i.closed_at, i.end_date
        FROM intervention i JOIN intervention_type it ON it.code = i.type_code
        WHERE i.status <> 'REFUSED' AND (all_subjects OR i.citizen_id = ANY(cit_ids))
    ), answer AS (
        SELECT nd.access_id, nd.need_code, greatest(e.at, nd.occurred_at) AS at
        FROM nd JOIN event e ON e.citizen_id = nd.citizen_id AND e.area_code = nd.area_code
        WHERE nd.need_code <> '' AND (e.until IS NULL OR e.until >= nd.occurred_at) AND (e.until_day IS NULL OR e.until_day >= nd.day)
        UNION ALL
        SELECT nd.access_id, nd.need_code, greatest(r.proposed_at, nd.occurred_at)
        FROM nd JOIN referral r ON r.citizen_id = nd.citizen_id AND (r.access_id = nd.access_id OR r.proposed_at >= nd.occurred_at)
        WHERE nd.need_code <> '' AND r.status NOT IN ('REJECTED', 'WITHDRAWN') AND (all_subjects OR r.citizen_id = ANY(cit_ids))
    ), earliest AS (
        SELECT access_id, need_code, min(at) AS at FROM answer GROUP BY access_id, need_code
    )
    SELECT nd.subject_id, nd.access_id, nd.need_code, nd.id, nd.citizen_id, nd.zone_id::smallint, nd.area_code, nd.office_id,
        nd.outcome_code, nd.occurred_at, nd.day, e.at,
        (CASE WHEN e.at IS NULL THEN -1 ELSE least(366, ceil(extract(epoch FROM e.at - nd.occurred_at) / 86400)) END)::smallint
    FROM nd LEFT JOIN earliest e ON e.access_id = nd.access_id AND e.need_code = nd.need_code
$$;

-- The facts of the citizens that have any (the others have '{}'), in the
-- order of (kind, obj). An intervention without a provider is paid by
-- the municipality leading its zone (the one with the smallest id).
CREATE FUNCTION mon_fact_rows(cit_ids bigint[], all_subjects boolean)
RETURNS TABLE (subject_id bigint, facts mon_fact[]) LANGUAGE sql STABLE AS $$
    SELECT x.citizen_id,
        array_agg(ROW(x.kind, x.obj, x.zone, x.area, x.type, x.lo, x.hi, x.amount, x.payer, x.org)::mon_fact ORDER BY x.kind, x.obj)
    FROM (
        SELECT k.citizen_id, 'C'::"char" AS kind, k.id AS obj, k.zone_id::smallint AS zone, k.user_area_code AS area,
            NULL::text AS type, (k.opened_at AT TIME ZONE 'Europe/Rome')::date AS lo,
            (k.opened_at AT TIME ZONE 'Europe/Rome')::date AS hi, 0::bigint AS amount, NULL::text AS payer, NULL::bigint AS org
        FROM care_case k WHERE all_subjects OR k.citizen_id = ANY(cit_ids)
        UNION ALL
        SELECT i.citizen_id, 'I', i.id, i.zone_id::smallint, it.area_code, i.type_code, i.start_date, coalesce(i.end_date, 'infinity'),
            i.amount_cents, coalesce('o' || coalesce(i.provider_organization_id, zo.org), 'z' || i.zone_id),
            coalesce(i.provider_organization_id, zo.org)
        FROM intervention i JOIN intervention_type it ON it.code = i.type_code
        LEFT JOIN (SELECT z.id AS zone_id, min(o.id) AS org FROM zone z
            JOIN organization o ON o.kind = 'MUNICIPALITY' AND o.municipality_id = z.lead_municipality_id
            GROUP BY z.id) zo ON zo.zone_id = i.zone_id AND i.provider_organization_id IS NULL
        WHERE (all_subjects OR i.citizen_id = ANY(cit_ids)) AND i.status IN ('AUTHORIZED', 'ACTIVE', 'CLOSED')
    ) x
    GROUP BY x.citizen_id
$$;

-- From the stored facts (mon_subject).
CREATE FUNCTION mon_overlap_rows(cit_ids bigint[], all_subjects boolean)
RETURNS SETOF mon_overlap_pair LANGUAGE sql STABLE AS $$
    SELECT m.subject_id, a.obj, b.obj, a.area, a.type = b.type, daterange(a.lo, a.hi, '[]') * daterange(b.lo, b.hi, '[]')
    FROM mon_subject m, unnest(m.facts) a, unnest(m.facts) b
    WHERE m.subject_id > 0 AND (all_subjects OR m.subject_id = ANY(cit_ids))
      AND a.kind = 'I' AND b.kind = 'I' AND a.obj < b.obj AND a.area = b.area
      AND a.payer <> b.payer AND daterange(a.lo, a.hi, '[]') && daterange(b.lo, b.hi, '[]')
$$;

-- The contributions of the stored state (mon_need, mon_subject) of
-- subjects to mon_rollup, one row per key (migration 0008 describes the
-- rollups).
CREATE FUNCTION mon_contrib(subjects bigint[], all_subjects boolean)
RETURNS SETOF mon_rollup LANGUAGE sql STABLE AS $$
WITH need AS (
    SELECT subject_id, access_id, id, citizen_id, need_code, zone_id, area_code COLLATE "C" AS area_code, day, wmin,
        (date_part('year', day) * 100 + date_part('month', day))::int AS mon
    FROM mon_need WHERE all_subjects OR subject_id = ANY(subjects)
), fm AS (
    -- The facts: accesses (one per area of their needs), cases, paid interventions.
    SELECT DISTINCT subject_id AS s, 'A'::"char" AS kind, access_id AS obj, zone_id AS zone, area_code AS area,
        day AS lo, day AS hi, 0::bigint AS amount, mon
    FROM need
    UNION ALL
    SELECT m.subject_id, f.kind, f.obj, f.zone, f.area COLLATE "C", f.lo, f.hi, f.amount,
        (date_part('year', f.lo) * 100 + date_part('month', f.lo))::int
    FROM mon_subject m, unnest(m.facts) f WHERE all_subjects OR m.subject_id = ANY(subjects)
), span AS (
    -- Each citizen's first and last day per (zone or 0, area or '*', month or 0).
    SELECT coalesce(zone, 0::smallint) AS zv, coalesce(area, '*') AS av, coalesce(mon, 0) AS mv,
        min(lo) AS first, max(hi) AS last
    FROM fm WHERE s > 0
    GROUP BY s, GROUPING SETS ((zone, area, mon), (zone, area), (zone, mon), (zone), (area, mon), (area), (mon), ())
), gap AS (
    -- The gaps in each citizen's facts per (zone or 0, area or '*'): a fact
    -- starting more than a day after all the earlier ones ended.
    SELECT v.zv, v.av, v.prev, g.lo FROM (
        SELECT zone, area, lo,
            max(hi) OVER (PARTITION BY s, zone, area ORDER BY lo, hi ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS p_za,
            max(hi) OVER (PARTITION BY s, zone ORDER BY lo, hi ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS p_z,
            max(hi) OVER (PARTITION BY s, area ORDER BY lo, hi ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS p_a,
            max(hi) OVER (PARTITION BY s ORDER BY lo, hi ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS p
        FROM fm WHERE s > 0) g,
    LATERAL (VALUES (g.zone, g.area, g.p_za), (g.zone, '*', g.p_z), (0::smallint, g.area, g.p_a), (0::smallint, '*', g.p)) v(zv, av, prev)
    WHERE g.lo > v.prev + 1
), cn AS (
    -- The needs of citizens.
    SELECT subject_id AS s, zone_id, area_code, day, wmin FROM need WHERE citizen_id IS NOT NULL AND need_code <> ''
), cw AS (
    -- The days around each need's among the citizen's needs of its area,
    -- in its zone and in all zones (the same day repeated is no gap).
    SELECT zone_id, area_code, day,
        lag(day) OVER (PARTITION BY s, zone_id, area_code ORDER BY day) AS z_prev,
        lead(day) OVER (PARTITION BY s, zone_id, area_code ORDER BY day) AS z_next,
        lag(day) OVER (PARTITION BY s, area_code ORDER BY day) AS prev,
        lead(day) OVER (PARTITION BY s, area_code ORDER BY day) AS next
    FROM cn
)
-- r 1-4: accesses (each once more in '*': its first need, or none), cases, interventions.
SELECT r::smallint, zone, area, mon, d1, '-infinity'::date, 0::smallint, count(*), sum(amount)::bigint FROM (
    SELECT 1 AS r, zone, area, mon, lo AS d1, amount FROM fm WHERE kind = 'A'
    UNION ALL
    SELECT 1, zone_id, '*', mon, day, 0 FROM need WHERE id % 1000 <= 1
    UNION ALL
    SELECT CASE kind WHEN 'C' THEN 2 ELSE 3 END, zone, v.a, mon, lo, amount
    FROM fm, LATERAL (VALUES (fm.area), ('*')) v(a) WHERE kind <> 'A'
    UNION ALL
    SELECT 4, zone, v.a, mon, hi, amount FROM fm, LATERAL (VALUES (fm.area), ('*')) v(a) WHERE kind = 'I') f
GROUP BY r, zone, area, mon, d1
UNION ALL
-- r 5-7: people.
SELECT v.r::smallint, zv, av, mv, v.d, '-infinity'::date, 0::smallint, count(*), 0::bigint
FROM span, LATERAL (VALUES (5, span.first), (6, span.last)) v(r, d) GROUP BY v.r, zv, av, mv, v.d
UNION ALL
SELECT 7::smallint, zv, av, 0, prev, lo, 0::smallint, count(*), 0::bigint FROM gap GROUP BY zv, av, prev, lo
UNION ALL
-- r 8-11: coverage.
SELECT 8::smallint, zone_id, area_code, 0, day, '-infinity'::date, wmin, count(*), 0::bigint FROM cn GROUP BY zone_id, area_code, day, wmin
UNION ALL
SELECT v.r::smallint, v.zv, cw.area_code, 0, v.d1, v.d2, 0::smallint, count(*), 0::bigint
FROM cw, LATERAL (VALUES
    (9, cw.zone_id, cw.day, '-infinity'::date, cw.z_prev IS NULL), (9, 0::smallint, cw.day, '-infinity', cw.prev IS NULL),
    (10, cw.zone_id, cw.day, '-infinity', cw.z_next IS NULL), (10, 0::smallint, cw.day, '-infinity', cw.next IS NULL),
    (11, cw.zone_id, cw.z_prev, cw.day, cw.day > cw.z_prev + 1), (11, 0::smallint, cw.prev, cw.day, cw.day > cw.prev + 1)
    ) v(r, zv, d1, d2, keep)
WHERE v.keep
GROUP BY v.r, v.zv, cw.area_code, v.d1, v.d2
$$;

-- Recomputes the stored state of subjects from the raw tables and stages
-- the difference of their contributions (mon_apply_stage applies it).
CREATE OR REPLACE FUNCTION mon_refresh(subjects bigint[]) RETURNS void LANGUAGE plpgsql
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
    SELECT txid_current(), c.r, c.zone_id, c.area_code, c.month, c.d1, c.d2, c.w, -c.n, -c.amount FROM mon_contrib(subjects, false) c;

    DELETE FROM mon_need WHERE subject_id = ANY(subjects);
    INSERT INTO mon_need SELECT * FROM mon_need_rows(cit_ids, anon_ids, false);

    UPDATE mon_subject m SET facts = coalesce(f.facts, '{}')
    FROM unnest(cit_ids) s LEFT JOIN mon_fact_rows(cit_ids, false) f ON f.subject_id = s
    WHERE m.subject_id = s;

    DELETE FROM mon_overlap_pair WHERE citizen_id = ANY(cit_ids);
    INSERT INTO mon_overlap_pair SELECT * FROM mon_overlap_rows(cit_ids, false);

    INSERT INTO mon_rollup_stage (txid, r, zone_id, area_code, month, d1, d2, w, n, amount)
    SELECT txid_current(), c.r, c.zone_id, c.area_code, c.month, c.d1, c.d2, c.w, c.n, c.amount FROM mon_contrib(subjects, false) c;
END $$;

DROP FUNCTION mon_contrib(bigint[]);

-- Recomputes every monitoring table from the raw tables, one statement
-- per table over all the subjects (the citizens and the anonymous
-- accesses), into the emptied tables without their indexes, which are
-- built again afterwards from their definitions of the moment.
CREATE OR REPLACE FUNCTION rebuild_monitoring_rollups() RETURNS void LANGUAGE plpgsql
SET work_mem = '16MB' SET maintenance_work_mem = '512MB' SET jit = off AS $$
DECLARE
    restore text[] := '{}';
    d record;
    stmt text;
BEGIN
    LOCK TABLE mon_subject, mon_need, mon_overlap_pair, mon_rollup IN EXCLUSIVE MODE;
    TRUNCATE mon_subject, mon_need, mon_overlap_pair, mon_rollup;
    DELETE FROM mon_rollup_stage WHERE txid = txid_current();

    -- Constraints through ALTER TABLE.
    FOR d IN
        SELECT i.indrelid::regclass::text AS table_name, i.indexrelid::regclass::text AS index_name, c.conname,
            CASE WHEN c.oid IS NULL THEN pg_get_indexdef(i.indexrelid)
                ELSE format('ALTER TABLE %s ADD CONSTRAINT %I %s', i.indrelid::regclass, c.conname, pg_get_constraintdef(c.oid)) END AS def
        FROM pg_index i LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.conrelid = i.indrelid
        WHERE i.indrelid IN ('mon_need'::regclass, 'mon_subject'::regclass, 'mon_overlap_pair'::regclass, 'mon_rollup'::regclass)
        ORDER BY i.indrelid, i.indexrelid
    LOOP
        restore := restore || d.def;
        IF d.conname IS NULL THEN
            EXECUTE format('DROP INDEX %s', d.index_name);
        ELSE
            EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', d.table_name, d.conname);
        END IF;
    END LOOP;

    INSERT INTO mon_need SELECT * FROM mon_need_rows(NULL, NULL, true);
    INSERT INTO mon_subject (subject_id, facts)
    SELECT c.id, coalesce(f.facts, '{}') FROM citizen c LEFT JOIN mon_fact_rows(NULL, true) f ON f.subject_id = c.id
    UNION ALL
    SELECT -a.id, '{}' FROM access a WHERE a.citizen_id IS NULL;
    INSERT INTO mon_overlap_pair SELECT * FROM mon_overlap_rows(NULL, true);
    INSERT INTO mon_rollup SELECT * FROM mon_contrib(NULL, true) c WHERE c.n <> 0 OR c.amount <> 0;

    FOREACH stmt IN ARRAY restore LOOP
        EXECUTE stmt;
    END LOOP;
    ANALYZE mon_subject, mon_need, mon_overlap_pair, mon_rollup;
    -- What the transactions of the running one had marked is done too.
    DELETE FROM mon_dirty WHERE txid = txid_current();
END $$;
