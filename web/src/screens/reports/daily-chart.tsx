import { useI18n, type MessageKey } from '../../i18n';
import { formatDate, formatNumber } from '../../lib/format';

export interface SeriesDay {
  date: string;
  admitted: number;
  released: number;
  positives: number;
  inQuarantine: number;
}

const LINES: { key: keyof Omit<SeriesDay, 'date'>; label: MessageKey; color: string; dash?: string }[] = [
  { key: 'inQuarantine', label: 'report.inQuarantine', color: '#0b5cad' },
  { key: 'admitted', label: 'report.admitted', color: '#1d6b36', dash: '6 3' },
  { key: 'released', label: 'report.released', color: '#7a4b00', dash: '2 3' },
  { key: 'positives', label: 'report.positives', color: '#a4161a', dash: '10 3 2 3' },
];

/** A small line chart drawn as SVG (no chart library), with the same numbers in a table for screen readers. */
export function DailyChart({ days }: { days: SeriesDay[] }) {
  const { t, lang } = useI18n();
  const width = 640;
  const height = 220;
  const pad = { left: 40, right: 10, top: 10, bottom: 28 };
  const max = Math.max(1, ...days.flatMap((d) => LINES.map((l) => d[l.key])));
  const x = (i: number) => pad.left + (i * (width - pad.left - pad.right)) / Math.max(1, days.length - 1);
  const y = (v: number) => height - pad.bottom - (v * (height - pad.top - pad.bottom)) / max;
  const ticks = [0, Math.round(max / 2), max];
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="chart-caption">
        {ticks.map((v) => (
          <g key={v}>
            <line x1={pad.left} x2={width - pad.right} y1={y(v)} y2={y(v)} stroke="#d5d9de" />
            <text x={pad.left - 6} y={y(v) + 4} textAnchor="end" fontSize="11" fill="#555d66">
              {formatNumber(v, lang)}
            </text>
          </g>
        ))}
        {days.map((d, i) =>
          i % 2 === 0 || days.length <= 7 ? (
            <text key={d.date} x={x(i)} y={height - 8} textAnchor="middle" fontSize="11" fill="#555d66">
              {formatDate(d.date, lang).slice(0, 5)}
            </text>
          ) : null,
        )}
        {LINES.map((l) => (
          <polyline
            key={l.key}
            fill="none"
            stroke={l.color}
            strokeWidth="2.5"
            strokeDasharray={l.dash}
            points={days.map((d, i) => `${x(i)},${y(d[l.key])}`).join(' ')}
          />
        ))}
      </svg>
      <figcaption id="chart-caption">
        <ul className="legend">
          {LINES.map((l) => (
            <li key={l.key}>
              <svg width="28" height="10" aria-hidden="true">
                <line x1="0" x2="28" y1="5" y2="5" stroke={l.color} strokeWidth="3" strokeDasharray={l.dash} />
              </svg>{' '}
              {t(l.label)}
            </li>
          ))}
        </ul>
        <span className="visually-hidden">{t('report.chartCaption', { n: days.length })}</span>
      </figcaption>
      <details>
        <summary>{t('report.chartTable')}</summary>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('report.date')}</th>
                {LINES.map((l) => (
                  <th key={l.key} scope="col">
                    {t(l.label)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d.date}>
                  <th scope="row">{formatDate(d.date, lang)}</th>
                  {LINES.map((l) => (
                    <td key={l.key}>{formatNumber(d[l.key], lang)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
