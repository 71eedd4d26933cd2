package bench

// The baseline: the data each scenario's API answer carries, read with the
// fewest hand-written SQL statements over pgx (bind parameters, one round
// trip per statement, usually one statement per request). It is
// deliberately without session lookup, field policy, row scope beyond the
// zone, and audit: the floor the API is compared with. The dashboards are
// aggregated from the raw tables (access, access_need, care_case,
// intervention, referral, operator_role, municipality), whatever rollup
// tables the server may maintain.

// sqlCitizenPage reads the citizen page (CitizenPage: the citizen, their
// household, relations, 20 accesses, cases, interventions and referrals
// with what each names) as one JSON document. $1 the citizen, $2 the
// viewer (for their running emergency access).
const sqlCitizenPage = `
SELECT json_build_object(
  'id', c.id, 'fiscalCode', c.fiscal_code, 'temporaryId', c.temporary_id,
  'firstName', c.first_name, 'lastName', c.last_name, 'birthDate', c.birth_date, 'sex', c.sex,
  'citizenship', c.citizenship, 'phone', c.phone, 'email', c.email, 'homeless', c.homeless,
  'language', c.language, 'protectedAddress', c.protected_address,
  'emergencyAccess', (SELECT json_build_object('id', e.id, 'startedAt', e.started_at, 'expiresAt', e.expires_at, 'reason', e.reason)
      FROM emergency_access e WHERE e.citizen_id = c.id AND e.operator_id = $2 AND now() < e.expires_at
      ORDER BY e.expires_at DESC LIMIT 1),
  'birthPlace', json_build_object('code', c.birth_place_code, 'municipality',
      (SELECT json_build_object('id', m.id, 'name', m.name) FROM municipality m WHERE m.id = c.birth_municipality_id)),
  'residence', json_build_object('address', c.residence_address, 'postcode', c.residence_postcode, 'municipality',
      (SELECT json_build_object('id', m.id, 'name', m.name, 'zone', json_build_object('id', z.id, 'code', z.code, 'name', z.name))
         FROM municipality m JOIN zone z ON z.id = m.zone_id WHERE m.id = c.residence_municipality_id)),
  'domicile', json_build_object('address', c.domicile_address, 'municipality',
      (SELECT json_build_object('id', m.id, 'name', m.name) FROM municipality m WHERE m.id = c.domicile_municipality_id)),
  'household', (SELECT coalesce(json_agg(json_build_object('id', h.id, 'firstName', h.first_name, 'lastName', h.last_name,
        'birthDate', h.birth_date) ORDER BY h.id), '[]')
      FROM citizen h WHERE h.id IN (SELECT r.related_citizen_id FROM relation r WHERE r.citizen_id = c.id AND r.cohabiting
        AND (r.valid_to IS NULL OR r.valid_to >= current_date))),
  'relations', json_build_object('totalCount', (SELECT count(*) FROM relation r WHERE r.citizen_id = c.id),
      'nodes', (SELECT coalesce(json_agg(x ORDER BY x.created_at, x.id), '[]') FROM (
        SELECT r.id, r.kind, r.cohabiting, r.valid_from, r.valid_to, r.created_at,
          json_build_object('id', rc.id, 'firstName', rc.first_name, 'lastName', rc.last_name) AS related
        FROM relation r JOIN citizen rc ON rc.id = r.related_citizen_id
        WHERE r.citizen_id = c.id ORDER BY r.created_at, r.id LIMIT 50) x)),
  'accesses', json_build_object('totalCount', (SELECT count(*) FROM access a WHERE a.citizen_id = c.id),
      'nodes', (SELECT coalesce(json_agg(x ORDER BY x.occurred_at DESC, x.id DESC), '[]') FROM (
        SELECT a.id, a.occurred_at, a.channel, o.id AS office_id, o.name AS office, z.id AS zone_id, z.code AS zone_code,
          z.name AS zone, op.id AS operator_id, op.display_name AS operator, ao.code AS outcome, ao.label_it, ao.label_en
        FROM access a JOIN office o ON o.id = a.office_id JOIN zone z ON z.id = a.zone_id
          JOIN operator op ON op.id = a.operator_id JOIN access_outcome ao ON ao.code = a.outcome_code
        WHERE a.citizen_id = c.id ORDER BY a.occurred_at DESC, a.id DESC LIMIT 20) x)),
  'cases', json_build_object('totalCount', (SELECT count(*) FROM care_case k WHERE k.citizen_id = c.id),
      'nodes', (SELECT coalesce(json_agg(x ORDER BY x.opened_at DESC, x.id DESC), '[]') FROM (
        SELECT k.id, k.status, k.opened_at, k.closed_at, ua.code AS area, ua.label_it, ua.label_en,
          op.id AS responsible_id, op.display_name AS responsible, o.id AS office_id, o.name AS office
        FROM care_case k JOIN user_area ua ON ua.code = k.user_area_code
          JOIN operator op ON op.id = k.responsible_operator_id JOIN office o ON o.id = k.office_id
        WHERE k.citizen_id = c.id ORDER BY k.opened_at DESC, k.id DESC LIMIT 20) x)),
  'interventions', json_build_object('totalCount', (SELECT count(*) FROM intervention i WHERE i.citizen_id = c.id),
      'nodes', (SELECT coalesce(json_agg(x ORDER BY x.start_date DESC, x.id DESC), '[]') FROM (
        SELECT i.id, i.status, i.start_date, i.end_date, t.code AS type, t.label_it, t.label_en,
          p.id AS provider_id, p.name AS provider, i.case_id
        FROM intervention i JOIN intervention_type t ON t.code = i.type_code
          LEFT JOIN organization p ON p.id = i.provider_organization_id
        WHERE i.citizen_id = c.id ORDER BY i.start_date DESC, i.id DESC LIMIT 20) x)),
  'referrals', json_build_object('totalCount', (SELECT count(*) FROM referral r WHERE r.citizen_id = c.id),
      'nodes', (SELECT coalesce(json_agg(x ORDER BY x.proposed_at DESC, x.id DESC), '[]') FROM (
        SELECT r.id, r.status, r.reason, r.proposed_at, fo.id AS from_office_id, fo.name AS from_office,
          tof.id AS to_office_id, tof.name AS to_office, tor.id AS to_organization_id, tor.name AS to_organization, r.case_id
        FROM referral r JOIN office fo ON fo.id = r.from_office_id LEFT JOIN office tof ON tof.id = r.to_office_id
          JOIN organization tor ON tor.id = r.to_organization_id
        WHERE r.citizen_id = c.id ORDER BY r.proposed_at DESC, r.id DESC LIMIT 20) x))
)
FROM citizen c WHERE c.id = $1`

// sqlFiscalCode is the search screen's answer to a codice fiscale: an
// index lookup. $1 the code.
const sqlFiscalCode = `
SELECT c.id, c.fiscal_code, c.temporary_id, c.first_name, c.last_name, c.birth_date, m.id, m.name
FROM citizen c LEFT JOIN municipality m ON m.id = c.residence_municipality_id
WHERE c.fiscal_code = $1`

// sqlNameSearch is the search screen's answer to a name: the citizens of
// the viewer's zones (citizen_zone, or referred to one of the viewer's
// offices) or of their cases whose name contains the term or is similar to
// it (trigram word similarity), the 20 most similar with the total count.
// $1 the LIKE pattern, $2 the term, $3 the zones, $4 the viewer.
const sqlNameSearch = `
SELECT count(*) OVER () AS total, c.id, c.fiscal_code, c.temporary_id, c.first_name, c.last_name, c.birth_date, m.id, m.name
FROM citizen c LEFT JOIN municipality m ON m.id = c.residence_municipality_id
WHERE (c.search_name LIKE $1 OR $2 <<% c.search_name)
  AND (EXISTS (SELECT 1 FROM citizen_zone cz WHERE cz.citizen_id = c.id AND cz.zone_id = ANY($3::int[]))
    OR EXISTS (SELECT 1 FROM referral r WHERE r.citizen_id = c.id AND r.status IN ('PROPOSED', 'SEEN', 'ACCEPTED')
      AND r.to_office_id IN (SELECT oo.office_id FROM operator_office oo WHERE oo.operator_id = $4))
    OR EXISTS (SELECT 1 FROM case_member cm WHERE cm.citizen_id = c.id AND cm.operator_id = $4
      AND cm.valid_from <= current_date AND (cm.valid_to IS NULL OR cm.valid_to >= current_date)))
ORDER BY strict_word_similarity($2, c.search_name) DESC, c.id DESC
LIMIT 20`

// sqlIntake is registerAccess's inserts (the access, its needs, its
// requested services) as one statement, so one transaction and one round
// trip. $1 citizen, $2 office, $3 zone, $4 operator, $5 outcome, $6
// idempotency key, $7 needs, $8 services.
const sqlIntake = `
WITH a AS (
  INSERT INTO access (citizen_id, occurred_at, office_id, zone_id, operator_id, channel, speaker_kind, outcome_code, notes, idempotency_key)
  VALUES ($1, now(), $2, $3, $4, 'IN_PERSON', 'CITIZEN', $5, 'siso bench baseline', $6)
  RETURNING id, citizen_id
), n AS (
  INSERT INTO access_need (access_id, need_code, citizen_id) SELECT a.id, x, a.citizen_id FROM a, unnest($7::text[]) x
), s AS (
  INSERT INTO access_requested_service (access_id, intervention_type_code, citizen_id) SELECT a.id, x, a.citizen_id FROM a, unnest($8::text[]) x
)
SELECT id FROM a`

// The dashboard: one statement per section of the monitoring screen,
// sent at once as the SPA does. $1 the zones (NULL: all), $2 from, $3 to.

const sqlOptions = `
SELECT (SELECT json_agg(json_build_object('id', id, 'code', code, 'name', name) ORDER BY id) FROM zone),
       (SELECT json_agg(json_build_object('code', code, 'labelIt', label_it, 'labelEn', label_en) ORDER BY sort, code) FROM user_area)`

// sqlCoverage: the needs expressed at the accesses of the period (of known
// citizens), each with its first answer (a case of its area open at or
// after the access, an intervention of a type of its area not refused nor
// ended before, a referral from the access or after it), counted by area
// and state; and the page of uncovered needs of the citizens of $5 (the
// manager's zones; NULL: no list, as for an analyst). $4 the answer window
// in days.
const sqlCoverage = `
WITH need AS MATERIALIZED (
  SELECT a.id AS access_id, a.citizen_id, a.occurred_at, a.zone_id, a.office_id, n.need_code, nc.area_code,
    (a.occurred_at AT TIME ZONE 'Europe/Rome')::date AS day
  FROM access a JOIN access_need n ON n.access_id = a.id JOIN need_category nc ON nc.code = n.need_code
  WHERE a.citizen_id IS NOT NULL AND ($1::int[] IS NULL OR a.zone_id = ANY($1::int[]))
    AND a.occurred_at >= $2::date::timestamp AT TIME ZONE 'Europe/Rome'
    AND a.occurred_at < ($3::date + 1)::timestamp AT TIME ZONE 'Europe/Rome' AND a.occurred_at <= now()
), answer AS (
  SELECT n.access_id, n.need_code, greatest(e.at, n.occurred_at) AS at
  FROM need n JOIN (
    SELECT k.citizen_id, k.user_area_code AS area_code, k.opened_at AS at, k.closed_at AS until, NULL::date AS until_day
    FROM care_case k WHERE k.status <> 'PROPOSED' AND k.opened_at <= now()
      AND k.citizen_id IN (SELECT citizen_id FROM need)
    UNION ALL
    SELECT i.citizen_id, it.area_code, i.requested_at, i.closed_at, i.end_date
    FROM intervention i JOIN intervention_type it ON it.code = i.type_code
    WHERE i.status <> 'REFUSED' AND i.requested_at <= now() AND i.citizen_id IN (SELECT citizen_id FROM need)
  ) e ON e.citizen_id = n.citizen_id AND e.area_code = n.area_code
  WHERE (e.until IS NULL OR e.until >= n.occurred_at) AND (e.until_day IS NULL OR e.until_day >= n.day)
  UNION ALL
  SELECT n.access_id, n.need_code, greatest(r.proposed_at, n.occurred_at)
  FROM need n JOIN referral r ON r.citizen_id = n.citizen_id AND (r.access_id = n.access_id OR r.proposed_at >= n.occurred_at)
  WHERE r.status NOT IN ('REJECTED', 'WITHDRAWN') AND r.proposed_at <= now()
), t AS (
  SELECT n.*, f.at AS answered_at, n.occurred_at + make_interval(days => $4::int) AS deadline
  FROM need n LEFT JOIN (SELECT access_id, need_code, min(at) AS at FROM answer GROUP BY 1, 2) f
    ON f.access_id = n.access_id AND f.need_code = n.need_code
), u AS (
  SELECT t.* FROM t
  WHERE $5::int[] IS NOT NULL AND (t.answered_at IS NULL OR t.answered_at > now()) AND t.deadline <= now()
    AND EXISTS (SELECT 1 FROM citizen_zone cz WHERE cz.citizen_id = t.citizen_id AND cz.zone_id = ANY($5::int[]))
)
SELECT json_build_object(
  'byArea', (SELECT coalesce(json_agg(r ORDER BY r.sort, r.area), '[]') FROM (
    SELECT t.area_code AS area, ua.sort, ua.label_it, ua.label_en, count(*) AS "needsExpressed", count(DISTINCT t.citizen_id) AS people,
      count(*) FILTER (WHERE t.answered_at <= t.deadline AND t.answered_at <= now()) AS answered,
      count(*) FILTER (WHERE t.answered_at > t.deadline AND t.answered_at <= now()) AS "answeredLate",
      count(*) FILTER (WHERE (t.answered_at IS NULL OR t.answered_at > now()) AND t.deadline > now()) AS pending,
      count(*) FILTER (WHERE (t.answered_at IS NULL OR t.answered_at > now()) AND t.deadline <= now()) AS uncovered
    FROM t JOIN user_area ua ON ua.code = t.area_code GROUP BY t.area_code, ua.sort, ua.label_it, ua.label_en) r),
  'uncovered', json_build_object('totalCount', (SELECT count(*) FROM u),
    'nodes', (SELECT coalesce(json_agg(p ORDER BY p.occurred_at, p.access_id, p.need_code), '[]') FROM (
      SELECT u.access_id, u.need_code, u.occurred_at, c.id AS citizen_id, c.first_name, c.last_name, nc.label_it AS need,
        ua.code AS area, ua.label_it AS area_label, z.code AS zone, o.name AS office,
        (now() AT TIME ZONE 'Europe/Rome')::date - u.day AS days_waiting
      FROM u JOIN citizen c ON c.id = u.citizen_id JOIN need_category nc ON nc.code = u.need_code
        JOIN user_area ua ON ua.code = u.area_code JOIN zone z ON z.id = u.zone_id JOIN office o ON o.id = u.office_id
      ORDER BY u.occurred_at, u.access_id, u.need_code LIMIT 20) p)))`

// sqlStatistics: people, accesses, cases, interventions and amounts by
// month, by zone and in total (GROUPING SETS: the two charts and the
// totals in one statement).
const sqlStatistics = `
WITH ev AS (
  SELECT 'A' AS kind, a.id AS obj, a.citizen_id, a.zone_id, to_char(a.occurred_at AT TIME ZONE 'Europe/Rome', 'YYYY-MM') AS month, 0::bigint AS amount
  FROM access a
  WHERE a.occurred_at >= $2::date AND a.occurred_at < $3::date + 1 AND ($1::int[] IS NULL OR a.zone_id = ANY($1::int[]))
  UNION ALL
  SELECT 'C', k.id, k.citizen_id, k.zone_id, to_char(k.opened_at AT TIME ZONE 'Europe/Rome', 'YYYY-MM'), 0
  FROM care_case k
  WHERE k.opened_at >= $2::date AND k.opened_at < $3::date + 1 AND ($1::int[] IS NULL OR k.zone_id = ANY($1::int[]))
  UNION ALL
  SELECT 'I', i.id, i.citizen_id, i.zone_id, to_char(i.start_date, 'YYYY-MM'), i.amount_cents
  FROM intervention i
  WHERE i.status IN ('AUTHORIZED', 'ACTIVE', 'CLOSED') AND i.start_date <= $3::date
    AND (i.end_date IS NULL OR i.end_date >= $2::date) AND ($1::int[] IS NULL OR i.zone_id = ANY($1::int[]))
)
SELECT GROUPING(month, zone_id) AS g, month, zone_id, count(DISTINCT citizen_id) AS people,
  count(DISTINCT obj) FILTER (WHERE kind = 'A') AS accesses,
  count(DISTINCT obj) FILTER (WHERE kind = 'C') AS cases,
  count(DISTINCT obj) FILTER (WHERE kind = 'I') AS interventions,
  coalesce(sum(amount) FILTER (WHERE kind = 'I'), 0)::bigint AS amount_cents
FROM ev GROUP BY GROUPING SETS ((month), (zone_id), ())`

// sqlOverlaps: the paid interventions running in the period of the
// citizens with one in the zones; two of them of the same citizen and user
// area from different payers (the provider, else the zone's lead
// municipality) with days in common overlap. Summary by zone and area, and
// the manager's page of citizens ($4: the manager's zones; NULL: no list).
const sqlOverlaps = `
WITH iv AS (
  SELECT i.id, i.citizen_id, i.zone_id, it.area_code AS key, i.amount_cents,
    coalesce('o' || coalesce(i.provider_organization_id, lead.id), 'z' || i.zone_id) AS payer,
    daterange(greatest(i.start_date, $2::date), least(coalesce(i.end_date, $3::date), $3::date), '[]') AS span
  FROM intervention i JOIN intervention_type it ON it.code = i.type_code
  LEFT JOIN LATERAL (SELECT o.id FROM zone z JOIN organization o ON o.kind = 'MUNICIPALITY' AND o.municipality_id = z.lead_municipality_id
    WHERE z.id = i.zone_id AND i.provider_organization_id IS NULL ORDER BY o.id LIMIT 1) lead ON true
  WHERE i.status IN ('AUTHORIZED', 'ACTIVE', 'CLOSED') AND i.start_date <= $3::date AND (i.end_date IS NULL OR i.end_date >= $2::date)
    AND ($1::int[] IS NULL OR i.citizen_id IN (SELECT j.citizen_id FROM intervention j
      WHERE j.zone_id = ANY($1::int[]) AND j.status IN ('AUTHORIZED', 'ACTIVE', 'CLOSED')
        AND j.start_date <= $3::date AND (j.end_date IS NULL OR j.end_date >= $2::date)))
), involved AS (
  SELECT * FROM iv WHERE EXISTS (SELECT 1 FROM iv o WHERE o.citizen_id = iv.citizen_id AND o.key = iv.key
    AND o.id <> iv.id AND o.payer <> iv.payer AND o.span && iv.span)
), item AS (
  SELECT min(v.id) AS id, v.citizen_id, v.key, sum(v.amount_cents) AS amount_cents, count(*) AS interventions
  FROM involved v WHERE $4::int[] IS NOT NULL
    AND EXISTS (SELECT 1 FROM citizen_zone cz WHERE cz.citizen_id = v.citizen_id AND cz.zone_id = ANY($4::int[]))
  GROUP BY v.citizen_id, v.key
  HAVING $1::int[] IS NULL OR bool_or(v.zone_id = ANY($1::int[]))
)
SELECT json_build_object(
  'summary', (SELECT coalesce(json_agg(s ORDER BY s.zone_id, s.area), '[]') FROM (
    SELECT v.zone_id, v.key AS area, count(DISTINCT v.citizen_id) AS people, count(*) AS interventions,
      coalesce(sum(v.amount_cents), 0) AS amount_cents
    FROM involved v WHERE $1::int[] IS NULL OR v.zone_id = ANY($1::int[]) GROUP BY v.zone_id, v.key) s),
  'items', json_build_object('totalCount', (SELECT count(*) FROM item),
    'nodes', (SELECT coalesce(json_agg(p ORDER BY p.amount_cents DESC, p.id DESC), '[]') FROM (
      SELECT item.*, c.first_name, c.last_name,
        (SELECT json_agg(json_build_object('id', v.id, 'payer', v.payer) ORDER BY v.id) FROM involved v
          WHERE v.citizen_id = item.citizen_id AND v.key = item.key) AS interventions_of
      FROM item JOIN citizen c ON c.id = item.citizen_id ORDER BY item.amount_cents DESC, item.id DESC LIMIT 20) p)))`

// sqlStaffing: each zone's inhabitants and active social workers.
const sqlStaffing = `
SELECT z.id, z.code, z.name,
  (SELECT coalesce(sum(m.population_2011), 0) FROM municipality m WHERE m.zone_id = z.id) AS population,
  (SELECT count(DISTINCT o.id) FROM operator_role r JOIN operator o ON o.id = r.operator_id
    WHERE r.zone_id = z.id AND r.role = 'SOCIAL_WORKER' AND o.active AND o.profession_code = 'SOCIAL_WORKER') AS social_workers
FROM zone z WHERE $1::int[] IS NULL OR z.id = ANY($1::int[]) ORDER BY z.id`
