/**
 * Vitest global setup for the browser tests: finds Chromium once per run (installing Debian's
 * package when we can, see scripts/lib/chromium.ts) and hands the result to the test files. When
 * there is none, each browser test file fails with the same one sentence on how to install it;
 * the unit and integration tests still run.
 */
import type { TestProject } from "vitest/node";
import { ensureChromium } from "../../scripts/lib/chromium";

declare module "vitest" {
  export interface ProvidedContext {
    chromium: { path: string } | { error: string };
  }
}

export default function setup(project: TestProject) {
  const result = ensureChromium((line) => console.log(`[test setup] ${line}`));
  if ("error" in result) console.error(`[test setup] ${result.error}`);
  project.provide("chromium", result);
}
