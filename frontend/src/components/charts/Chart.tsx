import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import i18n from '../../i18n';
import './charts.css';
import '../../i18n/areas/monitoring';

/** One measure drawn by a chart (a bar segment, a column). */
export interface ChartSeries {
  key: string;
  label: string;
  /** A CSS colour; every series also has its own pattern-free position, so colour is never the only cue. */
  color: string;
}

/** One category (a row of a bar chart, a column of a month chart). */
export interface ChartDatum {
  key: string;
  label: string;
  /** One value per series; null when not available. */
  values: readonly (number | null)[];
  /** A suppressed cell (too few people): drawn and listed as such, never as 0. */
  suppressed?: boolean;
  /** Where the row's label links to in the data table (e.g. the zone page). */
  href?: string;
}

export interface ChartProps {
  title: string;
  /** What the category axis shows (e.g. "Zona", "Mese"). */
  categoryLabel: string;
  /** What the value axis measures (e.g. "Persone"). */
  valueLabel: string;
  series: readonly ChartSeries[];
  data: readonly ChartDatum[];
  formatValue?: (value: number) => string;
}

/** Numbers in the language of the interface (1.234 in Italian, 1,234 in English). */
export const defaultFormat = (v: number) => v.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'it-IT');

/** Round maximum for the value axis and its ticks (1, 2, 5 × 10ⁿ steps). */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= top + step / 2; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return ticks;
}

export function total(d: ChartDatum): number {
  return d.values.reduce<number>((sum, v) => sum + (v ?? 0), 0);
}

/** The legend: one swatch per series, plus the suppressed marker when some cell is. */
export function Legend({ series, suppressed }: { series: readonly ChartSeries[]; suppressed: boolean }) {
  const { t } = useTranslation();
  if (series.length < 2 && !suppressed) return null;
  return (
    <ul className="siso-legend list-inline small mb-2" aria-hidden="true">
      {series.length > 1 &&
        series.map((s) => (
          <li key={s.key} className="list-inline-item me-3">
            <span className="siso-swatch" style={{ background: s.color }} /> {s.label}
          </li>
        ))}
      {suppressed && (
        <li className="list-inline-item">
          <span className="siso-swatch siso-swatch-suppressed" /> {t('monitoring.suppressed')}
        </li>
      )}
    </ul>
  );
}

/**
 * The frame of every chart: a figure with its title, a drawing described for screen readers, and
 * the same numbers as a table (the accessible alternative, with links), behind a disclosure.
 */
export function ChartFrame({
  title,
  categoryLabel,
  valueLabel,
  series,
  data,
  formatValue = defaultFormat,
  children,
}: ChartProps & { children: (ids: { titleId: string; descId: string }) => ReactNode }) {
  const { t } = useTranslation();
  const id = useId();
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const suppressedCount = data.filter((d) => d.suppressed).length;
  return (
    <figure className="siso-chart mb-4">
      <figcaption id={titleId} className="h6 mb-2">
        {title}
      </figcaption>
      <p id={descId} className="visually-hidden">
        {t('monitoring.chart.description', {
          category: categoryLabel,
          value: valueLabel,
          count: data.length,
          suppressed: suppressedCount,
        })}
      </p>
      {data.length === 0 ? (
        <p className="text-muted">{t('monitoring.noData')}</p>
      ) : (
        <>
          <Legend series={series} suppressed={suppressedCount > 0} />
          {children({ titleId, descId })}
          <details className="mt-2">
            <summary>{t('monitoring.chart.showTable')}</summary>
            <div className="table-responsive">
              <table className="table table-sm">
                <caption>{title}</caption>
                <thead>
                  <tr>
                    <th scope="col">{categoryLabel}</th>
                    {series.map((s) => (
                      <th scope="col" key={s.key} className="text-end">
                        {s.label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.map((d) => (
                    <tr key={d.key}>
                      <th scope="row">{d.href ? <Link to={d.href}>{d.label}</Link> : d.label}</th>
                      {series.map((s, i) => (
                        <td key={s.key} className="text-end">
                          <ChartValue value={d.values[i] ?? null} suppressed={d.suppressed} format={formatValue} />
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </figure>
  );
}

/** A number of an aggregate: "soppresso" when the cell is suppressed (whatever the value), "—" when missing. */
export function ChartValue({
  value,
  suppressed,
  format = defaultFormat,
}: {
  value: number | null | undefined;
  suppressed?: boolean;
  format?: (v: number) => string;
}) {
  const { t } = useTranslation();
  if (suppressed) {
    return (
      <span className="siso-suppressed badge bg-light text-dark border" title={t('monitoring.suppressedHint')}>
        {t('monitoring.suppressed')}
      </span>
    );
  }
  if (value === null || value === undefined) return <span className="text-muted">—</span>;
  return <>{format(value)}</>;
}
