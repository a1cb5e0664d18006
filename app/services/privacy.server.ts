/**
 * A professional's own data: the transparency page (/me/data), "Download my data" and
 * "Delete my account".
 *
 * What deleting keeps, and why (the /me/data page says the same; keep them in sync):
 *   - One audit entry, action "privacy.account_deleted": the account id, the SHA-256 of the
 *     lower-cased email (so we can answer "did this address have an account?" when someone
 *     who knows the address asks, without storing the address), the deletion time, counts of
 *     what was deleted, and the NDA and contract acceptances (kind, text version, time,
 *     application and gig ids). Those acceptances are evidence of what was agreed with a lab and
 *     may be needed to settle a dispute; ConsentRecords themselves are deleted with the user.
 *   - Existing audit entries stay (they record what happened, by account id). The person's IP
 *     addresses are removed from entries they made, and their email address is replaced by its
 *     hash wherever an entry stored it.
 * Everything else goes: user, sessions, tokens, profile (with demographic answers), credits,
 * applications with their histories, appeals and conversations (messages), consents, notifications and emails sent to them;
 * the search index gets a DELETE through the outbox in the same transaction.
 */
import { createHash } from "node:crypto";
import { db } from "~/db.server";
import { DEMOGRAPHICS_NOTICE } from "~/domain/profile";
import { LEGAL_TEXTS } from "~/domain/legal";
import { Prisma } from "~/generated/prisma/client";
import { enqueue } from "~/search/outbox.server";
import { audit } from "./audit.server";
import type { Actor } from "./actor";
import { type Result, fail } from "./result";

export const EXPORT_FORMAT = "second-act-personal-data/v1";

export function emailHash(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("hex");
}

/** The text a consent record refers to, when it is the version the app still ships. */
export function consentText(kind: string, version: string): { title: string; text: string } | null {
  if (kind === "DEMOGRAPHICS") {
    return version === DEMOGRAPHICS_NOTICE.version ? { title: "Demographic reporting notice", text: DEMOGRAPHICS_NOTICE.text } : null;
  }
  const legal = (LEGAL_TEXTS as Record<string, { version: string; title: string; text: string }>)[kind];
  return legal && legal.version === version ? { title: legal.title, text: legal.text } : null;
}

export const CONSENT_KIND_LABEL: Record<string, string> = {
  TERMS_OF_USE: "Terms of use",
  PRIVACY_NOTICE: "Privacy notice",
  AI_USE_TERMS: "AI-use terms",
  NDA: "Non-disclosure agreement",
  CONTRACT: "Contributor agreement",
  DEMOGRAPHICS: "Demographic reporting (opt-in)",
};

/** Everything /me/data shows. */
export async function transparency(userId: string) {
  const [user, consents] = await Promise.all([
    db().user.findUniqueOrThrow({
      where: { id: userId },
      select: {
        email: true,
        createdAt: true,
        profile: {
          select: {
            id: true,
            demographicsOptIn: true,
            demographics: true,
            aiUseConsentAt: true,
            aiUseConsentVersion: true,
            _count: { select: { credits: true, applications: true } },
            applications: {
              orderBy: { createdAt: "desc" },
              select: {
                id: true,
                stage: true,
                origin: true,
                createdAt: true,
                matchScore: true,
                gig: {
                  select: {
                    id: true,
                    title: true,
                    disclosureTrains: true,
                    disclosureCreativeUse: true,
                    disclosureRetention: true,
                    lab: { select: { name: true } },
                  },
                },
              },
            },
          },
        },
        _count: { select: { notifications: true, sessions: true } },
      },
    }),
    db().consentRecord.findMany({ where: { userId }, orderBy: { acceptedAt: "desc" } }),
  ]);
  const apps = user.profile?.applications ?? [];
  const appById = new Map(apps.map((a) => [a.id, a]));
  return {
    email: user.email,
    memberSince: user.createdAt,
    profile: user.profile
      ? {
          demographicsOptIn: user.profile.demographicsOptIn,
          demographics: (user.profile.demographics ?? null) as Record<string, string> | null,
          aiUseConsentAt: user.profile.aiUseConsentAt,
          aiUseConsentVersion: user.profile.aiUseConsentVersion,
        }
      : null,
    counts: {
      credits: user.profile?._count.credits ?? 0,
      applications: user.profile?._count.applications ?? 0,
      consents: consents.length,
      notifications: user._count.notifications,
      sessions: user._count.sessions,
    },
    consents: consents.map((c) => {
      const app = c.applicationId ? appById.get(c.applicationId) : undefined;
      return {
        id: c.id,
        kind: c.kind,
        kindLabel: CONSENT_KIND_LABEL[c.kind] ?? c.kind,
        version: c.textVersion,
        acceptedAt: c.acceptedAt,
        applicationId: c.applicationId,
        gig: app ? { id: app.gig.id, title: app.gig.title, lab: app.gig.lab.name } : null,
        text: consentText(c.kind, c.textVersion),
      };
    }),
    applications: apps.map((a) => ({
      id: a.id,
      stage: a.stage,
      origin: a.origin,
      createdAt: a.createdAt,
      matchScore: a.matchScore,
      gig: {
        id: a.gig.id,
        title: a.gig.title,
        lab: a.gig.lab.name,
        trains: a.gig.disclosureTrains,
        creativeUse: a.gig.disclosureCreativeUse,
        retention: a.gig.disclosureRetention,
      },
    })),
  };
}

/** "Download my data": everything stored about the person, minus secrets (password hash, token hashes). */
export async function exportPersonalData(userId: string) {
  const user = await db().user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      emailVerifiedAt: true,
      emailNotifications: true,
      disabledAt: true,
      createdAt: true,
      updatedAt: true,
      sessions: {
        select: { createdAt: true, expiresAt: true, lastSeenAt: true, ip: true, userAgent: true },
        orderBy: { createdAt: "asc" },
      },
      notifications: {
        select: { kind: true, title: true, body: true, link: true, readAt: true, createdAt: true },
        orderBy: { createdAt: "asc" },
      },
      consents: { select: { kind: true, textVersion: true, acceptedAt: true, applicationId: true }, orderBy: { acceptedAt: "asc" } },
      profile: {
        include: {
          credits: { orderBy: [{ position: "asc" }, { startYear: "desc" }] },
          applications: {
            orderBy: { createdAt: "asc" },
            include: {
              gig: {
                select: {
                  id: true,
                  title: true,
                  disclosureTrains: true,
                  disclosureCreativeUse: true,
                  disclosureRetention: true,
                  lab: { select: { name: true } },
                },
              },
              transitions: { select: { fromStage: true, toStage: true, at: true, reason: true, actorRole: true }, orderBy: { at: "asc" } },
              appeals: {
                select: { message: true, status: true, outcome: true, answeredAt: true, createdAt: true },
                orderBy: { createdAt: "asc" },
              },
              // The messages they wrote in the application's conversation (others' words are not theirs to export).
              messages: {
                where: { authorId: userId },
                select: { body: true, createdAt: true, hiddenAt: true },
                orderBy: { createdAt: "asc" },
              },
            },
          },
        },
      },
    },
  });
  const events = await db().event.findMany({
    where: { actorId: userId },
    select: { action: true, entityType: true, entityId: true, at: true, ip: true },
    orderBy: { at: "asc" },
    take: 10_000,
  });
  const { profile, sessions, notifications, consents, ...account } = user;
  const { credits, applications, ...profileFields } = profile ?? { credits: [], applications: [] };
  return {
    format: EXPORT_FORMAT,
    exportedAt: new Date().toISOString(),
    user: account,
    profile: profile ? profileFields : null,
    credits: credits.map(({ profileId: _p, verifiedById: _v, ...c }) => c),
    applications: applications.map(({ profileId: _p, gigId: _g, gig, ...a }) => ({
      ...a,
      gig: {
        id: gig.id,
        title: gig.title,
        lab: gig.lab.name,
        disclosure: { trains: gig.disclosureTrains, creativeUse: gig.disclosureCreativeUse, retention: gig.disclosureRetention },
      },
    })),
    consents,
    notifications,
    sessions,
    activity: events,
  };
}

export type DeleteResult = Result<{ counts: Record<string, number> }>;

/** Deletes a professional's account (see the header for what is kept). */
export async function deleteAccount(userId: string): Promise<DeleteResult> {
  // The deletion entry deliberately stores no IP address.
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: userId },
      select: {
        id: true,
        email: true,
        role: true,
        profile: { select: { id: true, displayName: true, _count: { select: { credits: true, applications: true } } } },
        _count: { select: { notifications: true, sessions: true, consents: true } },
      },
    });
    if (!user) return fail(404, "No such account.", { code: "NOT_FOUND" });
    if (user.role !== "PROFESSIONAL") return fail(403, "Only professional accounts can be deleted here.", { code: "FORBIDDEN" });
    const hash = emailHash(user.email);
    const legal = await tx.consentRecord.findMany({
      where: { userId, kind: { in: ["NDA", "CONTRACT"] } },
      select: { kind: true, textVersion: true, acceptedAt: true, applicationId: true },
      orderBy: { acceptedAt: "asc" },
    });
    const appGigs = user.profile
      ? await tx.application.findMany({ where: { profileId: user.profile.id }, select: { id: true, gigId: true } })
      : [];
    const gigOf = new Map(appGigs.map((a) => [a.id, a.gigId]));
    const counts = {
      applications: user.profile?._count.applications ?? 0,
      credits: user.profile?._count.credits ?? 0,
      consents: user._count.consents,
      notifications: user._count.notifications,
      sessions: user._count.sessions,
    };

    // Pseudonymise the audit trail: no IP addresses of this person, no plain email address.
    await tx.event.updateMany({ where: { actorId: userId }, data: { ip: null } });
    await tx.$executeRaw(Prisma.sql`
      UPDATE "Event" SET "after" = ("after" - 'email') || jsonb_build_object('emailHash', ${hash}::text)
      WHERE jsonb_typeof("after") = 'object' AND lower("after"->>'email') = ${user.email.trim().toLowerCase()}`);
    await tx.$executeRaw(Prisma.sql`
      UPDATE "Event" SET "before" = ("before" - 'email') || jsonb_build_object('emailHash', ${hash}::text)
      WHERE jsonb_typeof("before") = 'object' AND lower("before"->>'email') = ${user.email.trim().toLowerCase()}`);
    // Emails we sent them, and the "<name> applied" notices sent to labs.
    await tx.mailMessage.deleteMany({ where: { to: { equals: user.email, mode: "insensitive" } } });
    if (user.profile && appGigs.length > 0) {
      await tx.notification.updateMany({
        where: {
          kind: "application.new",
          body: `${user.profile.displayName} applied. Review them on the board.`,
          link: { in: [...new Set(appGigs.map((a) => `/coord/gigs/${a.gigId}`))] },
        },
        data: { body: "Someone applied (they have since deleted their account)." },
      });
    }
    if (user.profile) await enqueue(tx, "people", user.profile.id, "DELETE");

    // Cascades: sessions, tokens, profile -> credits, applications -> transitions, appeals; consents, notifications.
    await tx.user.delete({ where: { id: userId } });

    await audit(
      {
        actorId: userId,
        actorRole: "PROFESSIONAL",
        action: "privacy.account_deleted",
        entityType: "User",
        entityId: userId,
        after: {
          emailSha256: hash,
          profileId: user.profile?.id ?? null,
          deletedAt: new Date().toISOString(),
          deleted: counts,
          legalAcceptances: legal.map((c) => ({
            kind: c.kind,
            textVersion: c.textVersion,
            acceptedAt: c.acceptedAt.toISOString(),
            applicationId: c.applicationId,
            gigId: c.applicationId ? (gigOf.get(c.applicationId) ?? null) : null,
          })),
        },
      },
      tx,
    );
    return { ok: true as const, counts };
  });
}

/** "Download my data": the export, recorded in the audit log. */
export async function exportMyData(actor: Actor & { id: string }) {
  const data = await exportPersonalData(actor.id);
  await audit({
    actorId: actor.id,
    actorRole: actor.role,
    action: "privacy.data_exported",
    entityType: "User",
    entityId: actor.id,
    ip: actor.ip,
  });
  return data;
}
