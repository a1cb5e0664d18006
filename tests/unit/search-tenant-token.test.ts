/** Tenant tokens are signed locally with the client's helper, so they are testable without a server. */
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SearchEngineError, SearchQueryError } from "~/search/engine.server";
import { createTenantToken } from "~/search/meilisearch.server";

const API_KEY = "test-search-key-0123456789abcdef";
const API_KEY_UID = "6062abda-a5aa-4414-ac91-ecd7944c0f8d";

function decode(token: string) {
  const [header, payload, signature] = token.split(".");
  const json = (part: string) => JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
  return { header: json(header), payload: json(payload), signature, signed: `${header}.${payload}` };
}

describe("createTenantToken", () => {
  const expiresAt = new Date(Date.now() + 3600_000);

  it("embeds one escaped filter per index and is signed with HS256", async () => {
    const token = await createTenantToken({
      apiKey: API_KEY,
      apiKeyUid: API_KEY_UID,
      indexPrefix: "prod_",
      expiresAt,
      searchRules: {
        people: [{ field: "labIds", op: "eq", value: 'lab_1" OR visibility = "PUBLIC' }],
        gigs: [
          { field: "labId", op: "eq", value: "lab_1" },
          { field: "status", op: "in", values: ["OPEN", "DRAFT"] },
        ],
      },
    });
    const { header, payload, signature, signed } = decode(token);
    expect(header).toEqual({ alg: "HS256", typ: "JWT" });
    expect(payload.apiKeyUid).toBe(API_KEY_UID);
    expect(payload.exp).toBe(Math.floor(expiresAt.getTime() / 1000));
    expect(payload.searchRules).toEqual({
      prod_people: { filter: 'labIds = "lab_1\\" OR visibility = \\"PUBLIC"' },
      prod_gigs: { filter: '(labId = "lab_1") AND (status IN ["OPEN", "DRAFT"])' },
    });
    expect(createHmac("sha256", API_KEY).update(signed).digest("base64url")).toBe(signature);
  });

  it("fails closed: no rules, empty filters or past expiry are refused", async () => {
    const base = { apiKey: API_KEY, apiKeyUid: API_KEY_UID, expiresAt };
    await expect(createTenantToken({ ...base, searchRules: {} })).rejects.toBeInstanceOf(SearchEngineError);
    await expect(createTenantToken({ ...base, searchRules: { gigs: [] } })).rejects.toBeInstanceOf(SearchEngineError);
    await expect(
      createTenantToken({
        ...base,
        expiresAt: new Date(Date.now() - 1000),
        searchRules: { gigs: [{ field: "labId", op: "eq", value: "x" }] },
      }),
    ).rejects.toBeInstanceOf(SearchEngineError);
  });

  it("validates rules against index definitions when given", async () => {
    const definitions = [
      {
        name: "gigs",
        primaryKey: "id" as const,
        fields: { title: { type: "text" as const }, labId: { type: "keyword" as const, filterable: true } },
        searchableOrder: ["title"],
      },
    ];
    const base = { apiKey: API_KEY, apiKeyUid: API_KEY_UID, expiresAt, definitions };
    await expect(createTenantToken({ ...base, searchRules: { gigs: [{ field: "title", op: "eq", value: "x" }] } })).rejects.toBeInstanceOf(
      SearchQueryError,
    );
    await expect(
      createTenantToken({ ...base, searchRules: { people: [{ field: "labId", op: "eq", value: "x" }] } }),
    ).rejects.toBeInstanceOf(SearchEngineError);
    await expect(createTenantToken({ ...base, searchRules: { gigs: [{ field: "labId", op: "eq", value: "x" }] } })).resolves.toMatch(/^ey/);
  });
});
