/** Builds the Remix app when build/ is missing or was built from other sources. */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./migrate";

/** Every file under `dir` (sorted, generated code and node_modules left out). */
function filesUnder(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name === "generated" || entry.name === "node_modules") continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) filesUnder(full, out);
    else out.push(full);
  }
  return out;
}

/**
 * A hash of everything a build is made from: app/, public/, the patched dependencies, the lock
 * file, the Prisma schema and the build configuration. By content, not modification time, so a
 * checkout, `touch` or a fresh clone of the same commit reuses a build (tests/setup/global.ts
 * keeps one build per hash in .cache/).
 */
export function sourcesStamp(): string {
  const hash = createHash("sha256");
  const files = [
    ...filesUnder(path.join(ROOT, "app")),
    ...filesUnder(path.join(ROOT, "public")),
    ...filesUnder(path.join(ROOT, "patches")),
    ...["vite.config.ts", "tsconfig.json", "package-lock.json", "prisma/schema.prisma"].map((f) => path.join(ROOT, f)),
  ];
  for (const file of files) {
    if (!existsSync(file)) continue;
    hash.update(path.relative(ROOT, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex").slice(0, 20);
}

function withoutVitest(env: NodeJS.ProcessEnv) {
  const copy = { ...env };
  for (const key of Object.keys(copy)) if (key.startsWith("VITEST") || key === "TEST") delete copy[key];
  return copy;
}

/** Whether `buildDir` holds a build of exactly these sources. */
function isCurrent(buildDir: string, stamp: string): boolean {
  const stampFile = path.join(buildDir, ".sources-stamp");
  return existsSync(path.join(buildDir, "server/index.js")) && existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp;
}

/** The build command, as [executable, args, options]. */
function buildCommand(buildDir: string) {
  return [
    process.execPath,
    [path.join(ROOT, "node_modules/@remix-run/dev/dist/cli.js"), "vite:build"],
    { cwd: ROOT, env: { ...withoutVitest(process.env), NODE_ENV: "production", REMIX_BUILD_DIR: buildDir } },
  ] as const;
}

export function buildIfNeeded(log: (m: string) => void = console.log, buildDir = path.join(ROOT, "build"), stamp = sourcesStamp()): void {
  if (isCurrent(buildDir, stamp)) return;
  log("Building the app (first start or sources changed)...");
  const t0 = Date.now();
  const [command, args, options] = buildCommand(buildDir);
  const result = spawnSync(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`build failed:\n${result.stdout}\n${result.stderr}`);
  }
  writeFileSync(path.join(buildDir, ".sources-stamp"), stamp);
  log(`Built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/** buildIfNeeded without blocking the event loop (the test run starts PostgreSQL meanwhile). */
export async function buildIfNeededAsync(log: (m: string) => void, buildDir: string, stamp: string): Promise<void> {
  if (isCurrent(buildDir, stamp)) return;
  log("Building the app (first start or sources changed)...");
  const t0 = Date.now();
  const [command, args, options] = buildCommand(buildDir);
  const { status, output } = await new Promise<{ status: number | null; output: string }>((resolve) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    for (const stream of [child.stdout, child.stderr]) stream.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.on("error", (e) => resolve({ status: null, output: `${output}\n${e.message}` }));
    child.on("close", (code) => resolve({ status: code, output }));
  });
  if (status !== 0) {
    throw new Error(`build failed:\n${output}`);
  }
  writeFileSync(path.join(buildDir, ".sources-stamp"), stamp);
  log(`Built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
