/**
 * CPU seconds used so far by this process's descendants (Linux /proc), split into PostgreSQL
 * processes (the embedded cluster a bench script started) and the rest by a label of the caller's.
 * Only descendants: other programs on a shared machine (other benches, their databases) are not counted.
 */
import { readFileSync, readdirSync } from "node:fs";

const HZ = 100;

/** Every process's CPU seconds so far (user + system), parent and command line, from /proc. */
export function processTable(): Map<number, { ppid: number; t: number; cmd: string }> {
  const procs = new Map<number, { ppid: number; t: number; cmd: string }>();
  for (const p of readdirSync("/proc")) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const s = readFileSync(`/proc/${p}/stat`, "utf8");
      const f = s.slice(s.lastIndexOf(")") + 2).split(" ");
      const cmd = readFileSync(`/proc/${p}/cmdline`, "utf8").replaceAll("\0", " ");
      procs.set(Number(p), { ppid: Number(f[1]), t: (Number(f[11]) + Number(f[12])) / HZ, cmd });
    } catch {
      /* gone */
    }
  }
  return procs;
}

export function descendantCpu(classify: (cmd: string) => string, root = process.pid): Record<string, number> {
  const procs = processTable();
  const isDescendant = (pid: number) => {
    for (let p = procs.get(pid)?.ppid, n = 0; p && n < 50; p = procs.get(p)?.ppid, n++) if (p === root) return true;
    return false;
  };
  const out: Record<string, number> = {};
  for (const [pid, v] of procs) {
    if (!isDescendant(pid)) continue;
    const k = v.cmd.startsWith("postgres") || v.cmd.includes("/postgres ") ? "postgres" : classify(v.cmd);
    out[k] = (out[k] ?? 0) + v.t;
  }
  return out;
}
