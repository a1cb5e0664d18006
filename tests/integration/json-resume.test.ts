/** GET /me/data/resume.json: a professional's own profile as a valid JSON Resume; others are refused. */
import { describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { jsonResumeBasics, validateJsonResume } from "../../app/domain/json-resume";
import { Client } from "../setup/http";
import { useTestServer } from "../setup/server";
import { addCredit, labMember, professional } from "./profile-helpers";

const base = await useTestServer();

describe("JSON Resume export", () => {
  it("exports the signed-in professional's basics and credits; the basics read back unchanged", async () => {
    const pro = await professional(base, "Rosa Delgado");
    await db().profile.update({
      where: { id: pro.profileId },
      data: { headline: "Comedy writer", bio: "Punch-up specialist.", location: "Burbank, CA, US", links: ["https://www.imdb.com/name/nm0000001/"] },
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
      profile: { displayName: "Rosa Delgado", headline: "Comedy writer", bio: "Punch-up specialist.", location: "Burbank, CA, US", links: ["https://www.imdb.com/name/nm0000001/"] },
    });
  });

  it("is for the signed-in professional only", async () => {
    expect((await new Client(base).get("/me/data/resume.json")).status).toBeGreaterThanOrEqual(300);
    const lab = await labMember(base);
    expect((await lab.client.get("/me/data/resume.json")).status).toBe(403);
  });
});
