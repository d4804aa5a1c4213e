// A POS's "counts moved" notification (POST <appUrl>/pos/notify/<account id>): its signature checked
// with the account's signing key over the notification URL and raw body, then a poll of that account
// queued (one waiting poll is enough, however many notifications come).
import { posSystem } from "../connectors/pos-systems.server";
import { db as defaultDb, type Db } from "../db.server";
import { env } from "../env.server";
import { posAccountSecrets } from "./accounts.server";
import { enqueuePosPoll } from "./jobs.server";

export const posNotificationPath = (accountId: string) => `/pos/notify/${accountId}`;
export const posNotificationUrl = (accountId: string) =>
  new URL(posNotificationPath(accountId), env().SHOPIFY_APP_URL).toString();

export async function receivePosNotification(
  accountId: string,
  rawBody: string,
  header: (name: string) => string | null,
  db: Db = defaultDb,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const row = await db.posAccount.findUnique({ where: { id: accountId } });
  const webhook = row ? posSystem(row.system)?.countWebhook : undefined;
  if (!row || !webhook) return { status: 404, body: { error: "No such point-of-sale account." } };
  const key = (await posAccountSecrets(row))[webhook.secret];
  if (!key) return { status: 403, body: { error: "This account has no webhook signature key." } };
  if (!webhook.verify(key, posNotificationUrl(accountId), rawBody, header(webhook.signatureHeader)))
    return { status: 401, body: { error: "The signature does not match." } };
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody);
  } catch {
    return { status: 400, body: { error: "The body is not JSON." } };
  }
  if (!webhook.movedLocations(parsed).length) return { status: 200, body: { polled: false } };
  if (row.paused) return { status: 200, body: { polled: false, paused: true } };
  const { jobId } = await enqueuePosPoll(row.shop, row.id, "webhook", db);
  return { status: 200, body: { polled: true, jobId } };
}
