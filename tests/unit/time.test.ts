import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  RELATIVE_LIMIT_DAYS,
  absoluteTime,
  calendarDay,
  dayIn,
  displayTime,
  isValidTimeZone,
  relativeTime,
  resolveTimeZone,
  timeZoneLabel,
  timeZoneNames,
} from "~/domain/time";

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

describe("the viewer's zone", () => {
  it("account choice first, then the browser's report, else UTC; unknown zones are ignored", () => {
    expect(resolveTimeZone("Asia/Tokyo", "Europe/Paris")).toEqual({ zone: "Asia/Tokyo", source: "account" });
    expect(resolveTimeZone(null, "Europe/Paris")).toEqual({ zone: "Europe/Paris", source: "browser" });
    expect(resolveTimeZone("Not/AZone", "America/Los_Angeles")).toEqual({ zone: "America/Los_Angeles", source: "browser" });
    expect(resolveTimeZone(undefined, "<script>")).toEqual({ zone: "UTC", source: "default" });
    expect(resolveTimeZone(null, null)).toEqual({ zone: "UTC", source: "default" });
  });

  it("renders an instant in the viewer's zone, relative when near", () => {
    const t = new Date("2026-12-04T02:30:00Z");
    expect(displayTime(t, "America/Los_Angeles", now, false)).toEqual({
      shown: "3 Dec 2026, 18:30 GMT-8",
      absolute: "3 Dec 2026, 18:30 GMT-8",
    });
    expect(displayTime(t, "America/Los_Angeles", now).shown).toBe("in 14 hours");
    expect(displayTime(new Date("2027-01-20T10:00:00Z"), "Asia/Tokyo", now).shown).toBe("20 Jan 2027, 19:00 GMT+9");
  });

  it("calendar days are never shifted; 'tomorrow' counts from the viewer's own today", () => {
    // 16:00 UTC on 3 Dec is already 4 Dec in Tokyo and still 3 Dec in Los Angeles.
    const late = new Date("2026-12-03T16:00:00Z");
    expect(calendarDay("2026-12-04", "Asia/Tokyo", late)).toEqual({ shown: "4 Dec 2026 (today)", absolute: "4 Dec 2026" });
    expect(calendarDay("2026-12-04", "America/Los_Angeles", late)).toEqual({ shown: "4 Dec 2026 (tomorrow)", absolute: "4 Dec 2026" });
    expect(calendarDay("2026-12-10", "UTC", now)?.shown).toBe("10 Dec 2026 (in 7 days)");
    expect(calendarDay("2026-11-30", "UTC", now)?.shown).toBe("30 Nov 2026 (3 days ago)");
    expect(calendarDay("2027-03-01", "UTC", now)?.shown).toBe("1 Mar 2027");
    expect(calendarDay("not a day", "UTC", now)).toBeNull();
  });

  it("property: never throws for any IANA zone and any instant, and always names a time", () => {
    const zones = timeZoneNames();
    expect(zones.length).toBeGreaterThan(300);
    expect(zones[0]).toBe("UTC");
    const instant = fc.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2200-12-31T23:59:59Z"), noInvalidDate: true });
    fc.assert(
      fc.property(fc.constantFrom(...zones), instant, instant, fc.boolean(), (zone, at, clock, relative) => {
        expect(isValidTimeZone(zone)).toBe(true);
        const { shown, absolute } = displayTime(at, zone, clock, relative);
        expect(absolute).toMatch(/^\d{1,2} [A-Z][a-z]{2,3} \d{4}, \d\d:\d\d \S+/);
        expect(shown.length).toBeGreaterThan(0);
        expect(dayIn(at, zone)).toMatch(/^\d{4}-\d\d-\d\d$/);
        const day = calendarDay(dayIn(at, "UTC"), zone, clock);
        expect(day?.absolute).toMatch(/^\d{1,2} [A-Z][a-z]{2,3} \d{4}$/);
        expect(timeZoneLabel(zone, at).length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it("property: any string from a cookie or a form resolves to a usable zone without throwing", () => {
    fc.assert(
      fc.property(fc.option(fc.string()), fc.option(fc.string()), (chosen, detected) => {
        const { zone } = resolveTimeZone(chosen, detected);
        expect(isValidTimeZone(zone)).toBe(true);
        expect(() => absoluteTime(now, zone)).not.toThrow();
      }),
    );
  });
});

describe("cached formatters (one Intl.DateTimeFormat per kind and zone)", () => {
  const zones = [
    "UTC",
    "Europe/Paris",
    "America/Los_Angeles",
    "Asia/Kolkata",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "Nowhere/Atlantis",
  ];
  it("format exactly as a formatter built for the call, and an unknown zone still falls back to UTC", () => {
    const fresh = (zone: string, options: Intl.DateTimeFormatOptions, locale = "en-GB") => {
      try {
        return new Intl.DateTimeFormat(locale, { ...options, timeZone: zone });
      } catch {
        return new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" });
      }
    };
    const absolute: Intl.DateTimeFormatOptions = {
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZoneName: "short",
    };
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: 0, max: 4_102_444_800_000 }), (zone, ms) => {
        const date = new Date(ms);
        // Twice: the second call is served by the cached formatter.
        for (let i = 0; i < 2; i++) {
          expect(absoluteTime(date, zone)).toBe(fresh(zone, absolute).format(date));
          expect(dayIn(date, zone)).toBe(fresh(zone, { year: "numeric", month: "2-digit", day: "2-digit" }, "en-CA").format(date));
          expect(isValidTimeZone(zone)).toBe(zone !== "Nowhere/Atlantis");
        }
      }),
      { numRuns: 200 },
    );
  });

  it("stay correct past the cache's size limit (zones from cookies cannot grow it without bound)", () => {
    const all = Intl.supportedValuesOf("timeZone");
    const date = new Date(Date.UTC(2026, 11, 3, 14, 5));
    for (const zone of [...all, ...all]) expect(dayIn(date, zone)).toMatch(/^2026-12-0[34]$/);
    expect(absoluteTime(date, "UTC")).toBe("3 Dec 2026, 14:05 UTC");
  });
});
