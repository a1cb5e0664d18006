/** GET /me/data/resume.json: a professional's own profile as a valid JSON Resume; others are refused. */
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { jsonResumeBasics, validateJsonResume } from "~/domain/json-resume";
import { Client } from "../setup/http";
import { useTestServer } from "../setup/server";
import { addCredit, labMember, postMultipart, professional } from "./profile-helpers";

const base = await useTestServer();

describe("JSON Resume export", () => {
  it("exports the signed-in professional's basics and credits; the basics read back unchanged", async () => {
    const pro = await professional(base, "Rosa Delgado");
    await db().profile.update({
      where: { id: pro.profileId },
      data: {
        headline: "Comedy writer",
        bio: "Punch-up specialist.",
        location: "Burbank, CA, US",
        links: ["https://www.imdb.com/name/nm0000001/"],
      },
    });
    expect((await addCredit(pro.client, { showTitle: "The Late Desk" })).status).toBe(302);
    const res = await pro.client.get("/me/data/resume.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    const doc = await res.json();
    expect(validateJsonResume(doc)).toEqual([]);
    expect(doc.work.map((w: { name: string }) => w.name)).toEqual(["The Late Desk"]);
    expect(jsonResumeBasics(doc)).toEqual({
      ok: true,
      profile: {
        displayName: "Rosa Delgado",
        headline: "Comedy writer",
        bio: "Punch-up specialist.",
        location: "Burbank, CA, US",
        links: ["https://www.imdb.com/name/nm0000001/"],
      },
    });
  });

  it("is for the signed-in professional only", async () => {
    expect((await new Client(base).get("/me/data/resume.json")).status).toBeGreaterThanOrEqual(300);
    const lab = await labMember(base);
    expect((await lab.client.get("/me/data/resume.json")).status).toBe(403);
  });
});

describe("JSON Resume import (/me/profile/import)", () => {
  const DOC = {
    basics: {
      name: "Rosa Delgado",
      label: "Late-night head writer",
      summary: "Twelve seasons of late night.",
      location: { city: "Burbank", region: "CA", countryCode: "US" },
      profiles: [{ network: "IMDb", url: "https://www.imdb.com/name/nm0000001/" }],
    },
  };

  it("previews the basics it read, changes nothing until confirmed, then updates the profile", async () => {
    const pro = await professional(base, "Someone Else");
    const preview = await postMultipart(pro.client, "/me/profile/import", { intent: "resume-preview", json: JSON.stringify(DOC) });
    expect(preview.status).toBe(200);
    const html = (await preview.text()).replace(/<!-- -->/g, "");
    expect(html).toContain("Preview: your JSON Resume as we read it");
    expect(html).toContain("Late-night head writer");
    expect(html).toContain("Burbank, CA, US");
    expect((await db().profile.findUniqueOrThrow({ where: { id: pro.profileId } })).headline).toBe("");

    const done = await postMultipart(pro.client, "/me/profile/import", { intent: "resume-import", json: JSON.stringify(DOC) });
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe("/me/profile");
    const p = await db().profile.findUniqueOrThrow({ where: { id: pro.profileId } });
    expect(p).toMatchObject({
      displayName: "Rosa Delgado",
      headline: "Late-night head writer",
      bio: "Twelve seasons of late night.",
      location: "Burbank, CA, US",
      links: ["https://www.imdb.com/name/nm0000001/"],
    });
    expect(await db().event.count({ where: { action: "profile.updated", entityId: pro.profileId } })).toBe(1);
  });

  it("refuses a document that is not valid, with the reason, and changes nothing", async () => {
    const pro = await professional(base, "Kept Name");
    for (const json of ["{not json", JSON.stringify({ basics: { name: 42 } }), JSON.stringify({ basics: { label: "x".repeat(200) } })]) {
      for (const intent of ["resume-preview", "resume-import"]) {
        const res = await postMultipart(pro.client, "/me/profile/import", { intent, json });
        expect(res.status, `${intent} ${json.slice(0, 20)}`).toBe(400);
        expect(await res.text()).toMatch(/not valid JSON|basics\.name|at most 140 characters/);
      }
    }
    expect((await db().profile.findUniqueOrThrow({ where: { id: pro.profileId } })).displayName).toBe("Kept Name");
  });
});
