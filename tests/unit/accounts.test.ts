import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { roleCount } from "~/domain/accounts";

describe("roleCount (the admin page's summary line)", () => {
  it("says one of a role in the singular and any other number in the plural", () => {
    expect(roleCount("ADMIN", 1)).toBe("1 admin");
    expect(roleCount("ADMIN", 2)).toBe("2 admins");
    expect(roleCount("LAB_MEMBER", 1)).toBe("1 lab member");
    expect(roleCount("LAB_MEMBER", 0)).toBe("0 lab members");
    expect(roleCount("COORDINATOR", 12)).toBe("12 coordinators");
    expect(roleCount("PROFESSIONAL", 1_250)).toBe("1,250 professionals");
  });

  it("never shows an underscore or a doubled plural, for any known role and count", () => {
    fc.assert(
      fc.property(fc.constantFrom("PROFESSIONAL", "LAB_MEMBER", "COORDINATOR", "ADMIN"), fc.nat(1_000_000), (role, n) => {
        const text = roleCount(role, n);
        expect(text).not.toMatch(/_|ss$/);
        expect(text.endsWith("s")).toBe(n !== 1);
      }),
    );
  });

  it("names a role it does not know in words rather than in code", () => {
    expect(roleCount("SUPPORT_AGENT", 1)).toBe("1 support agent");
    expect(roleCount("SUPPORT_AGENT", 3)).toBe("3 support agent accounts");
  });
});
