import type { DailyCount } from '@/lib/dashboard/portal-activity';

const WIDTH = 640;
const HEIGHT = 160;
const PAD = { top: 12, right: 8, bottom: 24, left: 32 };

/**
 * Downloads and access requests per day as a server-rendered SVG (no chart script); the same
 * figures follow as a table for screen readers and print.
 */
export function ActivityChart({ days }: { days: DailyCount[] }) {
  const max = Math.max(1, ...days.map((d) => Math.max(d.downloads, d.accessRequests)));
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const slot = innerW / days.length;
  const bar = Math.max(1, slot / 2 - 1);
  const y = (v: number) => PAD.top + innerH - (v / max) * innerH;
  const total = (key: 'downloads' | 'accessRequests') => days.reduce((n, d) => n + d[key], 0);
  const label = `Last ${days.length} days: ${total('downloads')} document downloads and ${total('accessRequests')} access requests.`;
  return (
    <figure>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label} className="h-auto w-full">
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(max * f)} y2={y(max * f)} stroke="#e2e8f0" />
            <text x={PAD.left - 6} y={y(max * f) + 4} textAnchor="end" fontSize="10" fill="#475569">
              {Math.round(max * f)}
            </text>
          </g>
        ))}
        {days.map((d, i) => {
          const x = PAD.left + i * slot;
          return (
            <g key={d.day}>
              <rect x={x} y={y(d.downloads)} width={bar} height={y(0) - y(d.downloads)} fill="#2f5bd3">
                <title>{`${d.day}: ${d.downloads} downloads`}</title>
              </rect>
              <rect x={x + bar + 1} y={y(d.accessRequests)} width={bar} height={y(0) - y(d.accessRequests)} fill="#f59e0b">
                <title>{`${d.day}: ${d.accessRequests} access requests`}</title>
              </rect>
            </g>
          );
        })}
        {[0, days.length - 1].map((i) => (
          <text key={i} x={PAD.left + i * slot} y={HEIGHT - 6} fontSize="10" fill="#475569" textAnchor={i === 0 ? 'start' : 'end'}>
            {days[i]?.day}
          </text>
        ))}
      </svg>
      <figcaption className="mt-2 flex gap-4 text-sm text-slate-700">
        <span className="flex items-center gap-1">
          <span aria-hidden="true" className="inline-block h-3 w-3 rounded-sm bg-[#2f5bd3]" /> Downloads ({total('downloads')})
        </span>
        <span className="flex items-center gap-1">
          <span aria-hidden="true" className="inline-block h-3 w-3 rounded-sm bg-[#f59e0b]" /> Access requests ({total('accessRequests')})
        </span>
      </figcaption>
      <table className="sr-only">
        <caption>Downloads and access requests per day</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Downloads</th>
            <th scope="col">Access requests</th>
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.day}>
              <td>{d.day}</td>
              <td>{d.downloads}</td>
              <td>{d.accessRequests}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
