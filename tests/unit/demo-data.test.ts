import { describe, expect, it } from "vitest";
import { defaultRulesAsInputs } from "~/domain/default-rules";
import { gigInputSchema, publishProblems } from "~/domain/gigs";
import { LEGAL_TEXTS } from "~/domain/legal";
import {
  type Stage,
  STAGE_KEYS,
  activationBlockers,
  autoAdvanceTarget,
  canTransition,
  isStale,
  normalizeChecklist,
} from "~/domain/onboarding";
import { DEMOGRAPHIC_FIELDS, MAX_EPISODES, creditInputSchema } from "~/domain/profile";
import { TASK_TYPES, roleByKey } from "~/domain/taxonomy";
import { scoreTransfer } from "~/domain/transfer";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../prisma/demo/accounts";
import {
  type Dataset,
  type DemoFormat,
  EPISODES_PER_SEASON,
  FIRST_CREDIT_YEAR,
  HISTORY_DAYS,
  PARTIAL_SEASON_ROLES,
  SIZES,
  generateDataset,
} from "../../prisma/demo/generator";
import { pgTextArray } from "../../prisma/demo/load";
import { DEMO_PASSWORD as SEED_DEMO_PASSWORD } from "../../prisma/seed";

const NOW = new Date("2026-11-24T15:30:00Z");
const DAY = 24 * 60 * 60 * 1000;
const ds: Dataset = generateDataset({ size: "demo", now: NOW });
const currentYear = NOW.getUTCFullYear();
const gigById = new Map(ds.gigs.map((g) => [g.id, g]));
const rulesOf = (gigId: string) => {
  const g = gigById.get(gigId)!;
  return { screeningRequired: g.screeningRequired, ndaRequired: g.ndaRequired, trainingModules: g.trainingModules };
};

describe("demo data generator: determinism and size", () => {
  it("is deterministic: same seed, size and now give byte-identical output", () => {
    const again = generateDataset({ size: "demo", now: new Date(NOW) });
    expect(again).toEqual(ds);
    expect(JSON.stringify(again)).toBe(JSON.stringify(ds));
  });

  it("changes with the seed", () => {
    const other = generateDataset({ size: "demo", now: NOW, seed: 7 });
    expect(other.profiles.map((p) => p.displayName)).not.toEqual(ds.profiles.map((p) => p.displayName));
  });

  it("has the demo size", () => {
    expect(ds.profiles).toHaveLength(SIZES.demo.professionals);
    expect(ds.labs).toHaveLength(10);
    expect(ds.gigs).toHaveLength(60);
    expect(ds.applications.length).toBeGreaterThan(400);
    expect(ds.applications.length).toBeLessThan(500);
    expect(SIZES.bench).toMatchObject({ professionals: 100_000, gigs: 10_000, applications: 30_000 });
  });

  it("gives every lab 2-3 members and exactly one owner", () => {
    for (const lab of ds.labs) {
      const members = ds.labMembers.filter((m) => m.labId === lab.id);
      expect(members.length).toBeGreaterThanOrEqual(2);
      expect(members.length).toBeLessThanOrEqual(3);
      expect(members.filter((m) => m.role === "OWNER")).toHaveLength(1);
    }
  });

  it("has unique ids, emails and one application per person and gig", () => {
    const tables = [
      ds.users,
      ds.profiles,
      ds.credits,
      ds.labs,
      ds.labMembers,
      ds.gigs,
      ds.applications,
      ds.transitions,
      ds.appeals,
      ds.notifications,
      ds.consents,
    ];
    for (const rows of tables) expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    expect(new Set(ds.users.map((u) => u.email)).size).toBe(ds.users.length);
    expect(new Set(ds.labs.map((l) => l.slug)).size).toBe(ds.labs.length);
    expect(new Set(ds.applications.map((a) => `${a.profileId}|${a.gigId}`)).size).toBe(ds.applications.length);
  });

  it("only references rows that exist", () => {
    const users = new Set(ds.users.map((u) => u.id));
    const profiles = new Set(ds.profiles.map((p) => p.id));
    const apps = new Set(ds.applications.map((a) => a.id));
    const labs = new Set(ds.labs.map((l) => l.id));
    for (const p of ds.profiles) expect(users.has(p.userId)).toBe(true);
    for (const c of ds.credits) expect(profiles.has(c.profileId)).toBe(true);
    for (const m of ds.labMembers) expect(users.has(m.userId) && labs.has(m.labId)).toBe(true);
    for (const g of ds.gigs) expect(labs.has(g.labId) && users.has(g.createdById)).toBe(true);
    for (const a of ds.applications) expect(profiles.has(a.profileId) && gigById.has(a.gigId)).toBe(true);
    for (const t of ds.transitions) expect(apps.has(t.applicationId)).toBe(true);
    for (const a of ds.appeals) expect(apps.has(a.applicationId)).toBe(true);
    for (const n of ds.notifications) expect(users.has(n.userId)).toBe(true);
    for (const c of ds.consents) expect(users.has(c.userId)).toBe(true);
  });
});

describe("demo data: careers and credits", () => {
  const creditsByProfile = new Map<string, typeof ds.credits>();
  for (const c of ds.credits) {
    const list = creditsByProfile.get(c.profileId) ?? [];
    list.push(c);
    creditsByProfile.set(c.profileId, list);
  }

  it("gives everyone 1-12 credits between 1990 and the current year", () => {
    for (const p of ds.profiles) {
      const n = creditsByProfile.get(p.id)?.length ?? 0;
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(12);
    }
    for (const c of ds.credits) {
      expect(c.startYear).toBeGreaterThanOrEqual(FIRST_CREDIT_YEAR);
      expect(c.startYear).toBeLessThanOrEqual(currentYear);
      if (c.endYear !== null) {
        expect(c.endYear).toBeGreaterThanOrEqual(c.startYear);
        expect(c.endYear).toBeLessThanOrEqual(currentYear);
      }
    }
  });

  it("produces credits the profile editor accepts", () => {
    const schema = creditInputSchema(currentYear);
    for (const c of ds.credits) {
      const parsed = schema.safeParse({
        showTitle: c.showTitle,
        network: c.network,
        format: c.format,
        genres: c.genres,
        role: c.role,
        startYear: c.startYear,
        endYear: c.endYear,
        episodes: c.episodes,
      });
      expect(parsed.success, `${c.id}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      expect(c.department).toBe(roleByKey(c.role)!.department);
    }
  });

  it("keeps episode counts within each format's season length", () => {
    for (const c of ds.credits) {
      const seasons = (c.endYear ?? currentYear) - c.startYear + 1;
      const [lo, hi] = EPISODES_PER_SEASON[c.format as DemoFormat];
      expect(c.episodes).toBeGreaterThanOrEqual(1);
      expect(c.episodes).toBeLessThanOrEqual(Math.min(MAX_EPISODES, seasons * hi));
      // Directors, editors and DPs work a block of episodes per season; everyone else the season.
      if (!PARTIAL_SEASON_ROLES.has(c.role)) expect(c.episodes).toBeGreaterThanOrEqual(seasons * lo);
    }
  });

  it("never lowers anyone's rank within a department (no exceptions are generated)", () => {
    for (const credits of creditsByProfile.values()) {
      const ordered = [...credits].sort((a, b) => a.startYear - b.startYear || b.position - a.position);
      const lastRank = new Map<string, number>();
      for (const c of ordered) {
        const rank = roleByKey(c.role)!.rank;
        expect(rank).toBeGreaterThanOrEqual(lastRank.get(c.department) ?? 0);
        lastRank.set(c.department, rank);
      }
    }
  });

  it("includes multi-department careers, ongoing credits, verified credits and showrunners", () => {
    const multi = [...creditsByProfile.values()].filter((list) => new Set(list.map((c) => c.department)).size > 1);
    expect(multi.length).toBeGreaterThan(0);
    expect(ds.credits.some((c) => c.endYear === null)).toBe(true);
    const verified = ds.credits.filter((c) => c.verifiedAt !== null);
    expect(verified.length).toBeGreaterThan(ds.credits.length * 0.15);
    for (const c of verified) expect(c.verifiedById && c.verificationNote).toBeTruthy();
    expect(ds.credits.some((c) => c.role === "SHOWRUNNER")).toBe(true);
  });

  it("stores exactly the transfer scores the engine computes with the default rules", () => {
    const rules = defaultRulesAsInputs();
    for (const p of ds.profiles) {
      const credits = (creditsByProfile.get(p.id) ?? []).map((c) => ({ ...c, verified: c.verifiedAt !== null }));
      const result = scoreTransfer(credits, rules, { currentYear });
      expect(p.transferScores).toEqual(Object.fromEntries(result.scores.map((s) => [s.taskType, s.score])));
    }
  });

  it("fills in profiles plausibly", () => {
    const labsVisible = ds.profiles.filter((p) => p.visibility === "LABS").length / ds.profiles.length;
    expect(labsVisible).toBeGreaterThan(0.75);
    expect(labsVisible).toBeLessThan(0.95);
    for (const p of ds.profiles) {
      expect(p.headline).toMatch(/, \d+ years?$/);
      expect(p.headline).not.toMatch(/emmy|award/i);
      expect(p.hoursPerWeek).toBeGreaterThanOrEqual(5);
      expect(p.hoursPerWeek).toBeLessThanOrEqual(40);
      expect(p.minRateCents).toBeGreaterThanOrEqual(2500);
      expect(p.minRateCents).toBeLessThanOrEqual(12_000);
      expect(p.languages.length).toBeGreaterThan(0);
      expect(p.languageCodes.length).toBeGreaterThan(0);
      expect(() => new Intl.DateTimeFormat("en-US", { timeZone: p.timezone })).not.toThrow();
    }
    const consenting = ds.profiles.filter((p) => p.aiUseConsentAt !== null);
    expect(consenting.length / ds.profiles.length).toBeGreaterThan(0.8);
    for (const p of consenting) expect(p.aiUseConsentVersion).toBe(LEGAL_TEXTS.AI_USE_TERMS.version);
  });

  it("keeps every self-identified demographic group at 10 or more people", () => {
    const optIns = ds.profiles.filter((p) => p.demographicsOptIn);
    expect(optIns.length / ds.profiles.length).toBeGreaterThan(0.5);
    expect(optIns.length / ds.profiles.length).toBeLessThan(0.7);
    for (const p of ds.profiles) if (!p.demographicsOptIn) expect(p.demographics).toBeNull();
    for (const field of DEMOGRAPHIC_FIELDS) {
      const counts = new Map<string, number>();
      for (const p of optIns) {
        const value = p.demographics?.[field.key];
        expect(field.options as readonly string[]).toContain(value);
        counts.set(value!, (counts.get(value!) ?? 0) + 1);
      }
      expect(counts.size).toBeGreaterThanOrEqual(3);
      for (const [value, n] of counts) expect(n, `${field.key} = ${value}`).toBeGreaterThanOrEqual(10);
    }
  });
});

describe("demo data: labs and gigs", () => {
  it("covers every task type with at least one open gig", () => {
    const open = ds.gigs.filter((g) => g.status === "OPEN");
    for (const t of TASK_TYPES)
      expect(
        open.some((g) => g.taskTypes.includes(t.key)),
        t.key,
      ).toBe(true);
  });

  it("uses every status, mostly OPEN, and closed gigs say why", () => {
    const count = (s: string) => ds.gigs.filter((g) => g.status === s).length;
    expect(count("OPEN")).toBeGreaterThan(ds.gigs.length / 2);
    for (const s of ["DRAFT", "PAUSED", "CLOSED"]) expect(count(s)).toBeGreaterThan(0);
    for (const g of ds.gigs) {
      if (g.status === "CLOSED") expect(g.closedReason).toBeTruthy();
      else expect(g.closedReason).toBeNull();
      if (g.status === "DRAFT") expect(g.publishedAt).toBeNull();
      else expect(g.publishedAt).not.toBeNull();
    }
  });

  it("makes every published gig publishable (pay, task types, full AI-use disclosure)", () => {
    for (const g of ds.gigs.filter((x) => x.status !== "DRAFT")) {
      expect(publishProblems(g), g.title).toEqual([]);
    }
  });

  it("produces gigs the gig editor accepts", () => {
    for (const g of ds.gigs) {
      const input = {
        title: g.title,
        description: g.description,
        taskTypes: g.taskTypes,
        modality: g.modality,
        genres: g.genres,
        formats: g.formats,
        languages: g.languages,
        hoursPerWeek: g.hoursPerWeek,
        weeklyCapHours: g.weeklyCapHours,
        payAmount: g.payAmountCents === null ? null : g.payAmountCents / 100,
        payUnit: g.payUnit,
        payCurrency: g.payCurrency,
        minutesPerTask: g.minutesPerTask,
        screeningPaid: g.screeningPaid,
        screeningRate: g.screeningRateCents === null ? null : g.screeningRateCents / 100,
        onboardingPaid: g.onboardingPaid,
        slots: g.slots,
        startDate: g.startDate?.toISOString().slice(0, 10) ?? null,
        endDate: g.endDate?.toISOString().slice(0, 10) ?? null,
        timezoneMinOffset: g.timezoneMinOffset,
        timezoneMaxOffset: g.timezoneMaxOffset,
        screeningRequired: g.screeningRequired,
        screeningInstructions: g.screeningInstructions,
        ndaRequired: g.ndaRequired,
        trainingModules: g.trainingModules,
        disclosureTrains: g.disclosureTrains,
        disclosureCreativeUse: g.disclosureCreativeUse,
        disclosureRetention: g.disclosureRetention,
      };
      const parsed = gigInputSchema.safeParse(input);
      expect(parsed.success, `${g.title}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      expect(g.trainingModules.length).toBeGreaterThan(0);
      if (g.payAmountCents !== null) {
        const hourly = g.payUnit === "HOUR" ? g.payAmountCents : (g.payAmountCents * 60) / g.minutesPerTask!;
        expect(hourly).toBeGreaterThanOrEqual(2400);
        expect(hourly).toBeLessThanOrEqual(12_500);
      }
    }
  });

  it("pays both per hour and per task", () => {
    expect(ds.gigs.some((g) => g.payUnit === "HOUR")).toBe(true);
    expect(ds.gigs.some((g) => g.payUnit === "TASK" && g.minutesPerTask)).toBe(true);
  });
});

describe("demo data: applications and onboarding", () => {
  const transitionsByApp = new Map<string, typeof ds.transitions>();
  for (const t of ds.transitions) {
    const list = transitionsByApp.get(t.applicationId) ?? [];
    list.push(t);
    transitionsByApp.set(t.applicationId, list);
  }

  it("spreads applications over every stage", () => {
    const stages = new Set(ds.applications.map((a) => a.stage));
    for (const s of STAGE_KEYS) expect(stages.has(s), s).toBe(true);
  });

  it("has no applications on draft gigs", () => {
    for (const a of ds.applications) expect(gigById.get(a.gigId)!.status).not.toBe("DRAFT");
  });

  it("gives every ACTIVE application a checklist that passes the activation guards", () => {
    const active = ds.applications.filter((a) => a.stage === "ACTIVE");
    expect(active.length).toBeGreaterThan(5);
    for (const a of active) {
      const checklist = normalizeChecklist(a.checklist);
      expect(checklist).toEqual(a.checklist);
      expect(activationBlockers(checklist, rulesOf(a.gigId)), a.id).toEqual([]);
      expect(checklist.contract.textVersion).toBe(LEGAL_TEXTS.CONTRACT.version);
      if (rulesOf(a.gigId).ndaRequired) expect(checklist.nda.textVersion).toBe(LEGAL_TEXTS.NDA.version);
    }
  });

  it("never leaves an application where the app would already have auto-advanced it", () => {
    for (const a of ds.applications) {
      expect(autoAdvanceTarget({ stage: a.stage, checklist: a.checklist }, rulesOf(a.gigId)), `${a.id} at ${a.stage}`).toBeNull();
    }
  });

  it("records a legal, time-ordered transition history for every application", () => {
    const earliest = NOW.getTime() - HISTORY_DAYS * DAY;
    for (const a of ds.applications) {
      const list = transitionsByApp.get(a.id)!;
      expect(list.length).toBeGreaterThan(0);
      expect(list[0].fromStage).toBeNull();
      expect(list[0].toStage).toBe(a.origin === "INVITED" ? "INVITED" : "APPLIED");
      expect(list[list.length - 1].toStage).toBe(a.stage);
      expect(list[list.length - 1].at).toEqual(a.stageEnteredAt);
      expect(a.createdAt).toEqual(list[0].at);
      const gig = gigById.get(a.gigId)!;
      expect(a.createdAt.getTime()).toBeGreaterThanOrEqual(gig.publishedAt!.getTime());
      for (let i = 0; i < list.length; i++) {
        const t = list[i];
        expect(t.at.getTime()).toBeGreaterThanOrEqual(earliest);
        expect(t.at.getTime()).toBeLessThanOrEqual(NOW.getTime());
        if (i === 0) continue;
        const prev = list[i - 1];
        expect(t.fromStage).toBe(prev.toStage);
        expect(t.at.getTime()).toBeGreaterThanOrEqual(prev.at.getTime());
        const ok = canTransition({ stage: t.fromStage as Stage, checklist: normalizeChecklist(a.checklist) }, t.toStage, {
          actorRole: t.actorRole as "PROFESSIONAL",
          gig: rulesOf(a.gigId),
          reason: t.reason,
        });
        expect(ok, `${a.id}: ${t.fromStage} -> ${t.toStage} by ${t.actorRole}`).toEqual({ ok: true });
      }
      if (a.stage === "DECLINED" || a.stage === "OFFBOARDED") expect(a.lastReason).toBeTruthy();
    }
  });

  it("keeps the checklist consistent with how far the application got", () => {
    const reached = (a: (typeof ds.applications)[number], s: Stage) => transitionsByApp.get(a.id)!.some((t) => t.fromStage === s);
    for (const a of ds.applications) {
      const c = a.checklist;
      const rules = rulesOf(a.gigId);
      if (reached(a, "SCREENING") && transitionsByApp.get(a.id)!.some((t) => t.toStage === "OFFERED")) {
        expect(c.screening.submittedAt && c.screening.score !== null).toBeTruthy();
      }
      if (reached(a, "CONTRACTING") && transitionsByApp.get(a.id)!.some((t) => t.toStage === "PAYMENT_SETUP")) {
        expect(c.contract.acceptedAt).not.toBeNull();
        if (rules.ndaRequired) expect(c.nda.acceptedAt).not.toBeNull();
      }
      if (!rules.screeningRequired) expect(c.screening.sentAt).toBeNull();
      if (c.contract.acceptedAt) {
        const consent = ds.consents.find((x) => x.applicationId === a.id && x.kind === "CONTRACT");
        expect(consent?.textVersion).toBe(LEGAL_TEXTS.CONTRACT.version);
      }
    }
  });

  it("stores match scores and reasons", () => {
    for (const a of ds.applications) {
      expect(a.matchScore).toBeGreaterThanOrEqual(0);
      expect(a.matchScore).toBeLessThanOrEqual(100);
      expect(a.matchReasons.length).toBeGreaterThan(0);
    }
    expect(new Set(ds.applications.map((a) => a.origin))).toEqual(new Set(["APPLIED", "INVITED", "RECOMMENDED"]));
  });

  it("leaves some applications past their SLA so the aging view has something to show", () => {
    const stale = ds.applications.filter((a) => isStale(a.stageEnteredAt, a.stage, NOW));
    expect(stale.length).toBeGreaterThanOrEqual(10);
    expect(stale.length).toBeLessThan(ds.applications.length / 3);
  });

  it("has a showcase gig with 20+ applicants, mostly APPLIED or SHORTLISTED, nobody active yet", () => {
    const showcase = gigById.get(ds.meta.showcaseGigId)!;
    expect(showcase.status).toBe("OPEN");
    expect(showcase.slots).toBe(5);
    const apps = ds.applications.filter((a) => a.gigId === showcase.id);
    expect(apps.length).toBeGreaterThanOrEqual(20);
    const early = apps.filter((a) => a.stage === "APPLIED" || a.stage === "SHORTLISTED");
    expect(early.length / apps.length).toBeGreaterThan(0.7);
    expect(apps.some((a) => a.stage === "ACTIVE")).toBe(false);
    expect(ds.labs.find((l) => l.id === showcase.labId)?.name).toBe("Lumen Foundry");
  });

  it("has open and answered appeals on declined applications", () => {
    const open = ds.appeals.filter((a) => a.status === "OPEN");
    expect(open.length).toBeGreaterThanOrEqual(3);
    const appById = new Map(ds.applications.map((a) => [a.id, a]));
    for (const ap of ds.appeals) {
      expect(appById.get(ap.applicationId)!.stage).toBe("DECLINED");
      if (ap.status === "ANSWERED") expect(ap.outcome && ap.answeredAt && ap.answeredById).toBeTruthy();
    }
  });
});

describe("demo accounts", () => {
  it("exist with the right roles and share the demo password", () => {
    expect(SEED_DEMO_PASSWORD).toBe(DEMO_PASSWORD);
    for (const account of DEMO_ACCOUNTS) {
      const user = ds.users.find((u) => u.email === account.email);
      expect(user?.role, account.email).toBe(account.role);
      expect(user?.name).toBe(account.name);
    }
    expect(ds.users.find((u) => u.email === "coordinator@demo.secondact.test")?.name).toBe("Casey Coordinator");
  });

  it("makes lab@ the owner of the first lab", () => {
    const owner = ds.labMembers.find((m) => m.userId === ds.meta.labOwnerUserId)!;
    expect(owner.role).toBe("OWNER");
    expect(owner.labId).toBe(ds.labs[0].id);
  });

  it("makes pro@ a sitcom staff writer with ~6 credits and applications at different stages, plus notifications", () => {
    const profile = ds.profiles.find((p) => p.id === ds.meta.proProfileId)!;
    const credits = ds.credits.filter((c) => c.profileId === profile.id);
    expect(credits.length).toBeGreaterThanOrEqual(5);
    expect(credits.length).toBeLessThanOrEqual(7);
    const latest = credits.find((c) => c.position === 0)!;
    expect(latest.role).toBe("STAFF_WRITER");
    expect(["MULTI_CAM_SITCOM", "SINGLE_CAM_COMEDY"]).toContain(latest.format);
    const apps = ds.applications.filter((a) => a.profileId === profile.id);
    expect(apps.length).toBeGreaterThanOrEqual(2);
    expect(new Set(apps.map((a) => a.stage)).size).toBe(apps.length);
    const notes = ds.notifications.filter((n) => n.userId === ds.meta.proUserId);
    expect(notes.length).toBeGreaterThan(2);
    expect(notes.some((n) => n.readAt === null)).toBe(true);
  });
});

describe("loader helpers", () => {
  it("quotes text[] literals safely", () => {
    expect(pgTextArray([])).toBe("{}");
    expect(pgTextArray(["a b", 'say "hi"', "back\\slash", "x,y"])).toBe('{"a b","say \\"hi\\"","back\\\\slash","x,y"}');
  });
});
