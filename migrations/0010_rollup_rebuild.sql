-- A faster rebuild of the monitoring rollups. rebuild_monitoring_rollups()
-- empties mon_rollup and then applied the staged contributions through
-- mon_apply_stage, an INSERT ... ON CONFLICT DO UPDATE that maintains the
-- primary key and the gap index row by row: at 50,000 citizens that took
-- 34 of the rebuild's 75 s (1.8 million staged rows, 1.35 million keys).
-- Here the table is known to be empty, so the sums go in with a plain
-- INSERT and the indexes are built afterwards from their own definitions
-- (8 s for the same rows). The per-subject state (mon_need, mon_subject,
-- mon_overlap_pair) is still computed by mon_refresh, the code the
-- triggers use, so a rebuild and the incremental path cannot disagree.
CREATE OR REPLACE FUNCTION rebuild_monitoring_rollups() RETURNS void LANGUAGE plpgsql
SET work_mem = '256MB' SET maintenance_work_mem = '512MB' AS $$
DECLARE
    batch bigint[];
    restore text[] := '{}';
    d record;
    stmt text;
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

    -- The indexes of mon_rollup, as they are defined now, dropped and
    -- built again after the insert (constraints through ALTER TABLE).
    FOR d IN
        SELECT i.indexrelid::regclass::text AS index_name, c.conname,
            CASE WHEN c.oid IS NULL THEN pg_get_indexdef(i.indexrelid)
                ELSE format('ALTER TABLE mon_rollup ADD CONSTRAINT %I %s', c.conname, pg_get_constraintdef(c.oid)) END AS def
        FROM pg_index i LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.conrelid = i.indrelid
        WHERE i.indrelid = 'mon_rollup'::regclass
    LOOP
        restore := restore || d.def;
        IF d.conname IS NULL THEN
            EXECUTE format('DROP INDEX %s', d.index_name);
        ELSE
            EXECUTE format('ALTER TABLE mon_rollup DROP CONSTRAINT %I', d.conname);
        END IF;
    END LOOP;
    INSERT INTO mon_rollup (r, zone_id, area_code, month, d1, d2, w, n, amount)
    SELECT r, zone_id, area_code, month, d1, d2, w, sum(n), sum(amount) FROM mon_rollup_stage
    WHERE txid = txid_current()
    GROUP BY r, zone_id, area_code, month, d1, d2, w
    HAVING sum(n) <> 0 OR sum(amount) <> 0;
    DELETE FROM mon_rollup_stage WHERE txid = txid_current();
    FOREACH stmt IN ARRAY restore LOOP
        EXECUTE stmt;
    END LOOP;

    ANALYZE mon_subject, mon_need, mon_overlap_pair, mon_rollup;
    -- What the transactions of the running one had marked is done too.
    DELETE FROM mon_dirty WHERE txid = txid_current();
END $$;
