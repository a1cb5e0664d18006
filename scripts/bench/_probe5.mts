import { spawn } from "node:child_process";
import { bundledMeilisearch } from "../lib/meilisearch-server";
import { freePort } from "../lib/free-port";
import { Meilisearch } from "meilisearch";
import { mkdtempSync, rmSync, readFileSync } from "node:fs";
const cpu = (pid: number) => { const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" "); return Number(f[11]) * 10 + Number(f[12]) * 10000; };
const bin = await bundledMeilisearch(); if (!bin.ok) throw new Error(bin.reason);
const extra = (process.env.EXTRA ?? "").split(" ").filter(Boolean);
const dir = mkdtempSync("/tmp/s4-meili/ms-");
const port = await freePort();
const child = spawn(bin.path, ["--http-addr", `127.0.0.1:${port}`, "--no-analytics", "--master-key", "0123456789abcdef0123", "--db-path", `${dir}/data.ms`, "--env", "development", "--log-level", "WARN", ...extra], { stdio: "ignore", env: { PATH: process.env.PATH! } });
const c = new Meilisearch({ host: `http://127.0.0.1:${port}`, apiKey: "0123456789abcdef0123" });
for (;;) { try { await c.health(); break; } catch { await new Promise(r => setTimeout(r, 50)); } }
await c.createIndex("plain", { primaryKey: "id" }).waitTask();
const ms: string[] = [];
for (let i = 0; i < 10; i++) {
  const t0 = performance.now(); const c0 = cpu(child.pid!);
  await c.index("plain").addDocuments([{ id: `g${i}`, title: `Rank quokka ${i}` }]).waitTask({ interval: 10, timeout: 60000 });
  ms.push(`${Math.round(performance.now() - t0)}/${cpu(child.pid!) - c0}cpu`);
}
console.log(JSON.stringify(extra), ms.join(" "));
child.kill("SIGTERM"); await new Promise(r => child.on("exit", r)); rmSync(dir, { recursive: true, force: true });
