import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { acceptedInvitation, actorLabel, labSeesProfile } from "~/domain/candidate";
import { STAGES, type Stage } from "~/domain/onboarding";

const stage = fc.constantFrom(...STAGES.map((s) => s.key as Stage));
const move = fc.record({
  fromStage: fc.option(stage, { nil: null }),
  toStage: stage,
  actorRole: fc.constantFrom("PROFESSIONAL", "LAB_MEMBER", "COORDINATOR", "ADMIN", "SYSTEM"),
});
const history = fc.array(move, { maxLength: 8 });

describe("what a lab sees of an applicant", () => {
  it("a profile shared with labs is always visible; an application always shares it", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("APPLIED", "INVITED", "RECOMMENDED") as fc.Arbitrary<"APPLIED" | "INVITED" | "RECOMMENDED">,
        history,
        (origin, h) => {
          expect(labSeesProfile({ visibility: "LABS", origin, history: h })).toBe(true);
          expect(labSeesProfile({ visibility: "COORDINATORS", origin: "APPLIED", history: h })).toBe(true);
        },
      ),
    );
  });

  it("a coordinators-only person who was invited is visible exactly when they accepted the invitation themself", () => {
    fc.assert(
      fc.property(fc.constantFrom("INVITED", "RECOMMENDED") as fc.Arbitrary<"INVITED" | "RECOMMENDED">, history, (origin, h) => {
        const accepted = h.some((t) => t.fromStage === "INVITED" && t.toStage === "SHORTLISTED" && t.actorRole === "PROFESSIONAL");
        expect(labSeesProfile({ visibility: "COORDINATORS", origin, history: h })).toBe(accepted);
        expect(acceptedInvitation(h)).toBe(accepted);
      }),
    );
    // A coordinator withdrawing the invitation does not share anything.
    expect(
      labSeesProfile({
        visibility: "COORDINATORS",
        origin: "INVITED",
        history: [
          { fromStage: null, toStage: "INVITED", actorRole: "COORDINATOR" },
          { fromStage: "INVITED", toStage: "DECLINED", actorRole: "COORDINATOR" },
        ],
      }),
    ).toBe(false);
  });

  it("names who moved an application in people's words", () => {
    expect(actorLabel("COORDINATOR", "Priya Natarajan")).toBe("Coordinator Priya Natarajan");
    expect(actorLabel("LAB_MEMBER", "Lucia Ferraro")).toBe("Lab member Lucia Ferraro");
    expect(actorLabel("PROFESSIONAL", "Someone Else")).toBe("The professional");
    expect(actorLabel("SYSTEM", null)).toBe("Automatic (paperwork complete)");
  });
});
