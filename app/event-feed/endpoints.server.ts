// The shop's event feed endpoints: where events go, which topics, the signing secret (generated, shown
// once, rotatable with an overlap during which both secrets sign) and custom headers (write-only).
// Screens and the JSON API call these; nothing here knows HTTP.
import net from "node:net";
import { z } from "zod";
import type { Db } from "../db.server";
import type { Locale } from "../i18n/locale";
import { said, storedText, wordsJson, type Said } from "../i18n/stored-words";
import { env } from "../env.server";
import { decryptSecret, encryptSecret } from "../lib/crypto.server";
import { NotFoundError, ValidationError } from "../lib/errors";
import { fieldErrorsFromZod } from "../lib/field-errors";
import { checkConnectorUrl, connectorUrlPolicy } from "../lib/http-url-policy.server";
import { newSigningSecret } from "../connectors/event-feed/signature";
import { FEED_TOPICS, type FeedTopic } from "./topics";

export type EndpointStatus = "enabled" | "paused" | "disabled";

/** An endpoint as screens and the API show it: never a secret nor a header's value. */
export interface EndpointView {
  id: string;
  name: string;
  url: string;
  topics: FeedTopic[];
  status: EndpointStatus;
  statusReason: string | null;
  headerNames: string[];
  secretRotatedUntil: string | null;
  createdAt: string;
}

/** Headers an endpoint may not set: the transport's and the feed's own. */
const RESERVED = /^(host|content-type|content-length|connection|transfer-encoding|user-agent|webhook-.*|x-event-.*)$/i;
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}$/;

const headersSchema = z
  .record(
    z
      .string()
      .max(2000)
      .regex(/^[^\r\n]*$/, "A header value cannot span lines."),
  )
  .superRefine((headers, ctx) => {
    for (const name of Object.keys(headers)) {
      if (!HEADER_NAME.test(name)) ctx.addIssue({ code: "custom", message: `"${name}" is not a header name.` });
      else if (RESERVED.test(name))
        ctx.addIssue({ code: "custom", message: `The feed sets ${name} itself; choose another header.` });
    }
    if (Object.keys(headers).length > 20) ctx.addIssue({ code: "custom", message: "At most 20 headers." });
  });

const fields = z
  .object({
    name: z.string().trim().min(1, "Give the endpoint a name.").max(100),
    url: z.string().trim().min(1, "Enter the address the ERP gave you."),
    topics: z
      .array(z.enum(FEED_TOPICS, { message: `Topics are ${FEED_TOPICS.join(", ")}.` }))
      .min(1, "Choose at least one event."),
    headers: headersSchema.optional(),
    enabled: z.boolean().optional(),
  })
  .strict();

export type EndpointFields = z.input<typeof fields>;

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|::1)$/i;

/** HTTPS only; plain http only to this machine, and only in the demo and tests. */
export function checkEndpointUrl(value: string): string | null {
  const policy = connectorUrlPolicy();
  const checked = checkConnectorUrl(value, policy);
  if (!checked.ok) return checked.problem;
  const host = checked.url.hostname.replace(/^\[|\]$/g, "");
  if (checked.url.protocol === "http:" && !(LOOPBACK.test(host) || (net.isIP(host) === 4 && host.startsWith("127."))))
    return "The address must start with https:// (plain http only reaches this machine, in the demo).";
  return null;
}

function parse<T extends z.ZodTypeAny>(schema: T, raw: unknown): z.infer<T> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    throw new ValidationError(
      "Some fields need fixing; nothing was saved.",
      fieldErrorsFromZod(parsed.error, "not a field of an endpoint"),
    );
  return parsed.data;
}

function checkUrlOrThrow(url: string) {
  const problem = checkEndpointUrl(url);
  if (problem) throw new ValidationError("Some fields need fixing; nothing was saved.", { url: problem });
}

type Row = Awaited<ReturnType<Db["feedEndpoint"]["findFirstOrThrow"]>>;

/** An endpoint's status reason as stored: its English, and its words for an admin of another language. */
export const statusReasonOf = (reason: Said | null) => ({
  statusReason: reason?.text ?? null,
  statusReasonWords: wordsJson(reason),
});

/** An endpoint as screens and the API show it; its status reason said again in `locale` (the API's: English). */
export function endpointView(row: Row, locale: Locale = "en"): EndpointView {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    topics: JSON.parse(row.topicsJson) as FeedTopic[],
    status: row.status as EndpointStatus,
    statusReason: row.statusReason === null ? null : storedText(row.statusReason, row.statusReasonWords, locale),
    headerNames: row.headersCiphertext
      ? Object.keys(JSON.parse(decryptSecret(row.headersCiphertext)) as Record<string, string>)
      : [],
    secretRotatedUntil: row.previousSecretUntil?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listEndpoints(db: Db, shop: string, locale: Locale = "en"): Promise<EndpointView[]> {
  const rows = await db.feedEndpoint.findMany({ where: { shop }, orderBy: { createdAt: "asc" } });
  return rows.map((row) => endpointView(row, locale));
}

export async function loadEndpoint(db: Db, shop: string, id: string): Promise<Row> {
  const row = await db.feedEndpoint.findFirst({ where: { id, shop } });
  if (!row) throw new NotFoundError("No such endpoint in this shop.");
  return row;
}

/** Adds an endpoint; the answer carries its signing secret, which is never shown again. */
export async function createEndpoint(
  db: Db,
  shop: string,
  raw: unknown,
): Promise<{ endpoint: EndpointView; secret: string }> {
  const input = parse(fields, raw);
  checkUrlOrThrow(input.url);
  const secret = newSigningSecret();
  const row = await db.feedEndpoint.create({
    data: {
      shop,
      name: input.name,
      url: input.url,
      topicsJson: JSON.stringify([...new Set(input.topics)]),
      secretCiphertext: encryptSecret(secret),
      headersCiphertext:
        input.headers && Object.keys(input.headers).length > 0 ? encryptSecret(JSON.stringify(input.headers)) : null,
      status: input.enabled === false ? "paused" : "enabled",
      ...statusReasonOf(input.enabled === false ? said("feed.pausedWhenAdded") : null),
    },
  });
  return { endpoint: endpointView(row), secret };
}

/**
 * Changes what is sent (absent fields keep their value). `headers` replaces the custom headers: a
 * header given with an empty value keeps the stored one (they are write-only, the screen never has
 * them), `null` removes all. `enabled` resumes or pauses; resuming clears a 410 or an automatic pause.
 */
export async function updateEndpoint(db: Db, shop: string, id: string, raw: unknown): Promise<EndpointView> {
  const input = parse(fields.partial().extend({ headers: headersSchema.nullable().optional() }).strict(), raw);
  const row = await loadEndpoint(db, shop, id);
  if (input.url !== undefined) checkUrlOrThrow(input.url);
  let headersCiphertext: string | null | undefined;
  if (input.headers === null) headersCiphertext = null;
  else if (input.headers) {
    const stored = row.headersCiphertext
      ? (JSON.parse(decryptSecret(row.headersCiphertext)) as Record<string, string>)
      : {};
    const merged = Object.fromEntries(
      Object.entries(input.headers).map(([name, value]) => [name, value === "" ? (stored[name] ?? "") : value]),
    );
    headersCiphertext = Object.keys(merged).length > 0 ? encryptSecret(JSON.stringify(merged)) : null;
  }
  const updated = await db.feedEndpoint.update({
    where: { id: row.id },
    data: {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.url !== undefined ? { url: input.url } : {}),
      ...(input.topics !== undefined ? { topicsJson: JSON.stringify([...new Set(input.topics)]) } : {}),
      ...(headersCiphertext !== undefined ? { headersCiphertext } : {}),
      ...(input.enabled === true ? { status: "enabled", ...statusReasonOf(null), failingSince: null } : {}),
      ...(input.enabled === false ? { status: "paused", ...statusReasonOf(said("feed.pausedByMerchant")) } : {}),
    },
  });
  return endpointView(updated);
}

export async function deleteEndpoint(db: Db, shop: string, id: string): Promise<void> {
  const row = await loadEndpoint(db, shop, id);
  await db.feedEndpoint.delete({ where: { id: row.id } });
}

/** A new secret (shown once); the previous one keeps signing for `overlapHours` so the ERP can switch. */
export async function rotateSecret(
  db: Db,
  shop: string,
  id: string,
  options: { overlapHours?: number; now?: Date } = {},
): Promise<{ secret: string; previousValidUntil: string }> {
  const row = await loadEndpoint(db, shop, id);
  const overlapHours = options.overlapHours ?? 24;
  if (!(overlapHours >= 0 && overlapHours <= 24 * 7))
    throw new ValidationError("The overlap must be between 0 and 168 hours.", { overlapHours: "0 to 168 hours" });
  const until = new Date((options.now ?? new Date()).getTime() + overlapHours * 3_600_000);
  const secret = newSigningSecret();
  await db.feedEndpoint.update({
    where: { id: row.id },
    data: {
      secretCiphertext: encryptSecret(secret),
      previousSecretCiphertext: row.secretCiphertext,
      previousSecretUntil: until,
    },
  });
  return { secret, previousValidUntil: until.toISOString() };
}

/** What the destination needs to call the endpoint now: secrets that sign, headers in clear. */
export function endpointTarget(row: Row, now: Date) {
  const secrets = [decryptSecret(row.secretCiphertext)];
  if (row.previousSecretCiphertext && row.previousSecretUntil && row.previousSecretUntil > now)
    secrets.push(decryptSecret(row.previousSecretCiphertext));
  return {
    url: row.url,
    secrets,
    headers: row.headersCiphertext ? (JSON.parse(decryptSecret(row.headersCiphertext)) as Record<string, string>) : {},
    allowLocal: connectorUrlPolicy().allowLocal,
    extraCaFile: env().EVENT_FEED_CA_FILE,
  };
}
