// What an API method receives and returns.
import type { EmulatorClock } from "../_kit/index";
import type { Account } from "./store";

export interface LsContext {
  account: Account;
  clock: EmulatorClock;
  /** "v3": /API/V3/... (cursor pages); "legacy": /API/... (offset pages). */
  version: "v3" | "legacy";
  query: URLSearchParams;
  body: Record<string, unknown>;
  path: Record<string, string>;
  /** The request's absolute URL, for next/previous links. */
  pageUrl: URL;
  /** The clock's instant as Lightspeed writes it (2026-01-05T10:00:00+00:00). */
  now: string;
}

export interface LsAnswer {
  status?: number;
  body: Record<string, unknown>;
}

export type LsMethod = (context: LsContext) => LsAnswer | Promise<LsAnswer>;

export function lightspeedTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "+00:00");
}

/** A relation's rows whether sent as { Name: [..] }, { Name: {..} } or a bare array. */
export function relationRows(value: unknown, name: string): Record<string, unknown>[] {
  if (value === undefined || value === null) return [];
  const inner = Array.isArray(value) ? value : (value as Record<string, unknown>)[name];
  if (inner === undefined) return [];
  const rows = Array.isArray(inner) ? inner : [inner];
  return rows.filter((row): row is Record<string, unknown> => !!row && typeof row === "object");
}

export function wholeNumber(value: unknown): number | undefined {
  const number = typeof value === "number" ? value : typeof value === "string" && value.trim() ? Number(value) : NaN;
  return Number.isInteger(number) ? number : undefined;
}
