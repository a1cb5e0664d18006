/**
 * The transactional outbox: every write that changes searchable data calls `enqueue` inside
 * its own transaction, so the search index can never miss a committed change. The worker in
 * sync.server.ts drains it.
 */
import type { Tx } from "~/db.server";

export type IndexName = "gigs" | "people";

export async function enqueue(tx: Tx, index: IndexName, entityIds: string | string[], op: "UPSERT" | "DELETE" = "UPSERT") {
  const ids = Array.isArray(entityIds) ? entityIds : [entityIds];
  if (ids.length === 0) return;
  await tx.outboxEvent.createMany({ data: ids.map((entityId) => ({ index, entityId, op })) });
}
