/**
 * `npm test`: the type check, the linter and vitest, all three required to pass, started at the
 * same time instead of one after the other (docs/testing.md). `prisma generate` runs first, on
 * its own: it rewrites app/generated/, which tsc and the tests both read.
 *
 * vitest's output streams as it comes; tsc's and Biome's are printed when each finishes. The exit
 * code is 0 only when all three succeed. Arguments go to vitest (`npm test -- tests/unit`).
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./lib/migrate";

const bin = (name: string) => path.join(ROOT, "node_modules", ".bin", name);
const t0 = Date.now();
const seconds = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

const generate = spawnSync(bin("prisma"), ["generate"], { cwd: ROOT, encoding: "utf8" });
if (generate.status !== 0) {
  process.stderr.write(`${generate.stdout}${generate.stderr}\nprisma generate failed\n`);
  process.exit(generate.status ?? 1);
}

interface Step {
  name: string;
  done: Promise<number>;
}

/** A step whose output is held back and printed in one piece when it ends. */
function quiet(name: string, command: string, args: string[]): Step {
  const child = spawn(command, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (c) => (output += c));
  child.stderr.on("data", (c) => (output += c));
  const done = new Promise<number>((resolve) => {
    child.once("error", (e) => {
      output += String(e);
      resolve(1);
    });
    child.once("close", (code, signal) => {
      const status = code ?? (signal ? 1 : 0);
      process.stdout.write(
        `\n[npm test] ${name} ${status === 0 ? "passed" : "FAILED"} after ${seconds()}\n${output.trim() ? `${output.trim()}\n` : ""}`,
      );
      resolve(status);
    });
  });
  return { name, done };
}

function loud(name: string, command: string, args: string[]): Step {
  const child = spawn(command, args, { cwd: ROOT, stdio: "inherit" });
  const done = new Promise<number>((resolve) => {
    child.once("error", () => resolve(1));
    child.once("close", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
  return { name, done };
}

mkdirSync(path.join(ROOT, ".cache"), { recursive: true });
const steps = [
  // Incremental: a later run re-checks only what changed since the last one (the file in .cache/).
  quiet("typecheck (tsc --noEmit)", bin("tsc"), [
    "--noEmit",
    "--incremental",
    "--tsBuildInfoFile",
    path.join(ROOT, ".cache", "tsc.tsbuildinfo"),
  ]),
  quiet("lint (biome lint .)", bin("biome"), ["lint", "."]),
  loud("vitest", bin("vitest"), ["run", ...process.argv.slice(2)]),
];
// Ctrl-C reaches every child through the terminal's process group; wait for them to finish.
process.on("SIGINT", () => {});

const codes = await Promise.all(steps.map((s) => s.done));
const failed = steps.filter((_, i) => codes[i] !== 0).map((s) => s.name);
console.log(`\n[npm test] ${failed.length ? `FAILED: ${failed.join(", ")}` : "typecheck, lint and vitest passed"} (${seconds()})`);
process.exit(failed.length ? 1 : 0);
