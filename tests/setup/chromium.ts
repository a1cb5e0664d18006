/**
 * Vitest global setup for the browser tests: finds Chromium once per run (installing Debian's
 * package when we can, see scripts/lib/chromium.ts), starts it ONCE as a Playwright browser
 * server, and hands its address to the test files: each file connects to it and works in
 * browser contexts of its own (separate cookies, storage and pages), instead of launching a
 * Chromium per file. When there is no Chromium, each browser test file fails with the same one
 * sentence on how to install it; the unit and integration tests still run.
 */
import { chromium } from "playwright-core";
import type { TestProject } from "vitest/node";
import { ensureChromium } from "../../scripts/lib/chromium";

declare module "vitest" {
  export interface ProvidedContext {
    chromium: { path: string; wsEndpoint: string } | { error: string };
  }
}

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

export default async function setup(project: TestProject) {
  const result = ensureChromium((line) => console.log(`[test setup] ${line}`));
  if ("error" in result) {
    console.error(`[test setup] ${result.error}`);
    project.provide("chromium", result);
    return;
  }
  const server = await chromium.launchServer({ executablePath: result.path, args: CHROMIUM_ARGS });
  project.provide("chromium", { path: result.path, wsEndpoint: server.wsEndpoint() });
  return async () => {
    await server.close();
  };
}
