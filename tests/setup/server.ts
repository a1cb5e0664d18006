/** Starts the real built app (Express + Remix) in-process on a random port for HTTP tests. */
import path from "node:path";
import { afterAll } from "vitest";
import { ROOT } from "../../scripts/lib/migrate";
import { startServer } from "../../scripts/server";
import { useFreshDatabase } from "./db";

export async function useTestServer() {
  await useFreshDatabase();
  const build = await import(/* @vite-ignore */ path.join(ROOT, "build/server/index.js"));
  const running = await startServer({ port: 0, host: "127.0.0.1", build, log: () => {} });
  afterAll(() => running.close());
  return running.url;
}
