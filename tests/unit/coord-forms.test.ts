/**
 * The coordinator forms' schemas (board, candidate view, rules, SLAs, talent invite), parsed the
 * Conform way from FormData as the browser and the server both do.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSubmission } from "~/components/conform";
import { assignFormSchema, bulkFormSchema, candidateScoreSchema, cardMoveValue, moveFormSchema, withCardMove } from "~/domain/board";
import { ruleFormSchema, slaFormSchema, talentInviteSchema } from "~/domain/coord-forms";
import { SLA_STAGES } from "~/domain/onboarding";

function form(entries: [string, string][]): FormData {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
}

const errorsOf = (s: { status?: string; error?: Record<string, string[] | null> | null }) =>
  Object.fromEntries(Object.entries(s.error ?? {}).filter(([, v]) => v?.length));

describe("board move", () => {
  const base: [string, string][] = [
    ["intent", "move"],
    ["applicationId", "app_1"],
    ["version", "3"],
  ];
  it("declining needs a reason the person will read; spaces are no reason", () => {
    for (const reason of [undefined, "", "   "]) {
      const s = parseSubmission(
        form([...base, ["to", "DECLINED"], ...(reason === undefined ? [] : ([["reason", reason]] as [string, string][]))]),
        moveFormSchema,
      );
      expect(errorsOf(s)).toEqual({ reason: ["Give a reason: the person will read it."] });
    }
    const ok = parseSubmission(form([...base, ["to", "DECLINED"], ["reason", "  Needs multi-cam credits. "]]), moveFormSchema);
    expect(ok.status).toBe("success");
    if (ok.status === "success") expect(ok.value).toMatchObject({ to: "DECLINED", reason: "Needs multi-cam credits.", version: 3 });
  });
  it("a forward move needs no reason", () => {
    expect(parseSubmission(form([...base, ["to", "SHORTLISTED"]]), moveFormSchema).status).toBe("success");
  });
  it("a card's next-step button (one shared form) sends application, version and stage in one value", () => {
    const pressed = withCardMove(
      form([
        ["_csrf", "t"],
        ["intent", "move"],
        ["move", cardMoveValue("app_1", 3, "SHORTLISTED")],
      ]),
    );
    expect([...pressed]).toEqual([
      ["_csrf", "t"],
      ["intent", "move"],
      ["applicationId", "app_1"],
      ["version", "3"],
      ["to", "SHORTLISTED"],
    ]);
    const s = parseSubmission(pressed, moveFormSchema);
    expect(s.status).toBe("success");
    if (s.status === "success") expect(s.value).toMatchObject({ applicationId: "app_1", version: 3, to: "SHORTLISTED" });
    // the button's value wins over posted fields; a form without it is untouched; a broken value is refused by the schema
    const both = withCardMove(form([...base, ["to", "DECLINED"], ["move", "app_2:4:SHORTLISTED"]]));
    expect([both.get("applicationId"), both.get("version"), both.get("to")]).toEqual(["app_2", "4", "SHORTLISTED"]);
    const plain = form([...base, ["to", "SHORTLISTED"]]);
    expect(withCardMove(plain)).toBe(plain);
    for (const bad of ["", "app_1", "app_1:x:SHORTLISTED", "app_1:3:NOWHERE"])
      expect(
        parseSubmission(
          withCardMove(
            form([
              ["intent", "move"],
              ["move", bad],
            ]),
          ),
          moveFormSchema,
        ).status,
      ).toBe("error");
  });
});

describe("board bulk bar", () => {
  it("'Message selected' needs people and a message, never a stage", () => {
    const ok = parseSubmission(
      form([
        ["intent", "bulk-message"],
        ["select", "app_1:0"],
        ["to", ""],
        ["reason", ""],
        ["message", "Hello"],
      ]),
      bulkFormSchema,
    );
    expect(ok.status).toBe("success");
    if (ok.status === "success") expect(ok.value).toMatchObject({ intent: "bulk-message", select: ["app_1:0"], message: "Hello" });
    expect(
      errorsOf(
        parseSubmission(
          form([
            ["intent", "bulk-message"],
            ["select", "app_1:0"],
            ["message", " "],
          ]),
          bulkFormSchema,
        ),
      ),
    ).toEqual({ message: ["Write a message."] });
    expect(
      errorsOf(
        parseSubmission(
          form([
            ["intent", "bulk-message"],
            ["message", "Hi"],
          ]),
          bulkFormSchema,
        ),
      ),
    ).toEqual({ select: ["Select at least one person."] });
  });
  it("'Move selected' needs a stage; one or many ticked boxes are a list", () => {
    expect(
      errorsOf(
        parseSubmission(
          form([
            ["intent", "bulk-move"],
            ["select", "a:1"],
            ["to", ""],
          ]),
          bulkFormSchema,
        ),
      ),
    ).toEqual({ to: ["Choose a stage to move to."] });
    const many = parseSubmission(
      form([
        ["intent", "bulk-move"],
        ["select", "a:1"],
        ["select", "b:2"],
        ["to", "SHORTLISTED"],
      ]),
      bulkFormSchema,
    );
    expect(many.status === "success" && many.value.select).toEqual(["a:1", "b:2"]);
  });
  it("never accepts a selection that is not id:version", () => {
    fc.assert(
      fc.property(fc.string(), (junk) => {
        fc.pre(!/^[\w-]{1,40}:\d{1,9}$/.test(junk));
        return (
          parseSubmission(
            form([
              ["intent", "bulk-message"],
              ["select", junk],
              ["message", "Hi"],
            ]),
            bulkFormSchema,
          ).status === "error"
        );
      }),
    );
  });
});

describe("other coordinator forms", () => {
  it("assign: empty means nobody named", () => {
    const s = parseSubmission(
      form([
        ["intent", "assign"],
        ["coordinatorId", ""],
      ]),
      assignFormSchema,
    );
    expect(s.status === "success" && s.value.coordinatorId).toBeNull();
  });
  it("scoring: an empty score is not 0", () => {
    expect(
      errorsOf(
        parseSubmission(
          form([
            ["intent", "score"],
            ["version", "1"],
            ["score", ""],
            ["feedback", "Good"],
          ]),
          candidateScoreSchema,
        ),
      ),
    ).toEqual({
      score: ["Enter a score from 0 to 100."],
    });
  });
  it("SLA: empty turns a stage off, a missing stage is kept, bad values name their stage", () => {
    const s = parseSubmission(
      form([
        ["APPLIED", "4"],
        ["SCREENING", ""],
      ]),
      slaFormSchema,
    );
    expect(s.status).toBe("success");
    if (s.status === "success") {
      expect(s.value.APPLIED).toBe(4);
      expect(s.value.SCREENING).toBeNull();
      expect("OFFERED" in s.value && s.value.OFFERED !== undefined).toBe(false);
    }
    expect(
      errorsOf(
        parseSubmission(
          form([
            ["APPLIED", "abc"],
            ["INVITED", "0"],
          ]),
          slaFormSchema,
        ),
      ),
    ).toEqual({
      APPLIED: ["Use a whole number of days, or leave it empty for no SLA."],
      INVITED: ["Use 1 to 90 days, or leave it empty for no SLA."],
    });
    expect(SLA_STAGES).toContain("APPLIED");
  });
  it("rule: a short rationale and a weight out of range are field errors; no intent means save", () => {
    const bad = parseSubmission(
      form([
        ["taskType", "DIALOGUE_PREFERENCE_RANKING"],
        ["weight", "1.5"],
        ["rationale", "short"],
      ]),
      ruleFormSchema,
    );
    expect(Object.keys(errorsOf(bad)).sort()).toEqual(["rationale", "weight"]);
    const ok = parseSubmission(
      form([
        ["role", "EDITOR"],
        ["taskType", "DIALOGUE_PREFERENCE_RANKING"],
        ["weight", "0.5"],
        ["rationale", "Editors judge pacing daily."],
      ]),
      ruleFormSchema,
    );
    expect(ok.status === "success" && ok.value).toMatchObject({ intent: "save", key: "", role: "EDITOR", department: null, weight: 0.5 });
    expect(
      parseSubmission(
        form([
          ["intent", "delete"],
          ["taskType", "DIALOGUE_PREFERENCE_RANKING"],
          ["weight", "0.5"],
          ["rationale", "Editors judge pacing daily."],
        ]),
        ruleFormSchema,
      ).status,
    ).toBe("error");
  });
  it("talent invite: a person and a gig", () => {
    expect(Object.keys(errorsOf(parseSubmission(form([["intent", "invite"]]), talentInviteSchema))).sort()).toEqual(["gig", "profileId"]);
    expect(
      parseSubmission(
        form([
          ["intent", "invite"],
          ["profileId", "p1"],
          ["gig", "g1"],
        ]),
        talentInviteSchema,
      ).status,
    ).toBe("success");
  });
});
