// The JSON settings API's use-cases, driven by the connector registry like the Settings screens: every
// system with its state and stored settings (secrets by name only), saving one system's settings with
// its screen's own rules, testing its connection, and the shop's routing.
import { z } from "zod";
import { CONNECTORS, connectionSummaries, connectorById, type AnyManifest } from "../connectors/registry.server";
import { loadConnectorSettings, type ConnectorSummary } from "../connectors/settings.server";
import { NotFoundError, ValidationError } from "../lib/errors";
import { fieldErrorsFromZod } from "../lib/field-errors";
import { routingChooserScreen, saveRoutingChoice } from "./routing.server";

/** The systems a merchant sets up (Shopify itself is always connected). */
const settable = () => CONNECTORS.filter((c) => !c.builtIn && c.settingsForm);

function settableById(id: string): AnyManifest {
  const manifest = connectorById(id);
  if (!manifest || manifest.builtIn || !manifest.settingsForm)
    throw new NotFoundError(
      `No system "${id}" to set up: use one of ${settable()
        .map((c) => c.id)
        .join(", ")}.`,
    );
  return manifest;
}

async function connectionView(shop: string, manifest: AnyManifest, summaries: ConnectorSummary[]) {
  const summary = summaries.find((s) => s.connector === manifest.id);
  const stored = await loadConnectorSettings<unknown>(shop, manifest.id);
  return {
    id: manifest.id,
    name: manifest.name,
    kind: manifest.kind,
    state: summary?.state ?? "not-configured",
    lastCheckAt: summary?.lastCheckAt?.toISOString() ?? null,
    lastCheckMessage: summary?.lastCheckMessage ?? null,
    /** What it can play for the shop (routing decides which it does). */
    capabilities: Object.keys(manifest.capabilities),
    settings: stored?.config ?? null,
    /** Write-only: the API says which are stored, never their values. */
    secrets: manifest.secrets.map((name) => ({ name, set: stored?.secretsSet.includes(name) ?? false })),
  };
}

async function routingView(shop: string) {
  const { current, alwaysReceivesStock, sentences } = await routingChooserScreen(shop);
  return { ...current, alwaysReceivesStock, sentences };
}

/** GET /api/settings */
export async function settingsOverview(shop: string) {
  const summaries = await connectionSummaries(shop);
  return {
    connections: await Promise.all(settable().map((c) => connectionView(shop, c, summaries))),
    routing: await routingView(shop),
  };
}

/** GET /api/settings/<system> */
export async function connectionSettings(shop: string, id: string) {
  return connectionView(shop, settableById(id), await connectionSummaries(shop));
}

/** PUT /api/settings/<system>: every field of its screen; an absent secret keeps the stored one. */
export async function saveConnectionSettings(shop: string, id: string, fields: Record<string, unknown>) {
  const manifest = settableById(id);
  const saved = await manifest.settingsForm!.save(shop, fields);
  if (!saved.ok) throw new ValidationError(saved.message, saved.fieldErrors);
  return connectionSettings(shop, id);
}

/**
 * POST /api/settings/<system>/test: with no fields, tests the saved settings; with the fields of its
 * screen, tests those (saving nothing; a secret left out or blank means the stored one), answering
 * 422 with field errors when they must be fixed first.
 */
export async function testConnectionOf(shop: string, id: string, fields: Record<string, unknown> = {}) {
  const manifest = settableById(id);
  if (Object.keys(fields).length > 0) {
    if (!manifest.settingsForm?.test)
      throw new ValidationError(`${manifest.name} can only test its saved settings: send no fields.`, {
        form: "send no fields",
      });
    const tested = await manifest.settingsForm.test(shop, fields);
    if (!tested.ok && Object.keys(tested.fieldErrors).length > 0)
      throw new ValidationError(tested.message, tested.fieldErrors);
    return { ok: tested.ok, message: tested.message };
  }
  if (!manifest.testConnection) return { ok: true, message: `${manifest.name} has no connection to test.` };
  return manifest.testConnection(shop);
}

const routingFields = z
  .object({
    stockSource: z.string().default(""),
    priceSource: z.string().default(""),
    orderDestination: z.string().default(""),
    stockDestinations: z.array(z.string()).default([]),
  })
  .strict();

/** GET /api/routing */
export function routingSettings(shop: string) {
  return routingView(shop);
}

/** PUT /api/routing: who plays which part; an empty part lets the one system set up for it play it. */
export async function saveRoutingSettings(shop: string, fields: Record<string, unknown>) {
  const parsed = routingFields.safeParse(fields);
  if (!parsed.success)
    throw new ValidationError(
      "Some choices need fixing; nothing was saved.",
      fieldErrorsFromZod(parsed.error, "not a part of the routing", "routing"),
    );
  // Shopify always receives stock; callers may list it or not.
  const alwaysReceives = new Set(CONNECTORS.filter((c) => c.builtIn).map((c) => c.id));
  await saveRoutingChoice(shop, {
    ...parsed.data,
    stockDestinations: parsed.data.stockDestinations.filter((id) => !alwaysReceives.has(id)),
  });
  return routingView(shop);
}
