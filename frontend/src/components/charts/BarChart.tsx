import { useTranslation } from 'react-i18next';
import { ChartFrame, defaultFormat, niceTicks, total, type ChartProps } from './Chart';
import '../../i18n/areas/monitoring';

const ROW = 22;

/**
 * Horizontal bars, one row per category, the series stacked. Labels are HTML (they wrap on a
 * phone); each bar is a small SVG sized in percentages, so the chart follows the width it is given.
 */
export function BarChart(props: ChartProps) {
  const { t } = useTranslation();
  const { series, data, valueLabel, formatValue = defaultFormat } = props;
  const ticks = niceTicks(Math.max(0, ...data.filter((d) => !d.suppressed).map(total)));
  const top = ticks[ticks.length - 1] ?? 1;
  const pct = (v: number) => (v / top) * 100;
  return (
    <ChartFrame {...props}>
      {({ titleId, descId }) => (
        <div className="siso-bars" role="img" aria-labelledby={titleId} aria-describedby={descId}>
          {data.map((d) => {
            let offset = 0;
            return (
              <div className="siso-bar-row" key={d.key}>
                <div className="siso-bar-label small">{d.label}</div>
                <svg className="siso-bar" width="100%" height={ROW} aria-hidden="true" focusable="false">
                  {ticks.map((tick) => (
                    <line key={tick} x1={`${pct(tick)}%`} x2={`${pct(tick)}%`} y1="0" y2={ROW} className="siso-grid" />
                  ))}
                  {d.suppressed ? (
                    <rect x="0" y="3" width="100%" height={ROW - 6} className="siso-suppressed-mark" />
                  ) : (
                    series.map((s, i) => {
                      const v = d.values[i] ?? 0;
                      const x = offset;
                      offset += pct(v);
                      return v > 0 ? (
                        <rect key={s.key} x={`${x}%`} y="3" width={`${pct(v)}%`} height={ROW - 6} fill={s.color}>
                          <title>{`${s.label}: ${formatValue(v)}`}</title>
                        </rect>
                      ) : null;
                    })
                  )}
                </svg>
                <div className="siso-bar-value small">
                  {d.suppressed ? t('monitoring.suppressed') : formatValue(total(d))}
                </div>
              </div>
            );
          })}
          <div className="siso-bar-row siso-axis" aria-hidden="true">
            <div />
            <div className="siso-ticks small text-muted">
              {ticks.map((tick) => (
                <span key={tick} style={{ left: `${pct(tick)}%` }}>
                  {formatValue(tick)}
                </span>
              ))}
            </div>
            <div />
          </div>
          <div className="siso-axis-title small text-muted text-center" aria-hidden="true">
            {valueLabel}
          </div>
        </div>
      )}
    </ChartFrame>
  );
}
