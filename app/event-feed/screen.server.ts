// The Settings → ERP event feed and Event feed screens' loaders and form actions (routes stay thin).
import { db } from "../db.server";
import { enqueueJob } from "../jobs/api.server";
import { RECONCILE_JOB } from "./jobs.server";
import { ValidationError } from "../lib/errors";
import { deliveriesFromQuery, endpointsWithHealth, replayFromBody } from "./api.server";
import { createEndpoint, deleteEndpoint, rotateSecret, updateEndpoint } from "./endpoints.server";
import { sendTestEvent } from "./feed.server";
import { FEED_TOPICS, TOPIC_GROUPS } from "./topics";

export async function feedSettingsView(shop: string) {
  return { endpoints: await endpointsWithHealth(db, shop), topics: [...FEED_TOPICS], groups: TOPIC_GROUPS };
}

export async function feedLogView(shop: string, query: URLSearchParams) {
  const [endpoints, deliveries] = await Promise.all([
    endpointsWithHealth(db, shop),
    deliveriesFromQuery(db, shop, query).catch((error: unknown) => {
      if (error instanceof ValidationError) return null;
      throw error;
    }),
  ]);
  return { endpoints, deliveries: deliveries ?? [], filterProblem: deliveries ? null : "Some filters are not valid." };
}

/** Headers typed one per line, "Name: value". */
function headersFrom(text: string): Record<string, string> | undefined {
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length === 0) return undefined;
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon <= 0)
      throw new ValidationError("Some fields need fixing; nothing was saved.", {
        headers: `"${line}" is not "Name: value".`,
      });
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}

export type FeedFormResult =
  | { ok: true; message: string; secret?: string; answer?: string; runUrl?: string }
  | { ok: false; message: string; fieldErrors: Record<string, string> };

export async function feedFormAction(shop: string, form: Record<string, string>): Promise<FeedFormResult> {
  const id = form.endpointId ?? "";
  switch (form.intent) {
    case "add": {
      const topics = FEED_TOPICS.filter((t) => form[`topic:${t}`] === "on");
      const created = await createEndpoint(db, shop, {
        name: form.name ?? "",
        url: form.url ?? "",
        topics,
        headers: headersFrom(form.headers ?? ""),
      });
      return {
        ok: true,
        message: `Endpoint "${created.endpoint.name}" added. Copy its signing secret now: it is not shown again.`,
        secret: created.secret,
      };
    }
    case "test": {
      const result = await sendTestEvent(db, shop, id);
      const said = "status" in result && result.status ? `HTTP ${result.status}` : "no answer";
      const why = result.outcome === "retry" ? ` — ${result.reason}` : "";
      return {
        ok: result.outcome === "delivered",
        message: `Test event (${result.topic}): ${result.outcome === "delivered" ? "delivered" : "not taken"}, ${said} in ${result.ms} ms${why}`,
        answer: result.answer ?? undefined,
        ...(result.outcome === "delivered" ? {} : { fieldErrors: {} }),
      } as FeedFormResult;
    }
    case "rotate": {
      const rotated = await rotateSecret(db, shop, id);
      return {
        ok: true,
        message: `New signing secret made; the previous one also signs until ${rotated.previousValidUntil}. Copy it now.`,
        secret: rotated.secret,
      };
    }
    case "pause":
      await updateEndpoint(db, shop, id, { enabled: false });
      return { ok: true, message: "Endpoint paused: events wait for it." };
    case "resume":
      await updateEndpoint(db, shop, id, { enabled: true });
      return { ok: true, message: "Endpoint resumed: waiting events are being sent." };
    case "delete":
      await deleteEndpoint(db, shop, id);
      return { ok: true, message: "Endpoint removed." };
    case "reconcile": {
      const { jobId } = await enqueueJob({ db }, { shop, type: RECONCILE_JOB, trigger: "manual" });
      return { ok: true, message: "Checking Shopify for missed events now.", runUrl: `/app/runs/${jobId}` };
    }
    case "replay-one":
      return replayed(await replayFromBody(db, shop, { deliveryId: form.deliveryId }));
    case "replay-failed":
      return replayed(await replayFromBody(db, shop, { endpointId: id, failed: true }));
    case "replay-range": {
      const from = new Date(form.from ?? "");
      const to = new Date(form.to ?? "");
      if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()))
        throw new ValidationError("Enter a start and an end (date and time).", { from: "required", to: "required" });
      return replayed(
        await replayFromBody(db, shop, {
          ...(id ? { endpointId: id } : {}),
          from: from.toISOString(),
          to: to.toISOString(),
        }),
      );
    }
    default:
      return { ok: false, message: "Unknown action.", fieldErrors: {} };
  }
}

const replayed = ({ queued }: { queued: number }): FeedFormResult => ({
  ok: true,
  message: queued === 0 ? "Nothing to replay." : `${queued} deliver${queued === 1 ? "y" : "ies"} queued again.`,
});
