/** Builds the Remix app when build/ is missing or older than the sources. */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync, writeFileSync, readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./migrate";

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "generated" || entry.name === "node_modules") continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

export function sourcesStamp(): string {
  const files = ["vite.config.ts", "package-lock.json", "prisma/schema.prisma"].map((f) => path.join(ROOT, f));
  const mtimes = [newestMtime(path.join(ROOT, "app")), newestMtime(path.join(ROOT, "public"))];
  for (const f of files) if (existsSync(f)) mtimes.push(statSync(f).mtimeMs);
  return String(Math.max(...mtimes));
}

function withoutVitest(env: NodeJS.ProcessEnv) {
  const copy = { ...env };
  for (const key of Object.keys(copy)) if (key.startsWith("VITEST") || key === "TEST") delete copy[key];
  return copy;
}

export function buildIfNeeded(log: (m: string) => void = console.log, buildDir = path.join(ROOT, "build")): void {
  const stampFile = path.join(buildDir, ".sources-stamp");
  const stamp = sourcesStamp();
  if (
    existsSync(path.join(buildDir, "server/index.js")) &&
    existsSync(stampFile) &&
    readFileSync(stampFile, "utf8") === stamp
  ) {
    return;
  }
  log("Building the app (first start or sources changed)...");
  const t0 = Date.now();
  const result = spawnSync(process.execPath, [path.join(ROOT, "node_modules/@remix-run/dev/dist/cli.js"), "vite:build"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...withoutVitest(process.env), NODE_ENV: "production", REMIX_BUILD_DIR: buildDir },
    encoding: "utf8",
  });
  if (result.status !== 0) {
    throw new Error(`build failed:\n${result.stdout}\n${result.stderr}`);
  }
  writeFileSync(stampFile, stamp);
  log(`Built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
