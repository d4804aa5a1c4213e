// Where alerts come from: a failed run (the job engine announces it; a run that gave up on a system that
// does not answer is "connector-down"), an event feed delivery given up (the deliverer calls
// alertDeadDelivery) and a Shopify webhook whose processing was given up (the webhook processor calls
// alertFailedWebhook). A failed run also leaves an app event for the Logs screen, which lists failed
// webhooks itself.
import type { Db } from "../db.server";
import { said, textOf, type Message } from "../i18n/stored-words";
import { onRunFailed, type FailedRun } from "../jobs/run-events.server";
import { recordAppEvent } from "./app-events.server";
import { recordAlert } from "./record.server";

let subscribed = false;

export function registerAlerts(): void {
  if (subscribed) return;
  subscribed = true;
  onRunFailed(alertFailedRun);
}

export async function alertFailedRun(run: FailedRun): Promise<void> {
  // An alert that could not be sent must not alert about itself.
  if (run.type.startsWith("alerts.")) return;
  const kind = run.transient ? "connector-down" : "run-failed";
  await recordAppEvent(
    run.shop,
    {
      kind: "run-failed",
      message: said("event.runFailed", { title: said("job.title", { type: run.type }), message: run.message }),
      link: `/app/runs/${run.jobId}`,
      at: run.finishedAt,
    },
    run.db,
  );
  await recordAlert(
    run.db,
    run.shop,
    {
      kind,
      dedupeKey: `run:${run.jobId}`,
      groupKey: `${kind}:${run.type}`,
      title: said("job.title", { type: run.type }),
      detail: run.message,
      link: `/app/runs/${run.jobId}`,
    },
    run.finishedAt,
  );
}

export async function alertDeadDelivery(
  db: Db,
  delivery: {
    id: string;
    shop: string;
    endpointId: string;
    endpointName: string;
    topic: string;
    /** Why the last attempt failed, with its words when it has them. */
    error: Message | null;
  },
  now: Date,
): Promise<void> {
  await recordAlert(
    db,
    delivery.shop,
    {
      kind: "delivery-dead",
      dedupeKey: `delivery:${delivery.id}`,
      groupKey: `delivery-dead:${delivery.endpointId}`,
      title: delivery.endpointName,
      detail:
        delivery.error === null || textOf(delivery.error) === ""
          ? said("alerts.deliveryDead", { topic: delivery.topic })
          : said("alerts.deliveryDeadBecause", { topic: delivery.topic, error: delivery.error }),
      link: "/app/event-feed",
    },
    now,
  );
}

/** A recorded Shopify webhook that ended `failed`: its use-case kept failing, or cannot succeed. */
export async function alertFailedWebhook(
  db: Db,
  delivery: {
    webhookId: string;
    shop: string;
    topic: string;
    attempts: number;
    /** Why, when it is ours to say (an unexpected error says nothing more). */
    error: Message | null;
  },
  now: Date,
): Promise<void> {
  const { topic, attempts } = delivery;
  await recordAlert(
    db,
    delivery.shop,
    {
      kind: "webhook-failed",
      dedupeKey: `webhook:${delivery.webhookId}`,
      groupKey: `webhook-failed:${topic}`,
      title: said("alerts.webhookTitle", { topic }),
      detail:
        delivery.error === null || textOf(delivery.error) === ""
          ? said("alerts.webhookGivenUp", { attempts })
          : said("alerts.webhookGivenUpBecause", { attempts, error: delivery.error }),
      link: "/app/logs?status=failed",
    },
    now,
  );
}
