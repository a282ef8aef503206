// The deals page's stage funnel for the current filter: per pipeline, one bar per stage
// (widest first), its deal count and base-currency sum. Every bar is a link that narrows the
// table to that stage of that pipeline, reachable by keyboard and named for screen readers;
// the numbers are also a table one click away. Plain SVG, server-rendered.
import Link from "next/link";
import { displayMoney } from "@/lib/deals/deal-row-view";
import type { FunnelPipeline, FunnelStage, StageFunnel } from "@/lib/deals/stage-funnel";

const WIDTH = 640;
const LABEL = 150;
const BAR_AREA = 280;
const ROW = 20;
const BAR = 15;

const name = (value: string | null, none: string) => value ?? none;

function stageWords(s: FunnelStage, p: FunnelPipeline, baseCurrency: string) {
  const sum = displayMoney(s.totalBaseMinor, baseCurrency);
  const missing = s.withoutBaseAmount ? ` (${s.withoutBaseAmount.toLocaleString("en-US")} without a ${baseCurrency} amount)` : "";
  return `${name(s.stage, "No stage")} in ${name(p.pipeline, "no pipeline")}: ${s.count.toLocaleString("en-US")} deal${s.count === 1 ? "" : "s"}, ${sum}${missing}`;
}

export function StageFunnelChart({ funnel, hrefFor, activeStages }: { funnel: StageFunnel; hrefFor: (stage: string, pipeline: string | null) => string; activeStages: string[] }) {
  if (!funnel.pipelines.length) return null;
  return (
    <details open className="mb-4 rounded-xl border border-slate-200 bg-white px-4 py-3" data-testid="stage-funnel">
      <summary className="cursor-pointer text-sm font-semibold text-slate-900">
        Stage funnel <span className="font-normal text-slate-600">· deals matching the filter per stage, with their sum in {funnel.baseCurrency}; choose a bar to show only that stage</span>
      </summary>
      <div className="mt-3 grid gap-4 xl:grid-cols-2">
        {funnel.pipelines.map((p) => (
          <PipelineFunnel key={p.pipeline ?? ""} pipeline={p} baseCurrency={funnel.baseCurrency} hrefFor={hrefFor} activeStages={activeStages} />
        ))}
      </div>
      {funnel.morePipelines ? <p className="mt-2 text-xs text-slate-600">and {funnel.morePipelines} smaller pipeline{funnel.morePipelines === 1 ? "" : "s"} (filter by pipeline to see them).</p> : null}
    </details>
  );
}

function PipelineFunnel({ pipeline: p, baseCurrency, hrefFor, activeStages }: { pipeline: FunnelPipeline; baseCurrency: string; hrefFor: (stage: string, pipeline: string | null) => string; activeStages: string[] }) {
  const max = Math.max(1, ...p.stages.map((s) => s.count));
  const height = p.stages.length * ROW + 4;
  const titleId = `funnel-${p.pipeline ?? "none"}`.replace(/[^\w-]/g, "_");
  return (
    <figure className="min-w-0">
      <figcaption id={titleId} className="mb-1 text-xs font-medium text-slate-700">
        {name(p.pipeline, "No pipeline")} · {p.count.toLocaleString("en-US")} deals · {displayMoney(p.totalBaseMinor, baseCurrency)}
      </figcaption>
      <div className="overflow-x-auto">
        <svg role="group" aria-labelledby={titleId} viewBox={`0 0 ${WIDTH} ${height}`} width={WIDTH} height={height} className="max-w-none">
          {p.stages.map((s, i) => {
            const w = Math.max(2, (s.count / max) * BAR_AREA);
            const x = LABEL + (BAR_AREA - w) / 2;
            const y = i * ROW + 2;
            const active = s.stage !== null && activeStages.includes(s.stage);
            const bar = (
              <>
                <text x={LABEL - 8} y={y + BAR / 2 + 4} textAnchor="end" fontSize="11" className={active ? "fill-indigo-800 font-semibold" : "fill-slate-700"}>
                  {truncate(name(s.stage, "No stage"), 22)}
                </text>
                <rect x={x} y={y} width={w} height={BAR} rx="3" className={`chart-bar ${active ? "fill-indigo-700" : "fill-indigo-400"}`} />
                <text x={LABEL + BAR_AREA + 8} y={y + BAR / 2 + 4} fontSize="11" className="fill-slate-600">
                  {s.count.toLocaleString("en-US")} · {displayMoney(s.totalBaseMinor, baseCurrency)}
                </text>
              </>
            );
            // A deal without a stage can't be filtered for: its bar is a picture, not a link.
            return s.stage === null ? (
              <g key="none" role="img" aria-label={stageWords(s, p, baseCurrency)}>{bar}</g>
            ) : (
              <Link key={s.stage} href={hrefFor(s.stage, p.pipeline)} className="chart-link" aria-label={`${stageWords(s, p, baseCurrency)}. Show these deals`} aria-current={active ? "true" : undefined}>
                {bar}
              </Link>
            );
          })}
        </svg>
      </div>
      <details className="mt-1 text-xs">
        <summary className="cursor-pointer text-indigo-700">Show as a table</summary>
        <table className="mt-2 w-full text-left tabular-nums">
          <caption className="sr-only">Deals per stage in {name(p.pipeline, "no pipeline")}</caption>
          <thead className="text-slate-600">
            <tr>
              <th scope="col" className="py-1 pr-3 font-medium">Stage</th>
              <th scope="col" className="py-1 pr-3 font-medium">Deals</th>
              <th scope="col" className="py-1 font-medium">Sum ({baseCurrency})</th>
            </tr>
          </thead>
          <tbody>
            {p.stages.map((s) => (
              <tr key={s.stage ?? ""} className="border-t border-slate-100">
                <th scope="row" className="py-1 pr-3 font-normal">{name(s.stage, "No stage")}</th>
                <td className="py-1 pr-3">{s.count.toLocaleString("en-US")}</td>
                <td className="py-1">{displayMoney(s.totalBaseMinor, baseCurrency)}{s.withoutBaseAmount ? ` (+${s.withoutBaseAmount} without a rate)` : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

function truncate(text: string, max: number) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
