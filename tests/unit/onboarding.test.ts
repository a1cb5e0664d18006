import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ACTOR_ROLES,
  type ActorRole,
  coordinatorDigest,
  MAX_SLA_DAYS,
  type OverdueItem,
  overdueNotice,
  professionalReminder,
  reminderSentAt,
  resolveSlaTable,
  responsibleCoordinators,
  SLA_STAGES,
  slaDueAt,
  type ApplicationState,
  acceptContract,
  acceptNda,
  acknowledgeModule,
  activationBlockers,
  allowedTransitions,
  autoAdvanceTarget,
  CHECKLIST_ACTIONS,
  type Checklist,
  type ChecklistResult,
  canTransition,
  confirmPayout,
  confirmTaxForm,
  DEFAULT_SLA_DAYS,
  daysInStage,
  emptyChecklist,
  type GigRules,
  isStale,
  isTerminal,
  normalizeChecklist,
  PERMISSIONS,
  PIPELINE_STAGES,
  progress,
  STAGE_KEYS,
  STAGES,
  type Stage,
  scoreScreening,
  sendScreening,
  submitScreening,
  TERMINAL_STAGES,
  TRANSITIONS,
  transition,
} from "~/domain/onboarding";

// ---------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------

const ALL_STAGES: Stage[] = [
  "APPLIED",
  "INVITED",
  "SHORTLISTED",
  "SCREENING",
  "OFFERED",
  "CONTRACTING",
  "PAYMENT_SETUP",
  "TRAINING",
  "ACTIVE",
  "WITHDRAWN",
  "DECLINED",
  "OFFBOARDED",
];
const ALL_ROLES: ActorRole[] = ["PROFESSIONAL", "LAB_MEMBER", "COORDINATOR", "ADMIN", "SYSTEM"];

const T0 = new Date("2025-03-01T09:00:00.000Z");

const GIG_FULL: GigRules = { screeningRequired: true, ndaRequired: true, trainingModules: ["Style guide", "Safety"] };
const GIG_LIGHT: GigRules = { screeningRequired: false, ndaRequired: false, trainingModules: [] };

/** A checklist on which every guard passes for any gig using modules ⊆ ["Style guide", "Safety"]. */
function completeChecklist(): Checklist {
  return {
    screening: {
      sentAt: T0.toISOString(),
      submittedAt: T0.toISOString(),
      answer: null,
      score: 80,
      feedback: "Good",
    },
    nda: { acceptedAt: T0.toISOString(), acceptedBy: "u1", textVersion: "nda-v1" },
    contract: { acceptedAt: T0.toISOString(), acceptedBy: "u1", textVersion: "c-v1" },
    payment: { taxFormConfirmed: true, payoutConfirmed: true },
    training: { modulesAcknowledged: ["Style guide", "Safety"] },
  };
}

function at(stage: Stage, checklist: Checklist = emptyChecklist()): ApplicationState {
  return { stage, checklist };
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object") {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

function expectOk(r: ChecklistResult): Checklist {
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`);
  return r.checklist;
}

// ---------------------------------------------------------------------------
// The expected permission table, written out independently of the module.
//
//   from -> to : roles [condition]
//   L = LAB_MEMBER, C = COORDINATOR, A = ADMIN, P = PROFESSIONAL, S = SYSTEM
//   [screening] = only when gig.screeningRequired, [no-screening] = only when not
// ---------------------------------------------------------------------------

const EXPECTED_TABLE = `
  APPLIED       -> SHORTLISTED   : L C A
  INVITED       -> SHORTLISTED   : P
  SHORTLISTED   -> SCREENING     : L C A   [screening]
  SHORTLISTED   -> OFFERED       : L C A   [no-screening]
  SCREENING     -> OFFERED       : L C A
  OFFERED       -> CONTRACTING   : P C A
  CONTRACTING   -> PAYMENT_SETUP : C A S
  PAYMENT_SETUP -> TRAINING      : C A S
  TRAINING      -> ACTIVE        : C A S
  ACTIVE        -> OFFBOARDED    : L C A

  APPLIED       -> DECLINED      : L C A
  INVITED       -> DECLINED      : L C A
  SHORTLISTED   -> DECLINED      : L C A
  SCREENING     -> DECLINED      : L C A
  OFFERED       -> DECLINED      : L C A

  APPLIED       -> WITHDRAWN     : P
  INVITED       -> WITHDRAWN     : P
  SHORTLISTED   -> WITHDRAWN     : P
  SCREENING     -> WITHDRAWN     : P
  OFFERED       -> WITHDRAWN     : P
  CONTRACTING   -> WITHDRAWN     : P
  PAYMENT_SETUP -> WITHDRAWN     : P
  TRAINING      -> WITHDRAWN     : P
`;

const ROLE_LETTER: Record<string, ActorRole> = {
  P: "PROFESSIONAL",
  L: "LAB_MEMBER",
  C: "COORDINATOR",
  A: "ADMIN",
  S: "SYSTEM",
};

interface ExpectedEdge {
  from: Stage;
  to: Stage;
  roles: ActorRole[];
  condition: "screening" | "no-screening" | null;
}

const EXPECTED: ExpectedEdge[] = EXPECTED_TABLE.split("\n")
  .map((l) => l.trim())
  .filter(Boolean)
  .map((line) => {
    const m = /^(\w+)\s*->\s*(\w+)\s*:\s*([PLCAS ]+?)\s*(?:\[([\w-]+)\])?$/.exec(line);
    if (!m) throw new Error(`bad table line: ${line}`);
    return {
      from: m[1] as Stage,
      to: m[2] as Stage,
      roles: m[3].split(/\s+/).map((l) => ROLE_LETTER[l]),
      condition: (m[4] as ExpectedEdge["condition"]) ?? null,
    };
  });

function expectedEdge(from: Stage, to: Stage, gig: GigRules): ExpectedEdge | undefined {
  return EXPECTED.find(
    (e) => e.from === from && e.to === to && (e.condition === null || (e.condition === "screening") === gig.screeningRequired),
  );
}

function expectedAllowed(from: Stage, to: Stage, role: ActorRole, gig: GigRules): boolean {
  return expectedEdge(from, to, gig)?.roles.includes(role) ?? false;
}

const REASON_REQUIRED_TARGETS: Stage[] = ["DECLINED", "OFFBOARDED"];

// ---------------------------------------------------------------------------

describe("stage metadata", () => {
  it("lists all twelve stages in order, each with a label and a plain-language description", () => {
    expect(STAGES.map((s) => s.key)).toEqual(ALL_STAGES);
    expect([...STAGE_KEYS]).toEqual(ALL_STAGES);
    for (const s of STAGES) {
      expect(s.label.length).toBeGreaterThan(0);
      expect(s.description.length).toBeGreaterThan(30);
    }
  });

  it("has the main path and the terminal stages", () => {
    expect(PIPELINE_STAGES).toEqual([
      "APPLIED",
      "SHORTLISTED",
      "SCREENING",
      "OFFERED",
      "CONTRACTING",
      "PAYMENT_SETUP",
      "TRAINING",
      "ACTIVE",
    ]);
    expect([...TERMINAL_STAGES].sort()).toEqual(["DECLINED", "OFFBOARDED", "WITHDRAWN"]);
    expect(ALL_STAGES.filter(isTerminal).sort()).toEqual(["DECLINED", "OFFBOARDED", "WITHDRAWN"]);
    expect([...ACTOR_ROLES]).toEqual(ALL_ROLES);
  });

  it("the exported TRANSITIONS table matches the expected table edge for edge", () => {
    const norm = (rows: readonly { from: string; to: string; roles: readonly string[] }[]) =>
      rows.map((r) => `${r.from}->${r.to}:${[...r.roles].sort().join(",")}`).sort();
    expect(norm(TRANSITIONS)).toEqual(norm(EXPECTED));
  });

  it("PERMISSIONS summarises the tables per role", () => {
    expect(PERMISSIONS.PROFESSIONAL.transitions).toContain("INVITED -> SHORTLISTED");
    expect(PERMISSIONS.PROFESSIONAL.transitions).not.toContain("APPLIED -> SHORTLISTED");
    expect(PERMISSIONS.PROFESSIONAL.checklistActions).toEqual(
      expect.arrayContaining(["submitScreening", "acceptNda", "acceptContract", "acknowledgeModule"]),
    );
    expect(PERMISSIONS.LAB_MEMBER.checklistActions).toEqual(expect.arrayContaining(["sendScreening", "scoreScreening"]));
    expect(PERMISSIONS.LAB_MEMBER.transitions).not.toContain("TRAINING -> ACTIVE");
    expect(PERMISSIONS.SYSTEM.transitions.sort()).toEqual(
      ["CONTRACTING -> PAYMENT_SETUP", "PAYMENT_SETUP -> TRAINING", "TRAINING -> ACTIVE"].sort(),
    );
  });
});

describe("canTransition: exhaustive stage × stage × role table", () => {
  const gigs: [string, GigRules][] = [
    ["gig with screening + NDA + training", GIG_FULL],
    ["gig without screening/NDA/training", GIG_LIGHT],
  ];

  for (const [name, gig] of gigs) {
    it(`${name}: exactly the expected transitions are allowed (guards satisfied, reason given)`, () => {
      const mismatches: string[] = [];
      let allowedCount = 0;
      for (const from of ALL_STAGES) {
        for (const to of ALL_STAGES) {
          for (const role of ALL_ROLES) {
            const r = canTransition(at(from, completeChecklist()), to, { actorRole: role, gig, reason: "Because" });
            const want = expectedAllowed(from, to, role, gig);
            if (r.ok) allowedCount++;
            if (r.ok !== want) mismatches.push(`${from} -> ${to} by ${role}: got ${r.ok ? "ok" : r.code}`);
          }
        }
      }
      expect(mismatches).toEqual([]);
      // Sanity: the table isn't trivially empty.
      expect(allowedCount).toBeGreaterThan(40);
    });

    it(`${name}: refusals carry the right code and a message`, () => {
      for (const from of ALL_STAGES) {
        for (const to of ALL_STAGES) {
          const edge = expectedEdge(from, to, gig);
          for (const role of ALL_ROLES) {
            const r = canTransition(at(from, completeChecklist()), to, { actorRole: role, gig, reason: "Because" });
            if (r.ok) continue;
            expect(r.message.length, `${from}->${to} ${role}`).toBeGreaterThan(10);
            expect(r.code, `${from}->${to} ${role}`).toBe(edge ? "FORBIDDEN_ACTOR" : "NOT_ALLOWED");
          }
        }
      }
    });

    it(`${name}: allowedTransitions lists exactly the permitted moves for every stage and role`, () => {
      for (const from of ALL_STAGES) {
        for (const role of ALL_ROLES) {
          const got = allowedTransitions(at(from, completeChecklist()), { actorRole: role, gig })
            .map((o) => o.to)
            .sort();
          const want = ALL_STAGES.filter((to) => expectedAllowed(from, to, role, gig)).sort();
          expect(got, `${from} by ${role}`).toEqual(want);
        }
      }
    });
  }

  it("terminal stages have no outgoing transitions for anyone", () => {
    for (const from of TERMINAL_STAGES) {
      for (const to of ALL_STAGES) {
        for (const role of ALL_ROLES) {
          for (const gig of [GIG_FULL, GIG_LIGHT]) {
            const r = canTransition(at(from, completeChecklist()), to, { actorRole: role, gig, reason: "x" });
            expect(r).toMatchObject({ ok: false, code: "NOT_ALLOWED" });
            expect(allowedTransitions(at(from), { actorRole: role, gig })).toEqual([]);
          }
        }
      }
    }
  });

  it("explains the screening fork for the gig at hand", () => {
    const noScreening = canTransition(at("SHORTLISTED"), "SCREENING", { actorRole: "COORDINATOR", gig: GIG_LIGHT });
    expect(noScreening).toMatchObject({ ok: false, code: "NOT_ALLOWED" });
    if (!noScreening.ok) expect(noScreening.message).toMatch(/no screening/i);
    const needsScreening = canTransition(at("SHORTLISTED"), "OFFERED", { actorRole: "COORDINATOR", gig: GIG_FULL });
    expect(needsScreening).toMatchObject({ ok: false, code: "NOT_ALLOWED" });
    if (!needsScreening.ok) expect(needsScreening.message).toMatch(/requires screening/i);
  });

  it("names who may act when the actor is forbidden", () => {
    const r = canTransition(at("INVITED"), "SHORTLISTED", { actorRole: "COORDINATOR", gig: GIG_FULL });
    expect(r).toMatchObject({ ok: false, code: "FORBIDDEN_ACTOR" });
    if (!r.ok) expect(r.message).toMatch(/professional/);
    const w = canTransition(at("OFFERED"), "WITHDRAWN", { actorRole: "ADMIN", gig: GIG_FULL });
    expect(w).toMatchObject({ ok: false, code: "FORBIDDEN_ACTOR" });
  });

  it("rejects a move to the same stage and unknown stages", () => {
    expect(canTransition(at("OFFERED"), "OFFERED", { actorRole: "ADMIN", gig: GIG_FULL })).toMatchObject({
      ok: false,
      code: "NOT_ALLOWED",
    });
    expect(canTransition(at("OFFERED"), "HIRED" as Stage, { actorRole: "ADMIN", gig: GIG_FULL })).toMatchObject({
      ok: false,
      code: "NOT_ALLOWED",
    });
    expect(canTransition(at("LIMBO" as Stage), "OFFERED", { actorRole: "ADMIN", gig: GIG_FULL })).toMatchObject({
      ok: false,
      code: "NOT_ALLOWED",
    });
  });
});

describe("reasons", () => {
  for (const to of REASON_REQUIRED_TARGETS) {
    const from: Stage = to === "OFFBOARDED" ? "ACTIVE" : "SCREENING";
    for (const reason of [undefined, null, "", "   \n\t"]) {
      it(`${from} -> ${to} with reason ${JSON.stringify(reason)} is REASON_REQUIRED`, () => {
        const r = canTransition(at(from), to, { actorRole: "COORDINATOR", gig: GIG_FULL, reason });
        expect(r).toMatchObject({ ok: false, code: "REASON_REQUIRED" });
        if (!r.ok) expect(r.message).toMatch(/professional will see it/);
      });
    }
  }

  it("every DECLINED/OFFBOARDED edge needs a reason, for every permitted role", () => {
    for (const e of EXPECTED.filter((x) => REASON_REQUIRED_TARGETS.includes(x.to))) {
      for (const role of e.roles) {
        expect(canTransition(at(e.from), e.to, { actorRole: role, gig: GIG_FULL })).toMatchObject({
          ok: false,
          code: "REASON_REQUIRED",
        });
        expect(canTransition(at(e.from), e.to, { actorRole: role, gig: GIG_FULL, reason: "Not a fit" }).ok).toBe(true);
      }
    }
  });

  it("reason is checked after the actor: a forbidden actor gets FORBIDDEN_ACTOR even without a reason", () => {
    expect(canTransition(at("APPLIED"), "DECLINED", { actorRole: "PROFESSIONAL", gig: GIG_FULL })).toMatchObject({
      ok: false,
      code: "FORBIDDEN_ACTOR",
    });
  });

  it("withdrawing doesn't need a reason; the event records null or the trimmed reason", () => {
    for (const from of EXPECTED.filter((e) => e.to === "WITHDRAWN").map((e) => e.from)) {
      const r = transition(at(from), "WITHDRAWN", { actorRole: "PROFESSIONAL", gig: GIG_FULL, at: T0 });
      expect(r).toMatchObject({ ok: true, stage: "WITHDRAWN", event: { reason: null, from, to: "WITHDRAWN" } });
    }
    const r = transition(at("OFFERED"), "WITHDRAWN", {
      actorRole: "PROFESSIONAL",
      gig: GIG_FULL,
      reason: "  Took another job  ",
      at: T0,
    });
    expect(r).toMatchObject({ ok: true, event: { reason: "Took another job" } });
    const blank = transition(at("OFFERED"), "WITHDRAWN", { actorRole: "PROFESSIONAL", gig: GIG_FULL, reason: "  ", at: T0 });
    expect(blank).toMatchObject({ ok: true, event: { reason: null } });
  });

  it("reasons passed to forward moves aren't recorded", () => {
    const r = transition(at("APPLIED"), "SHORTLISTED", { actorRole: "COORDINATOR", gig: GIG_FULL, reason: "x", at: T0 });
    expect(r).toMatchObject({ ok: true, event: { reason: null } });
  });

  it("the decline reason is recorded on the event for the professional to see", () => {
    const r = transition(at("SCREENING"), "DECLINED", {
      actorRole: "LAB_MEMBER",
      gig: GIG_FULL,
      reason: "We filled the roles",
      at: T0,
    });
    expect(r).toEqual({
      ok: true,
      stage: "DECLINED",
      event: { from: "SCREENING", to: "DECLINED", actorRole: "LAB_MEMBER", reason: "We filled the roles", at: T0 },
    });
  });
});

describe("guards", () => {
  const coord = (gig: GigRules) => ({ actorRole: "COORDINATOR" as const, gig });

  function guardFail(app: ApplicationState, to: Stage, gig: GigRules): { message: string; details: string[] } {
    const r = canTransition(app, to, coord(gig));
    if (r.ok || r.code !== "GUARD_FAILED") throw new Error(`expected GUARD_FAILED, got ${JSON.stringify(r)}`);
    return { message: r.message, details: r.details ?? [] };
  }

  describe("SCREENING -> OFFERED", () => {
    it("fails when nothing was submitted", () => {
      const f = guardFail(at("SCREENING"), "OFFERED", GIG_FULL);
      expect(f.message).toBe("Can't move to Offer yet: the screening hasn't been submitted and the screening hasn't been scored.");
    });
    it("fails when submitted but not scored", () => {
      const c = completeChecklist();
      c.screening.score = null;
      const f = guardFail(at("SCREENING", c), "OFFERED", GIG_FULL);
      expect(f.details).toEqual(["the screening hasn't been scored"]);
    });
    it("fails when a score exists without a submission (inconsistent data)", () => {
      const c = completeChecklist();
      c.screening.submittedAt = null;
      expect(guardFail(at("SCREENING", c), "OFFERED", GIG_FULL).details).toEqual(["the screening hasn't been submitted"]);
    });
    it("passes when submitted and scored (a score of 0 counts as scored)", () => {
      const c = completeChecklist();
      c.screening.score = 0;
      expect(canTransition(at("SCREENING", c), "OFFERED", coord(GIG_FULL))).toEqual({ ok: true });
    });
  });

  describe("CONTRACTING -> PAYMENT_SETUP", () => {
    it("needs the NDA when the gig requires one", () => {
      const c = completeChecklist();
      c.nda = { acceptedAt: null, acceptedBy: null, textVersion: null };
      expect(guardFail(at("CONTRACTING", c), "PAYMENT_SETUP", GIG_FULL).details).toEqual(["the NDA hasn't been signed"]);
      expect(canTransition(at("CONTRACTING", c), "PAYMENT_SETUP", coord(GIG_LIGHT)).ok).toBe(true);
    });
    it("always needs the contract", () => {
      const c = completeChecklist();
      c.contract = { acceptedAt: null, acceptedBy: null, textVersion: null };
      for (const gig of [GIG_FULL, GIG_LIGHT]) {
        expect(guardFail(at("CONTRACTING", c), "PAYMENT_SETUP", gig).details).toEqual(["the contract hasn't been signed"]);
      }
    });
    it("lists both when both are missing", () => {
      expect(guardFail(at("CONTRACTING"), "PAYMENT_SETUP", GIG_FULL).message).toBe(
        "Can't move to Payment setup yet: the NDA hasn't been signed and the contract hasn't been signed.",
      );
    });
  });

  describe("PAYMENT_SETUP -> TRAINING", () => {
    it.each([
      [false, false, ["the tax form hasn't been confirmed", "the payout details haven't been confirmed"]],
      [true, false, ["the payout details haven't been confirmed"]],
      [false, true, ["the tax form hasn't been confirmed"]],
    ])("tax=%s payout=%s fails with %j", (tax, payout, details) => {
      const c = completeChecklist();
      c.payment = { taxFormConfirmed: tax, payoutConfirmed: payout };
      expect(guardFail(at("PAYMENT_SETUP", c), "TRAINING", GIG_LIGHT).details).toEqual(details);
    });
  });

  describe("TRAINING -> ACTIVE", () => {
    it("needs every training module acknowledged", () => {
      const c = completeChecklist();
      c.training.modulesAcknowledged = ["Safety"];
      const f = guardFail(at("TRAINING", c), "ACTIVE", GIG_FULL);
      expect(f.details).toEqual(['training module "Style guide" hasn\'t been acknowledged']);
      c.training.modulesAcknowledged = [];
      expect(guardFail(at("TRAINING", c), "ACTIVE", GIG_FULL).details).toEqual([
        'training modules "Style guide" and "Safety" haven\'t been acknowledged',
      ]);
    });
    it("ignores extra acknowledged modules", () => {
      const c = completeChecklist();
      c.training.modulesAcknowledged = ["Safety", "Style guide", "Old module"];
      expect(canTransition(at("TRAINING", c), "ACTIVE", coord(GIG_FULL)).ok).toBe(true);
    });
    it("needs the NDA when required (even if the gig changed after contracting)", () => {
      const c = completeChecklist();
      c.nda = { acceptedAt: null, acceptedBy: null, textVersion: null };
      expect(guardFail(at("TRAINING", c), "ACTIVE", GIG_FULL).details).toEqual(["the NDA hasn't been signed"]);
      expect(canTransition(at("TRAINING", c), "ACTIVE", coord({ ...GIG_FULL, ndaRequired: false })).ok).toBe(true);
    });
    it("needs the screening scored when screening is required", () => {
      const c = completeChecklist();
      c.screening.score = null;
      expect(guardFail(at("TRAINING", c), "ACTIVE", GIG_FULL).details).toEqual(["the screening hasn't been submitted and scored"]);
      expect(canTransition(at("TRAINING", c), "ACTIVE", coord({ ...GIG_FULL, screeningRequired: false })).ok).toBe(true);
    });
    it("re-checks contract and payment too", () => {
      const c = emptyChecklist();
      const f = guardFail(at("TRAINING", c), "ACTIVE", GIG_LIGHT);
      expect(f.details).toEqual([
        "the contract hasn't been signed",
        "the tax form hasn't been confirmed",
        "the payout details haven't been confirmed",
      ]);
      expect(f.message).toBe(
        "Can't move to Active yet: the contract hasn't been signed, the tax form hasn't been confirmed and the payout details haven't been confirmed.",
      );
    });
    it("activationBlockers is empty for a complete checklist", () => {
      expect(activationBlockers(completeChecklist(), GIG_FULL)).toEqual([]);
    });
  });

  it("guard failures hide the move from allowedTransitions but keep the others", () => {
    const opts = allowedTransitions(at("CONTRACTING"), { actorRole: "COORDINATOR", gig: GIG_FULL });
    expect(opts).toEqual([]);
    const pro = allowedTransitions(at("CONTRACTING"), { actorRole: "PROFESSIONAL", gig: GIG_FULL });
    expect(pro).toEqual([{ to: "WITHDRAWN", label: "Withdraw", reason: "optional", destructive: true }]);
  });

  it("guard failures are checked after the actor", () => {
    expect(canTransition(at("SCREENING"), "OFFERED", { actorRole: "PROFESSIONAL", gig: GIG_FULL })).toMatchObject({
      ok: false,
      code: "FORBIDDEN_ACTOR",
    });
  });
});

describe("allowedTransitions labels", () => {
  it("phrases buttons for the actor", () => {
    const labels = (stage: Stage, role: ActorRole, gig = GIG_FULL) =>
      allowedTransitions(at(stage, completeChecklist()), { actorRole: role, gig }).map((o) => o.label);
    expect(labels("INVITED", "PROFESSIONAL")).toEqual(["Accept invitation", "Decline invitation"]);
    expect(labels("INVITED", "COORDINATOR")).toEqual(["Withdraw invitation"]);
    expect(labels("APPLIED", "LAB_MEMBER")).toEqual(["Shortlist", "Decline"]);
    expect(labels("OFFERED", "PROFESSIONAL")).toEqual(["Accept offer", "Decline offer"]);
    expect(labels("OFFERED", "COORDINATOR")).toEqual(["Record offer accepted", "Decline"]);
    expect(labels("SHORTLISTED", "ADMIN", GIG_LIGHT)).toEqual(["Make offer", "Decline"]);
    expect(labels("ACTIVE", "LAB_MEMBER")).toEqual(["Offboard"]);
    expect(labels("ACTIVE", "PROFESSIONAL")).toEqual([]);
  });

  it("flags reason rules and destructive moves", () => {
    const opts = allowedTransitions(at("APPLIED"), { actorRole: "COORDINATOR", gig: GIG_FULL });
    expect(opts).toEqual([
      { to: "SHORTLISTED", label: "Shortlist", reason: "none", destructive: false },
      { to: "DECLINED", label: "Decline", reason: "required", destructive: true },
    ]);
  });
});

// ---------------------------------------------------------------------------
// Checklist actions
// ---------------------------------------------------------------------------

type ActionName = (typeof CHECKLIST_ACTIONS)[number]["action"];

/** Runs an action with valid inputs on a checklist where its preconditions hold. */
function runAction(name: ActionName, stage: Stage, role: ActorRole): ChecklistResult {
  const ready = emptyChecklist();
  ready.screening.sentAt = T0.toISOString();
  ready.screening.submittedAt = null;
  const submitted = { ...ready, screening: { ...ready.screening, submittedAt: T0.toISOString() } };
  switch (name) {
    case "sendScreening":
      return sendScreening(at(stage), role, T0);
    case "submitScreening":
      return submitScreening(at(stage, ready), role, T0);
    case "scoreScreening":
      return scoreScreening(at(stage, submitted), role, 75, "Nice");
    case "acceptNda":
      return acceptNda(at(stage), role, "user-1", "nda-v2", T0);
    case "acceptContract":
      return acceptContract(at(stage), role, "user-1", "c-v3", T0);
    case "confirmTaxForm":
      return confirmTaxForm(at(stage), role);
    case "confirmPayout":
      return confirmPayout(at(stage), role);
    case "acknowledgeModule":
      return acknowledgeModule(at(stage), role, "Safety", GIG_FULL.trainingModules);
  }
}

const EXPECTED_ACTIONS: Record<ActionName, { stage: Stage; roles: ActorRole[] }> = {
  sendScreening: { stage: "SCREENING", roles: ["LAB_MEMBER", "COORDINATOR", "ADMIN", "SYSTEM"] },
  submitScreening: { stage: "SCREENING", roles: ["PROFESSIONAL"] },
  scoreScreening: { stage: "SCREENING", roles: ["LAB_MEMBER", "COORDINATOR", "ADMIN"] },
  acceptNda: { stage: "CONTRACTING", roles: ["PROFESSIONAL"] },
  acceptContract: { stage: "CONTRACTING", roles: ["PROFESSIONAL"] },
  confirmTaxForm: { stage: "PAYMENT_SETUP", roles: ["PROFESSIONAL", "COORDINATOR", "ADMIN", "SYSTEM"] },
  confirmPayout: { stage: "PAYMENT_SETUP", roles: ["PROFESSIONAL", "COORDINATOR", "ADMIN", "SYSTEM"] },
  acknowledgeModule: { stage: "TRAINING", roles: ["PROFESSIONAL"] },
};

describe("checklist actions: stage × role table", () => {
  for (const name of Object.keys(EXPECTED_ACTIONS) as ActionName[]) {
    it(`${name} works only in ${EXPECTED_ACTIONS[name].stage} and only for the right roles`, () => {
      for (const stage of ALL_STAGES) {
        for (const role of ALL_ROLES) {
          const r = runAction(name, stage, role);
          const exp = EXPECTED_ACTIONS[name];
          if (stage !== exp.stage) {
            expect(r, `${name} ${stage} ${role}`).toMatchObject({ ok: false, code: "WRONG_STAGE" });
          } else if (!exp.roles.includes(role)) {
            expect(r, `${name} ${stage} ${role}`).toMatchObject({ ok: false, code: "FORBIDDEN_ACTOR" });
          } else {
            expect(r.ok, `${name} ${stage} ${role}`).toBe(true);
          }
          if (!r.ok) expect(r.message.length).toBeGreaterThan(10);
        }
      }
    });
  }

  it("the exported CHECKLIST_ACTIONS table agrees", () => {
    for (const a of CHECKLIST_ACTIONS) {
      expect(a.stage).toBe(EXPECTED_ACTIONS[a.action].stage);
      expect([...a.roles].sort()).toEqual([...EXPECTED_ACTIONS[a.action].roles].sort());
    }
    expect(CHECKLIST_ACTIONS.map((a) => a.action).sort()).toEqual(Object.keys(EXPECTED_ACTIONS).sort());
  });

  it("wrong-stage messages name the stage where it is possible", () => {
    const r = acceptNda(at("OFFERED"), "PROFESSIONAL", "u1", "v1", T0);
    expect(r).toMatchObject({ ok: false, code: "WRONG_STAGE" });
    if (!r.ok) expect(r.message).toContain("Contract & NDA");
  });
});

describe("checklist actions: behaviour", () => {
  it("screening: send -> submit -> score, storing ISO timestamps", () => {
    const c1 = expectOk(sendScreening(at("SCREENING"), "COORDINATOR", T0));
    expect(c1.screening.sentAt).toBe("2025-03-01T09:00:00.000Z");
    const t1 = new Date("2025-03-02T10:00:00Z");
    const c2 = expectOk(submitScreening(at("SCREENING", c1), "PROFESSIONAL", t1));
    expect(c2.screening.submittedAt).toBe(t1.toISOString());
    const c3 = expectOk(scoreScreening(at("SCREENING", c2), "LAB_MEMBER", 91, "  Great timing  "));
    expect(c3.screening).toEqual({
      sentAt: T0.toISOString(),
      submittedAt: t1.toISOString(),
      answer: null,
      score: 91,
      feedback: "Great timing",
    });
    // Re-scoring replaces; blank feedback becomes null.
    const c4 = expectOk(scoreScreening(at("SCREENING", c3), "COORDINATOR", 60, "   "));
    expect(c4.screening.score).toBe(60);
    expect(c4.screening.feedback).toBeNull();
  });

  it("screening: the submission keeps what the professional wrote (trimmed); blank is a bare submission", () => {
    const sent = expectOk(sendScreening(at("SCREENING"), "COORDINATOR", T0));
    const withAnswer = expectOk(submitScreening(at("SCREENING", sent), "PROFESSIONAL", T0, "  Pair 1: B, the button lands.\nPair 2: A.  "));
    expect(withAnswer.screening.answer).toBe("Pair 1: B, the button lands.\nPair 2: A.");
    expect(expectOk(submitScreening(at("SCREENING", sent), "PROFESSIONAL", T0, "   ")).screening.answer).toBeNull();
    expect(normalizeChecklist(JSON.parse(JSON.stringify(withAnswer))).screening.answer).toBe("Pair 1: B, the button lands.\nPair 2: A.");
    expect(normalizeChecklist({ screening: { answer: 42 } }).screening.answer).toBeNull();
  });

  it("can't submit before the screening is sent, or twice", () => {
    expect(submitScreening(at("SCREENING"), "PROFESSIONAL", T0)).toMatchObject({ ok: false, code: "NOT_READY" });
    const c = completeChecklist();
    expect(submitScreening(at("SCREENING", c), "PROFESSIONAL", T0)).toMatchObject({
      ok: false,
      code: "ALREADY_DONE",
    });
  });

  it("can re-send before submission but not after", () => {
    const c1 = expectOk(sendScreening(at("SCREENING"), "LAB_MEMBER", T0));
    const later = new Date("2025-03-05T00:00:00Z");
    expect(expectOk(sendScreening(at("SCREENING", c1), "LAB_MEMBER", later)).screening.sentAt).toBe(later.toISOString());
    expect(sendScreening(at("SCREENING", completeChecklist()), "LAB_MEMBER", later)).toMatchObject({
      ok: false,
      code: "ALREADY_DONE",
    });
  });

  it("can't score before submission", () => {
    expect(scoreScreening(at("SCREENING"), "LAB_MEMBER", 50, null)).toMatchObject({ ok: false, code: "NOT_READY" });
  });

  it.each([-1, 101, 50.5, Number.NaN, Number.POSITIVE_INFINITY])("rejects score %s", (score) => {
    const c = completeChecklist();
    expect(scoreScreening(at("SCREENING", c), "LAB_MEMBER", score, null)).toMatchObject({
      ok: false,
      code: "INVALID_INPUT",
    });
  });

  it.each([0, 100])("accepts boundary score %s", (score) => {
    const c = completeChecklist();
    expect(expectOk(scoreScreening(at("SCREENING", c), "LAB_MEMBER", score, null)).screening.score).toBe(score);
  });

  it("NDA and contract acceptance record who, which text and when", () => {
    const c1 = expectOk(acceptNda(at("CONTRACTING"), "PROFESSIONAL", " user-7 ", " nda-2025-01 ", T0));
    expect(c1.nda).toEqual({ acceptedAt: T0.toISOString(), acceptedBy: "user-7", textVersion: "nda-2025-01" });
    expect(c1.contract.acceptedAt).toBeNull();
    const c2 = expectOk(acceptContract(at("CONTRACTING", c1), "PROFESSIONAL", "user-7", "c-3", T0));
    expect(c2.contract).toEqual({ acceptedAt: T0.toISOString(), acceptedBy: "user-7", textVersion: "c-3" });
    expect(c2.nda).toEqual(c1.nda);
  });

  it("re-accepting the same version is a no-op; a new version replaces it", () => {
    const c1 = expectOk(acceptNda(at("CONTRACTING"), "PROFESSIONAL", "u", "v1", T0));
    const later = new Date("2025-04-01T00:00:00Z");
    expect(expectOk(acceptNda(at("CONTRACTING", c1), "PROFESSIONAL", "u", "v1", later))).toBe(c1);
    expect(expectOk(acceptNda(at("CONTRACTING", c1), "PROFESSIONAL", "u", "v2", later)).nda).toEqual({
      acceptedAt: later.toISOString(),
      acceptedBy: "u",
      textVersion: "v2",
    });
  });

  it.each([
    ["", "v1", T0],
    ["u", "  ", T0],
    ["u", "v1", new Date("not a date")],
  ])("rejects NDA/contract input by=%j version=%j", (by, version, when) => {
    expect(acceptNda(at("CONTRACTING"), "PROFESSIONAL", by, version, when)).toMatchObject({
      ok: false,
      code: "INVALID_INPUT",
    });
    expect(acceptContract(at("CONTRACTING"), "PROFESSIONAL", by, version, when)).toMatchObject({
      ok: false,
      code: "INVALID_INPUT",
    });
  });

  it("rejects invalid dates for screening actions", () => {
    const bad = new Date(Number.NaN);
    expect(sendScreening(at("SCREENING"), "COORDINATOR", bad)).toMatchObject({ code: "INVALID_INPUT" });
    const c = expectOk(sendScreening(at("SCREENING"), "COORDINATOR", T0));
    expect(submitScreening(at("SCREENING", c), "PROFESSIONAL", bad)).toMatchObject({ code: "INVALID_INPUT" });
  });

  it("payment confirmations are idempotent and independent", () => {
    const c1 = expectOk(confirmTaxForm(at("PAYMENT_SETUP"), "PROFESSIONAL"));
    expect(c1.payment).toEqual({ taxFormConfirmed: true, payoutConfirmed: false });
    const c2 = expectOk(confirmTaxForm(at("PAYMENT_SETUP", c1), "PROFESSIONAL"));
    expect(c2.payment).toEqual(c1.payment);
    const c3 = expectOk(confirmPayout(at("PAYMENT_SETUP", c2), "SYSTEM"));
    expect(c3.payment).toEqual({ taxFormConfirmed: true, payoutConfirmed: true });
  });

  it("training modules: idempotent, validated against the gig's list when given", () => {
    const c1 = expectOk(acknowledgeModule(at("TRAINING"), "PROFESSIONAL", "Safety", GIG_FULL.trainingModules));
    const c2 = expectOk(acknowledgeModule(at("TRAINING", c1), "PROFESSIONAL", "Safety", GIG_FULL.trainingModules));
    expect(c2.training.modulesAcknowledged).toEqual(["Safety"]);
    expect(acknowledgeModule(at("TRAINING"), "PROFESSIONAL", "Unknown", GIG_FULL.trainingModules)).toMatchObject({
      ok: false,
      code: "INVALID_INPUT",
    });
    expect(acknowledgeModule(at("TRAINING"), "PROFESSIONAL", "  ")).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    // Without a gig list any non-empty module name is accepted.
    expect(expectOk(acknowledgeModule(at("TRAINING"), "PROFESSIONAL", "Anything")).training.modulesAcknowledged).toEqual(["Anything"]);
  });

  it("never mutates the input checklist", () => {
    const frozen = deepFreeze(emptyChecklist());
    const s = deepFreeze({ ...completeChecklist(), screening: { ...completeChecklist().screening, score: null } });
    expect(() => sendScreening(at("SCREENING", frozen), "COORDINATOR", T0)).not.toThrow();
    expect(() => scoreScreening(at("SCREENING", s), "COORDINATOR", 10, "x")).not.toThrow();
    expect(() => acceptNda(at("CONTRACTING", frozen), "PROFESSIONAL", "u", "v", T0)).not.toThrow();
    expect(() => confirmPayout(at("PAYMENT_SETUP", frozen), "PROFESSIONAL")).not.toThrow();
    expect(() => acknowledgeModule(at("TRAINING", frozen), "PROFESSIONAL", "Safety")).not.toThrow();
    expect(frozen).toEqual(emptyChecklist());
  });
});

describe("emptyChecklist / normalizeChecklist", () => {
  it("emptyChecklist returns a fresh object each time", () => {
    const a = emptyChecklist();
    a.training.modulesAcknowledged.push("x");
    expect(emptyChecklist().training.modulesAcknowledged).toEqual([]);
  });

  it.each([null, undefined, 42, "x", [], {}])("normalizes %j to an empty checklist", (raw) => {
    expect(normalizeChecklist(raw)).toEqual(emptyChecklist());
  });

  it("keeps valid fields and drops malformed ones", () => {
    const raw = {
      screening: { sentAt: "2025-01-01T00:00:00.000Z", submittedAt: 5, score: 140, feedback: "ok" },
      nda: { acceptedAt: "2025-01-02T00:00:00.000Z", acceptedBy: "u", textVersion: "v" },
      payment: { taxFormConfirmed: "yes", payoutConfirmed: true },
      training: { modulesAcknowledged: ["a", 3, "a", "b"] },
    };
    expect(normalizeChecklist(raw)).toEqual({
      screening: { sentAt: "2025-01-01T00:00:00.000Z", submittedAt: null, answer: null, score: null, feedback: "ok" },
      nda: { acceptedAt: "2025-01-02T00:00:00.000Z", acceptedBy: "u", textVersion: "v" },
      contract: { acceptedAt: null, acceptedBy: null, textVersion: null },
      payment: { taxFormConfirmed: false, payoutConfirmed: true },
      training: { modulesAcknowledged: ["a", "b"] },
    });
  });

  it("round-trips through JSON", () => {
    const c = completeChecklist();
    expect(normalizeChecklist(JSON.parse(JSON.stringify(c)))).toEqual(c);
  });
});

// ---------------------------------------------------------------------------
// Happy paths
// ---------------------------------------------------------------------------

describe("happy path", () => {
  function step(app: ApplicationState, to: Stage, role: ActorRole, gig: GigRules): ApplicationState {
    const r = transition(app, to, { actorRole: role, gig, at: T0 });
    if (!r.ok) throw new Error(`${app.stage} -> ${to} by ${role}: ${r.code} ${r.message}`);
    expect(r.event).toEqual({ from: app.stage, to, actorRole: role, reason: null, at: T0 });
    return { stage: r.stage, checklist: app.checklist };
  }
  function act(app: ApplicationState, r: ChecklistResult): ApplicationState {
    return { stage: app.stage, checklist: expectOk(r) };
  }

  it("APPLIED -> ACTIVE on a gig with screening, NDA and training", () => {
    const gig = GIG_FULL;
    let app = at("APPLIED");
    app = step(app, "SHORTLISTED", "LAB_MEMBER", gig);
    app = step(app, "SCREENING", "COORDINATOR", gig);
    app = act(app, sendScreening(app, "COORDINATOR", T0));
    app = act(app, submitScreening(app, "PROFESSIONAL", T0));
    expect(canTransition(app, "OFFERED", { actorRole: "LAB_MEMBER", gig }).ok).toBe(false);
    app = act(app, scoreScreening(app, "LAB_MEMBER", 91, "Sharp notes"));
    app = step(app, "OFFERED", "LAB_MEMBER", gig);
    app = step(app, "CONTRACTING", "PROFESSIONAL", gig);
    app = act(app, acceptContract(app, "PROFESSIONAL", "pro-1", "c-1", T0));
    expect(autoAdvanceTarget(app, gig)).toBeNull(); // NDA still missing
    app = act(app, acceptNda(app, "PROFESSIONAL", "pro-1", "nda-1", T0));
    expect(autoAdvanceTarget(app, gig)).toBe("PAYMENT_SETUP");
    app = step(app, "PAYMENT_SETUP", "SYSTEM", gig);
    app = act(app, confirmTaxForm(app, "PROFESSIONAL"));
    app = act(app, confirmPayout(app, "PROFESSIONAL"));
    app = step(app, "TRAINING", "COORDINATOR", gig);
    app = act(app, acknowledgeModule(app, "PROFESSIONAL", "Style guide", gig.trainingModules));
    expect(autoAdvanceTarget(app, gig)).toBeNull();
    app = act(app, acknowledgeModule(app, "PROFESSIONAL", "Safety", gig.trainingModules));
    expect(autoAdvanceTarget(app, gig)).toBe("ACTIVE");
    app = step(app, "ACTIVE", "ADMIN", gig);
    expect(app.stage).toBe("ACTIVE");
    expect(activationBlockers(app.checklist, gig)).toEqual([]);
    expect(autoAdvanceTarget(app, gig)).toBeNull();
  });

  it("INVITED -> ACTIVE on a light gig (no screening, no NDA, no modules)", () => {
    const gig = GIG_LIGHT;
    let app = at("INVITED");
    app = step(app, "SHORTLISTED", "PROFESSIONAL", gig); // accept invitation
    app = step(app, "OFFERED", "COORDINATOR", gig);
    app = step(app, "CONTRACTING", "COORDINATOR", gig);
    app = act(app, acceptContract(app, "PROFESSIONAL", "pro-2", "c-1", T0));
    app = step(app, "PAYMENT_SETUP", "COORDINATOR", gig);
    app = act(app, confirmTaxForm(app, "COORDINATOR"));
    app = act(app, confirmPayout(app, "SYSTEM"));
    app = step(app, "TRAINING", "SYSTEM", gig);
    app = step(app, "ACTIVE", "SYSTEM", gig);
    expect(app.stage).toBe("ACTIVE");
    // ...and offboarding with a reason ends it.
    const off = transition(app, "OFFBOARDED", { actorRole: "LAB_MEMBER", gig, reason: "Project ended", at: T0 });
    expect(off).toMatchObject({ ok: true, stage: "OFFBOARDED", event: { reason: "Project ended" } });
  });
});

// ---------------------------------------------------------------------------
// Progress tracker
// ---------------------------------------------------------------------------

describe("progress", () => {
  const statuses = (p: ReturnType<typeof progress>) => p.steps.map((s) => `${s.stage}:${s.status}`);

  it("APPLIED on a screening gig: waiting on the coordinator with a day counter", () => {
    const p = progress({ ...at("APPLIED"), stageEnteredAt: new Date("2025-03-01T09:00:00Z") }, GIG_FULL, {
      now: new Date("2025-03-03T12:00:00Z"),
    });
    expect(statuses(p)).toEqual([
      "APPLIED:current",
      "SHORTLISTED:next",
      "SCREENING:next",
      "OFFERED:next",
      "CONTRACTING:next",
      "PAYMENT_SETUP:next",
      "TRAINING:next",
      "ACTIVE:next",
    ]);
    expect(p.nextAction).toEqual({
      text: "Waiting for the coordinator to review your application (day 3 of 5)",
      waitingOn: "COORDINATOR",
    });
    expect(p.steps[0].todo).toBe(p.nextAction?.text);
    expect(p.steps.slice(1).every((s) => s.todo === null)).toBe(true);
    expect(p).toMatchObject({ daysInStage: 2, slaDays: 5, stale: false, outcome: "IN_PROGRESS" });
  });

  it("marks overdue waits", () => {
    const p = progress({ ...at("APPLIED"), stageEnteredAt: T0 }, GIG_FULL, {
      now: new Date(T0.getTime() + 6 * 86_400_000),
    });
    expect(p.nextAction?.text).toBe("Waiting for the coordinator to review your application (day 7 of 5 — overdue)");
    expect(p.stale).toBe(true);
  });

  it("omits the day counter without dates", () => {
    expect(progress(at("APPLIED"), GIG_FULL).nextAction?.text).toBe("Waiting for the coordinator to review your application");
  });

  it("skips screening for gigs without it", () => {
    const p = progress(at("OFFERED"), GIG_LIGHT);
    expect(statuses(p)).toEqual([
      "APPLIED:done",
      "SHORTLISTED:done",
      "SCREENING:skipped",
      "OFFERED:current",
      "CONTRACTING:next",
      "PAYMENT_SETUP:next",
      "TRAINING:next",
      "ACTIVE:next",
    ]);
    expect(progress(at("APPLIED"), GIG_LIGHT).steps[2].status).toBe("skipped");
    expect(p.nextAction).toEqual({ text: "Review and accept your offer", waitingOn: "YOU" });
  });

  it("starts with Invited for invitations", () => {
    const p = progress(at("INVITED"), GIG_FULL);
    expect(p.steps[0]).toMatchObject({ stage: "INVITED", status: "current", todo: "Accept or decline the invitation" });
    expect(progress({ ...at("OFFERED"), startedAs: "INVITED" }, GIG_FULL).steps[0]).toMatchObject({
      stage: "INVITED",
      status: "done",
    });
  });

  it.each<[Stage, (c: Checklist) => void, GigRules, string, "YOU" | "COORDINATOR" | null]>([
    ["SHORTLISTED", () => {}, GIG_FULL, "Waiting for the coordinator to send your screening task", "COORDINATOR"],
    ["SHORTLISTED", () => {}, GIG_LIGHT, "Waiting for the coordinator to prepare your offer", "COORDINATOR"],
    ["SCREENING", () => {}, GIG_FULL, "Waiting for your screening task to be sent", "COORDINATOR"],
    [
      "SCREENING",
      (c) => {
        c.screening.sentAt = "x";
      },
      GIG_FULL,
      "Submit your screening",
      "YOU",
    ],
    [
      "SCREENING",
      (c) => {
        c.screening.sentAt = "x";
        c.screening.submittedAt = "y";
      },
      GIG_FULL,
      "Waiting for your screening to be scored",
      "COORDINATOR",
    ],
    ["CONTRACTING", () => {}, GIG_FULL, "Sign the NDA", "YOU"],
    ["CONTRACTING", () => {}, GIG_LIGHT, "Sign the contract", "YOU"],
    [
      "CONTRACTING",
      (c) => {
        c.nda.acceptedAt = "x";
      },
      GIG_FULL,
      "Sign the contract",
      "YOU",
    ],
    [
      "CONTRACTING",
      (c) => {
        c.nda.acceptedAt = "x";
        c.contract.acceptedAt = "x";
      },
      GIG_FULL,
      "Waiting for the coordinator to start payment setup",
      "COORDINATOR",
    ],
    ["PAYMENT_SETUP", () => {}, GIG_FULL, "Confirm your tax form", "YOU"],
    [
      "PAYMENT_SETUP",
      (c) => {
        c.payment.taxFormConfirmed = true;
      },
      GIG_FULL,
      "Confirm your payout details",
      "YOU",
    ],
    ["TRAINING", () => {}, GIG_FULL, 'Read training module "Style guide" (0 of 2 done)', "YOU"],
    [
      "TRAINING",
      (c) => {
        c.training.modulesAcknowledged = ["Style guide"];
      },
      GIG_FULL,
      'Read training module "Safety" (1 of 2 done)',
      "YOU",
    ],
    ["TRAINING", () => {}, GIG_LIGHT, "Waiting for the coordinator to activate you", "COORDINATOR"],
  ])("%s: tells the professional what's next (case %#)", (stage, mutate, gig, text, waitingOn) => {
    const c = emptyChecklist();
    mutate(c);
    const p = progress(at(stage, c), gig);
    expect(p.nextAction).toEqual({ text, waitingOn });
    const current = p.steps.filter((s) => s.status === "current");
    expect(current).toHaveLength(1);
    expect(current[0]).toMatchObject({ stage, todo: text, waitingOn });
  });

  it("ACTIVE: all done before it, no action needed", () => {
    const p = progress(at("ACTIVE", completeChecklist()), GIG_FULL);
    expect(p.steps.slice(0, -1).every((s) => s.status === "done")).toBe(true);
    expect(p.steps.at(-1)).toMatchObject({ stage: "ACTIVE", status: "current" });
    expect(p.nextAction).toBeNull();
    expect(p.outcome).toBe("ACTIVE");
  });

  it("DECLINED shows how far they got and the reason", () => {
    const p = progress({ ...at("DECLINED"), previousStage: "SCREENING" }, GIG_FULL, { reason: "Roles filled" });
    expect(statuses(p)).toEqual(["APPLIED:done", "SHORTLISTED:done", "DECLINED:current"]);
    expect(p.steps.at(-1)?.todo).toBe("Not selected: Roles filled");
    expect(p.outcome).toBe("DECLINED");
    expect(p.nextAction).toBeNull();
  });

  it("WITHDRAWN without history shows just the outcome", () => {
    const p = progress(at("WITHDRAWN"), GIG_FULL);
    expect(statuses(p)).toEqual(["WITHDRAWN:current"]);
    expect(p.steps[0].todo).toBe("You withdrew from this gig");
  });

  it("OFFBOARDED shows the whole path done", () => {
    const p = progress(at("OFFBOARDED"), GIG_LIGHT, { reason: "Project wrapped" });
    expect(statuses(p)).toEqual([
      "APPLIED:done",
      "SHORTLISTED:done",
      "SCREENING:skipped",
      "OFFERED:done",
      "CONTRACTING:done",
      "PAYMENT_SETUP:done",
      "TRAINING:done",
      "ACTIVE:done",
      "OFFBOARDED:current",
    ]);
    expect(p.steps.at(-1)?.todo).toBe("Offboarded: Project wrapped");
  });

  it("every non-terminal stage has exactly one current step with a todo", () => {
    for (const stage of ALL_STAGES) {
      for (const gig of [GIG_FULL, GIG_LIGHT]) {
        const p = progress(at(stage), gig);
        const cur = p.steps.filter((s) => s.status === "current");
        expect(cur, stage).toHaveLength(1);
        expect(cur[0].stage).toBe(stage);
        expect(cur[0].todo?.length).toBeGreaterThan(5);
        for (const s of p.steps) expect(s.description.length).toBeGreaterThan(10);
      }
    }
  });
});

// ---------------------------------------------------------------------------
// SLAs
// ---------------------------------------------------------------------------

describe("SLAs", () => {
  const DAY = 86_400_000;

  it("has an SLA for every waiting stage and none for ACTIVE or terminal stages", () => {
    expect(Object.keys(DEFAULT_SLA_DAYS).sort()).toEqual([...ALL_STAGES].sort());
    for (const s of ALL_STAGES) {
      if (s === "ACTIVE" || isTerminal(s)) expect(DEFAULT_SLA_DAYS[s]).toBeNull();
      else expect(DEFAULT_SLA_DAYS[s]).toBeGreaterThan(0);
    }
  });

  it("daysInStage counts whole elapsed days, never negative", () => {
    expect(daysInStage(T0, T0)).toBe(0);
    expect(daysInStage(T0, new Date(T0.getTime() + DAY - 1))).toBe(0);
    expect(daysInStage(T0, new Date(T0.getTime() + DAY))).toBe(1);
    expect(daysInStage(T0, new Date(T0.getTime() + 10.5 * DAY))).toBe(10);
    expect(daysInStage(T0, new Date(T0.getTime() - 3 * DAY))).toBe(0);
    expect(daysInStage(new Date("bad"), T0)).toBe(0);
  });

  it("isStale flips just after the SLA has fully elapsed", () => {
    const sla = DEFAULT_SLA_DAYS.APPLIED as number;
    expect(isStale(T0, "APPLIED", new Date(T0.getTime() + sla * DAY))).toBe(false);
    expect(isStale(T0, "APPLIED", new Date(T0.getTime() + sla * DAY + 1))).toBe(true);
  });

  it("stages without an SLA are never stale", () => {
    const far = new Date(T0.getTime() + 1000 * DAY);
    for (const s of ["ACTIVE", ...TERMINAL_STAGES] as Stage[]) expect(isStale(T0, s, far)).toBe(false);
  });

  it("accepts a custom (partial) SLA table, falling back to defaults", () => {
    const now = new Date(T0.getTime() + 2 * DAY);
    expect(isStale(T0, "OFFERED", now, { OFFERED: 1 })).toBe(true);
    expect(isStale(T0, "OFFERED", now, { OFFERED: null })).toBe(false);
    expect(isStale(T0, "SHORTLISTED", new Date(T0.getTime() + 4 * DAY), { OFFERED: 1 })).toBe(true);
    expect(isStale(new Date("bad"), "OFFERED", now)).toBe(false);
  });
});

describe("configurable SLAs and reminders", () => {
  const DAY = 86_400_000;
  const item = (over: Partial<OverdueItem> = {}): OverdueItem => ({
    applicationId: "app1",
    gigId: "gig1",
    gigTitle: "Dialogue ranking",
    personName: "Ada",
    stage: "APPLIED",
    days: 7,
    slaDays: 5,
    waitingOn: "COORDINATOR",
    todo: "Waiting for the coordinator to review your application",
    ...over,
  });

  it("SLA stages are exactly the stages with a default SLA", () => {
    expect([...SLA_STAGES].sort()).toEqual(ALL_STAGES.filter((s) => DEFAULT_SLA_DAYS[s] !== null).sort());
  });

  it("resolveSlaTable applies overrides, null turns an SLA off, and junk is ignored", () => {
    const t = resolveSlaTable([
      { stage: "APPLIED", days: 2 },
      { stage: "TRAINING", days: null },
      { stage: "ACTIVE", days: 3 },
      { stage: "DECLINED", days: 1 },
      { stage: "OFFERED", days: 0 },
      { stage: "SCREENING", days: MAX_SLA_DAYS + 1 },
      { stage: "CONTRACTING", days: 2.5 },
      { stage: "NOPE", days: 4 },
    ]);
    expect(t.APPLIED).toBe(2);
    expect(t.TRAINING).toBeNull();
    expect(t.ACTIVE).toBeNull();
    expect(t.DECLINED).toBeNull();
    expect(t.OFFERED).toBe(DEFAULT_SLA_DAYS.OFFERED);
    expect(t.SCREENING).toBe(DEFAULT_SLA_DAYS.SCREENING);
    expect(t.CONTRACTING).toBe(DEFAULT_SLA_DAYS.CONTRACTING);
    expect(Object.keys(t).sort()).toEqual([...ALL_STAGES].sort());
  });

  it("property: whatever the overrides, ACTIVE and terminal stages never get an SLA and values stay in range", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ stage: fc.constantFrom(...ALL_STAGES, "X"), days: fc.option(fc.integer({ min: -5, max: 200 }), { nil: null }) }),
        ),
        (rows) => {
          const t = resolveSlaTable(rows);
          for (const s of ALL_STAGES) {
            const d = t[s];
            if (s === "ACTIVE" || isTerminal(s)) expect(d).toBeNull();
            else if (d !== null) expect(d >= 1 && d <= MAX_SLA_DAYS).toBe(true);
          }
        },
      ),
    );
  });

  it("slaDueAt agrees with isStale", () => {
    const due = slaDueAt(T0, "APPLIED", { APPLIED: 2 });
    expect(due?.getTime()).toBe(T0.getTime() + 2 * DAY);
    expect(slaDueAt(T0, "ACTIVE")).toBeNull();
    expect(slaDueAt(T0, "APPLIED", { APPLIED: null })).toBeNull();
    fc.assert(
      fc.property(
        fc.constantFrom(...SLA_STAGES),
        fc.integer({ min: 1, max: MAX_SLA_DAYS }),
        fc.integer({ min: 0, max: 200 * DAY }),
        (stage, days, elapsed) => {
          const sla = { [stage]: days };
          const now = new Date(T0.getTime() + elapsed);
          const d = slaDueAt(T0, stage, sla) as Date;
          expect(isStale(T0, stage, now, sla)).toBe(now.getTime() > d.getTime());
        },
      ),
    );
  });

  it("responsibleCoordinators: named and active > last mover > everyone", () => {
    const all = ["c3", "c1", "c2", "c1"];
    expect(responsibleCoordinators({ gigCoordinator: { id: "c9", active: true }, lastStaffActorId: "c2", allCoordinatorIds: all })).toEqual(
      ["c9"],
    );
    expect(
      responsibleCoordinators({ gigCoordinator: { id: "c9", active: false }, lastStaffActorId: "c2", allCoordinatorIds: all }),
    ).toEqual(["c2"]);
    expect(responsibleCoordinators({ gigCoordinator: null, lastStaffActorId: null, allCoordinatorIds: all })).toEqual(["c1", "c2", "c3"]);
    fc.assert(
      fc.property(
        fc.option(fc.record({ id: fc.string({ minLength: 1 }), active: fc.boolean() }), { nil: null }),
        fc.option(fc.string({ minLength: 1 }), { nil: null }),
        fc.array(fc.string({ minLength: 1 }), { minLength: 1 }),
        (named, last, everyone) => {
          const r = responsibleCoordinators({ gigCoordinator: named, lastStaffActorId: last, allCoordinatorIds: everyone });
          expect(r.length).toBeGreaterThan(0); // a reminder never goes to nobody
          expect(new Set(r).size).toBe(r.length);
        },
      ),
    );
  });

  it("the professional is told honestly who the wait is on", () => {
    const theirs = professionalReminder(item({ stage: "CONTRACTING", waitingOn: "YOU", todo: "Sign the NDA" }));
    expect(theirs.title).toContain("waiting on you");
    expect(theirs.body).toContain("Sign the NDA");
    expect(theirs.body).toContain("7 days; we aim for 5");
    const ours = professionalReminder(item());
    expect(ours.title).toContain("taking longer");
    expect(ours.body).toContain("not on you");
    expect(ours.body).toContain("reminded them");
  });

  it("the coordinator digest counts everything and lists the longest waits first, at most 10", () => {
    const items = Array.from({ length: 13 }, (_, i) => item({ applicationId: `a${i}`, personName: `P${i}`, days: i + 6 }));
    const d = coordinatorDigest(items);
    expect(d.title).toBe("13 applications are past their SLA");
    const lines = d.body.split("\n");
    expect(lines).toHaveLength(11);
    expect(lines[0]).toContain("P12");
    expect(lines[10]).toBe("…and 3 more.");
    expect(coordinatorDigest([item({ waitingOn: "YOU" })]).body).toContain("(waiting on them)");
    expect(coordinatorDigest([item()]).title).toBe("1 application is past its SLA");
  });

  it("reminderSentAt counts only a reminder for the current visit to the stage", () => {
    const entered = new Date(T0.getTime() + 3 * DAY);
    const sent = new Date(T0.getTime() + 9 * DAY);
    expect(reminderSentAt({ stageEnteredAt: entered, slaNudgedStageAt: new Date(entered), slaNudgedAt: sent })).toEqual(sent);
    expect(reminderSentAt({ stageEnteredAt: entered, slaNudgedStageAt: T0, slaNudgedAt: sent })).toBeNull(); // an earlier stage's reminder
    expect(reminderSentAt({ stageEnteredAt: entered, slaNudgedStageAt: null, slaNudgedAt: null })).toBeNull();
  });

  it("overdueNotice never claims a reminder that was not sent", () => {
    fc.assert(
      fc.property(
        fc.constantFrom<"YOU" | "COORDINATOR" | null>("YOU", "COORDINATOR", null),
        fc.option(fc.date({ min: new Date(2020, 0, 1), max: new Date(2030, 0, 1), noInvalidDate: true }), { nil: null }),
        (waitingOn, remindedAt) => {
          const text = overdueNotice({ waitingOn, todo: "Sign the NDA", days: 9, slaDays: 5, remindedAt });
          expect(text).toContain("9 days; we aim for 5");
          if (waitingOn === "YOU") expect(text).toContain("waiting on you: Sign the NDA");
          else if (remindedAt) expect(text).toContain(`We reminded the coordinator on ${remindedAt.toISOString().slice(0, 10)}`);
          else {
            expect(text).toContain("has not been reminded yet");
            expect(text).not.toContain("We reminded");
          }
        },
      ),
    );
  });
});

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

type Op =
  | { kind: "transition"; to: Stage; role: ActorRole; reason: string | undefined }
  | { kind: "action"; action: ActionName; role: ActorRole; score: number; module: string };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant("transition" as const),
    to: fc.constantFrom(...ALL_STAGES),
    role: fc.constantFrom(...ALL_ROLES),
    reason: fc.option(fc.constantFrom("", " ", "Not a fit"), { nil: undefined }),
  }),
  fc.record({
    kind: fc.constant("action" as const),
    action: fc.constantFrom(...(Object.keys(EXPECTED_ACTIONS) as ActionName[])),
    role: fc.constantFrom(...ALL_ROLES),
    score: fc.integer({ min: -5, max: 105 }),
    module: fc.constantFrom("Style guide", "Safety", "Ethics", "Bogus"),
  }),
);

const gigArb: fc.Arbitrary<GigRules> = fc.record({
  screeningRequired: fc.boolean(),
  ndaRequired: fc.boolean(),
  trainingModules: fc.subarray(["Style guide", "Safety", "Ethics"]),
});

function applyAction(app: ApplicationState, op: Extract<Op, { kind: "action" }>, gig: GigRules): ChecklistResult {
  switch (op.action) {
    case "sendScreening":
      return sendScreening(app, op.role, T0);
    case "submitScreening":
      return submitScreening(app, op.role, T0);
    case "scoreScreening":
      return scoreScreening(app, op.role, op.score, "fb");
    case "acceptNda":
      return acceptNda(app, op.role, "u", "v1", T0);
    case "acceptContract":
      return acceptContract(app, op.role, "u", "v1", T0);
    case "confirmTaxForm":
      return confirmTaxForm(app, op.role);
    case "confirmPayout":
      return confirmPayout(app, op.role);
    case "acknowledgeModule":
      return acknowledgeModule(app, op.role, op.module, gig.trainingModules);
  }
}

/** Independent restatement of the activation conditions. */
function readyToBeActive(c: Checklist, gig: GigRules): boolean {
  const modulesDone = gig.trainingModules.every((m) => c.training.modulesAcknowledged.includes(m));
  const ndaOk = !gig.ndaRequired || c.nda.acceptedAt !== null;
  const screeningOk = !gig.screeningRequired || (c.screening.submittedAt !== null && c.screening.score !== null);
  return modulesDone && ndaOk && screeningOk && c.contract.acceptedAt !== null && c.payment.taxFormConfirmed && c.payment.payoutConfirmed;
}

describe("properties", () => {
  it("random operation sequences only take table edges, never reach ACTIVE unguarded, and never leave a terminal stage", () => {
    fc.assert(
      fc.property(gigArb, fc.constantFrom<Stage>("APPLIED", "INVITED"), fc.array(opArb, { maxLength: 80 }), (gig, start, ops) => {
        let app: ApplicationState = at(start);
        for (const op of ops) {
          if (op.kind === "action") {
            const r = applyAction(app, op, gig);
            if (r.ok) app = { ...app, checklist: r.checklist };
            continue;
          }
          const before = app.stage;
          const r = transition(app, op.to, { actorRole: op.role, gig, reason: op.reason, at: T0 });
          if (!r.ok) continue;
          // The move was in the expected table for this role...
          expect(expectedAllowed(before, op.to, op.role, gig)).toBe(true);
          // ...never out of a terminal stage...
          expect(isTerminal(before)).toBe(false);
          // ...with a reason when one is required.
          if (REASON_REQUIRED_TARGETS.includes(op.to)) expect(r.event.reason?.trim()).toBeTruthy();
          if (op.to === "ACTIVE") expect(readyToBeActive(app.checklist, gig)).toBe(true);
          app = { ...app, stage: r.stage };
        }
        if (isTerminal(app.stage)) {
          for (const role of ALL_ROLES) expect(allowedTransitions(app, { actorRole: role, gig })).toEqual([]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("a guided random walk does reach ACTIVE (so the property above isn't vacuous)", () => {
    // Always try the next pipeline move with a permitted role after completing everything possible.
    fc.assert(
      fc.property(gigArb, (gig) => {
        let app: ApplicationState = at("APPLIED");
        for (let i = 0; i < 20 && app.stage !== "ACTIVE"; i++) {
          for (const a of Object.keys(EXPECTED_ACTIONS) as ActionName[]) {
            for (const module of ["Style guide", "Safety", "Ethics"]) {
              for (const role of ALL_ROLES) {
                const r = applyAction(app, { kind: "action", action: a, role, score: 70, module }, gig);
                if (r.ok) app = { ...app, checklist: r.checklist };
              }
            }
          }
          const next = allowedTransitions(app, { actorRole: "ADMIN", gig }).find((o) => !o.destructive);
          const nextPro = allowedTransitions(app, { actorRole: "PROFESSIONAL", gig }).find((o) => !o.destructive);
          const pick = next ?? nextPro;
          if (!pick) break;
          const role: ActorRole = next ? "ADMIN" : "PROFESSIONAL";
          const r = transition(app, pick.to, { actorRole: role, gig, at: T0 });
          if (r.ok) app = { ...app, stage: r.stage };
        }
        expect(app.stage).toBe("ACTIVE");
        expect(readyToBeActive(app.checklist, gig)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it("canTransition and allowedTransitions agree for arbitrary checklists", () => {
    const checklistArb: fc.Arbitrary<Checklist> = fc.record({
      screening: fc.record({
        sentAt: fc.option(fc.constant(T0.toISOString()), { nil: null }),
        submittedAt: fc.option(fc.constant(T0.toISOString()), { nil: null }),
        answer: fc.option(fc.constant("My rankings"), { nil: null }),
        score: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
        feedback: fc.constant(null),
      }),
      nda: fc.oneof(
        fc.constant({ acceptedAt: null, acceptedBy: null, textVersion: null }),
        fc.constant({ acceptedAt: T0.toISOString(), acceptedBy: "u", textVersion: "v" }),
      ),
      contract: fc.oneof(
        fc.constant({ acceptedAt: null, acceptedBy: null, textVersion: null }),
        fc.constant({ acceptedAt: T0.toISOString(), acceptedBy: "u", textVersion: "v" }),
      ),
      payment: fc.record({ taxFormConfirmed: fc.boolean(), payoutConfirmed: fc.boolean() }),
      training: fc.record({ modulesAcknowledged: fc.subarray(["Style guide", "Safety", "Ethics"]) }),
    });
    fc.assert(
      fc.property(fc.constantFrom(...ALL_STAGES), fc.constantFrom(...ALL_ROLES), gigArb, checklistArb, (stage, role, gig, checklist) => {
        const app = at(stage, checklist);
        const listed = allowedTransitions(app, { actorRole: role, gig }).map((o) => o.to);
        for (const to of ALL_STAGES) {
          const ok = canTransition(app, to, { actorRole: role, gig, reason: "r" }).ok;
          expect(listed.includes(to)).toBe(ok);
          if (to === "ACTIVE" && ok) expect(readyToBeActive(checklist, gig)).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });
});
