/**
 * Adding a lab webhook endpoint in Chromium (issue 24), with JavaScript on and off: a missing choice
 * of events is refused next to the field and the URL is kept; success redirects with the signing
 * secret shown once (a reload no longer has it); the form is empty again and the endpoint is listed.
 */
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { useTestServer } from "../setup/server";
import { mainText, openTab, reload, screenshot, submit, textOf, uiLogIn, useBrowser, visit } from "./browser";
import { seedLab } from "./seed";

const base = await useTestServer();
const browser = useBrowser();

for (const js of [true, false]) {
  const mode = js ? "on" : "off";
  describe(`webhook endpoints (JavaScript ${mode})`, () => {
    it("adds an endpoint; the secret is shown once", async () => {
      const lab = await seedLab(base, `Hook Lab ${mode}`, "Wendy Webhook");
      const tab = await openTab(browser(), base, { js });
      const { page } = tab;
      const path = `/labs/${lab.slug}/webhooks`;
      await uiLogIn(tab, lab.ownerEmail, path);
      await visit(tab, path);
      const form = page.locator("form", { has: page.getByRole("heading", { name: "Add an endpoint" }) });
      const url = form.getByLabel("URL");
      await url.fill("http://127.0.0.1:9/crm");
      // No event chosen: refused next to the events, the URL kept, nothing stored.
      if (js) await form.getByRole("button", { name: "Add endpoint" }).click();
      else await submit(page, form.getByRole("button", { name: "Add endpoint" }));
      await expect.poll(() => textOf(form.locator("fieldset"))).toContain("Choose at least one event.");
      expect(await url.inputValue()).toBe("http://127.0.0.1:9/crm");
      expect(await db().webhookEndpoint.count({ where: { labId: lab.labId } })).toBe(0);

      await form.getByRole("checkbox", { name: /application\.stage_changed/ }).check();
      await form.getByRole("checkbox", { name: /gig\.status_changed/ }).check();
      await submit(page, form.getByRole("button", { name: "Add endpoint" }));
      expect(new URL(page.url()).pathname).toBe(path);
      const secret = await textOf(page.getByTestId("new-token"));
      expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
      expect(await (await page.getByRole("status").allInnerTexts()).join(" ")).toContain("shown only once");
      expect(await form.getByLabel("URL").inputValue(), "the form is empty again").toBe("");
      const stored = await db().webhookEndpoint.findMany({ where: { labId: lab.labId } });
      expect(stored.map((e) => [e.url, e.events])).toEqual([
        ["http://127.0.0.1:9/crm", ["application.stage_changed", "gig.status_changed"]],
      ]);
      expect(await mainText(page)).toContain("http://127.0.0.1:9/crm");
      await screenshot(page, `webhook-created-js-${mode}`);

      await reload(page);
      expect(await page.getByTestId("new-token").count()).toBe(0);
      expect(await page.content()).not.toContain(secret);
      expect(await mainText(page)).toContain(`${secret.slice(0, 10)}…`);
      expect(tab.problems).toEqual([]);
      await tab.context.close();
    });
  });
}
