/**
 * Summarises a V8 .cpuprofile (from BENCH_CPU_PROF=1 npm run bench): the top functions by self
 * time and the top files by self time, optionally only over the last `lastSeconds` of the profile
 * (e.g. the load phase of a server profile, without its start-up reindex).
 *   npx tsx scripts/bench/cpuprofile-top.ts <file> [n] [lastSeconds]
 */
import { readFileSync } from "node:fs";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
}
const file = process.argv[2];
const n = Number(process.argv[3] ?? 25);
const lastSeconds = Number(process.argv[4] ?? 0);
const prof = JSON.parse(readFileSync(file, "utf8")) as { nodes: Node[]; samples: number[]; timeDeltas: number[]; endTime: number; startTime: number };
if (lastSeconds > 0) {
  // Recount hits from the samples inside the window.
  const from = prof.endTime - lastSeconds * 1e6;
  const hits = new Map<number, number>();
  let t = prof.startTime;
  prof.samples.forEach((id, i) => {
    t += prof.timeDeltas[i];
    if (t >= from) hits.set(id, (hits.get(id) ?? 0) + 1);
  });
  for (const x of prof.nodes) x.hitCount = hits.get(x.id) ?? 0;
}
const total = prof.nodes.reduce((a, x) => a + x.hitCount, 0);
const byFn = new Map<string, number>();
const byFile = new Map<string, number>();
for (const x of prof.nodes) {
  const url = x.callFrame.url.replace(/^file:\/\//, "").replace(process.cwd(), ".");
  const key = `${x.callFrame.functionName || "(anonymous)"} ${url}:${x.callFrame.lineNumber + 1}`;
  byFn.set(key, (byFn.get(key) ?? 0) + x.hitCount);
  const f = url || x.callFrame.functionName;
  byFile.set(f, (byFile.get(f) ?? 0) + x.hitCount);
}
const top = (m: Map<string, number>) =>
  [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}`)
    .join("\n");
console.log(`${total} samples\n\nTop functions (self):\n${top(byFn)}\n\nTop files (self):\n${top(byFile)}`);
