// Failures do not go unnoticed: a failed run, a system that does not answer, an event feed delivery
// given up and a Shopify webhook whose processing was given up become alerts, recorded once and sent once — by mail through the SMTP emulator (a real SMTP
// server) and as a signed JSON POST to a local HTTP receiver — even with two workers racing, in the
// chosen language, not repeated within the quiet period, or gathered in an hourly digest.
import { createHmac, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { listAppEvents } from "~/alerts/app-events.server";
import { alertSignature } from "~/alerts/send.server";
import { createApiToken } from "~/api/tokens.server";
import { saveFastmagSettings } from "~/connectors/fastmag/settings.server";
import { db } from "~/db.server";
import { decryptSecret } from "~/lib/crypto.server";
import { storedText } from "~/i18n/stored-words";
import { createEndpoint } from "~/event-feed/endpoints.server";
import { deliverDueEvents } from "~/event-feed/deliverer.server";
import { getJob } from "~/jobs/api.server";
import { manualClock } from "~/jobs/clock";
import { enqueue } from "~/jobs/queue.server";
import { runDueJobs } from "~/jobs/worker.server";
import { saveMailSettingsForm } from "~/mail/screen.server";
import { alertsScreen, loadAlertWebhook, saveAlertSettings } from "~/alerts/settings.server";
import { action as putAlertSettings, loader as getAlertSettings } from "~/routes/api.alerts.settings";
import { action as alertsAction, loader as alertsLoader } from "~/routes/app.alerts";
import { action as ordersCancelledAction } from "~/routes/webhooks.orders.cancelled";
import { action as ordersCreateAction } from "~/routes/webhooks.orders.create";
import { processDueWebhooks } from "~/webhooks/processor.server";
import { DEMO_SMTP_USER, startSmtpEmulator, type SmtpEmulator } from "../../emulators/smtp/index";
import { adminRequest, installShop } from "../support/admin-request";
import { uniqueShop } from "../support/shops";
import { findFrench } from "../e2e/support/french";
import { respond, webhookRequest } from "../support/webhooks";
import { CREDENTIALS } from "./fastmag-harness";
import { startStockWorld, type StockWorld } from "./stock-harness";

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A local HTTP receiver: answers each POST with the next planned status (200 once the plan is used up). */
async function startReceiver() {
  const received: Received[] = [];
  const plan: number[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(plan.shift() ?? 200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    plan,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let smtp: SmtpEmulator;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let world: StockWorld;

async function setUpMail(shop: string) {
  await saveMailSettingsForm(shop, {
    host: smtp.host,
    port: String(smtp.port),
    tls: smtp.tls,
    user: DEMO_SMTP_USER.username,
    password: DEMO_SMTP_USER.password,
    from: '"Maison Démo" <boutique@maison-demo.test>',
    trustedCertificate: smtp.certificate,
  });
}

beforeAll(async () => {
  smtp = await startSmtpEmulator();
  receiver = await startReceiver();
  world = await startStockWorld({ variants: 20, initialShopifyLevel: () => 5 });
  await installShop(world.shop, { name: "Maison Démo", ianaTimezone: "Europe/Paris" });
  await db.session.update({
    where: { id: `offline_${world.shop}` },
    data: { accessToken: world.shopify.issueAccessToken(world.shop) },
  });
  const saved = await saveFastmagSettings(
    world.shop,
    {
      host: world.fastmag.emulator.url,
      ...CREDENTIALS,
      stockA: false,
      stockB: "on",
      safetyMargin: "0",
      locationId: world.locationId,
      seasons: "",
      timeZone: "Europe/Paris",
    },
    { knownLocationIds: [world.locationId] },
  );
  expect(saved.ok).toBe(true);
  await setUpMail(world.shop);
}, 60_000);
afterAll(async () => {
  await world?.close();
  await receiver?.close();
  await smtp?.close();
});
beforeEach(() => {
  smtp.reset();
  receiver.received.length = 0;
  receiver.plan.length = 0;
});

/** Runs due jobs with two workers side by side, as two processes would. */
async function twoWorkers(clock?: ReturnType<typeof manualClock>) {
  await Promise.all([runDueJobs({ db, workerId: "worker-a", clock }), runDueJobs({ db, workerId: "worker-b", clock })]);
  await runDueJobs({ db, workerId: "worker-a", clock });
}

/** A Shopify order webhook that names no order, recorded as the route records it: its processing fails for good. */
async function failingWebhook(topic: "orders/create" | "orders/cancelled") {
  const webhookId = `no-id-${randomUUID()}`;
  const action = topic === "orders/create" ? ordersCreateAction : ordersCancelledAction;
  const request = webhookRequest({ topic, shop: world.shop, webhookId, payload: { name: "#1" } });
  expect((await respond(() => action({ request, params: {}, context: {} }) as Promise<Response>)).status).toBe(200);
  return webhookId;
}

async function failStockRun(faults: Parameters<StockWorld["fastmag"]["emulator"]["setFaults"]>[0], maxAttempts = 1) {
  world.fastmag.emulator.setFaults(faults);
  const { job } = await enqueue(db, { shop: world.shop, type: "stock.full", trigger: "schedule", maxAttempts });
  return job.id;
}

describe("alerts", { timeout: 60_000 }, () => {
  it("mails a failed run and posts it to the webhook exactly once with two workers, then keeps quiet", async () => {
    // The signing secret is answered once, by the save that makes it.
    const { webhookSecret: secret } = await saveAlertSettings(world.shop, {
      recipients: "gerant@maison-demo.test, it@maison-demo.test",
      webhookUrl: `${receiver.url}/alerts`,
      events: ["run-failed", "connector-down", "delivery-dead", "webhook-failed"],
      digest: "immediate",
      quietMinutes: 60,
      locale: "en",
      rotateWebhookSecret: true,
    });
    const jobId = await failStockRun({ koNext: 50, koMessage: "Identification incorrecte" });
    await twoWorkers();
    expect(await getJob({ db }, world.shop, jobId)).toMatchObject({ status: "failed" });

    const mails = smtp.messages({ to: "gerant@maison-demo.test" });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.envelope.rcptTo).toEqual(["gerant@maison-demo.test", "it@maison-demo.test"]);
    expect(mails[0]!.subject).toBe("[Maison Démo] The sync “Stock (full)” failed");
    expect(mails[0]!.text).toContain("Passerelle noticed a problem at Maison Démo");
    expect(mails[0]!.html).toContain('lang="en"');
    expect(mails[0]!.text).toContain(`/app/runs/${jobId}`);

    expect(receiver.received).toHaveLength(1);
    const post = receiver.received[0]!;
    expect(post.headers["content-type"]).toBe("application/json");
    const settings = await db.alertSettings.findUniqueOrThrow({ where: { shop: world.shop } });
    expect(secret).toMatch(/^whsec_/);
    expect(settings.webhookSecretCiphertext).not.toContain(secret);
    const timestamp = Number(post.headers["x-passerelle-timestamp"]);
    expect(post.headers["x-passerelle-signature"]).toBe(alertSignature(secret!, timestamp, post.body));
    expect(post.headers["x-passerelle-signature"]).toBe(
      `v1=${createHmac("sha256", secret!).update(`${timestamp}.${post.body}`).digest("hex")}`,
    );
    expect(JSON.parse(post.body)).toMatchObject({
      shop: world.shop,
      digest: "immediate",
      alerts: [{ kind: "run-failed", subject: "Stock (full)", link: expect.stringContaining(`/app/runs/${jobId}`) }],
    });

    const alert = await db.alert.findUniqueOrThrow({ where: { dedupeKey: `run:${jobId}` } });
    expect(alert).toMatchObject({ kind: "run-failed", status: "sent", mailStatus: "sent", webhookStatus: "sent" });
    const sends = await db.job.findMany({ where: { shop: world.shop, type: "alerts.send" } });
    expect(sends.map((j) => j.status)).toEqual(["succeeded"]);
    const log = await db.mailLog.findMany({ where: { shop: world.shop, template: "alert" } });
    expect(log).toHaveLength(1);

    // The same failure again within the quiet period: recorded, not sent.
    smtp.reset();
    receiver.received.length = 0;
    const again = await failStockRun({ koNext: 50, koMessage: "Identification incorrecte" });
    await twoWorkers();
    expect(await db.alert.findUniqueOrThrow({ where: { dedupeKey: `run:${again}` } })).toMatchObject({
      status: "quiet",
    });
    expect(smtp.messages()).toHaveLength(0);
    expect(receiver.received).toHaveLength(0);

    const events = await db.appEvent.findMany({ where: { shop: world.shop }, orderBy: { createdAt: "asc" } });
    expect(events.filter((e) => e.kind === "run-failed")).toHaveLength(2);
    expect(events.filter((e) => e.kind === "alert-sent")).toEqual([
      expect.objectContaining({ message: expect.stringContaining("mailed to gerant@maison-demo.test") }),
    ]);

    const screen = await alertsLoader({ request: adminRequest(world.shop, "/app/alerts"), params: {}, context: {} });
    expect(screen.recent.items.map((a) => a.status)).toEqual(["quiet", "sent"]);
    // The English screen quotes Fastmag's French refusal: no French runs on inside an English sentence.
    for (const shown of screen.recent.items) {
      expect(shown.detail).toContain("“Identification incorrecte”");
      expect(findFrench(`${shown.title}\n${shown.detail}\n${shown.error ?? ""}`, [])).toEqual([]);
    }
  });

  it("tells in French that a system does not answer when a run gives up on it", async () => {
    await saveAlertSettings(world.shop, { locale: "fr", webhookUrl: "", quietMinutes: 0 });
    // The Logs screen's event: in French for a French admin, the stored English for an English one.
    const saved = async (locale: "en" | "fr") =>
      (await listAppEvents(world.shop, { kind: "settings-changed" }, db, locale)).items[0]!.message;
    expect(await saved("fr")).toMatch(
      /^Réglages des alertes enregistrés : \d+ destinataires?, (envoi immédiat|récapitulatif \S+), période de silence 0 min\.$/,
    );
    expect(await saved("en")).toMatch(/^Alert settings saved: \d+ recipient\(s\), .+, quiet period 0 min\.$/);
    const jobId = await failStockRun({ http5xxNext: 50 });
    await twoWorkers();
    expect(await getJob({ db }, world.shop, jobId)).toMatchObject({ status: "failed" });
    const alert = await db.alert.findUniqueOrThrow({ where: { dedupeKey: `run:${jobId}` } });
    expect(alert).toMatchObject({ kind: "connector-down", status: "sent", webhookStatus: null });
    const [mail] = smtp.messages({ to: "it@maison-demo.test" });
    // The run's name and why it failed are said in the alerts' language from the alert's stored words.
    expect(mail!.subject).toBe("[Maison Démo] « Stock (complet) » n'a pas pu joindre le système connecté");
    expect(alert.detail).toBe("Fastmag answered HTTP 503 (server error)");
    expect(mail!.text).toContain("Fastmag a répondu HTTP 503 (erreur du serveur)");
    expect(mail!.text).not.toContain(alert.detail);
    expect(mail!.headers.subject![0]).toMatch(/^=\?UTF-8\?[BQ]\?/);
    expect(mail!.html).toContain('lang="fr"');
    expect(smtp.messages()).toHaveLength(1);
    world.fastmag.emulator.setFaults({});
  });

  it("retries the webhook that failed without mailing twice", async () => {
    await saveAlertSettings(world.shop, { locale: "en", webhookUrl: `${receiver.url}/alerts`, quietMinutes: 0 });
    receiver.plan.push(503);
    const clock = manualClock(new Date(Date.now() + 1000));
    const jobId = await failStockRun({ koNext: 50, koMessage: "Identification incorrecte" });
    await twoWorkers(clock);
    expect(receiver.received).toHaveLength(1);
    expect(smtp.messages()).toHaveLength(1);
    const alert = await db.alert.findUniqueOrThrow({ where: { dedupeKey: `run:${jobId}` } });
    expect(alert).toMatchObject({ status: "sending", mailStatus: "sent", webhookStatus: "failed" });
    expect(alert.error).toBe("Webhook: The webhook answered HTTP 503 (server error).");
    // The Alerts screen: a French admin reads the alert and its failure in French, an English one the
    // stored English; a row stored before its words were shows the English.
    const shown = async (locale: "en" | "fr") =>
      (await alertsScreen(world.shop, db, locale)).recent.items.find((a) => a.id === alert.id)!;
    expect(await shown("fr")).toMatchObject({
      title: "Stock (complet)",
      error: "Webhook : Le webhook a répondu HTTP 503 (erreur du serveur).",
    });
    expect(await shown("en")).toMatchObject({ title: "Stock (full)", error: alert.error });
    const { errorWords } = alert;
    await db.alert.update({ where: { id: alert.id }, data: { errorWords: null } });
    expect((await shown("fr")).error).toBe(alert.error);
    await db.alert.update({ where: { id: alert.id }, data: { errorWords } });
    // The sending run's retry note reads French too, the webhook's failure inside it; English unchanged.
    const retry = await db.jobLogEntry.findFirstOrThrow({
      where: { shop: world.shop, message: { contains: "The alert was not sent yet" } },
    });
    expect(retry.message).toContain(
      "The alert was not sent yet. Webhook: The webhook answered HTTP 503 (server error).",
    );
    expect(storedText(retry.message, retry.words, "fr")).toContain(
      "L'alerte n'est pas encore partie. Webhook : Le webhook a répondu HTTP 503 (erreur du serveur).",
    );

    clock.advance(20 * 60_000);
    await twoWorkers(clock);
    expect(receiver.received).toHaveLength(2);
    expect(smtp.messages()).toHaveLength(1);
    expect(await db.alert.findUniqueOrThrow({ where: { id: alert.id } })).toMatchObject({
      status: "sent",
      webhookStatus: "sent",
    });
  });

  it("gathers the alerts of an hour in one digest mail at the end of the hour", async () => {
    await saveAlertSettings(world.shop, { digest: "hourly", webhookUrl: "", quietMinutes: 0, locale: "en" });
    const start = new Date(Date.now() + 1000);
    const clock = manualClock(start);
    const first = await failStockRun({ koNext: 50, koMessage: "Identification incorrecte" });
    await twoWorkers(clock);
    const second = await failStockRun({ koNext: 50, koMessage: "Identification incorrecte" });
    await twoWorkers(clock);
    expect(smtp.messages()).toHaveLength(0);
    const pending = await db.alert.findMany({ where: { dedupeKey: { in: [`run:${first}`, `run:${second}`] } } });
    expect(pending.map((a) => a.status)).toEqual(["pending", "pending"]);

    clock.advance(61 * 60_000);
    await twoWorkers(clock);
    const mails = smtp.messages({ to: "gerant@maison-demo.test" });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("[Maison Démo] 2 alerts in the last hour");
    expect((mails[0]!.text ?? "").match(/The sync “Stock \(full\)” failed/g)).toHaveLength(2);
    const digests = await db.job.findMany({ where: { shop: world.shop, type: "alerts.digest" } });
    expect(digests).toHaveLength(1);
    await saveAlertSettings(world.shop, { digest: "immediate" });
  });

  it("alerts once, in the alerts' language, when a Shopify webhook could not be processed, then keeps quiet", async () => {
    await saveAlertSettings(world.shop, {
      digest: "immediate",
      quietMinutes: 60,
      locale: "fr",
      webhookUrl: `${receiver.url}/alerts`,
    });
    const first = await failingWebhook("orders/create");
    await processDueWebhooks({ db });
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { webhookId: first } })).toMatchObject({
      status: "failed",
      error: "orders/create without an order id",
    });
    await twoWorkers();
    const alert = await db.alert.findUniqueOrThrow({ where: { dedupeKey: `webhook:${first}` } });
    expect(alert).toMatchObject({
      kind: "webhook-failed",
      title: "Shopify webhook orders/create",
      link: "/app/logs?status=failed",
      status: "sent",
      mailStatus: "sent",
      webhookStatus: "sent",
    });
    expect(alert.detail).toBe("Given up after 1 attempt: orders/create without an order id");
    // The mail says it in the alerts' language (French here), from the alert's stored words.
    const mails = smtp.messages({ to: "gerant@maison-demo.test" });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("[Maison Démo] « Webhook Shopify orders/create » n'a pas pu être traité");
    expect(mails[0]!.text).toContain("Abandonné après 1 essai : orders/create sans identifiant de commande");
    expect(mails[0]!.text).not.toContain(alert.detail);
    expect(mails[0]!.text).toContain("/app/logs?status=failed");
    expect(receiver.received).toHaveLength(1);
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({
      digest: "immediate",
      alerts: [{ kind: "webhook-failed", subject: "Shopify webhook orders/create", detail: alert.detail }],
    });
    const shown = (await alertsScreen(world.shop, db, "fr")).recent.items.find((a) => a.id === alert.id)!;
    expect(shown).toMatchObject({
      title: "Webhook Shopify orders/create",
      detail: "Abandonné après 1 essai : orders/create sans identifiant de commande",
    });

    // Processed again (nothing due): no second alert. The same topic failing again within the quiet
    // period: recorded, not sent; another topic is another alert.
    smtp.reset();
    receiver.received.length = 0;
    await processDueWebhooks({ db });
    const second = await failingWebhook("orders/create");
    await processDueWebhooks({ db });
    await twoWorkers();
    expect(await db.alert.findUniqueOrThrow({ where: { dedupeKey: `webhook:${second}` } })).toMatchObject({
      kind: "webhook-failed",
      status: "quiet",
    });
    expect(smtp.messages()).toHaveLength(0);
    expect(receiver.received).toHaveLength(0);
    expect(await db.alert.count({ where: { shop: world.shop, kind: "webhook-failed" } })).toBe(2);

    // Not chosen on the Alerts screen: recorded "off", not sent.
    await saveAlertSettings(world.shop, { events: ["run-failed", "connector-down", "delivery-dead"] });
    const unchosen = await failingWebhook("orders/cancelled");
    await processDueWebhooks({ db });
    await twoWorkers();
    expect(await db.alert.findUniqueOrThrow({ where: { dedupeKey: `webhook:${unchosen}` } })).toMatchObject({
      status: "off",
    });
    expect(smtp.messages()).toHaveLength(0);
    await saveAlertSettings(world.shop, {
      events: ["run-failed", "connector-down", "delivery-dead", "webhook-failed"],
      webhookUrl: "",
      locale: "en",
    });
  });

  it("puts a failed webhook in the hourly digest with a failed run", async () => {
    await saveAlertSettings(world.shop, { digest: "hourly", webhookUrl: "", quietMinutes: 0, locale: "en" });
    // Hours ahead: another hour than the digest the test above sent (one digest job per period).
    const clock = manualClock(new Date(Date.now() + 3 * 60 * 60_000));
    const run = await failStockRun({ koNext: 50, koMessage: "Identification incorrecte" });
    await twoWorkers(clock);
    const webhookId = await failingWebhook("orders/cancelled");
    await processDueWebhooks({ db, now: () => clock.now() });
    await twoWorkers(clock);
    expect(smtp.messages()).toHaveLength(0);
    const pending = await db.alert.findMany({
      where: { dedupeKey: { in: [`run:${run}`, `webhook:${webhookId}`] } },
      orderBy: { createdAt: "asc" },
    });
    expect(pending.map((a) => [a.kind, a.status])).toEqual([
      ["run-failed", "pending"],
      ["webhook-failed", "pending"],
    ]);

    clock.advance(61 * 60_000);
    await twoWorkers(clock);
    const mails = smtp.messages({ to: "gerant@maison-demo.test" });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("[Maison Démo] 2 alerts in the last hour");
    expect(mails[0]!.text).toContain("The sync “Stock (full)” failed");
    expect(mails[0]!.text).toContain("“Shopify webhook orders/cancelled” could not be processed");
    expect(mails[0]!.text).toContain("Given up after 1 attempt: orders/cancelled without an order id");
    await saveAlertSettings(world.shop, { digest: "immediate" });
  });

  it("alerts once when an event feed delivery is given up", async () => {
    await saveAlertSettings(world.shop, { digest: "immediate", quietMinutes: 60, locale: "en", webhookUrl: "" });
    const { endpoint } = await createEndpoint(db, world.shop, {
      name: "ERP orders",
      url: `${receiver.url}/feed`,
      topics: ["orders/create"],
    });
    // An order event queued for the endpoint, as the outbox queues it at webhook intake.
    const occurredAt = new Date();
    const event = await db.feedEvent.create({
      data: {
        id: `wh-${Date.now()}`,
        shop: world.shop,
        topic: "orders/create",
        apiVersion: "2026-07",
        occurredAt,
        resourceKey: "order 1",
        body: JSON.stringify({ id: 1 }),
      },
    });
    await db.feedDelivery.create({
      data: {
        shop: world.shop,
        eventId: event.id,
        endpointId: endpoint.id,
        topic: "orders/create",
        resourceKey: "order 1",
        occurredAt,
        nextAttemptAt: new Date(Date.now() - 1000),
      },
    });
    receiver.plan.push(503);
    await Promise.all([deliverDueEvents({ db, retryWindowMs: 0 }), deliverDueEvents({ db, retryWindowMs: 0 })]);
    const delivery = await db.feedDelivery.findFirstOrThrow({ where: { eventId: event.id } });
    expect(delivery.status).toBe("dead");
    await twoWorkers();
    const alert = await db.alert.findUniqueOrThrow({ where: { dedupeKey: `delivery:${delivery.id}` } });
    expect(alert).toMatchObject({ kind: "delivery-dead", title: "ERP orders", status: "sent" });
    const [mail] = smtp.messages({ to: "gerant@maison-demo.test" });
    expect(mail!.subject).toBe("[Maison Démo] An event could not be delivered to “ERP orders”");
    expect(smtp.messages()).toHaveLength(1);
  });
});

describe("alert settings API", () => {
  it("reads and saves the settings, refusing bad addresses and non-local plain http", async () => {
    const shop = uniqueShop("alerts");
    await installShop(shop);
    const token = (await createApiToken(shop, "ERP")).token;
    const call = (method: string, body?: unknown) =>
      new Request(`${process.env.SHOPIFY_APP_URL}/api/alerts/settings`, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const initial = (await getAlertSettings({ request: call("GET"), params: {}, context: {} })) as Response;
    expect(await initial.json()).toEqual({
      recipients: [],
      webhookUrl: null,
      webhookSecretSet: false,
      events: ["run-failed", "connector-down", "delivery-dead", "webhook-failed"],
      digest: "immediate",
      quietMinutes: 60,
      locale: "fr",
    });
    const bad = (await putAlertSettings({
      request: call("PUT", {
        recipients: ["not-an-address"],
        webhookUrl: "http://erp.example.com/hook",
        digest: "weekly",
      }),
      params: {},
      context: {},
    })) as Response;
    expect(bad.status).toBe(422);
    const problem = await bad.json();
    expect(Object.keys(problem.fieldErrors).sort()).toEqual(["digest", "recipients", "webhookUrl"]);
    expect(await db.alertSettings.findUnique({ where: { shop } })).toBeNull();

    const saved = (await putAlertSettings({
      request: call("PUT", {
        recipients: ["ops@example.test"],
        webhookUrl: "http://127.0.0.1:9/hook",
        events: ["run-failed"],
        digest: "daily",
        quietMinutes: 30,
        locale: "el",
      }),
      params: {},
      context: {},
    })) as Response;
    expect(saved.status).toBe(200);
    const savedBody = await saved.json();
    expect(savedBody).toMatchObject({
      recipients: ["ops@example.test"],
      webhookUrl: "http://127.0.0.1:9/hook",
      webhookSecretSet: true,
      webhookSecret: expect.stringMatching(/^whsec_/),
      events: ["run-failed"],
      digest: "daily",
      quietMinutes: 30,
      locale: "el",
    });
    // Shown that once: reading the settings, or saving them again, never answers it.
    const read = await ((await getAlertSettings({ request: call("GET"), params: {}, context: {} })) as Response).json();
    expect(read).toMatchObject({ webhookUrl: "http://127.0.0.1:9/hook", webhookSecretSet: true });
    expect(JSON.stringify(read)).not.toContain(savedBody.webhookSecret);
    expect(read).not.toHaveProperty("webhookSecret");
    const again = (await putAlertSettings({
      request: call("PUT", { quietMinutes: 45 }),
      params: {},
      context: {},
    })) as Response;
    expect(await again.json()).not.toHaveProperty("webhookSecret");
    const events = await db.appEvent.findMany({ where: { shop } });
    expect(events.map((e) => [e.kind, e.link])).toEqual([
      ["settings-changed", "/app/alerts"],
      ["settings-changed", "/app/alerts"],
    ]);
  });
});

describe("the Alerts screen and the webhook's signing secret", () => {
  it("shows the secret once, in the answer of the save that made it, never in the screen's data", async () => {
    const shop = uniqueShop("alerts-secret");
    await installShop(shop);
    const save = (extra: Record<string, string> = {}) =>
      alertsAction({
        request: adminRequest(shop, "/app/alerts", {
          form: {
            intent: "save",
            recipients: "ops@example.test",
            webhookUrl: "http://127.0.0.1:9/hook",
            digest: "immediate",
            quietMinutes: "60",
            locale: "fr",
            ...extra,
          },
        }),
        params: {},
        context: {},
      });
    const screenData = async () =>
      JSON.stringify(await alertsLoader({ request: adminRequest(shop, "/app/alerts"), params: {}, context: {} }));

    const first = (await save()) as { ok: boolean; secret?: string | null };
    const stored = await db.alertSettings.findUniqueOrThrow({ where: { shop } });
    const secret = decryptSecret(stored.webhookSecretCiphertext!);
    expect(await screenData()).not.toContain(secret);
    expect(await screenData()).toContain('"webhookSecretSet":true');
    expect(first).toMatchObject({ ok: true, secret });
    expect(await loadAlertWebhook(shop)).toEqual({ url: "http://127.0.0.1:9/hook", secret });

    // Saved again: the same secret still signs, and it is not shown.
    expect(await save({ quietMinutes: "30" })).toMatchObject({ ok: true, secret: null });
    expect((await loadAlertWebhook(shop))?.secret).toBe(secret);

    // A new one asked for: shown once, the old one retired, the screen still shows neither.
    const rotated = (await save({ rotateWebhookSecret: "on" })) as { secret?: string | null };
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(secret);
    expect((await loadAlertWebhook(shop))?.secret).toBe(rotated.secret);
    const data = await screenData();
    expect(data).not.toContain(secret);
    expect(data).not.toContain(rotated.secret!);
    expect(data).not.toContain("whsec_");
  });
});
