/** Starts the real built app (Express + Remix) in-process on a random port for HTTP tests. */
import path from "node:path";
import { afterAll, inject } from "vitest";
import { startServer } from "../../scripts/server";
import { useFreshDatabase } from "./db";

export async function useTestServer() {
  await useFreshDatabase();
  const buildDir = inject("buildDir");
  const build = await import(/* @vite-ignore */ path.join(buildDir, "server/index.js"));
  const running = await startServer({ port: 0, host: "127.0.0.1", build, buildDir, log: () => {} });
  afterAll(() => running.close());
  return running.url;
}
