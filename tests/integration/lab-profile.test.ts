/**
 * A lab describes itself (description, website, logo) through /labs/:slug/settings, like a browser
 * without JavaScript (multipart). The logo is capped while the body is read (413, nothing stored),
 * checked by its magic bytes (an SVG or a renamed file is refused), stored in PostgreSQL and served
 * with its own type, nosniff and caching. Only the lab's owners (and staff) may change any of it.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { LAB_SETTINGS_BODY_MAX, LOGO_MAX_BYTES } from "~/domain/lab-profile";
import { hashPassword } from "~/password.server";
import { useTestServer } from "../setup/server";
import { PASSWORD, logIn, signUp, uniqueEmail } from "../setup/http";
import { labWithOpenGig, staff } from "./fixtures";
import { postMultipart } from "./profile-helpers";

const base = await useTestServer();

/** A small valid PNG signature followed by filler: the app checks signatures, it does not decode images. */
function png(size = 200): Uint8Array {
  const b = new Uint8Array(size);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  for (let i = 16; i < size; i++) b[i] = (i * 31) % 251;
  return b;
}
const SVG = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>');

async function ownerLab() {
  const { owner, labId, gig } = await labWithOpenGig(base);
  const lab = await db().lab.findUniqueOrThrow({ where: { id: labId } });
  return { client: owner.client, lab, gig, path: `/labs/${lab.slug}/settings` };
}

const save = (
  client: Parameters<typeof postMultipart>[0],
  path: string,
  fields: Record<string, string>,
  logo?: { bytes: Uint8Array; type?: string; filename?: string },
) =>
  postMultipart(
    client,
    path,
    { description: "", website: "", ...fields },
    logo && { field: "logo", bytes: logo.bytes, type: logo.type ?? "image/png", filename: logo.filename ?? "logo.png" },
  );

describe("lab profile", () => {
  it("an owner saves a description, a website and a PNG logo; professionals see them; the logo is served safely", async () => {
    const { client, lab, gig, path } = await ownerLab();
    const bytes = png(4000);
    const res = await save(
      client,
      path,
      { description: "We build evaluation sets for comedy.\nSmall team, fair pay.", website: "kite.example/about" },
      { bytes },
    );
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(path);
    const after = await db().lab.findUniqueOrThrow({ where: { id: lab.id }, include: { logo: true } });
    expect(after.description).toBe("We build evaluation sets for comedy.\nSmall team, fair pay.");
    expect(after.website).toBe("https://kite.example/about");
    expect(after.logo?.contentType).toBe("image/png");
    expect(Buffer.from(after.logo!.bytes).equals(Buffer.from(bytes))).toBe(true);
    const sha = createHash("sha256").update(bytes).digest("hex");
    expect(after.logo?.sha256).toBe(sha);
    const audit = await db().event.findFirst({ where: { action: "lab.profile_updated", entityId: lab.id } });
    expect(audit?.after).toMatchObject({ website: "https://kite.example/about", logoSha256: sha });

    // The flash message says what happened, how the website was read.
    const page = await (await client.get(path)).text();
    expect(page).toContain("Lab profile saved. Website: https://kite.example/about. New logo saved.");

    // A professional (and anyone) sees them on the gig page, with the versioned logo URL.
    const pro = await signUp(base, { name: "Pat Viewer" });
    const gigPage = await (await pro.client.get(`/gigs/${gig.id}`)).text();
    const logoUrl = `/labs/${lab.slug}/logo?v=${sha.slice(0, 16)}`;
    expect(gigPage).toContain("We build evaluation sets for comedy.");
    expect(gigPage).toContain('href="https://kite.example/about"');
    expect(gigPage).toContain(`src="${logoUrl}"`);
    const labPage = await (await pro.client.get(`/labs/${lab.slug}`)).text();
    expect(labPage).toContain(`src="${logoUrl}"`);

    // Served from PostgreSQL with its checked type, nosniff, no active content, cached by version.
    const logo = await fetch(new URL(logoUrl, base));
    expect(logo.status).toBe(200);
    expect(logo.headers.get("content-type")).toBe("image/png");
    expect(logo.headers.get("x-content-type-options")).toBe("nosniff");
    expect(logo.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(Buffer.from(await logo.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
    const unversioned = await fetch(new URL(`/labs/${lab.slug}/logo`, base));
    expect(unversioned.headers.get("cache-control")).toBe("public, max-age=300");
    const etag = unversioned.headers.get("etag");
    expect(etag).toBeTruthy();
    const again = await fetch(new URL(`/labs/${lab.slug}/logo`, base), { headers: { "if-none-match": etag! } });
    expect(again.status).toBe(304);

    // Removing the logo: the row goes, the URL answers 404.
    const removed = await save(client, path, { description: after.description, website: after.website, removeLogo: "on" });
    expect(removed.status).toBe(303);
    expect(await db().labLogo.count({ where: { labId: lab.id } })).toBe(0);
    expect((await fetch(new URL(`/labs/${lab.slug}/logo`, base))).status).toBe(404);
  });

  it("a body over the cap is refused with 413 while it is read, and nothing is stored", async () => {
    const { client, lab, path } = await ownerLab();
    const big = png(LAB_SETTINGS_BODY_MAX + 10_000);
    const res = await save(client, path, { description: "Should not be saved", website: "https://kite.example" }, { bytes: big });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain("The logo is too large: at most 512 KB");
    const after = await db().lab.findUniqueOrThrow({ where: { id: lab.id }, include: { logo: true } });
    expect(after.description).toBe(lab.description);
    expect(after.logo).toBeNull();
  });

  it("a logo just over its own limit (under the body cap) gets a field error, nothing stored", async () => {
    const { client, lab, path } = await ownerLab();
    const res = await save(client, path, { description: "Should not be saved" }, { bytes: png(LOGO_MAX_BYTES + 1) });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("The logo is too large: at most 512 KB.");
    expect(html).toMatch(/aria-invalid="true"[^>]*type="file"|type="file"[^>]*aria-invalid="true"/);
    expect(html).toContain("Should not be saved"); // the description typed is kept
    const after = await db().lab.findUniqueOrThrow({ where: { id: lab.id }, include: { logo: true } });
    expect(after.description).toBe(lab.description);
    expect(after.logo).toBeNull();
  });

  it("wrong magic bytes are refused whatever the name and type claim: SVG, GIF, HTML", async () => {
    const { client, lab, path } = await ownerLab();
    for (const [bytes, type, filename] of [
      [SVG, "image/svg+xml", "logo.svg"],
      [SVG, "image/png", "logo.png"],
      [new TextEncoder().encode("GIF89a\x01\x00\x01\x00"), "image/gif", "logo.gif"],
      [new TextEncoder().encode("<html><script>alert(1)</script></html>"), "image/jpeg", "logo.jpg"],
    ] as const) {
      const res = await save(client, path, { description: "Not saved either" }, { bytes, type, filename });
      expect(res.status, filename).toBe(400);
      expect(await res.text()).toContain("The logo must be a PNG, JPEG or WebP image (SVG and other formats are not accepted).");
    }
    expect(await db().labLogo.count({ where: { labId: lab.id } })).toBe(0);
    expect((await db().lab.findUniqueOrThrow({ where: { id: lab.id } })).description).toBe(lab.description);
  });

  it("a plain http website is refused next to its field", async () => {
    const { client, lab, path } = await ownerLab();
    const res = await save(client, path, { description: "x", website: "http://kite.example" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Use an https:// address (plain http is not accepted).");
    expect((await db().lab.findUniqueOrThrow({ where: { id: lab.id } })).website).toBe(lab.website);
  });

  it("only the lab's owners (and staff) may change it: a plain member, another lab, a professional are refused", async () => {
    const { lab, path } = await ownerLab();
    // A plain member of the same lab.
    const memberEmail = uniqueEmail("member");
    const member = await db().user.create({
      data: {
        email: memberEmail,
        name: "Plain Member",
        role: "LAB_MEMBER",
        passwordHash: await hashPassword(PASSWORD),
        emailVerifiedAt: new Date(),
      },
    });
    await db().labMember.create({ data: { labId: lab.id, userId: member.id, role: "MEMBER" } });
    const memberClient = await logIn(base, memberEmail);
    const other = await ownerLab();
    const pro = await signUp(base, { name: "Pat Pro" });
    for (const [who, client] of [
      ["plain member", memberClient],
      ["another lab's owner", other.client],
      ["professional", pro.client],
    ] as const) {
      expect((await client.get(path)).status, who).toBe(403);
      const res = await save(client, path, { description: `hijacked by ${who}`, website: "https://evil.example" }, { bytes: png() });
      expect(res.status, who).toBe(403);
    }
    const anon = await fetch(new URL(path, base), { redirect: "manual" });
    expect(anon.status).toBe(302);
    const after = await db().lab.findUniqueOrThrow({ where: { id: lab.id }, include: { logo: true } });
    expect(after.description).toBe(lab.description);
    expect(after.logo).toBeNull();

    // Staff may (support), like the members page.
    const admin = await staff("ADMIN");
    const adminClient = await logIn(base, admin.email);
    const res = await save(adminClient, path, { description: "Fixed by support", website: "" });
    expect(res.status).toBe(303);
    expect((await db().lab.findUniqueOrThrow({ where: { id: lab.id } })).description).toBe("Fixed by support");
  });
});
