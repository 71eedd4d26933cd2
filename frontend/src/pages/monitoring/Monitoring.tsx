import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useViewer } from '../../api/viewer';
import { useQuery } from '../../api/useQuery';
import { BarChart } from '../../components/charts/BarChart';
import { ChartValue, type ChartDatum, type ChartSeries } from '../../components/charts/Chart';
import { ColumnChart } from '../../components/charts/ColumnChart';
import { ResponseErrors, Value } from '../../components/Field';
import { CitizenLink, OfficeLink, OrganizationLink, paths, ZoneLink } from '../../components/links';
import { Section } from '../../components/Section';
import { QueryStatus } from '../../components/Status';
import { graphql } from '../../gql';
import { codeLabel, formatDate, formatDateTime } from '../../lib/format';
import {
  DEFAULT_DAYS,
  filtersToParams,
  MAX_DAYS,
  MEASURES,
  parseFilters,
  periodProblem,
  type Measure,
  type MonitoringFilters,
} from './filters';
import '../../i18n/areas/monitoring';

const OptionsQuery = graphql(`
  query MonitoringOptions {
    zones {
      id
      code
      name
    }
    codeLists {
      userAreas {
        code
        labelIt
        labelEn
      }
    }
  }
`);

const CoverageQuery = graphql(`
  query MonitoringCoverage($filter: MonitoringFilter!, $days: Int) {
    coverage(filter: $filter, uncoveredAfterDays: $days) {
      uncoveredAfterDays
      byArea {
        area {
          code
          labelIt
          labelEn
        }
        needsExpressed
        people
        answered
        answeredLate
        pending
        uncovered
        suppressed
      }
      uncovered(first: 20) {
        totalCount
        edges {
          node {
            citizen {
              id
              firstName
              lastName
            }
            need {
              code
              labelIt
              labelEn
            }
            area {
              code
              labelIt
              labelEn
            }
            zone {
              id
              code
              name
            }
            office {
              id
              name
            }
            expressedAt
            daysWaiting
          }
        }
      }
    }
  }
`);

const OverlapsQuery = graphql(`
  query MonitoringOverlaps($filter: MonitoringFilter!, $by: OverlapBy) {
    overlaps(filter: $filter, by: $by) {
      summary {
        zone {
          id
          code
          name
        }
        area {
          code
          labelIt
          labelEn
        }
        interventionType {
          code
          labelIt
          labelEn
        }
        people
        interventions
        amountCents
        suppressed
      }
      items(first: 20) {
        totalCount
        edges {
          node {
            citizen {
              id
              firstName
              lastName
            }
            area {
              code
              labelIt
              labelEn
            }
            interventionType {
              code
              labelIt
              labelEn
            }
            interventions {
              id
              type {
                code
                labelIt
                labelEn
              }
            }
            organizations {
              id
              name
            }
            from
            to
            amountCents
          }
        }
      }
    }
  }
`);

export const StatisticsQuery = graphql(`
  query MonitoringStatistics($filter: StatisticsFilter!, $groupBy: [StatisticsDimension!]!) {
    statistics(filter: $filter, groupBy: $groupBy) {
      suppressionThreshold
      cells {
        zone {
          id
          code
          name
        }
        userArea {
          code
        }
        month
        people
        accesses
        cases
        interventions
        amountCents
        suppressed
      }
      totals {
        people
        accesses
        cases
        interventions
        amountCents
        suppressed
      }
    }
  }
`);

const StaffingQuery = graphql(`
  query MonitoringStaffing($zoneCode: String) {
    staffing(zoneCode: $zoneCode) {
      zone {
        id
        code
        name
      }
      population
      socialWorkers
      target
      inhabitantsPerSocialWorker
      gap
    }
  }
`);

const COLORS = {
  answered: '#008055',
  answeredLate: '#a66300',
  pending: '#5d7083',
  uncovered: '#d9364f',
  primary: '#0066cc',
  gap: '#d9364f',
};

function euro(cents: number): string {
  return (cents / 100).toLocaleString(undefined, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
}

function useMonitoringFilters(): [MonitoringFilters, (patch: Partial<MonitoringFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters = parseFilters(params);
  const update = (patch: Partial<MonitoringFilters>) =>
    setParams(filtersToParams({ ...filters, ...patch }), { replace: true });
  return [filters, update];
}

function Filters({
  filters,
  onChange,
}: {
  filters: MonitoringFilters;
  onChange: (p: Partial<MonitoringFilters>) => void;
}) {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const options = useQuery(OptionsQuery, {});
  const analyst = viewer?.roles.includes('ANALYST') ?? false;
  const zones = analyst ? (options.data?.zones ?? []) : (viewer?.zones ?? []);
  const problem = periodProblem(filters);
  // The period is edited as typed and applied when both dates are complete.
  const [days, setDays] = useState(String(filters.days));
  const daysValid = /^\d+$/.test(days) && Number(days) >= 1 && Number(days) <= MAX_DAYS;
  return (
    <form
      className="siso-filters row g-3 mb-4"
      onSubmit={(e) => e.preventDefault()}
      aria-label={t('monitoring.filters')}
    >
      <div className="col-12 col-sm-6 col-lg-3">
        <label htmlFor="mon-zone" className="form-label small fw-semibold">
          {t('monitoring.zone')}
        </label>
        <select
          id="mon-zone"
          className="form-select"
          value={filters.zone}
          onChange={(e) => onChange({ zone: e.target.value })}
        >
          <option value="">{t('monitoring.allZones')}</option>
          {zones.map((z) => (
            <option key={z.code} value={z.code}>
              {z.code} – {z.name}
            </option>
          ))}
        </select>
      </div>
      <div className="col-6 col-lg-2">
        <label htmlFor="mon-from" className="form-label small fw-semibold">
          {t('monitoring.from')}
        </label>
        <input
          id="mon-from"
          type="date"
          className={`form-control${problem ? ' is-invalid' : ''}`}
          value={filters.from}
          max={filters.to}
          onChange={(e) => e.target.value && onChange({ from: e.target.value })}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? 'mon-period-error' : undefined}
        />
      </div>
      <div className="col-6 col-lg-2">
        <label htmlFor="mon-to" className="form-label small fw-semibold">
          {t('monitoring.to')}
        </label>
        <input
          id="mon-to"
          type="date"
          className={`form-control${problem ? ' is-invalid' : ''}`}
          value={filters.to}
          min={filters.from}
          onChange={(e) => e.target.value && onChange({ to: e.target.value })}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? 'mon-period-error' : undefined}
        />
      </div>
      <div className="col-12 col-sm-6 col-lg-3">
        <label htmlFor="mon-area" className="form-label small fw-semibold">
          {t('monitoring.area')}
        </label>
        <select
          id="mon-area"
          className="form-select"
          value={filters.area}
          onChange={(e) => onChange({ area: e.target.value })}
        >
          <option value="">{t('monitoring.allAreas')}</option>
          {(options.data?.codeLists.userAreas ?? []).map((a) => (
            <option key={a.code} value={a.code}>
              {codeLabel(a)}
            </option>
          ))}
        </select>
      </div>
      <div className="col-6 col-sm-3 col-lg-2">
        <label htmlFor="mon-days" className="form-label small fw-semibold">
          {t('monitoring.uncoveredAfterDays')}
        </label>
        <input
          id="mon-days"
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_DAYS}
          className={`form-control${daysValid ? '' : ' is-invalid'}`}
          value={days}
          onChange={(e) => {
            setDays(e.target.value);
            const n = Number(e.target.value);
            if (/^\d+$/.test(e.target.value) && n >= 1 && n <= MAX_DAYS) onChange({ days: n });
          }}
          aria-invalid={daysValid ? undefined : true}
          aria-describedby={daysValid ? undefined : 'mon-days-error'}
        />
        {!daysValid && (
          <div id="mon-days-error" className="invalid-feedback d-block" role="alert">
            {t('monitoring.daysInvalid', { max: MAX_DAYS, default: DEFAULT_DAYS })}
          </div>
        )}
      </div>
      {problem && (
        <div className="col-12">
          <div id="mon-period-error" className="invalid-feedback d-block" role="alert">
            {t(`monitoring.period.${problem}`)}
          </div>
        </div>
      )}
    </form>
  );
}

function CoverageSection({ filters, manager }: { filters: MonitoringFilters; manager: boolean }) {
  const { t } = useTranslation();
  const { data, errors, loading, failure, refetch } = useQuery(CoverageQuery, {
    filter: { zoneCode: filters.zone || undefined, from: filters.from, to: filters.to },
    days: filters.days,
  });
  const cov = data?.coverage;
  const rows = (cov?.byArea ?? []).filter((r) => !filters.area || r.area?.code === filters.area);
  const series: ChartSeries[] = [
    { key: 'answered', label: t('monitoring.coverage.answered'), color: COLORS.answered },
    { key: 'answeredLate', label: t('monitoring.coverage.answeredLate'), color: COLORS.answeredLate },
    { key: 'pending', label: t('monitoring.coverage.pending'), color: COLORS.pending },
    { key: 'uncovered', label: t('monitoring.coverage.uncovered'), color: COLORS.uncovered },
  ];
  const chartData: ChartDatum[] = rows.map((r) => ({
    key: r.area?.code ?? '?',
    label: codeLabel(r.area) ?? '?',
    values: [r.answered, r.answeredLate, r.pending, r.uncovered],
    suppressed: r.suppressed,
  }));
  const uncovered = (cov?.uncovered.edges ?? []).filter((e) => !filters.area || e.node.area?.code === filters.area);
  return (
    <Section title={t('monitoring.coverage.title')} id="copertura">
      <p className="small text-muted">
        {t('monitoring.coverage.intro', { days: cov?.uncoveredAfterDays ?? filters.days })}
      </p>
      <ResponseErrors errors={errors}>
        <QueryStatus loading={loading} failure={failure} errors={errors} hasData={!!cov} onRetry={refetch} />
        {cov && (
          <>
            <BarChart
              title={t('monitoring.coverage.chartTitle')}
              categoryLabel={t('monitoring.area')}
              valueLabel={t('monitoring.coverage.needs')}
              series={series}
              data={chartData}
            />
            {manager && (
              <>
                <h3 className="h6">{t('monitoring.coverage.uncoveredList', { count: cov.uncovered.totalCount })}</h3>
                {uncovered.length === 0 ? (
                  <p className="text-muted">{t('monitoring.noData')}</p>
                ) : (
                  <div className="table-responsive">
                    <table className="table table-sm">
                      <caption className="visually-hidden">{t('monitoring.coverage.uncoveredCaption')}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{t('monitoring.citizen')}</th>
                          <th scope="col">{t('monitoring.coverage.need')}</th>
                          <th scope="col">{t('monitoring.zone')}</th>
                          <th scope="col">{t('monitoring.office')}</th>
                          <th scope="col">{t('monitoring.coverage.expressedAt')}</th>
                          <th scope="col" className="text-end">
                            {t('monitoring.coverage.daysWaiting')}
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {uncovered.map(({ node }, i) => {
                          const base = ['coverage', 'uncovered', 'edges', i, 'node'] as const;
                          return (
                            <tr key={`${node.citizen?.id ?? i}-${node.need?.code ?? ''}-${node.expressedAt ?? ''}`}>
                              <td>
                                <Value path={[...base, 'citizen']}>
                                  <CitizenLink citizen={node.citizen} fallback={t('monitoring.citizen')} />
                                </Value>
                              </td>
                              <td>{codeLabel(node.need)}</td>
                              <td>
                                <ZoneLink zone={node.zone} />
                              </td>
                              <td>
                                <OfficeLink office={node.office} />
                              </td>
                              <td>{formatDateTime(node.expressedAt)}</td>
                              <td className="text-end">{node.daysWaiting}</td>
                            </tr>
                          );
                        })}
                      </tbody>
                    </table>
                  </div>
                )}
              </>
            )}
          </>
        )}
      </ResponseErrors>
    </Section>
  );
}

function OverlapsSection({
  filters,
  manager,
  onChange,
}: {
  filters: MonitoringFilters;
  manager: boolean;
  onChange: (p: Partial<MonitoringFilters>) => void;
}) {
  const { t } = useTranslation();
  const { data, errors, loading, failure, refetch } = useQuery(OverlapsQuery, {
    filter: { zoneCode: filters.zone || undefined, from: filters.from, to: filters.to },
    by: filters.by,
  });
  const ov = data?.overlaps;
  const byArea = filters.by === 'AREA';
  const keep = (area: { code: string } | null) => !byArea || !filters.area || area?.code === filters.area;
  const summary = (ov?.summary ?? []).filter((s) => keep(s.area));
  const items = (ov?.items.edges ?? []).filter((e) => keep(e.node.area));
  const chartData: ChartDatum[] = summary.map((s) => ({
    key: `${s.zone?.code ?? ''}-${s.area?.code ?? s.interventionType?.code ?? ''}`,
    label: `${s.zone?.name ?? ''} · ${codeLabel(byArea ? s.area : s.interventionType) ?? ''}`,
    values: [s.people],
    suppressed: s.suppressed,
    href: s.zone ? paths.zone(s.zone.code) : undefined,
  }));
  return (
    <Section title={t('monitoring.overlaps.title')} id="sovrapposizioni">
      <p className="small text-muted">{t('monitoring.overlaps.intro')}</p>
      <div className="mb-3" role="radiogroup" aria-label={t('monitoring.overlaps.by')}>
        <span className="small fw-semibold me-2">{t('monitoring.overlaps.by')}</span>
        {(['AREA', 'TYPE'] as const).map((b) => (
          <div className="form-check form-check-inline" key={b}>
            <input
              className="form-check-input"
              type="radio"
              name="overlap-by"
              id={`overlap-by-${b}`}
              checked={filters.by === b}
              onChange={() => onChange({ by: b })}
            />
            <label className="form-check-label" htmlFor={`overlap-by-${b}`}>
              {t(`monitoring.overlaps.by${b}`)}
            </label>
          </div>
        ))}
      </div>
      <ResponseErrors errors={errors}>
        <QueryStatus loading={loading} failure={failure} errors={errors} hasData={!!ov} onRetry={refetch} />
        {ov && (
          <>
            <BarChart
              title={t('monitoring.overlaps.chartTitle')}
              categoryLabel={t(byArea ? 'monitoring.overlaps.zoneArea' : 'monitoring.overlaps.zoneType')}
              valueLabel={t('monitoring.people')}
              series={[{ key: 'people', label: t('monitoring.people'), color: COLORS.primary }]}
              data={chartData}
            />
            {summary.length > 0 && (
              <div className="table-responsive">
                <table className="table table-sm">
                  <caption>{t('monitoring.overlaps.summaryCaption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('monitoring.zone')}</th>
                      <th scope="col">{t(byArea ? 'monitoring.area' : 'monitoring.overlaps.type')}</th>
                      <th scope="col" className="text-end">
                        {t('monitoring.people')}
                      </th>
                      <th scope="col" className="text-end">
                        {t('monitoring.interventions')}
                      </th>
                      <th scope="col" className="text-end">
                        {t('monitoring.amount')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {summary.map((s) => (
                      <tr key={`${s.zone?.code ?? ''}-${s.area?.code ?? s.interventionType?.code ?? ''}`}>
                        <td>
                          <ZoneLink zone={s.zone} />
                        </td>
                        <td>{codeLabel(byArea ? s.area : s.interventionType)}</td>
                        <td className="text-end">
                          <ChartValue value={s.people} suppressed={s.suppressed} />
                        </td>
                        <td className="text-end">
                          <ChartValue value={s.interventions} suppressed={s.suppressed} />
                        </td>
                        <td className="text-end">
                          <ChartValue value={s.amountCents} suppressed={s.suppressed} format={euro} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {manager && (
              <>
                <h3 className="h6">{t('monitoring.overlaps.items', { count: ov.items.totalCount })}</h3>
                {items.length === 0 ? (
                  <p className="text-muted">{t('monitoring.noData')}</p>
                ) : (
                  <ul className="list-group">
                    {items.map(({ node }, i) => {
                      const base = ['overlaps', 'items', 'edges', i, 'node'] as const;
                      return (
                        <li className="list-group-item" key={`${node.citizen?.id ?? i}-${i}`}>
                          <div className="d-flex flex-wrap gap-2 justify-content-between">
                            <Value path={[...base, 'citizen']}>
                              <CitizenLink citizen={node.citizen} fallback={t('monitoring.citizen')} />
                            </Value>
                            <span className="small">
                              {formatDate(node.from)} – {formatDate(node.to)} ·{' '}
                              {node.amountCents !== null ? euro(node.amountCents) : '—'}
                            </span>
                          </div>
                          <div className="small">
                            {codeLabel(byArea ? node.area : node.interventionType)}:{' '}
                            <Value path={[...base, 'interventions']}>
                              {node.interventions?.map((x) => codeLabel(x.type)).join(', ')}
                            </Value>
                          </div>
                          <div className="small text-muted">
                            <Value path={[...base, 'organizations']}>
                              {node.organizations?.map((o, j) => (
                                <span key={o.id}>
                                  {j > 0 && ', '}
                                  <OrganizationLink organization={o} />
                                </span>
                              ))}
                            </Value>
                          </div>
                        </li>
                      );
                    })}
                  </ul>
                )}
              </>
            )}
          </>
        )}
      </ResponseErrors>
    </Section>
  );
}

const MEASURE_FIELD: Record<Measure, 'accesses' | 'people' | 'cases' | 'interventions'> = {
  accesses: 'accesses',
  people: 'people',
  cases: 'cases',
  interventions: 'interventions',
};

export function StatisticsSection({
  filters,
  onChange,
}: {
  filters: MonitoringFilters;
  onChange: (p: Partial<MonitoringFilters>) => void;
}) {
  const { t } = useTranslation();
  const filter = { zoneCode: filters.zone || undefined, from: filters.from, to: filters.to };
  const withArea = (dims: ('ZONE' | 'MONTH')[]) => (filters.area ? [...dims, 'USER_AREA' as const] : dims);
  const byMonth = useQuery(StatisticsQuery, { filter, groupBy: withArea(['MONTH']) });
  const byZone = useQuery(StatisticsQuery, { filter, groupBy: withArea(['ZONE']) });
  const field = MEASURE_FIELD[filters.measure];
  const measureLabel = t(`monitoring.measure.${filters.measure}`);
  const keep = (c: { userArea: { code: string } | null }) => !filters.area || c.userArea?.code === filters.area;
  // Cases and interventions are dated by their start, so those under way in the period bring
  // months from before it; the chart by month shows the period's months only.
  const inPeriod = (c: { month: string | null }) =>
    !c.month ||
    ((!filters.from || c.month >= filters.from.slice(0, 7)) && (!filters.to || c.month <= filters.to.slice(0, 7)));
  const monthCells = (byMonth.data?.statistics?.cells ?? [])
    .filter(keep)
    .filter(inPeriod)
    .sort((a, b) => (a.month ?? '').localeCompare(b.month ?? ''));
  const zoneCells = (byZone.data?.statistics?.cells ?? [])
    .filter(keep)
    .sort((a, b) => Number(a.zone?.code) - Number(b.zone?.code));
  const series = [{ key: field, label: measureLabel, color: COLORS.primary }];
  const threshold = byZone.data?.statistics?.suppressionThreshold ?? byMonth.data?.statistics?.suppressionThreshold;
  return (
    <Section title={t('monitoring.statistics.title')} id="statistiche">
      <p className="small text-muted">{threshold !== undefined && t('monitoring.statistics.intro', { threshold })}</p>
      <div className="mb-3 col-12 col-sm-6 col-lg-3">
        <label htmlFor="mon-measure" className="form-label small fw-semibold">
          {t('monitoring.statistics.measure')}
        </label>
        <select
          id="mon-measure"
          className="form-select"
          value={filters.measure}
          onChange={(e) => onChange({ measure: e.target.value as Measure })}
        >
          {MEASURES.map((m) => (
            <option key={m} value={m}>
              {t(`monitoring.measure.${m}`)}
            </option>
          ))}
        </select>
      </div>
      <QueryStatus
        loading={byMonth.loading}
        failure={byMonth.failure}
        errors={byMonth.errors}
        hasData={!!byMonth.data?.statistics}
        onRetry={byMonth.refetch}
      />
      {byMonth.data?.statistics && (
        <ColumnChart
          title={t('monitoring.statistics.byMonth', { measure: measureLabel })}
          categoryLabel={t('monitoring.month')}
          valueLabel={measureLabel}
          series={series}
          data={monthCells.map((c) => ({
            key: c.month ?? '?',
            label: c.month ?? '?',
            values: [c[field]],
            suppressed: c.suppressed,
          }))}
        />
      )}
      <QueryStatus
        loading={byZone.loading}
        failure={byZone.failure}
        errors={byZone.errors}
        hasData={!!byZone.data?.statistics}
        onRetry={byZone.refetch}
      />
      {byZone.data?.statistics && (
        <>
          <BarChart
            title={t('monitoring.statistics.byZone', { measure: measureLabel })}
            categoryLabel={t('monitoring.zone')}
            valueLabel={measureLabel}
            series={series}
            data={zoneCells.map((c) => ({
              key: c.zone?.code ?? '?',
              label: c.zone ? `${c.zone.code} – ${c.zone.name}` : '?',
              values: [c[field]],
              suppressed: c.suppressed,
              href: c.zone ? paths.zone(c.zone.code) : undefined,
            }))}
          />
          <div className="table-responsive">
            <table className="table table-sm">
              <caption>{t('monitoring.statistics.tableCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('monitoring.zone')}</th>
                  {MEASURES.map((m) => (
                    <th scope="col" key={m} className="text-end">
                      {t(`monitoring.measure.${m}`)}
                    </th>
                  ))}
                  <th scope="col" className="text-end">
                    {t('monitoring.amount')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {zoneCells.map((c) => (
                  <tr key={c.zone?.code ?? '?'}>
                    <th scope="row">
                      <ZoneLink zone={c.zone} />
                    </th>
                    {MEASURES.map((m) => (
                      <td key={m} className="text-end">
                        <ChartValue value={c[MEASURE_FIELD[m]]} suppressed={c.suppressed} />
                      </td>
                    ))}
                    <td className="text-end">
                      <ChartValue value={c.amountCents} suppressed={c.suppressed} format={euro} />
                    </td>
                  </tr>
                ))}
              </tbody>
              {!filters.area && (
                <tfoot>
                  <tr>
                    <th scope="row">{t('monitoring.total')}</th>
                    {MEASURES.map((m) => (
                      <td key={m} className="text-end fw-semibold">
                        <ChartValue
                          value={byZone.data?.statistics?.totals[MEASURE_FIELD[m]]}
                          suppressed={byZone.data?.statistics?.totals.suppressed}
                        />
                      </td>
                    ))}
                    <td className="text-end fw-semibold">
                      <ChartValue
                        value={byZone.data.statistics.totals.amountCents}
                        suppressed={byZone.data.statistics.totals.suppressed}
                        format={euro}
                      />
                    </td>
                  </tr>
                </tfoot>
              )}
            </table>
          </div>
        </>
      )}
    </Section>
  );
}

function StaffingSection({ zone }: { zone: string }) {
  const { t } = useTranslation();
  const { data, errors, loading, failure, refetch } = useQuery(StaffingQuery, { zoneCode: zone || undefined });
  const rows = data?.staffing ?? null;
  return (
    <Section title={t('monitoring.staffing.title')} id="personale">
      <p className="small text-muted">{t('monitoring.staffing.intro')}</p>
      <QueryStatus loading={loading} failure={failure} errors={errors} hasData={!!rows} onRetry={refetch} />
      {rows && (
        <>
          <BarChart
            title={t('monitoring.staffing.chartTitle')}
            categoryLabel={t('monitoring.zone')}
            valueLabel={t('monitoring.staffing.socialWorkers')}
            series={[
              { key: 'have', label: t('monitoring.staffing.socialWorkers'), color: COLORS.primary },
              { key: 'gap', label: t('monitoring.staffing.gap'), color: COLORS.gap },
            ]}
            data={rows.map((r) => ({
              key: r.zone.code,
              label: `${r.zone.code} – ${r.zone.name}`,
              values: [r.socialWorkers, r.gap],
              href: paths.zone(r.zone.code),
            }))}
          />
          <div className="table-responsive">
            <table className="table table-sm">
              <caption>{t('monitoring.staffing.tableCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('monitoring.zone')}</th>
                  <th scope="col" className="text-end">
                    {t('monitoring.staffing.population')}
                  </th>
                  <th scope="col" className="text-end">
                    {t('monitoring.staffing.socialWorkers')}
                  </th>
                  <th scope="col" className="text-end">
                    {t('monitoring.staffing.target')}
                  </th>
                  <th scope="col" className="text-end">
                    {t('monitoring.staffing.perWorker')}
                  </th>
                  <th scope="col" className="text-end">
                    {t('monitoring.staffing.gap')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.zone.code}>
                    <th scope="row">
                      <ZoneLink zone={r.zone} />
                    </th>
                    <td className="text-end">{r.population.toLocaleString()}</td>
                    <td className="text-end">{r.socialWorkers}</td>
                    <td className="text-end">{r.target}</td>
                    <td className="text-end">
                      {r.inhabitantsPerSocialWorker !== null
                        ? Math.round(r.inhabitantsPerSocialWorker).toLocaleString()
                        : '—'}
                    </td>
                    <td className={`text-end${r.gap > 0 ? ' text-danger fw-semibold' : ''}`}>{r.gap}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Section>
  );
}

/** The monitoring dashboard of zone managers (their zones) and analysts (the region): /monitoraggio. */
export default function Monitoring() {
  const { t } = useTranslation();
  const { viewer } = useViewer();
  const [filters, update] = useMonitoringFilters();
  const manager = viewer?.roles.includes('ZONE_MANAGER') ?? false;
  const problem = periodProblem(filters);
  return (
    <section>
      <h1 className="h2">{t('monitoring.title')}</h1>
      <p>{t(manager ? 'monitoring.introManager' : 'monitoring.introAnalyst')}</p>
      <Filters filters={filters} onChange={update} />
      {!problem && (
        <>
          <CoverageSection filters={filters} manager={manager} />
          <StatisticsSection filters={filters} onChange={update} />
          <OverlapsSection filters={filters} manager={manager} onChange={update} />
          <StaffingSection zone={filters.zone} />
        </>
      )}
    </section>
  );
}
