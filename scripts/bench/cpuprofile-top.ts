/**
 * Summarises a V8 .cpuprofile (from BENCH_CPU_PROF=1 npm run bench, or node --cpu-prof): the top
 * functions by self time, the top files by self time, and the top functions by total time (self +
 * callees, each function counted once per sample however deep it recurses: this names the costly
 * layers, e.g. compression, React render, routing, rather than their leaves). Optionally only over
 * the last `lastSeconds` of the profile (e.g. the load phase of a server profile, without its
 * start-up reindex). Idle samples are left out of the percentages.
 *   npx tsx scripts/bench/cpuprofile-top.ts <file> [n] [lastSeconds]
 */
import { readFileSync } from "node:fs";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
  children?: number[];
}
const file = process.argv[2];
const n = Number(process.argv[3] ?? 25);
const lastSeconds = Number(process.argv[4] ?? 0);
const prof = JSON.parse(readFileSync(file, "utf8")) as {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  endTime: number;
  startTime: number;
};

const from = lastSeconds > 0 ? prof.endTime - lastSeconds * 1e6 : Number.NEGATIVE_INFINITY;
const inWindow: number[] = [];
let t = prof.startTime;
prof.samples.forEach((id, i) => {
  t += prof.timeDeltas[i];
  if (t >= from) inWindow.push(id);
});

const byId = new Map(prof.nodes.map((x) => [x.id, x]));
const parent = new Map<number, number>();
for (const x of prof.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
const keyOf = (x: Node) => {
  const url = x.callFrame.url.replace(/^file:\/\//, "").replace(process.cwd(), ".");
  return { fn: `${x.callFrame.functionName || "(anonymous)"} ${url}:${x.callFrame.lineNumber + 1}`, file: url || x.callFrame.functionName };
};

const byFn = new Map<string, number>();
const byFile = new Map<string, number>();
const total = new Map<string, number>();
let counted = 0;
let idle = 0;
const add = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
for (const id of inWindow) {
  const leaf = byId.get(id)!;
  if (leaf.callFrame.functionName === "(idle)") {
    idle++;
    continue;
  }
  counted++;
  const k = keyOf(leaf);
  add(byFn, k.fn);
  add(byFile, k.file);
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const fn = keyOf(byId.get(cur)!).fn;
    if (fn.startsWith("(root)") || seen.has(fn)) continue;
    seen.add(fn);
    add(total, fn);
  }
}
const top = (m: Map<string, number>) =>
  [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${((v / counted) * 100).toFixed(1).padStart(5)}%  ${k}`)
    .join("\n");
console.log(
  `${counted} busy samples (${idle} idle left out)\n\nTop functions (self):\n${top(byFn)}\n\nTop files (self):\n${top(byFile)}\n\nTop functions (total, with callees):\n${top(total)}`,
);
