import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RELATIVE_LIMIT_DAYS, absoluteTime, relativeTime } from "../../app/domain/time";

const now = new Date("2026-12-03T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

describe("relativeTime", () => {
  it("says it as people do", () => {
    expect(relativeTime(ago(20_000), now)).toBe("just now");
    expect(relativeTime(ago(60_000), now)).toBe("1 minute ago");
    expect(relativeTime(ago(5 * 60_000), now)).toBe("5 minutes ago");
    expect(relativeTime(ago(3 * 3_600_000), now)).toBe("3 hours ago");
    expect(relativeTime(ago(26 * 3_600_000), now)).toBe("yesterday");
    expect(relativeTime(ago(6 * 86_400_000), now)).toBe("6 days ago");
    expect(relativeTime(ago(-2 * 3_600_000), now)).toBe("in 2 hours");
    expect(relativeTime(ago(-30 * 3_600_000), now)).toBe("tomorrow");
    expect(relativeTime(ago(30 * 86_400_000), now)).toBeNull();
  });

  it("property: relative only within a week, 'ago' exactly for the past", () => {
    fc.assert(
      fc.property(fc.integer({ min: -30 * 86_400_000, max: 30 * 86_400_000 }), (ms) => {
        const r = relativeTime(ago(ms), now);
        const days = Math.floor(Math.abs(ms) / 86_400_000);
        expect(r === null).toBe(days > RELATIVE_LIMIT_DAYS);
        if (r && Math.abs(ms) >= 60_000) expect(r.endsWith(" ago") || r === "yesterday").toBe(ms > 0);
      }),
    );
  });
});

describe("absoluteTime", () => {
  it("shows the time in the viewer's zone, named", () => {
    const t = new Date("2026-12-03T07:05:00Z");
    expect(absoluteTime(t, "UTC")).toBe("3 Dec 2026, 07:05 UTC");
    expect(absoluteTime(t, "America/Los_Angeles")).toBe("2 Dec 2026, 23:05 GMT-8");
    expect(absoluteTime(t, "Not/AZone")).toBe("3 Dec 2026, 07:05 UTC");
  });
});
