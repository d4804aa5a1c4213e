// The Settings → ERP event feed and Event feed screens' loaders and form actions (routes stay thin).
import { db } from "../db.server";
import { enqueueJob } from "../jobs/api.server";
import { RECONCILE_JOB } from "./jobs.server";
import { defineWords, formatters } from "../i18n/define";
import type { Locale } from "../i18n/locale";
import { sayIn } from "../i18n/stored-words";
import { ValidationError } from "../lib/errors";
import { pageRequestFrom } from "../lib/keyset.server";
import { shopTimeZone } from "../shops/time-zone.server";
import { deliveryPageFromQuery, endpointsWithHealth, replayFromBody } from "./api.server";
import { createEndpoint, deleteEndpoint, rotateSecret, updateEndpoint } from "./endpoints.server";
import { sendTestEvent } from "./feed.server";
import { FEED_TOPICS, TOPIC_GROUPS } from "./topics";

const WORDS = defineWords({
  en: {
    badFilters: "Some filters are not valid.",
    needsFixing: "Some fields need fixing; nothing was saved.",
    notAHeader: (line: string) => `"${line}" is not "Name: value".`,
    added: (name: string) => `Endpoint "${name}" added. Copy its signing secret now: it is not shown again.`,
    tested: (topic: string, delivered: boolean, status: number | null, ms: number, reason: string | null) =>
      `Test event (${topic}): ${delivered ? "delivered" : "not taken"}, ${status ? `HTTP ${status}` : "no answer"} in ${ms} ms${reason ? ` — ${reason}` : ""}`,
    rotated: (until: string) => `New signing secret made; the previous one also signs until ${until}. Copy it now.`,
    paused: "Endpoint paused: events wait for it.",
    resumed: "Endpoint resumed: waiting events are being sent.",
    removed: "Endpoint removed.",
    reconciling: "Checking Shopify for missed events now.",
    enterRange: "Enter a start and an end (date and time).",
    required: "required",
    unknownAction: "Unknown action.",
    nothingToReplay: "Nothing to replay.",
    replayed: (n: number) => `${n} deliver${n === 1 ? "y" : "ies"} queued again.`,
    /** The endpoint checks' words (endpoints.server.ts speaks English to the API too), by their English. */
    known: {} as Record<string, string>,
  },
  fr: {
    badFilters: "Certains filtres ne sont pas valides.",
    needsFixing: "Certains champs sont à corriger ; rien n'a été enregistré.",
    notAHeader: (line: string) => `« ${line} » n'est pas au format « Nom: valeur ».`,
    added: (name: string) =>
      `Point de terminaison « ${name} » ajouté. Copiez son secret de signature maintenant : il ne sera plus affiché.`,
    tested: (topic: string, delivered: boolean, status: number | null, ms: number, reason: string | null) =>
      `Événement de test (${topic}) : ${delivered ? "livré" : "non accepté"}, ${status ? `HTTP ${status}` : "aucune réponse"} en ${ms} ms${reason ? ` — ${reason}` : ""}`,
    rotated: (until: string) =>
      `Nouveau secret de signature créé ; l'ancien signe aussi jusqu'au ${until}. Copiez-le maintenant.`,
    paused: "Point de terminaison en pause : les événements l'attendent.",
    resumed: "Point de terminaison repris : les événements en attente sont en cours d'envoi.",
    removed: "Point de terminaison supprimé.",
    reconciling: "Recherche des événements manqués dans Shopify en cours.",
    enterRange: "Saisissez un début et une fin (date et heure).",
    required: "obligatoire",
    unknownAction: "Action inconnue.",
    nothingToReplay: "Rien à renvoyer.",
    replayed: (n: number) => `${n} livraison${n > 1 ? "s" : ""} remise${n > 1 ? "s" : ""} en file d'attente.`,
    known: {
      "Some fields need fixing; nothing was saved.": "Certains champs sont à corriger ; rien n'a été enregistré.",
      "Give the endpoint a name.": "Donnez un nom au point de terminaison.",
      "Enter the address the ERP gave you.": "Saisissez l'adresse que l'ERP vous a donnée.",
      "Choose at least one event.": "Choisissez au moins un événement.",
      "The address must start with https:// (plain http only reaches this machine, in the demo).":
        "L'adresse doit commencer par https:// (le http simple n'atteint que cette machine, dans la démo).",
      "A header value cannot span lines.": "La valeur d'un en-tête doit tenir sur une ligne.",
      "At most 20 headers.": "20 en-têtes au maximum.",
      "No such endpoint in this shop.": "Ce point de terminaison n'existe pas dans cette boutique.",
    } as Record<string, string>,
  },
});

/** An endpoint check's refusal in the admin's language (the words it has French for; others as said). */
function inLocale(error: unknown, locale: Locale): unknown {
  if (!(error instanceof ValidationError) || locale === "en") return error;
  const known = WORDS[locale].known;
  const say = (text: string) => known[text] ?? text;
  return new ValidationError(
    say(error.message),
    Object.fromEntries(Object.entries(error.fieldErrors).map(([field, text]) => [field, say(text)])),
  );
}

export async function feedSettingsView(shop: string, locale: Locale = "en") {
  const [timeZone, endpoints] = await Promise.all([shopTimeZone(shop), endpointsWithHealth(db, shop, locale)]);
  return { timeZone, endpoints, topics: [...FEED_TOPICS], groups: TOPIC_GROUPS };
}

/** The delivery log's filters in the screen's address; the rest (Shopify admin's ?locale=, ?host=…) is not a filter. */
const FILTERS = ["endpoint", "topic", "status", "resource", "from", "to"];

/** Deliveries on a page of the screen's log (the screen's pager says the same). */
const DELIVERIES_PER_PAGE = 50;

export async function feedLogView(shop: string, query: URLSearchParams, locale: Locale = "en") {
  const filters = new URLSearchParams([...query.entries()].filter(([key]) => FILTERS.includes(key)));
  const place = { ...pageRequestFrom(query), limit: DELIVERIES_PER_PAGE };
  const [timeZone, endpoints, deliveries] = await Promise.all([
    shopTimeZone(shop),
    endpointsWithHealth(db, shop, locale),
    deliveryPageFromQuery(db, shop, filters, place, locale).catch((error: unknown) => {
      if (error instanceof ValidationError) return null;
      throw error;
    }),
  ]);
  return {
    timeZone,
    endpoints,
    deliveries: deliveries ?? { items: [], total: 0, next: null, previous: null },
    pageSize: DELIVERIES_PER_PAGE,
    filterProblem: deliveries ? null : WORDS[locale].badFilters,
  };
}

/** Headers typed one per line, "Name: value". */
function headersFrom(text: string, locale: Locale): Record<string, string> | undefined {
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length === 0) return undefined;
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon <= 0) throw new ValidationError(WORDS[locale].needsFixing, { headers: WORDS[locale].notAHeader(line) });
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}

export type FeedFormResult =
  | { ok: true; message: string; secret?: string; answer?: string; runUrl?: string }
  | { ok: false; message: string; fieldErrors: Record<string, string> };

export async function feedFormAction(
  shop: string,
  form: Record<string, string>,
  locale: Locale = "en",
): Promise<FeedFormResult> {
  try {
    return await formAction(shop, form, locale);
  } catch (error) {
    throw inLocale(error, locale);
  }
}

async function formAction(shop: string, form: Record<string, string>, locale: Locale): Promise<FeedFormResult> {
  const t = WORDS[locale];
  const id = form.endpointId ?? "";
  switch (form.intent) {
    case "add": {
      const topics = FEED_TOPICS.filter((t) => form[`topic:${t}`] === "on");
      const created = await createEndpoint(db, shop, {
        name: form.name ?? "",
        url: form.url ?? "",
        topics,
        headers: headersFrom(form.headers ?? "", locale),
      });
      return {
        ok: true,
        message: t.added(created.endpoint.name),
        secret: created.secret,
      };
    }
    case "test": {
      const result = await sendTestEvent(db, shop, id);
      const status = "status" in result && result.status ? result.status : null;
      const why = result.outcome === "retry" ? sayIn(result.reason, locale) : null;
      return {
        ok: result.outcome === "delivered",
        message: t.tested(result.topic, result.outcome === "delivered", status, result.ms, why),
        answer: result.answer ?? undefined,
        ...(result.outcome === "delivered" ? {} : { fieldErrors: {} }),
      } as FeedFormResult;
    }
    case "rotate": {
      const rotated = await rotateSecret(db, shop, id);
      return {
        ok: true,
        message: t.rotated(formatters(locale).dateTime(rotated.previousValidUntil, await shopTimeZone(shop))),
        secret: rotated.secret,
      };
    }
    case "pause":
      await updateEndpoint(db, shop, id, { enabled: false });
      return { ok: true, message: t.paused };
    case "resume":
      await updateEndpoint(db, shop, id, { enabled: true });
      return { ok: true, message: t.resumed };
    case "delete":
      await deleteEndpoint(db, shop, id);
      return { ok: true, message: t.removed };
    case "reconcile": {
      const { jobId } = await enqueueJob({ db }, { shop, type: RECONCILE_JOB, trigger: "manual" });
      return { ok: true, message: t.reconciling, runUrl: `/app/runs/${jobId}` };
    }
    case "replay-one":
      return replayed(locale, await replayFromBody(db, shop, { deliveryId: form.deliveryId }));
    case "replay-failed":
      return replayed(locale, await replayFromBody(db, shop, { endpointId: id, failed: true }));
    case "replay-range": {
      const from = new Date(form.from ?? "");
      const to = new Date(form.to ?? "");
      if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()))
        throw new ValidationError(t.enterRange, { from: t.required, to: t.required });
      return replayed(
        locale,
        await replayFromBody(db, shop, {
          ...(id ? { endpointId: id } : {}),
          from: from.toISOString(),
          to: to.toISOString(),
        }),
      );
    }
    default:
      return { ok: false, message: t.unknownAction, fieldErrors: {} };
  }
}

const replayed = (locale: Locale, { queued }: { queued: number }): FeedFormResult => ({
  ok: true,
  message: queued === 0 ? WORDS[locale].nothingToReplay : WORDS[locale].replayed(queued),
});
