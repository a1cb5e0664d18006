import { describe, expect, it } from "vitest";
import { newId } from "~/ids.server";

describe("newId", () => {
  it("makes cuids in Prisma's format, all different, ordered by time", () => {
    const ids = Array.from({ length: 20_000 }, () => newId());
    for (const id of ids) expect(id).toMatch(/^c[0-9a-z]{24}$/);
    expect(new Set(ids).size).toBe(ids.length);
    // The time block (8 base-36 characters after the "c") is the current time in milliseconds.
    const t = Number.parseInt(newId().slice(1, 9), 36);
    expect(Math.abs(t - Date.now())).toBeLessThan(1_000);
  });
});
