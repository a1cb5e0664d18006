/**
 * A page that fails inside a section (app/routes.ts) is caught by that section's error boundary
 * (app/routes/_section.tsx), not the root's: the failed page says what happened inside the normal
 * frame, with the signed-in navigation and the footer still there. A failing page inside the
 * profile keeps the profile's own section links.
 */
import { describe, expect, it } from "vitest";
import { useTestServer } from "../setup/server";
import { openTab, textOf, uiLogIn, uiSignUp, useBrowser, visit } from "./browser";
import { seedCoordinator, seedLab } from "./seed";

const base = await useTestServer();
const browser = useBrowser();

/** Which route's boundary rendered the error, as Remix recorded it in the page's hydration data. */
async function errorBoundaryIds(page: import("playwright-core").Page): Promise<string[]> {
  return page.evaluate(() =>
    Object.keys(
      (window as unknown as { __remixContext: { state: { errors: Record<string, unknown> | null } } }).__remixContext.state.errors ?? {},
    ),
  );
}

describe("section error boundaries", () => {
  it("a coordinator's missing gig: 404 in the coord section, navigation and footer kept", async () => {
    const coordinator = await seedCoordinator("Iris Novak");
    const tab = await openTab(browser(), base);
    await uiLogIn(tab, coordinator.email);
    const page = await visit(tab, "/coord/gigs/gig_does_not_exist", { status: 404 });
    expect(await errorBoundaryIds(page)).toEqual(["section-coord"]);
    expect(await textOf(page.getByRole("heading", { level: 1 }))).toBe("404 Not found");
    expect(await page.getByRole("alert").count()).toBeGreaterThan(0);
    expect(await textOf(page.getByRole("navigation", { name: "Main" }))).toContain("Iris Novak");
    expect(await page.locator("footer.site-footer").isVisible()).toBe(true);
    await tab.context.close();
  });

  it("a lab member on another lab's page and a professional's unknown application: caught by their sections", async () => {
    const lab = await seedLab(base, "Section Test Lab", "Omar Haddad");
    const tab = await openTab(browser(), base);
    await uiLogIn(tab, lab.ownerEmail);
    const labPage = await visit(tab, "/labs/no-such-lab/members", { status: 404 });
    expect(await errorBoundaryIds(labPage)).toEqual(["section-lab"]);
    expect(await textOf(labPage.getByRole("navigation", { name: "Main" }))).toContain("Omar Haddad");
    await tab.context.close();

    const proTab = await openTab(browser(), base);
    await uiSignUp(proTab, { name: "Nell Armitage" });
    const proPage = await visit(proTab, "/me/applications/app_does_not_exist", { status: 404 });
    expect(await errorBoundaryIds(proPage)).toEqual(["section-me"]);
    expect(await textOf(proPage.getByRole("navigation", { name: "Main" }))).toContain("Nell Armitage");
    await proTab.context.close();
  });
});
