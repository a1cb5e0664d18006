/**
 * Finds the Chromium the browser tests drive (playwright-core never downloads one here), and on a
 * Debian-like machine where we are root installs Debian's `chromium` package once. Every way this
 * can fail ends in one sentence that says exactly how to get a Chromium.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";

/** Usual places, in order: Debian/Ubuntu, other Linux packages, snaps, macOS apps. */
export const CHROMIUM_CANDIDATES = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome-stable",
  "/usr/bin/google-chrome",
  "/snap/bin/chromium",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
];

export interface MachineFacts {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  isRoot: boolean;
  hasAptGet: boolean;
  exists: (file: string) => boolean;
}

export type ChromiumLookup = { path: string } | { install: true } | { error: string };

export function howToInstallChromium(platform: NodeJS.Platform): string {
  if (platform === "darwin") return "install it with `brew install --cask chromium` (or Google Chrome), or set CHROMIUM_PATH to its binary";
  if (platform === "linux") {
    return "install it with `sudo apt-get install -y chromium` (Debian/Ubuntu; the test run does this by itself when it runs as root), or set CHROMIUM_PATH to a Chromium or Chrome binary";
  }
  return "install Chromium or Google Chrome and set CHROMIUM_PATH to its binary";
}

/** Pure: where the browser is, whether we may install it, or the one sentence why not. */
export function lookupChromium(facts: MachineFacts): ChromiumLookup {
  const explicit = facts.env.CHROMIUM_PATH;
  if (explicit) {
    return facts.exists(explicit)
      ? { path: explicit }
      : {
          error: `CHROMIUM_PATH is set to ${explicit}, which does not exist: point it at a Chromium binary, or unset it to let the tests find one.`,
        };
  }
  const found = CHROMIUM_CANDIDATES.find((file) => facts.exists(file));
  if (found) return { path: found };
  if (facts.platform === "linux" && facts.isRoot && facts.hasAptGet && facts.env.CHROMIUM_INSTALL !== "0") return { install: true };
  return {
    error: `The browser tests need Chromium and none was found (looked at CHROMIUM_PATH and ${CHROMIUM_CANDIDATES.length} usual places): ${howToInstallChromium(facts.platform)}.`,
  };
}

export function machineFacts(env: Record<string, string | undefined> = process.env): MachineFacts {
  return {
    env,
    platform: process.platform,
    isRoot: typeof process.getuid === "function" && process.getuid() === 0,
    hasAptGet: existsSync("/usr/bin/apt-get"),
    exists: existsSync,
  };
}

/** Runs a command to its end without blocking the event loop; resolves with its exit code and stderr. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    child.on("error", (e) => resolve({ status: null, stderr: `${stderr}\n${e.message}` }));
    child.on("close", (status) => resolve({ status, stderr }));
  });
}

/**
 * Finds Chromium, installing Debian's package once when we can; `log` hears what is being done.
 * Asynchronous, so the test run's own process keeps serving its workers while apt-get works
 * (tests/setup/chromium.ts: the other tests run during the install).
 */
export async function ensureChromium(
  log: (line: string) => void,
  facts: MachineFacts = machineFacts(),
): Promise<{ path: string } | { error: string }> {
  const first = lookupChromium(facts);
  if (!("install" in first)) return first;
  log(
    "No Chromium found for the browser tests; installing Debian's chromium package once (apt-get update && apt-get install -y chromium, about a minute; the other tests run meanwhile)...",
  );
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const update = await run("apt-get", ["update", "-qq"], env);
  const install = update.status === 0 ? await run("apt-get", ["install", "-y", "-qq", "chromium"], env) : update;
  const after = lookupChromium({ ...facts, env: { ...facts.env, CHROMIUM_INSTALL: "0" } });
  if ("path" in after) {
    log(`Installed ${after.path}.`);
    return after;
  }
  const why = install.stderr.trim().split("\n").pop() || `exit code ${install.status}`;
  return {
    error: `The browser tests need Chromium, and installing Debian's chromium package failed (${why}): ${howToInstallChromium(facts.platform)}.`,
  };
}

/**
 * Features of the browser WINDOW, not of the pages in it, that the browser tests switch off. New
 * headless Chromium still builds every window's top bar, and for each window (each Playwright browser
 * context) it loads the address bar's drop-down and its AI-mode drop-down as WebUI pages in a renderer
 * of their own ("top-chrome" renderers). Measured on 2026-12-04: about 1 CPU-s of those renderers per
 * context against 0.2 CPU-s for the page itself; with them off a context cost 0.58-0.62 CPU-s instead
 * of 1.8-2.0 (docs/decisions/0048-chromium-window-features-off.md). Pages render the same: these are
 * drop-downs and a button of the browser's own toolbar, which no test shows.
 */
export const WINDOW_FEATURES_OFF = ["WebUIOmniboxPopup", "WebUIOmniboxAimPopup", "WebUIReloadButton"] as const;

/**
 * Chromium keeps only the LAST `--disable-features=` of its command line, and Playwright passes one of
 * its own (features it needs off). Given the arguments Playwright launched Chromium with, this returns
 * the argument to tell Playwright to leave out (`ignoreDefaultArgs`) and one merged `--disable-features=`
 * holding Playwright's features and `extra`, in that order, without repeats.
 */
export function mergeDisabledFeatures(launchedWith: readonly string[], extra: readonly string[]): { ignore: string[]; arg: string } {
  const prefix = "--disable-features=";
  const ignore = launchedWith.filter((a) => a.startsWith(prefix));
  const features = ignore.flatMap((a) => a.slice(prefix.length).split(",")).filter(Boolean);
  return { ignore, arg: prefix + [...new Set([...features, ...extra])].join(",") };
}
