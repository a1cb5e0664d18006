import type { Tx } from "~/db.server";
import { db } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";

export interface AuditEntry {
  actorId?: string | null;
  actorRole?: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
}

/** Appends to the audit log; pass the transaction so the entry commits with the change. */
export async function audit(entry: AuditEntry, tx?: Tx) {
  await (tx ?? db()).event.create({
    data: {
      actorId: entry.actorId ?? null,
      actorRole: entry.actorRole ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      before: (entry.before ?? undefined) as Prisma.InputJsonValue | undefined,
      after: (entry.after ?? undefined) as Prisma.InputJsonValue | undefined,
      ip: entry.ip ?? null,
    },
  });
}
