/**
 * The OpenAPI 3.1 document for /api/v1, generated from the same zod schemas that validate
 * requests (gigInputSchema) and type responses (schemas.server.ts). OpenAPI 3.1 uses JSON Schema
 * 2020-12, which is what z.toJSONSchema emits.
 */
import { z } from "zod";
import { GIG_STATUSES, gigEditSchema, gigInputSchema } from "~/domain/gigs";
import { LANGUAGES } from "~/domain/languages";
import { MAX_BODY_BYTES } from "./body.server";
import { DEFAULT_LIMIT, MAX_LIMIT } from "./pagination.server";
import { PROBLEM_CONTENT_TYPE } from "./problem.server";
import { API_RATE_LIMIT } from "./auth.server";
import { queueStatusBodySchema, queueStatusResultSchema, workEntryListSchema, workEntrySchema } from "./work-schemas.server";
import { workEntryInputSchema } from "~/domain/work";
import { WEBHOOK_EVENTS } from "~/domain/webhooks";
import {
  webhookCreatedSchema,
  webhookDeliveryListSchema,
  webhookDeliverySchema,
  webhookEndpointSchema,
  webhookInputSchema,
  webhookListSchema,
} from "./webhooks.server";
import { screenerInputSchema, screenerVersionInputSchema } from "~/domain/screeners";
import {
  screenerInvitationInputSchema,
  screenerInvitationSchema,
  screenerListSchema,
  screenerSchema,
  screenerVersionListSchema,
  screenerVersionSchema,
} from "./screeners.server";
import {
  applicantListSchema,
  applicantSchema,
  gigListSchema,
  gigSchema,
  problemSchema,
  statusChangeSchema,
  termChangeListSchema,
} from "./schemas.server";

type JsonSchema = Record<string, unknown>;

function schemaOf(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
  return rest;
}

/** Replaces inline copies of named component schemas with $refs, to keep the document readable. */
function withRefs(schema: JsonSchema, refs: [JsonSchema, string][]): JsonSchema {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== "object") return node;
    for (const [candidate, name] of refs) {
      if (JSON.stringify(candidate) === JSON.stringify(node)) return { $ref: `#/components/schemas/${name}` };
    }
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
  };
  return walk(schema) as JsonSchema;
}

/** The PATCH body: any subset of the gig input fields (no required fields, no defaults). */
function patchSchemaFrom(input: JsonSchema): JsonSchema {
  const properties = Object.fromEntries(
    Object.entries(input.properties as Record<string, JsonSchema>).map(([k, v]) => {
      const { default: _d, ...rest } = v;
      return [k, rest];
    }),
  );
  const { required: _r, ...rest } = input;
  return {
    ...rest,
    properties,
    description: "Any subset of the gig fields. The result is merged with the stored gig and validated as a whole.",
  };
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: JsonSchema) => ({ "application/json": { schema } });

const problem = (description: string) => ({ description, content: { [PROBLEM_CONTENT_TYPE]: { schema: ref("Problem") } } });

const STANDARD_ERRORS = {
  "401": { $ref: "#/components/responses/Unauthorized" },
  "429": { $ref: "#/components/responses/TooManyRequests" },
};
const BODY_ERRORS = {
  "413": problem(`The body is larger than ${MAX_BODY_BYTES} bytes.`),
  "415": problem("The body is not JSON (send Content-Type: application/json)."),
};

const idParam = { name: "id", in: "path", required: true, schema: { type: "string" }, description: "Gig id." };
const pageParams = [
  { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT } },
  {
    name: "cursor",
    in: "query",
    required: false,
    schema: { type: "string" },
    description: "The nextCursor of the previous page (opaque).",
  },
];

/** A regular-expression fragment matching `word` in any letter case (JSON Schema patterns take no flags). */
const anyCase = (word: string) => [...word].map((c) => (/[a-z]/i.test(c) ? `[${c.toUpperCase()}${c.toLowerCase()}]` : c)).join("");

/**
 * What the gig input accepts for `languages`, written out by hand: the zod field reads what people
 * type (app/domain/languages.ts readLanguages), so z.toJSONSchema can only describe the parsed
 * form. Each string holds one or more languages, as names or codes in any case, separated by
 * commas, semicolons or new lines, or by spaces between one-word names and codes. A name of
 * several words ("American Sign Language") must stand alone between separators.
 */
function languagesSchema(): JsonSchema {
  const oneWord = LANGUAGES.map((l) => l.name).filter((n) => !/\s/.test(n));
  const severalWords = LANGUAGES.map((l) => l.name).filter((n) => /\s/.test(n));
  const word = `(?:[A-Za-z]{2,3}|${oneWord.map(anyCase).join("|")})`;
  const gap = "[^\\S\\n]+"; // spaces inside one entry (a new line separates entries)
  const entry = `(?:${severalWords.map((n) => n.split(" ").map(anyCase).join(gap)).join("|")}|${word}(?:${gap}${word})*)`;
  const pattern = `^[\\s,;]*(?:${entry}(?:[^\\S\\n]*[,;\\n][\\s,;]*${entry})*[\\s,;]*)?$`;
  return {
    type: "array",
    default: [],
    description:
      'Languages the work is in, as names or ISO 639 codes in any case ("English", "en", "American Sign Language"); a string may list several, separated by commas. At most 20 different languages.',
    items: { type: "string", pattern },
  };
}

/**
 * The document's tags and what each groups. An operation's tag must be listed here: the
 * OpenAPI lint (redocly.yaml, tests/integration/api-openapi.test.ts) wants a description for each.
 */
const TAGS: Record<string, string> = {
  Gigs: "Create, edit, open, pause and close your lab's gigs, and read the changes made to their promised terms.",
  Applicants: "The people in a gig's pipeline, with what labs may see of them.",
  Work: "The active phase: the work ledger and whether there is work.",
  Webhooks: "Your lab's signed event deliveries: endpoints, their delivery log and replays.",
  Screeners: "Your lab's saved talent filters (versioned), how many people each finds now, and inviting them.",
  Credentials: "Verifying the signed work credentials professionals share.",
  Meta: "This document.",
};

let cached: JsonSchema | undefined;

export function openApiDocument(): JsonSchema {
  if (cached) return cached;
  const generated = schemaOf(gigInputSchema, "input");
  const GigInput = { ...generated, properties: { ...(generated.properties as Record<string, JsonSchema>), languages: languagesSchema() } };
  const edit = schemaOf(gigEditSchema, "input");
  const GigPatch = patchSchemaFrom({
    ...edit,
    properties: { ...(edit.properties as Record<string, JsonSchema>), languages: languagesSchema() },
  });
  const patchProps = GigPatch.properties as Record<string, JsonSchema>;
  patchProps.changeReason = {
    ...patchProps.changeReason,
    description:
      "Required when the change breaks a promised term (lowering the rate during the rate lock, moving the end date earlier or cutting hoursPerWeek with less than noticeDays of notice, shortening noticeDays or rateLockDays). Everyone on the gig sees it; the change is recorded with withinPromise false.",
  };
  patchProps.changeEffectiveDate = {
    ...patchProps.changeEffectiveDate,
    description: "The day a cut in hoursPerWeek takes effect (default: today); notice is counted up to it.",
  };
  const Gig = schemaOf(gigSchema, "output");
  const Applicant = schemaOf(applicantSchema, "output");
  const refs: [JsonSchema, string][] = [
    [Gig, "Gig"],
    [Applicant, "Applicant"],
  ];
  const schemas: Record<string, JsonSchema> = {
    GigInput,
    GigPatch,
    Gig,
    GigList: withRefs(schemaOf(gigListSchema, "output"), refs),
    StatusChange: schemaOf(statusChangeSchema, "input"),
    Applicant,
    ApplicantList: withRefs(schemaOf(applicantListSchema, "output"), refs),
    Problem: schemaOf(problemSchema, "output"),
    TermChangeList: schemaOf(termChangeListSchema, "output"),
    ...workSchemas(),
    ...webhookSchemas(),
    ...screenerSchemas(),
  };

  cached = {
    openapi: "3.1.0",
    info: {
      title: "Second Act lab API",
      version: "1.0.0",
      description: [
        "Post and manage AI-training gigs for your lab, and follow who applies.",
        "",
        "Authenticate with a lab API token: `Authorization: Bearer sa_<prefix>_<secret>`. A token only sees its own lab's gigs;",
        `another lab's gig answers 404. Each token may make ${API_RATE_LIMIT.max} requests per ${API_RATE_LIMIT.windowSeconds} seconds (429 with Retry-After beyond that).`,
        "Errors are RFC 9457 problem details (`application/problem+json`); field errors carry dotted paths such as `payAmount`.",
        "Money is in major currency units (42.5 = $42.50).",
      ].join("\n"),
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    servers: [{ url: "/" }],
    security: [{ bearerAuth: [] }],
    // Every tag an operation uses is declared here with its description (TAGS, below).
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    paths: {
      "/api/v1/gigs": {
        get: {
          operationId: "listGigs",
          tags: ["Gigs"],
          summary: "List your lab's gigs, newest first",
          parameters: [
            { name: "status", in: "query", required: false, schema: { type: "string", enum: [...GIG_STATUSES] } },
            ...pageParams,
          ],
          responses: {
            "200": { description: "One page of gigs.", content: json(ref("GigList")) },
            "400": problem("Invalid query parameters."),
            ...STANDARD_ERRORS,
          },
        },
        post: {
          operationId: "createGig",
          tags: ["Gigs"],
          summary: "Create a draft gig",
          description:
            "Creates the gig as DRAFT; open it with POST /api/v1/gigs/{id}/status. Send an Idempotency-Key to retry safely: the same key with the same body replays the first response (with `Idempotent-Replayed: true`); the same key with a different body is refused with 422.",
          parameters: [
            {
              name: "Idempotency-Key",
              in: "header",
              required: false,
              schema: { type: "string", minLength: 1, maxLength: 200 },
              description: "A unique value per logical request, e.g. a UUID.",
            },
          ],
          requestBody: { required: true, content: json(ref("GigInput")) },
          responses: {
            "201": {
              description: "The created gig.",
              headers: {
                Location: { schema: { type: "string" }, description: "The gig's API URL." },
                "Idempotent-Replayed": {
                  schema: { type: "string", enum: ["true"] },
                  description: "Present when the response is a replay.",
                },
              },
              content: json(ref("Gig")),
            },
            "400": problem("Malformed JSON, or invalid fields (see `errors`)."),
            ...BODY_ERRORS,
            "409": problem("A request with the same Idempotency-Key is still in progress."),
            "422": problem("The Idempotency-Key was already used with a different body."),
            ...STANDARD_ERRORS,
          },
        },
      },
      "/api/v1/gigs/{id}": {
        parameters: [idParam],
        get: {
          operationId: "getGig",
          tags: ["Gigs"],
          summary: "Get one gig",
          responses: {
            "200": { description: "The gig.", content: json(ref("Gig")) },
            "404": problem("No such gig in your lab."),
            ...STANDARD_ERRORS,
          },
        },
        patch: {
          operationId: "updateGig",
          tags: ["Gigs"],
          summary: "Update some fields of a gig",
          requestBody: { required: true, content: json(ref("GigPatch")) },
          responses: {
            "200": { description: "The updated gig.", content: json(ref("Gig")) },
            "400": problem("Malformed JSON, or invalid fields after merging (see `errors`)."),
            "404": problem("No such gig in your lab."),
            "409": problem("The gig is closed and can no longer be edited."),
            "422": problem(
              "A change against the promised terms needs a reason (code TERMS_REASON_REQUIRED, field changeReason), or a published gig would lose required terms (code INCOMPLETE).",
            ),
            ...BODY_ERRORS,
            ...STANDARD_ERRORS,
          },
        },
      },
      "/api/v1/gigs/{id}/status": {
        parameters: [idParam],
        post: {
          operationId: "changeGigStatus",
          tags: ["Gigs"],
          summary: "Open, pause or close a gig",
          description:
            "Lifecycle: DRAFT -> OPEN | CLOSED, OPEN -> PAUSED | CLOSED, PAUSED -> OPEN | CLOSED; CLOSED is final. Opening needs task types, pay, the full AI-use disclosure and the engagement terms (hoursPerWeek, startDate, endDate, noticeDays, rateLockDays, assessmentMinutes, trainingMinutes; each missing one is a field error); pay below the platform floor needs acknowledgeLowPay; closing a gig people work on needs a reason. Asking for the current status is a no-op that returns the gig, so retries are safe.",
          requestBody: { required: true, content: json(ref("StatusChange")) },
          responses: {
            "200": { description: "The gig after the change.", content: json(ref("Gig")) },
            "400": problem("Malformed JSON or invalid fields."),
            "403": problem("Opening needs the token creator's email address confirmed (code EMAIL_NOT_CONFIRMED)."),
            "404": problem("No such gig in your lab."),
            "409": problem("The transition is not allowed from the current status (code NOT_ALLOWED)."),
            "422": problem("The change was refused: code INCOMPLETE (with `problems`), REASON_REQUIRED or LOW_PAY_UNACKNOWLEDGED."),
            ...BODY_ERRORS,
            ...STANDARD_ERRORS,
          },
        },
      },
      "/api/v1/gigs/{id}/applicants": {
        parameters: [idParam],
        get: {
          operationId: "listApplicants",
          tags: ["Applicants"],
          summary: "List the people in a gig's pipeline, newest first",
          description: "Private profile data (rates, demographics, contact details) is never included.",
          parameters: pageParams,
          responses: {
            "200": { description: "One page of applicants.", content: json(ref("ApplicantList")) },
            "400": problem("Invalid query parameters."),
            "404": problem("No such gig in your lab."),
            ...STANDARD_ERRORS,
          },
        },
      },
      "/api/v1/gigs/{id}/term-changes": {
        parameters: [idParam],
        get: {
          operationId: "listTermChanges",
          tags: ["Gigs"],
          summary: "Changes recorded against the gig's promised terms, newest first",
          description:
            "Every change to a published gig's rate, end date, weekly hours, notice period or rate lock, with the notice promised and given. withinPromise false means it broke the promise and counts against the lab.",
          responses: {
            "200": { description: "The recorded changes.", content: json(ref("TermChangeList")) },
            "404": problem("No such gig in your lab."),
            ...STANDARD_ERRORS,
          },
        },
      },
      ...workPaths(),
      ...webhookPaths(),
      ...screenerPaths(),
      "/api/v1/credentials/verify": {
        post: {
          operationId: "verifyCredential",
          tags: ["Credentials"],
          summary: "Verify a work credential (no token needed)",
          description:
            "Send a signed work credential (the file a professional downloaded from /credentials/{id}) or a JSON Resume holding credentials in certificates[].x-secondAct. Answers one verdict per credential found: valid, revoked, tampered, unknown-key, malformed or not-found. Nothing is stored. Limited to 600 requests a minute per address.",
          security: [],
          requestBody: { required: true, content: json({ type: "object" }) },
          responses: {
            "200": {
              description: "One verdict per credential found.",
              content: json({
                type: "object",
                required: ["verdicts"],
                properties: {
                  verdicts: {
                    type: "array",
                    items: {
                      type: "object",
                      required: ["status", "message"],
                      properties: {
                        status: { type: "string", enum: ["valid", "revoked", "tampered", "unknown-key", "malformed", "not-found"] },
                        message: { type: "string" },
                        credential: {
                          type: "object",
                          description: "What the credential says (confirmed by the signature only when status is valid or revoked).",
                        },
                        revokedAt: { type: "string", format: "date-time" },
                        revokedReason: { type: ["string", "null"] },
                        problems: { type: "array", items: { type: "string" } },
                      },
                    },
                  },
                },
              }),
            },
            "400": problem("The body is not JSON or not an object."),
            "413": problem("The body is larger than 1 MB."),
            "415": problem("The body is not sent as application/json."),
            "429": { $ref: "#/components/responses/TooManyRequests" },
          },
        },
      },
      "/api/v1/openapi.json": {
        get: {
          operationId: "getOpenApiDocument",
          tags: ["Meta"],
          summary: "This document",
          security: [],
          responses: {
            "200": { description: "The OpenAPI 3.1 document.", content: json({ type: "object" }) },
            "405": problem("Any method other than GET."),
          },
        },
      },
    },
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "sa_<8 hex>_<secret>", description: "A lab API token." },
      },
      responses: {
        Unauthorized: {
          ...problem("Missing, invalid or revoked token."),
          headers: { "WWW-Authenticate": { schema: { type: "string" } } },
        },
        TooManyRequests: {
          ...problem("Rate limit exceeded."),
          headers: { "Retry-After": { schema: { type: "integer" }, description: "Seconds until the limit resets." } },
        },
      },
      schemas,
    },
  };
  return cached;
}

// ------------------------------------------------------------------ the active phase (work ledger, queue status)

function workSchemas(): Record<string, JsonSchema> {
  const WorkEntry = schemaOf(workEntrySchema, "output");
  return {
    WorkEntryInput: schemaOf(workEntryInputSchema, "input"),
    WorkEntry,
    WorkEntryList: withRefs(schemaOf(workEntryListSchema, "output"), [[WorkEntry, "WorkEntry"]]),
    QueueStatusInput: {
      ...schemaOf(queueStatusBodySchema, "input"),
      description:
        "WORK_AVAILABLE, or NO_WORK with a reason and a check-again date (after today, within 60 days). Add `applicationIds` to set only those people; without it, everyone active on the gig.",
    },
    QueueStatusResult: schemaOf(queueStatusResultSchema, "output"),
  };
}

function workPaths() {
  const idempotencyKey = {
    name: "Idempotency-Key",
    in: "header",
    required: false,
    schema: { type: "string", minLength: 1, maxLength: 200 },
    description: "A unique value per logical request; a retry with the same key and body replays the first response.",
  };
  return {
    "/api/v1/gigs/{id}/work-entries": {
      parameters: [idParam],
      get: {
        operationId: "listWorkEntries",
        tags: ["Work"],
        summary: "The gig's work ledger, newest work date first",
        parameters: [
          { name: "applicationId", in: "query", required: false, schema: { type: "string" }, description: "Only this person's entries." },
        ],
        responses: {
          "200": { description: "Up to 1000 entries.", content: json(ref("WorkEntryList")) },
          "400": problem("Invalid query parameters."),
          "404": problem("No such gig in your lab."),
          ...STANDARD_ERRORS,
        },
      },
      post: {
        operationId: "createWorkEntry",
        tags: ["Work"],
        summary: "Record hours or tasks for an active person",
        description:
          "Records work done on one date by a person ACTIVE on the gig (`applicationId` from the applicants list): `hours` for hourly gigs, `tasks` for per-task gigs. Pay is computed at the gig's rate in minor units; the payout starts PENDING. Idempotent: send an Idempotency-Key header, or a `clientEntryId` (the same id and content returns the stored entry with 200; the same id with other content is refused with 409). A refused request writes nothing.",
        parameters: [idempotencyKey],
        requestBody: { required: true, content: json(ref("WorkEntryInput")) },
        responses: {
          "201": {
            description: "The recorded entry.",
            headers: { Location: { schema: { type: "string" } } },
            content: json(ref("WorkEntry")),
          },
          "200": { description: "The entry already recorded under this clientEntryId.", content: json(ref("WorkEntry")) },
          "400": problem("Malformed JSON, or invalid fields (see `errors`)."),
          "404": problem("No such gig in your lab, or no such person on it."),
          "409": problem(
            "The person is not active (NOT_ACTIVE), the clientEntryId was used for other content (ENTRY_ID_REUSED), or a request with the same Idempotency-Key is in progress.",
          ),
          "422": problem(
            "The entry does not fit the gig (INVALID_ENTRY: wrong unit, future date, before the person became active), or the Idempotency-Key was used with another body.",
          ),
          ...BODY_ERRORS,
          ...STANDARD_ERRORS,
        },
      },
    },
    "/api/v1/gigs/{id}/queue-status": {
      parameters: [idParam],
      put: {
        operationId: "setQueueStatus",
        tags: ["Work"],
        summary: "Say whether there is work, or why not and when you will check again",
        description:
          "Sets the queue status of the gig's active people (all, or those in `applicationIds`) in one step: every one or none. Each person is told at once. When the check-again date passes without an update, the responsible coordinator is reminded and the person is told where things stand. Setting the same status again is harmless.",
        requestBody: { required: true, content: json(ref("QueueStatusInput")) },
        responses: {
          "200": { description: "Who was updated.", content: json(ref("QueueStatusResult")) },
          "400": problem("Malformed JSON, or invalid fields (see `errors`)."),
          "404": problem("No such gig in your lab."),
          "422": problem(
            "A check-again date that is not after today or more than 60 days away, or people who are not active on the gig (nothing is changed).",
          ),
          ...BODY_ERRORS,
          ...STANDARD_ERRORS,
        },
      },
    },
  };
}

// ------------------------------------------------------------------ saved screeners

function screenerSchemas(): Record<string, JsonSchema> {
  // The criteria read language names as well as codes; zod can only describe the parsed form.
  const languages = {
    type: "array",
    default: [],
    maxItems: 20,
    items: { type: "string", minLength: 1 },
    description:
      'Languages the person must all work in, as names or ISO 639 codes in any case ("English", "es"). Stored and returned as codes.',
  };
  const withLanguages = (input: JsonSchema): JsonSchema => {
    const props = input.properties as Record<string, JsonSchema>;
    const criteria = props.criteria as JsonSchema;
    const criteriaProps = criteria.properties as Record<string, JsonSchema>;
    criteriaProps.maxRate = {
      ...criteriaProps.maxRate,
      description:
        "Refused for a lab (400, field criteria.maxRate): a professional's minimum rate is private. Only coordinators' screeners filter on it.",
    };
    return { ...input, properties: { ...props, criteria: { ...criteria, properties: { ...criteriaProps, languages } } } };
  };
  const Screener = schemaOf(screenerSchema, "output");
  const ScreenerVersion = schemaOf(screenerVersionSchema, "output");
  return {
    ScreenerInput: withLanguages(schemaOf(screenerInputSchema, "input")),
    ScreenerVersionInput: {
      ...withLanguages(schemaOf(screenerVersionInputSchema, "input")),
      description:
        "The whole new version. baseVersion, when sent, must be the current version (else 409), so two people editing at once do not overwrite each other.",
    },
    Screener,
    ScreenerList: withRefs(schemaOf(screenerListSchema, "output"), [[Screener, "Screener"]]),
    ScreenerVersion,
    ScreenerVersionList: withRefs(schemaOf(screenerVersionListSchema, "output"), [[ScreenerVersion, "ScreenerVersion"]]),
    ScreenerInvitationInput: schemaOf(screenerInvitationInputSchema, "input"),
    ScreenerInvitation: schemaOf(screenerInvitationSchema, "output"),
  };
}

function screenerPaths() {
  const screenerId = { name: "id", in: "path", required: true, schema: { type: "string" }, description: "Screener id." };
  return {
    "/api/v1/screeners": {
      get: {
        operationId: "listScreeners",
        tags: ["Screeners"],
        summary: "Your lab's saved screeners, recently changed first, each with its eligible count",
        responses: { "200": { description: "Up to 200 screeners.", content: json(ref("ScreenerList")) }, ...STANDARD_ERRORS },
      },
      post: {
        operationId: "createScreener",
        tags: ["Screeners"],
        summary: "Save a screener (version 1)",
        description:
          "A named talent filter: minimum transfer scores per task type (up to 3), languages, weekly hours, a UTC offset window and verified credits only. It never filters on private fields (minimum rate, availability date).",
        requestBody: { required: true, content: json(ref("ScreenerInput")) },
        responses: {
          "201": {
            description: "The saved screener with its eligible count.",
            headers: { Location: { schema: { type: "string" }, description: "The screener's API URL." } },
            content: json(ref("Screener")),
          },
          "400": problem("Malformed JSON, or invalid fields (see `errors`), including criteria.maxRate."),
          ...BODY_ERRORS,
          ...STANDARD_ERRORS,
        },
      },
    },
    "/api/v1/screeners/{id}": {
      parameters: [screenerId],
      get: {
        operationId: "getScreener",
        tags: ["Screeners"],
        summary: "One screener and how many people it finds right now",
        description:
          "eligibleCount is the talent search's own total for these filters as your lab sees them (only profiles shared with labs): the number of people talentSearchPath pages through.",
        responses: {
          "200": { description: "The screener.", content: json(ref("Screener")) },
          "404": problem("No such screener in your lab."),
          ...STANDARD_ERRORS,
        },
      },
    },
    "/api/v1/screeners/{id}/versions": {
      parameters: [screenerId],
      get: {
        operationId: "listScreenerVersions",
        tags: ["Screeners"],
        summary: "Every version of a screener, newest first, with who saved it and what changed",
        responses: {
          "200": { description: "The versions.", content: json(ref("ScreenerVersionList")) },
          "404": problem("No such screener in your lab."),
          ...STANDARD_ERRORS,
        },
      },
      post: {
        operationId: "createScreenerVersion",
        tags: ["Screeners"],
        summary: "Save an edit as a new version",
        description:
          "Old versions are kept unchanged. An edit identical to the current version saves nothing and answers 200 with the screener as it is.",
        requestBody: { required: true, content: json(ref("ScreenerVersionInput")) },
        responses: {
          "201": {
            description: "The screener at its new version.",
            headers: { Location: { schema: { type: "string" }, description: "The screener's API URL." } },
            content: json(ref("Screener")),
          },
          "200": { description: "Nothing changed; the screener as it is.", content: json(ref("Screener")) },
          "400": problem("Malformed JSON, or invalid fields (see `errors`), including criteria.maxRate."),
          "404": problem("No such screener in your lab."),
          "409": problem("baseVersion is not the current version (code STALE_VERSION): someone saved another version meanwhile."),
          ...BODY_ERRORS,
          ...STANDARD_ERRORS,
        },
      },
    },
    "/api/v1/screeners/{id}/invitations": {
      parameters: [screenerId],
      post: {
        operationId: "inviteFromScreener",
        tags: ["Screeners"],
        summary: "Invite a person the screener finds to one of your lab's open gigs",
        description: "The same invitation as in talent search: the person is told and the application starts at Invited.",
        requestBody: { required: true, content: json(ref("ScreenerInvitationInput")) },
        responses: {
          "201": { description: "The invitation.", content: json(ref("ScreenerInvitation")) },
          "400": problem("Malformed JSON or invalid fields."),
          "403": problem("The gig is not your lab's, or the token's creator has left the lab."),
          "404": problem("No such screener, gig or person."),
          "409": problem("The gig is not open, or the person is already on it."),
          ...BODY_ERRORS,
          ...STANDARD_ERRORS,
        },
      },
    },
  };
}

// ------------------------------------------------------------------ webhooks (issue 24)

function webhookSchemas(): Record<string, JsonSchema> {
  const WebhookEndpoint = schemaOf(webhookEndpointSchema, "output");
  const WebhookDelivery = schemaOf(webhookDeliverySchema, "output");
  return {
    WebhookInput: {
      ...schemaOf(webhookInputSchema, "input"),
      description: `An endpoint to add. Events: ${WEBHOOK_EVENTS.join(", ")}.`,
    },
    WebhookEndpoint,
    WebhookEndpointCreated: schemaOf(webhookCreatedSchema, "output"),
    WebhookEndpointList: withRefs(schemaOf(webhookListSchema, "output"), [[WebhookEndpoint, "WebhookEndpoint"]]),
    WebhookDelivery,
    WebhookDeliveryList: withRefs(schemaOf(webhookDeliveryListSchema, "output"), [[WebhookDelivery, "WebhookDelivery"]]),
  };
}

function webhookPaths() {
  const endpointId = { name: "id", in: "path", required: true, schema: { type: "string" }, description: "Webhook endpoint id." };
  const signing =
    'Each event is POSTed as JSON `{id, type, createdAt, labId, data}` with headers `Webhook-Id` (the event id; the same on retries and replays), `Webhook-Timestamp` (unix seconds) and `Webhook-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<body>" keyed with the secret>`. Answer 2xx within 5 seconds; anything else is retried with exponential back-off, events about one application in order. An endpoint that keeps failing is disabled and the lab\'s owners are told.';
  return {
    "/api/v1/webhooks": {
      get: {
        operationId: "listWebhooks",
        tags: ["Webhooks"],
        summary: "The lab's webhook endpoints",
        responses: { "200": { description: "Every endpoint of the lab.", content: json(ref("WebhookEndpointList")) }, ...STANDARD_ERRORS },
      },
      post: {
        operationId: "createWebhook",
        tags: ["Webhooks"],
        summary: "Add a webhook endpoint",
        description: `${signing} The signing secret is in this response only: store it now.`,
        requestBody: { required: true, content: json(ref("WebhookInput")) },
        responses: {
          "201": {
            description: "The endpoint, with its secret (shown once).",
            headers: { Location: { schema: { type: "string" } } },
            content: json(ref("WebhookEndpointCreated")),
          },
          "400": problem("Malformed JSON, or invalid fields (see `errors`): e.g. not https, or an address that is not public."),
          "409": problem("The lab already has the maximum number of endpoints."),
          ...BODY_ERRORS,
          ...STANDARD_ERRORS,
        },
      },
    },
    "/api/v1/webhooks/{id}": {
      parameters: [endpointId],
      get: {
        operationId: "getWebhook",
        tags: ["Webhooks"],
        summary: "One webhook endpoint",
        responses: {
          "200": { description: "The endpoint.", content: json(ref("WebhookEndpoint")) },
          "404": problem("No such endpoint in your lab."),
          ...STANDARD_ERRORS,
        },
      },
      delete: {
        operationId: "deleteWebhook",
        tags: ["Webhooks"],
        summary: "Delete a webhook endpoint and its delivery log",
        responses: {
          "200": {
            description: "Deleted.",
            content: json({
              type: "object",
              properties: { id: { type: "string" }, deleted: { type: "boolean", const: true } },
              required: ["id", "deleted"],
            }),
          },
          "404": problem("No such endpoint in your lab."),
          ...STANDARD_ERRORS,
        },
      },
    },
    "/api/v1/webhooks/{id}/deliveries": {
      parameters: [endpointId],
      get: {
        operationId: "listWebhookDeliveries",
        tags: ["Webhooks"],
        summary: "The endpoint's delivery log, newest first",
        parameters: pageParams,
        responses: {
          "200": { description: "A page of deliveries.", content: json(ref("WebhookDeliveryList")) },
          "400": problem("Invalid limit or cursor."),
          "404": problem("No such endpoint in your lab."),
          ...STANDARD_ERRORS,
        },
      },
    },
    "/api/v1/webhooks/{id}/deliveries/{deliveryId}/replay": {
      parameters: [endpointId, { name: "deliveryId", in: "path", required: true, schema: { type: "string" }, description: "Delivery id." }],
      post: {
        operationId: "replayWebhookDelivery",
        tags: ["Webhooks"],
        summary: "Send a delivery again",
        description: "Queues a new delivery of the same event (same event id and body, a fresh timestamp and signature).",
        responses: {
          "202": { description: "The new delivery, queued.", content: json(ref("WebhookDelivery")) },
          "404": problem("No such endpoint or delivery in your lab."),
          ...STANDARD_ERRORS,
        },
      },
    },
  };
}
