/**
 * A refused connection becomes DatabaseUnavailableError (a 503 with a message), whether it
 * surfaces in a single query or in a transaction's BEGIN/COMMIT (which no query wraps).
 */
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { DatabaseUnavailableError, createDb } from "~/db.server";

async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

describe("database outage mapping", () => {
  it("queries, interactive transactions and batch transactions all reject with DatabaseUnavailableError", async () => {
    const client = createDb(`postgresql://postgres:postgres@127.0.0.1:${await closedPort()}/nothing`, 1);
    try {
      await expect(client.user.count()).rejects.toBeInstanceOf(DatabaseUnavailableError);
      const interactive = client.$transaction(async (tx) => tx.user.count());
      await expect(interactive).rejects.toBeInstanceOf(DatabaseUnavailableError);
      await expect(client.$transaction([client.user.count()])).rejects.toBeInstanceOf(DatabaseUnavailableError);
      const err = await client.$transaction(async (tx) => tx.user.count()).catch((e: unknown) => e);
      expect((err as DatabaseUnavailableError).init.status).toBe(503);
    } finally {
      await client.$disconnect().catch(() => {});
    }
  });
});
