/**
 * The run's Chromium (tests/setup/chromium.ts) is started with the browser window's own drop-downs
 * off (WINDOW_FEATURES_OFF), merged into Playwright's --disable-features rather than replacing it:
 * Chromium keeps only the last --disable-features, so a second one would silently turn Playwright's
 * own list back on. This checks what the running browser actually does, from chrome://version and
 * the browser's list of targets, not what we meant to pass.
 */
import { describe, expect, it } from "vitest";
import { WINDOW_FEATURES_OFF } from "../../scripts/lib/chromium";
import { useBrowser } from "./browser";

const browser = useBrowser();

describe("the run's Chromium", () => {
  it("has one merged --disable-features: Playwright's own features and the window features are all off", async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    await page.goto("chrome://version");
    const commandLine = (await page.locator("#command_line").textContent()) ?? "";
    const given = commandLine.match(/--disable-features=\S+/g) ?? [];
    expect(given, "exactly one --disable-features on the command line (Chromium keeps only the last)").toHaveLength(1);
    const asked = given[0]!.slice("--disable-features=".length).split(",");
    // Playwright's own list comes first and is not empty (it turns off, among others, paint holding).
    expect(asked.length).toBeGreaterThan(WINDOW_FEATURES_OFF.length);
    expect(asked).toEqual(expect.arrayContaining([...WINDOW_FEATURES_OFF]));
    // What Chromium made of it: "Command-line Variations" is base64 JSON of the effective switches.
    const encoded = (await page.content()).match(/eyJ[A-Za-z0-9+/=]+/)?.[0];
    expect(encoded, "chrome://version shows the command-line variations").toBeTruthy();
    const effective = JSON.parse(Buffer.from(encoded!, "base64").toString("utf8")) as { "disable-features": string };
    expect(new Set(effective["disable-features"].split(","))).toEqual(new Set(asked));
    await context.close();
  });

  it("opens a context and a page without loading the browser's toolbar drop-downs (top-chrome WebUI)", async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    await page.goto("data:text/html,<title>t</title><p>page</p>");
    const cdp = await browser().newBrowserCDPSession();
    const { targetInfos } = (await cdp.send("Target.getTargets")) as { targetInfos: { type: string; url: string }[] };
    await cdp.detach();
    expect(targetInfos.some((t) => t.type === "page" && t.url.startsWith("data:text/html"))).toBe(true);
    expect(targetInfos.filter((t) => t.url.includes(".top-chrome")).map((t) => t.url)).toEqual([]);
    await context.close();
  });
});
