/**
 * Hand-written SVG charts. Server-rendered, no JavaScript needed. Every chart is an
 * `<svg role="img">` named by its <title> and <desc>, followed by a visually hidden table with the
 * same numbers (for screen readers and for copying); anything interactive (links) lives outside the
 * SVG in ordinary HTML.
 */
import type { ReactNode } from "react";

const BRAND = "#5b2bd6";
const BRAND_SOFT = "#efe9ff";
const INK = "#1c1b22";
const MUTED = "#55535f";
const LINE = "#d9d6e0";
const WARN = "#b35c00";

/** A "nice" upper bound for an axis (1, 2, 2.5 or 5 times a power of ten). */
export function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const pow = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 2.5, 5, 10]) if (value <= m * pow) return m * pow;
  return 10 * pow;
}

/** Evenly spaced ticks from 0 to a `niceMax` value (five steps keep them round: 0.2, 0.5, 1, 2 ...). */
function ticks(max: number, count = 5): number[] {
  return Array.from({ length: count + 1 }, (_, i) => (max * i) / count);
}

export function fmt(value: number | null | undefined, decimals = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  const r = Math.round(value * 10 ** decimals) / 10 ** decimals;
  return r.toLocaleString("en-US", { maximumFractionDigits: decimals });
}

export function pct(value: number | null | undefined, decimals = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  return `${fmt(value * 100, decimals)} %`;
}

function truncate(text: string, max: number) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function Figure(props: {
  id: string;
  title: string;
  description: string;
  width: number;
  height: number;
  children: ReactNode;
  table: ReactNode;
  caption?: ReactNode;
}) {
  return (
    <figure className="chart-figure" style={{ margin: "0 0 1rem" }}>
      <svg
        className="chart"
        role="img"
        aria-labelledby={`${props.id}-title ${props.id}-desc`}
        viewBox={`0 0 ${props.width} ${props.height}`}
        width="100%"
        style={{ maxWidth: props.width, height: "auto", display: "block" }}
      >
        <title id={`${props.id}-title`}>{props.title}</title>
        <desc id={`${props.id}-desc`}>{props.description}</desc>
        {props.children}
      </svg>
      {props.caption && <figcaption className="muted small">{props.caption}</figcaption>}
      <div className="visually-hidden">{props.table}</div>
    </figure>
  );
}

// ---------------------------------------------------------------------------
// Horizontal bars (the funnel)
// ---------------------------------------------------------------------------

export interface BarRow {
  label: string;
  value: number;
  /** Shown after the value, e.g. "60 % of previous". */
  note?: string;
}

export function HorizontalBarChart(props: {
  id: string;
  title: string;
  description: string;
  rows: readonly BarRow[];
  valueLabel?: string;
  caption?: ReactNode;
}) {
  const width = 720;
  const labelW = 170;
  const noteW = 190;
  const rowH = 30;
  const top = 8;
  const barMax = width - labelW - noteW - 10;
  const max = Math.max(1, ...props.rows.map((r) => r.value));
  const height = top * 2 + props.rows.length * rowH;
  return (
    <Figure
      id={props.id}
      title={props.title}
      description={props.description}
      width={width}
      height={height}
      caption={props.caption}
      table={
        <table>
          <caption>{props.title}</caption>
          <thead>
            <tr>
              <th scope="col">Step</th>
              <th scope="col">{props.valueLabel ?? "Count"}</th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr key={r.label}>
                <th scope="row">{r.label}</th>
                <td>{r.value}</td>
                <td>{r.note ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      {props.rows.map((r, i) => {
        const y = top + i * rowH;
        const w = (r.value / max) * barMax;
        return (
          <g key={r.label}>
            <text x={labelW - 8} y={y + rowH / 2 + 4} textAnchor="end" fill={INK}>
              {truncate(r.label, 24)}
            </text>
            <rect x={labelW} y={y + 4} width={barMax} height={rowH - 8} fill={BRAND_SOFT} rx={3} />
            <rect x={labelW} y={y + 4} width={Math.max(w, r.value > 0 ? 2 : 0)} height={rowH - 8} fill={BRAND} rx={3} />
            <text x={labelW + barMax + 8} y={y + rowH / 2 + 4} fill={INK}>
              {r.value}
              {r.note ? ` · ${r.note}` : ""}
            </text>
          </g>
        );
      })}
    </Figure>
  );
}

// ---------------------------------------------------------------------------
// Box plot without whiskers: p25..p75 box and a median mark (time in stage)
// ---------------------------------------------------------------------------

export interface BoxRow {
  label: string;
  p25: number | null;
  median: number | null;
  p75: number | null;
  n: number;
  ongoing: number;
}

export function BoxChart(props: {
  id: string;
  title: string;
  description: string;
  rows: readonly BoxRow[];
  unit: string;
  caption?: ReactNode;
}) {
  const width = 720;
  const labelW = 150;
  const noteW = 190;
  const rowH = 30;
  const top = 8;
  const axisH = 26;
  const plotW = width - labelW - noteW - 10;
  const max = niceMax(Math.max(0, ...props.rows.map((r) => r.p75 ?? 0)));
  const height = top + props.rows.length * rowH + axisH;
  const x = (v: number) => labelW + (Math.min(v, max) / max) * plotW;
  return (
    <Figure
      id={props.id}
      title={props.title}
      description={props.description}
      width={width}
      height={height}
      caption={props.caption}
      table={
        <table>
          <caption>{props.title}</caption>
          <thead>
            <tr>
              <th scope="col">Stage</th>
              <th scope="col">25th percentile ({props.unit})</th>
              <th scope="col">Median ({props.unit})</th>
              <th scope="col">75th percentile ({props.unit})</th>
              <th scope="col">Completed stays</th>
              <th scope="col">Still in stage</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr key={r.label}>
                <th scope="row">{r.label}</th>
                <td>{fmt(r.p25)}</td>
                <td>{fmt(r.median)}</td>
                <td>{fmt(r.p75)}</td>
                <td>{r.n}</td>
                <td>{r.ongoing}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      {ticks(max).map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={top} y2={top + props.rows.length * rowH} stroke={LINE} />
          <text x={x(t)} y={height - 8} textAnchor="middle" fill={MUTED}>
            {fmt(t)}
          </text>
        </g>
      ))}
      {props.rows.map((r, i) => {
        const y = top + i * rowH;
        const has = r.p25 !== null && r.median !== null && r.p75 !== null;
        return (
          <g key={r.label}>
            <text x={labelW - 8} y={y + rowH / 2 + 4} textAnchor="end" fill={INK}>
              {truncate(r.label, 20)}
            </text>
            {has ? (
              <>
                <rect
                  x={x(r.p25!)}
                  y={y + 6}
                  width={Math.max(2, x(r.p75!) - x(r.p25!))}
                  height={rowH - 12}
                  fill={BRAND_SOFT}
                  stroke={BRAND}
                />
                <line x1={x(r.median!)} x2={x(r.median!)} y1={y + 3} y2={y + rowH - 3} stroke={BRAND} strokeWidth={3} />
              </>
            ) : (
              <text x={labelW + 4} y={y + rowH / 2 + 4} fill={MUTED}>
                no completed stays
              </text>
            )}
            <text x={labelW + plotW + 8} y={y + rowH / 2 + 4} fill={INK}>
              {has ? `median ${fmt(r.median)} ${props.unit} · ` : ""}
              {`n=${r.n}`}
            </text>
          </g>
        );
      })}
    </Figure>
  );
}

// ---------------------------------------------------------------------------
// Columns over time (applications per week)
// ---------------------------------------------------------------------------

export function ColumnChart(props: {
  id: string;
  title: string;
  description: string;
  points: readonly { label: string; value: number }[];
  valueLabel: string;
  caption?: ReactNode;
}) {
  const width = 720;
  const height = 240;
  const left = 40;
  const bottom = 36;
  const top = 10;
  const plotW = width - left - 10;
  const plotH = height - top - bottom;
  // At least 5 so the ticks (counts) stay whole numbers.
  const max = niceMax(Math.max(5, ...props.points.map((p) => p.value)));
  const n = Math.max(1, props.points.length);
  const slot = plotW / n;
  const every = Math.max(1, Math.ceil(n / 8));
  const y = (v: number) => top + plotH - (v / max) * plotH;
  return (
    <Figure
      id={props.id}
      title={props.title}
      description={props.description}
      width={width}
      height={height}
      caption={props.caption}
      table={
        <table>
          <caption>{props.title}</caption>
          <thead>
            <tr>
              <th scope="col">Week starting</th>
              <th scope="col">{props.valueLabel}</th>
            </tr>
          </thead>
          <tbody>
            {props.points.map((p) => (
              <tr key={p.label}>
                <th scope="row">{p.label}</th>
                <td>{p.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      {ticks(max).map((t) => (
        <g key={t}>
          <line x1={left} x2={width - 10} y1={y(t)} y2={y(t)} stroke={LINE} />
          <text x={left - 6} y={y(t) + 4} textAnchor="end" fill={MUTED}>
            {fmt(t)}
          </text>
        </g>
      ))}
      {props.points.map((p, i) => (
        <g key={p.label}>
          <rect
            x={left + i * slot + slot * 0.15}
            y={y(p.value)}
            width={Math.max(1, slot * 0.7)}
            height={top + plotH - y(p.value)}
            fill={BRAND}
          />
          {i % every === 0 && (
            <text x={left + i * slot + slot / 2} y={height - bottom + 16} textAnchor="middle" fill={MUTED}>
              {p.label.slice(5)}
            </text>
          )}
        </g>
      ))}
    </Figure>
  );
}

// ---------------------------------------------------------------------------
// Heat map (transfer insight)
// ---------------------------------------------------------------------------

export interface HeatMapProps {
  id: string;
  title: string;
  description: string;
  rows: readonly { key: string; label: string }[];
  cols: readonly { key: string; label: string }[];
  cells: readonly { row: string; col: string; count: number; intensity: number }[];
  rowHeader: string;
  caption?: ReactNode;
}

function mix(intensity: number) {
  // white -> brand purple
  const t = Math.max(0, Math.min(1, intensity));
  const from = [255, 255, 255];
  const to = [91, 43, 214];
  const c = from.map((f, i) => Math.round(f + (to[i] - f) * t));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

export function HeatMap(props: HeatMapProps) {
  const labelW = 190;
  const cell = 44;
  const headerH = 150;
  // Rotated column labels lean right: leave room for the last ones.
  const width = labelW + props.cols.length * cell + 130;
  const height = headerH + props.rows.length * cell + 10;
  const lookup = new Map(props.cells.map((c) => [`${c.row}\u0000${c.col}`, c]));
  return (
    <Figure
      id={props.id}
      title={props.title}
      description={props.description}
      width={Math.max(width, 320)}
      height={height}
      caption={props.caption}
      table={
        <table>
          <caption>{props.title}</caption>
          <thead>
            <tr>
              <th scope="col">{props.rowHeader}</th>
              {props.cols.map((c) => (
                <th scope="col" key={c.key}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.label}</th>
                {props.cols.map((c) => (
                  <td key={c.key}>{lookup.get(`${r.key}\u0000${c.key}`)?.count ?? 0}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      {props.cols.map((c, j) => (
        <text key={c.key} transform={`translate(${labelW + j * cell + cell / 2 + 4}, ${headerH - 6}) rotate(-50)`} fill={INK}>
          {truncate(c.label, 22)}
        </text>
      ))}
      {props.rows.map((r, i) => (
        <g key={r.key}>
          <text x={labelW - 8} y={headerH + i * cell + cell / 2 + 4} textAnchor="end" fill={INK}>
            {truncate(r.label, 26)}
          </text>
          {props.cols.map((c, j) => {
            const v = lookup.get(`${r.key}\u0000${c.key}`);
            return (
              <g key={c.key}>
                <rect
                  x={labelW + j * cell}
                  y={headerH + i * cell}
                  width={cell - 2}
                  height={cell - 2}
                  fill={mix(v?.intensity ?? 0)}
                  stroke={LINE}
                />
                {v && (
                  <text
                    x={labelW + j * cell + cell / 2 - 1}
                    y={headerH + i * cell + cell / 2 + 4}
                    textAnchor="middle"
                    fill={v.intensity > 0.5 ? "#ffffff" : INK}
                  >
                    {v.count}
                  </text>
                )}
              </g>
            );
          })}
        </g>
      ))}
    </Figure>
  );
}

// ---------------------------------------------------------------------------
// Ratio bars (fairness): selection-rate ratio per group with the 0.8 line
// ---------------------------------------------------------------------------

export function RatioChart(props: {
  id: string;
  title: string;
  description: string;
  rows: readonly { label: string; ratio: number | null; suppressed: boolean }[];
  threshold: number;
}) {
  const width = 720;
  const labelW = 230;
  const noteW = 130;
  const rowH = 26;
  const top = 8;
  const axisH = 24;
  const plotW = width - labelW - noteW;
  const max = Math.max(1, niceMax(Math.max(0, ...props.rows.map((r) => r.ratio ?? 0))));
  const height = top + props.rows.length * rowH + axisH;
  const x = (v: number) => labelW + (v / max) * plotW;
  return (
    <Figure
      id={props.id}
      title={props.title}
      description={props.description}
      width={width}
      height={height}
      table={
        <table>
          <caption>{props.title}</caption>
          <thead>
            <tr>
              <th scope="col">Group</th>
              <th scope="col">Ratio to the highest group</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr key={r.label}>
                <th scope="row">{r.label}</th>
                <td>{r.suppressed ? "suppressed" : fmt(r.ratio, 2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      {ticks(max).map((t) => (
        <text key={t} x={x(t)} y={height - 6} textAnchor="middle" fill={MUTED}>
          {fmt(t, 2)}
        </text>
      ))}
      {props.rows.map((r, i) => {
        const y = top + i * rowH;
        const below = r.ratio !== null && r.ratio < props.threshold;
        return (
          <g key={r.label}>
            <text x={labelW - 8} y={y + rowH / 2 + 4} textAnchor="end" fill={INK}>
              {truncate(r.label, 32)}
            </text>
            {r.suppressed || r.ratio === null ? (
              <text x={labelW + 4} y={y + rowH / 2 + 4} fill={MUTED}>
                {r.suppressed ? "suppressed (group too small)" : "no rate"}
              </text>
            ) : (
              <>
                <rect x={labelW} y={y + 5} width={Math.max(2, x(r.ratio) - labelW)} height={rowH - 10} fill={below ? WARN : BRAND} />
                <text x={x(r.ratio) + 6} y={y + rowH / 2 + 4} fill={INK}>
                  {fmt(r.ratio, 2)}
                  {below ? " (below 4/5)" : ""}
                </text>
              </>
            )}
          </g>
        );
      })}
      <line
        x1={x(props.threshold)}
        x2={x(props.threshold)}
        y1={top}
        y2={top + props.rows.length * rowH}
        stroke={INK}
        strokeDasharray="4 3"
      />
    </Figure>
  );
}
