// What every Fastmag domain service needs: the transport, the shop's SQL statements, its clock.
import type { FastmagClient } from "./client.server";
import type { FastmagQueries } from "./queries.server";
import type { FastmagRow } from "./protocol";
import type { Sku } from "../../domain/catalog";
import { parseSku, skuOf } from "./sku";
import { rejectRow, type RowReader } from "./mapping.server";
import { said } from "../../i18n/stored-words";
import { ValidationError } from "../../lib/errors";

export interface FastmagContext {
  client: FastmagClient;
  queries: FastmagQueries;
  /** The instance's time zone: Fastmag dates are local times. */
  timeZone: string;
  now: () => Date;
}

/** "ref BOXE20 MARINE S" — how a merchant finds a variant row in Fastmag. */
export const describeVariant = (row: FastmagRow) =>
  row.reference ? `ref ${[row.reference, row.color, row.size].filter(Boolean).join(" ")}` : undefined;

export const variantExternalId = (row: FastmagRow) =>
  row.reference ? `${row.reference}|${row.color ?? ""}|${row.size ?? ""}` : undefined;

/** The SKU of a variant row; color and size may be empty (a product sold in one variant). */
export function readSku(reader: RowReader): { sku: Sku; reference: string; color: string; size: string } {
  const parts = {
    reference: reader.text("reference"),
    color: reader.optionalText("color") ?? "",
    size: reader.optionalText("size") ?? "",
  };
  for (const [name, value] of Object.entries(parts)) {
    if (value.includes("|")) rejectRow(`${name} "${value}" contains a pipe, which a SKU cannot hold`);
  }
  return { sku: skuOf(parts), ...parts };
}

/** Splits a SKU for a lookup; a SKU that is not REF|COLOR|SIZE is the caller's mistake. */
export function skuParts(sku: Sku): Record<"reference" | "color" | "size", string> {
  const parts = parseSku(sku);
  if (!parts) throw new ValidationError(said("fastmag.notASku", { sku }));
  return { ...parts };
}
