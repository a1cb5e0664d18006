/** Starts the real built app (Express + Remix) in-process on a random port for HTTP tests. */
import path from "node:path";
import { afterAll, inject } from "vitest";
import { startServer } from "../../server/index";
import { useFreshDatabase } from "./db";

export async function useTestServer() {
  await useFreshDatabase();
  const buildDir = inject("buildDir");
  const build = await import(/* @vite-ignore */ path.join(buildDir, "server/index.js"));
  const running = await startServer({ port: 0, host: "127.0.0.1", build, buildDir, log: () => {} });
  afterAll(() => running.close());
  // A remote engine (Meilisearch) may still be preparing its indexes after start-up: wait for it.
  const { searchRuntime } = await import("~/search/runtime.server");
  for (const deadline = Date.now() + 60_000; !searchRuntime()?.ready && Date.now() < deadline; )
    await new Promise((r) => setTimeout(r, 50));
  return running.url;
}
