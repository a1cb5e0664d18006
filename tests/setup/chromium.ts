/**
 * Vitest global setup for the browser tests: finds Chromium once per run (installing Debian's
 * package when we can, see scripts/lib/chromium.ts), starts it ONCE as a Playwright browser
 * server, and hands its address to the test files: each file connects to it and works in
 * browser contexts of its own (separate cookies, storage and pages), instead of launching a
 * Chromium per file. When there is no Chromium, each browser test file fails with the same one
 * sentence on how to install it; the unit and integration tests still run.
 *
 * Finding, installing and starting Chromium happen in the background: the run does not wait for
 * them before its first test. A fresh machine spends about a minute in apt-get, during which the
 * unit and integration files run (tests/setup/sequencer.ts starts them first when an install is
 * due). What the files get is the address of a small local "broker" that answers, once the
 * browser is up, with its Playwright address or the one-sentence error (useBrowser in
 * tests/e2e/browser.ts asks it).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { type BrowserServer, chromium } from "playwright-core";
import type { TestProject } from "vitest/node";
import { WINDOW_FEATURES_OFF, ensureChromium, mergeDisabledFeatures } from "../../scripts/lib/chromium";

export type ChromiumFound = { path: string; wsEndpoint: string } | { error: string };

declare module "vitest" {
  export interface ProvidedContext {
    /** The broker's address: GET answers with a ChromiumFound as JSON once it is known. */
    chromiumBroker: string;
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

async function startChromium(log: (line: string) => void): Promise<{ found: ChromiumFound; server?: BrowserServer }> {
  try {
    const result = await ensureChromium(log);
    if ("error" in result) {
      console.error(`[test setup] ${result.error}`);
      return { found: result };
    }
    // A short first start shows which --disable-features Playwright passes; the browser the tests use
    // gets one merged list (Chromium would keep only the last of two), with the window features off.
    const probe = await chromium.launchServer({ executablePath: result.path, args: CHROMIUM_ARGS });
    const launchedWith = probe.process().spawnargs;
    await probe.close();
    const { ignore, arg } = mergeDisabledFeatures(launchedWith, WINDOW_FEATURES_OFF);
    const server = await chromium.launchServer({ executablePath: result.path, args: [...CHROMIUM_ARGS, arg], ignoreDefaultArgs: ignore });
    return { found: { path: result.path, wsEndpoint: server.wsEndpoint() }, server };
  } catch (e) {
    const error = `The browser tests could not start Chromium: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`;
    console.error(`[test setup] ${error}`);
    return { found: { error } };
  }
}

export default async function setup(project: TestProject) {
  const started = startChromium((line) => console.log(`[test setup] ${line}`));
  const broker = http.createServer((_req, res) => {
    void started.then(({ found }) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(found));
    });
  });
  await new Promise<void>((resolve) => broker.listen(0, "127.0.0.1", resolve));
  project.provide("chromiumBroker", `http://127.0.0.1:${(broker.address() as AddressInfo).port}/`);
  return async () => {
    broker.close();
    broker.closeAllConnections();
    await (await started).server?.close();
  };
}
