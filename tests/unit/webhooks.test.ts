/**
 * The pure part of lab webhooks: the SSRF guard's address classification (IPv4, IPv6, IPv4 inside
 * IPv6 in every spelling), the URL rules, the retry schedule, the payload's shape.
 */
import { isIP } from "node:net";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_RETRY_POLICY,
  checkEndpointUrl,
  classifyAddress,
  eventBody,
  isLoopbackHost,
  orderKeyOf,
  retryDelayMs,
  shouldDisable,
} from "~/domain/webhooks";

const octet = fc.integer({ min: 0, max: 255 });
const v4 = fc.tuple(octet, octet, octet, octet);
const dotted = (a: number[]) => a.join(".");
const hex = (n: number) => n.toString(16);
/** The IPv4 address's spellings inside IPv6 that must be judged like the IPv4 address. */
const mappedForms = ([a, b, c, d]: number[]) => [
  `::ffff:${a}.${b}.${c}.${d}`,
  `::ffff:${hex((a << 8) | b)}:${hex((c << 8) | d)}`,
  `0:0:0:0:0:ffff:${hex((a << 8) | b)}:${hex((c << 8) | d)}`,
  `::FFFF:${hex((a << 8) | b).toUpperCase()}:${hex((c << 8) | d)}`,
  `64:ff9b::${a}.${b}.${c}.${d}`,
  `2002:${hex((a << 8) | b)}:${hex((c << 8) | d)}::1`,
];

/** An independent statement of the blocked IPv4 ranges, as CIDR blocks. */
const BLOCKED_V4: [string, number, string][] = [
  ["0.0.0.0", 8, "reserved"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "cgnat"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local"],
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "reserved"],
  ["192.0.2.0", 24, "reserved"],
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "reserved"],
  ["198.51.100.0", 24, "reserved"],
  ["203.0.113.0", 24, "reserved"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved"],
];
const toInt = (a: number[]) => ((a[0] << 24) | (a[1] << 16) | (a[2] << 8) | a[3]) >>> 0;
function expectedV4(a: number[]): string {
  const n = toInt(a);
  for (const [net, bits, cls] of BLOCKED_V4) {
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    if ((n & mask) >>> 0 === (toInt(net.split(".").map(Number)) & mask) >>> 0) return cls;
  }
  return "public";
}

describe("classifyAddress", () => {
  it("knows the ranges the guard refuses", () => {
    const table: [string, string][] = [
      ["10.0.0.1", "private"],
      ["172.31.255.255", "private"],
      ["172.32.0.1", "public"],
      ["192.168.1.1", "private"],
      ["127.0.0.1", "loopback"],
      ["127.255.255.254", "loopback"],
      ["169.254.169.254", "link-local"],
      ["100.64.0.1", "cgnat"],
      ["100.127.255.255", "cgnat"],
      ["100.128.0.1", "public"],
      ["224.0.0.251", "multicast"],
      ["239.255.255.250", "multicast"],
      ["0.0.0.0", "reserved"],
      ["255.255.255.255", "reserved"],
      ["8.8.8.8", "public"],
      ["::1", "loopback"],
      ["::", "reserved"],
      ["fe80::1", "link-local"],
      ["fe80::1%eth0", "link-local"],
      ["fd12:3456::1", "private"],
      ["fc00::1", "private"],
      ["ff02::1", "multicast"],
      ["2001:db8::1", "reserved"],
      ["2606:4700:4700::1111", "public"],
      ["::ffff:127.0.0.1", "loopback"],
      ["::ffff:7f00:1", "loopback"],
      ["::ffff:169.254.169.254", "link-local"],
      ["::ffff:a9fe:a9fe", "link-local"],
      ["::ffff:8.8.8.8", "public"],
      ["::127.0.0.1", "loopback"],
      ["64:ff9b::10.0.0.1", "private"],
      ["2002:0a00:0001::", "private"],
      ["not-an-ip", "invalid"],
      ["1::2::3", "invalid"],
      ["1:2:3:4:5:6:7:8:9", "invalid"],
      ["256.1.1.1", "invalid"],
      ["010.0.0.1", "invalid"],
    ];
    for (const [ip, cls] of table) expect(classifyAddress(ip), ip).toBe(cls);
  });

  it("agrees with an independent CIDR table for every IPv4 address", () => {
    fc.assert(
      fc.property(v4, (a) => classifyAddress(dotted(a)) === expectedV4(a)),
      { numRuns: 5000 },
    );
  });

  it("judges an IPv4 address inside IPv6 (mapped, NAT64, 6to4; any spelling) like the IPv4 address", () => {
    fc.assert(
      fc.property(v4, (a) => {
        const want = expectedV4(a);
        for (const form of mappedForms(a)) {
          expect(isIP(form), form).toBe(6);
          expect(classifyAddress(form), form).toBe(want);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("parses every IPv6 address node accepts, in full and compressed form, to the same class", () => {
    const group = fc.integer({ min: 0, max: 0xffff });
    fc.assert(
      fc.property(
        fc.array(group, { minLength: 8, maxLength: 8 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 1, max: 7 }),
        (g, start, len) => {
          const full = g.map(hex).join(":");
          const zeroed = g.map((x, i) => (i >= start && i < Math.min(8, start + len) ? 0 : x));
          const fullZeroed = zeroed.map(hex).join(":");
          const end = Math.min(8, start + len);
          const compressed = `${zeroed.slice(0, start).map(hex).join(":")}::${zeroed.slice(end).map(hex).join(":")}`;
          expect(isIP(compressed), compressed).toBe(6);
          expect(classifyAddress(full)).not.toBe("invalid");
          expect(classifyAddress(compressed), compressed).toBe(classifyAddress(fullZeroed));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("never calls anything outside global unicast 2000::/3 public", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 }), (g) => {
        const ip = g.map(hex).join(":");
        if (classifyAddress(ip) === "public") expect(g[0] & 0xe000).toBe(0x2000);
      }),
    );
  });
});

describe("endpoint URL rules", () => {
  it("https only, http for loopback hosts on a local run, no credentials", () => {
    expect(checkEndpointUrl("https://hooks.example.org/x", { production: true }).ok).toBe(true);
    expect(checkEndpointUrl("http://hooks.example.org/x", { production: false }).ok).toBe(false);
    expect(checkEndpointUrl("http://127.0.0.1:8080/x", { production: false }).ok).toBe(true);
    expect(checkEndpointUrl("http://localhost:8080/x", { production: false }).ok).toBe(true);
    expect(checkEndpointUrl("http://[::1]:8080/x", { production: false }).ok).toBe(true);
    expect(checkEndpointUrl("http://127.0.0.1:8080/x", { production: true }).ok).toBe(false);
    expect(checkEndpointUrl("https://user:pw@hooks.example.org/", { production: true }).ok).toBe(false);
    expect(checkEndpointUrl("ftp://hooks.example.org/", { production: false }).ok).toBe(false);
    expect(checkEndpointUrl("not a url", { production: false }).ok).toBe(false);
    for (const host of ["10.0.0.1", "169.254.169.254", "[::1]", "[::ffff:10.0.0.1]", "localhost", "100.64.0.1", "[fe80::1]"]) {
      expect(checkEndpointUrl(`https://${host}/x`, { production: true }).ok, host).toBe(false);
    }
    expect(isLoopbackHost("app.localhost")).toBe(true);
    expect(isLoopbackHost("example.org")).toBe(false);
  });
});

describe("retry schedule", () => {
  it("grows exponentially within ±20% jitter and never passes the cap", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (attempt, r) => {
        const d = retryDelayMs(attempt, DEFAULT_RETRY_POLICY, r);
        const exp = Math.min(DEFAULT_RETRY_POLICY.maxDelayMs, DEFAULT_RETRY_POLICY.baseDelayMs * 2 ** (attempt - 1));
        expect(d).toBeGreaterThanOrEqual(Math.floor(exp * 0.8));
        expect(d).toBeLessThanOrEqual(DEFAULT_RETRY_POLICY.maxDelayMs);
        expect(d).toBeLessThanOrEqual(Math.ceil(exp * 1.2));
      }),
    );
    expect(retryDelayMs(2, DEFAULT_RETRY_POLICY, 0.5)).toBe(2 * retryDelayMs(1, DEFAULT_RETRY_POLICY, 0.5));
  });

  it("disables only after enough failures over enough time", () => {
    const p = { disableAfterFailures: 5, disableAfterMs: 3600_000 };
    const t0 = new Date("2026-01-01T00:00:00Z");
    expect(shouldDisable(5, t0, new Date(t0.getTime() + 3600_000), p)).toBe(true);
    expect(shouldDisable(4, t0, new Date(t0.getTime() + 7200_000), p)).toBe(false);
    expect(shouldDisable(50, t0, new Date(t0.getTime() + 60_000), p)).toBe(false);
  });
});

describe("event body", () => {
  it("carries exactly the event's fields, ordered by application or gig", () => {
    const e = {
      type: "application.stage_changed" as const,
      applicationId: "a1",
      gigId: "g1",
      fromStage: "APPLIED",
      toStage: "SHORTLISTED",
    };
    const body = JSON.parse(eventBody(e, { eventId: "evt_1", labId: "l1", createdAt: new Date("2026-01-01T00:00:00Z") }));
    expect(body).toEqual({
      id: "evt_1",
      type: "application.stage_changed",
      createdAt: "2026-01-01T00:00:00.000Z",
      labId: "l1",
      data: { applicationId: "a1", gigId: "g1", fromStage: "APPLIED", toStage: "SHORTLISTED" },
    });
    expect(orderKeyOf(e)).toBe("application:a1");
    expect(orderKeyOf({ type: "gig.status_changed", gigId: "g1", fromStatus: "OPEN", toStatus: "PAUSED" })).toBe("gig:g1");
  });
});
