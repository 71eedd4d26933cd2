import { useTranslation } from 'react-i18next';
import { ChartFrame, defaultFormat, niceTicks, type ChartProps } from './Chart';
import '../../i18n/areas/monitoring';

const HEIGHT = 180;

/**
 * Vertical columns along time (one slot per month), the series side by side. The plot is an SVG
 * stretched to the width it is given; the axes' labels are HTML so that they stay legible.
 */
export function ColumnChart(props: ChartProps) {
  const { t } = useTranslation();
  const { series, data, valueLabel, categoryLabel, formatValue = defaultFormat } = props;
  const max = Math.max(0, ...data.filter((d) => !d.suppressed).flatMap((d) => d.values.map((v) => v ?? 0)));
  const ticks = niceTicks(max);
  const top = ticks[ticks.length - 1] ?? 1;
  const y = (v: number) => HEIGHT - (v / top) * HEIGHT;
  const slot = 100 / Math.max(1, data.length);
  const barWidth = (slot * 0.8) / Math.max(1, series.length);
  // Label every nth slot so that the labels never overlap (about 12 fit on a phone).
  const every = Math.max(1, Math.ceil(data.length / 12));
  return (
    <ChartFrame {...props}>
      {({ titleId, descId }) => (
        <div className="siso-columns" role="img" aria-labelledby={titleId} aria-describedby={descId}>
          <div className="siso-columns-axis-title small text-muted" aria-hidden="true">
            {valueLabel}
          </div>
          <div className="siso-columns-plot">
            <div className="siso-yticks small text-muted" aria-hidden="true" style={{ height: HEIGHT }}>
              {ticks.map((tick) => (
                <span key={tick} style={{ top: y(tick) }}>
                  {formatValue(tick)}
                </span>
              ))}
            </div>
            <svg width="100%" height={HEIGHT} aria-hidden="true" focusable="false" className="siso-column-svg">
              {ticks.map((tick) => (
                <line key={tick} x1="0" x2="100%" y1={y(tick)} y2={y(tick)} className="siso-grid" />
              ))}
              {data.map((d, di) =>
                d.suppressed ? (
                  <rect
                    key={d.key}
                    x={`${di * slot + slot * 0.1}%`}
                    y={HEIGHT - 12}
                    width={`${slot * 0.8}%`}
                    height={12}
                    className="siso-suppressed-mark"
                  >
                    <title>{`${d.label}: ${t('monitoring.suppressed')}`}</title>
                  </rect>
                ) : (
                  series.map((s, si) => {
                    const v = d.values[si] ?? 0;
                    return (
                      <rect
                        key={`${d.key}-${s.key}`}
                        x={`${di * slot + slot * 0.1 + si * barWidth}%`}
                        y={y(v)}
                        width={`${barWidth}%`}
                        height={HEIGHT - y(v)}
                        fill={s.color}
                      >
                        <title>{`${d.label} · ${s.label}: ${formatValue(v)}`}</title>
                      </rect>
                    );
                  })
                ),
              )}
            </svg>
          </div>
          <div className="siso-xticks small text-muted" aria-hidden="true">
            {data.map((d, di) =>
              di % every === 0 ? (
                <span key={d.key} style={{ left: `${di * slot + slot / 2}%` }}>
                  {d.label}
                </span>
              ) : null,
            )}
          </div>
          <div className="siso-axis-title small text-muted text-center" aria-hidden="true">
            {categoryLabel}
          </div>
        </div>
      )}
    </ChartFrame>
  );
}
