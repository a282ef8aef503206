// A small stacked column chart in plain SVG (no chart library: a few rects need none; see
// docs/decisions/deal-timeline-and-charts.md): one column per run, oldest left. Accessible without the picture:
// the SVG is an image with a title and a description, every column has a tooltip, marks are
// letters (not colours) explained in the legend, and the same numbers are a table one click away.
import { Fragment } from "react";

export type ColumnSeries<K extends string> = {
  key: K;
  label: string;
  /** Tailwind classes for the SVG fill and the legend swatch. */
  fillClass: string;
  swatchClass: string;
  /** A texture over the colour, so neighbouring series differ by more than colour. */
  pattern?: "hatch" | "dots";
};

export type ColumnMark = { letter: string; label: string };

export type Column<K extends string> = {
  key: string;
  /** Short x label (a run number or a date). */
  label: string;
  /** What the column is, in words (tooltip and table). */
  title: string;
  href?: string;
  values: Record<K, number>;
  marks: ColumnMark[];
};

const HEIGHT = 120;
const TOP = 16;
const BOTTOM = 18;
const COLUMN = 26;
const GAP = 8;
const LEFT = 40;

function niceMax(max: number) {
  if (max <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(max));
  return Math.ceil(max / step) * step;
}

export function StackedColumns<K extends string>({
  id,
  title,
  description,
  series,
  columns,
  legendMarks,
}: {
  /** Unique on the page (pattern ids). */
  id: string;
  title: string;
  description: string;
  series: ColumnSeries<K>[];
  columns: Column<K>[];
  legendMarks: ColumnMark[];
}) {
  const max = niceMax(Math.max(0, ...columns.map((c) => series.reduce((sum, s) => sum + c.values[s.key], 0))));
  const plot = HEIGHT - TOP - BOTTOM;
  const width = LEFT + columns.length * (COLUMN + GAP) + GAP;
  const y = (v: number) => TOP + plot - (v / max) * plot;
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  return (
    <figure className="min-w-0">
      <div className="overflow-x-auto">
        <svg role="img" aria-labelledby={`${titleId} ${descId}`} viewBox={`0 0 ${width} ${HEIGHT}`} width={width} height={HEIGHT} className="max-w-none text-slate-500" data-testid="chart">
          <title id={titleId}>{title}</title>
          <desc id={descId}>{description}</desc>
          <defs>
            <pattern id={`${id}-hatch`} width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <line x1="0" y1="0" x2="0" y2="4" stroke="white" strokeWidth="1.5" />
            </pattern>
            <pattern id={`${id}-dots`} width="4" height="4" patternUnits="userSpaceOnUse">
              <circle cx="2" cy="2" r="0.9" fill="white" />
            </pattern>
          </defs>
          {[0, max / 2, max].map((tick) => (
            <g key={tick}>
              <line x1={LEFT - 4} x2={width} y1={y(tick)} y2={y(tick)} className="stroke-slate-200" />
              <text x={LEFT - 6} y={y(tick) + 3} textAnchor="end" fontSize="9" className="fill-slate-500">
                {compact(tick)}
              </text>
            </g>
          ))}
          {columns.map((c, i) => {
            const x = LEFT + GAP + i * (COLUMN + GAP);
            let base = 0;
            return (
              <g key={c.key}>
                <title>{c.title}</title>
                {series.map((s) => {
                  const v = c.values[s.key];
                  if (v <= 0) return null;
                  const top = y(base + v);
                  const h = Math.max(1, y(base) - top);
                  base += v;
                  return (
                    <Fragment key={s.key}>
                      <rect x={x} y={top} width={COLUMN} height={h} className={s.fillClass} />
                      {s.pattern ? <rect x={x} y={top} width={COLUMN} height={h} fill={`url(#${id}-${s.pattern})`} /> : null}
                    </Fragment>
                  );
                })}
                {c.marks.length ? (
                  <text x={x + COLUMN / 2} y={Math.min(y(base), TOP + plot) - 3} textAnchor="middle" fontSize="10" fontWeight="700" className="fill-slate-800">
                    {c.marks.map((m) => m.letter).join("")}
                  </text>
                ) : null}
                <text x={x + COLUMN / 2} y={HEIGHT - 5} textAnchor="middle" fontSize="9" className="fill-slate-500">
                  {c.label}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
      <figcaption className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
        {series.map((s) => (
          <span key={s.key} className="inline-flex items-center gap-1">
            <span aria-hidden="true" className={`inline-block h-3 w-3 rounded-sm ${s.swatchClass}`} />
            {s.label}
            {s.pattern ? ` (${s.pattern === "hatch" ? "striped" : "dotted"})` : ""}
          </span>
        ))}
        {legendMarks.map((m) => (
          <span key={m.letter}>
            <b className="text-slate-800">{m.letter}</b> {m.label}
          </span>
        ))}
      </figcaption>
      <details className="mt-1 text-xs">
        <summary className="cursor-pointer text-indigo-700">Show as a table</summary>
        <table className="mt-2 w-full text-left tabular-nums">
          <caption className="sr-only">{title}</caption>
          <thead className="text-slate-600">
            <tr>
              <th scope="col" className="py-1 pr-3 font-medium">Run</th>
              {series.map((s) => (
                <th key={s.key} scope="col" className="py-1 pr-3 font-medium">{s.label}</th>
              ))}
              <th scope="col" className="py-1 font-medium">Marks</th>
            </tr>
          </thead>
          <tbody>
            {columns.map((c) => (
              <tr key={c.key} className="border-t border-slate-100">
                <th scope="row" className="py-1 pr-3 font-normal">
                  {c.href ? <a className="text-indigo-700 underline" href={c.href}>{c.title}</a> : c.title}
                </th>
                {series.map((s) => (
                  <td key={s.key} className="py-1 pr-3">{c.values[s.key].toLocaleString("en-US")}</td>
                ))}
                <td className="py-1">{c.marks.map((m) => m.label).join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/** 1200 → "1.2k", for axis ticks. */
function compact(n: number) {
  return new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 }).format(n);
}
