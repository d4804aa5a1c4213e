// The one place where a failure becomes what a merchant reads. Connection failures are classified
// (address not found, not answering, TLS, timeout, credentials refused…) and said in plain words with
// the system's name; library text, codes like ECONNREFUSED, addresses with ports, class names and stack
// traces never reach the sentence (they go to `technicalDetails`, shown only behind a disclosure).
import type { Locale } from "../i18n/locale";
import { type Message, type Said, said, sayIn } from "../i18n/stored-words";
import { AppError, merchantMessageOf } from "./errors";
import { classifyOutboundFailure } from "./http-outbound.server";

export type ConnectionProblem =
  | "not-found"
  | "not-answering"
  | "tls"
  | "timeout"
  | "cut"
  | "credentials"
  | "blocked"
  | "unreadable"
  | "busy"
  | "server-error"
  | "unreachable";

/** What kind of connection problem an error (or an HTTP status) is, or null when it is not one. */
export function connectionProblemOf(error: unknown, status?: number): ConnectionProblem | null {
  if (status !== undefined) {
    if (status === 401 || status === 403) return "credentials";
    if (status === 404) return "not-found";
    if (status === 429) return "busy";
    if (status >= 500) return "server-error";
  }
  const code = codeOf(error);
  if (code === "EAUTH" || /authentication methods failed|authentication failed/i.test(textOf(error)))
    return "credentials";
  if (code === "ETLS") return "tls";
  if (code === "EDNS") return "not-found";
  switch (classifyOutboundFailure(error)) {
    case "dns":
      return "not-found";
    case "refused":
      return "not-answering";
    case "tls":
      return "tls";
    case "timeout":
      return "timeout";
    case "reset":
      return "cut";
    case "blocked":
      return "blocked";
    case "malformed":
      return "unreadable";
    default:
      break;
  }
  const text = textOf(error);
  if (/ECONNREFUSED|EHOSTUNREACH|ENETUNREACH/.test(text)) return "not-answering";
  if (/ENOTFOUND|EAI_AGAIN/.test(text)) return "not-found";
  if (/timed? ?out|ETIMEDOUT/i.test(text)) return "timeout";
  if (/ECONNRESET|socket hang up/i.test(text)) return "cut";
  if (/certificate|self[- ]signed|SSL|TLS/i.test(text)) return "tls";
  return null;
}

/** A connection problem in plain words: "Fastmag is not answering at its address." */
export function connectionProblemInWords(system: string, problem: ConnectionProblem, locale: Locale = "en"): string {
  return sayIn(connectionProblemSaid(system, problem), locale);
}

/** The same, with its words kept: a run that stores it shows it in each reader's language. */
export function connectionProblemSaid(system: string | Said, problem: ConnectionProblem): Said {
  return said(`connection.${problem}`, { system });
}

/**
 * Any failure talking to `system`, in plain words: a classified connection problem, else the message
 * of one of our own errors (already written for merchants), else a generic sentence.
 */
export function failureInWords(system: string, error: unknown, status?: number, locale: Locale = "en"): string {
  const problem = connectionProblemOf(error, status);
  if (problem) return connectionProblemInWords(system, problem, locale);
  if (error instanceof AppError) return error.said ? sayIn(error.said, locale) : error.message;
  return connectionProblemInWords(system, "unreachable", locale);
}

/** failureInWords with its words kept (for errors a run stores): the error's own words when it has them. */
export function failureSaid(system: string, error: unknown, status?: number): Message {
  const problem = connectionProblemOf(error, status);
  if (problem) return connectionProblemSaid(system, problem);
  return merchantMessageOf(error) ?? connectionProblemSaid(system, "unreachable");
}

/** A message and how many times it was tried, said once even when an inner layer already said it. */
export function withAttempts(message: Message, attempts: number): Message {
  if (typeof message !== "string") {
    // "(after N attempts)" said by an inner layer is said once, by the outer note.
    const bare =
      message.key === "run.gaveUp" || message.key === "attempts.after" ? (message.params.message as Message) : message;
    return attempts > 1 ? said("run.gaveUp", { message: bare, attempts }) : bare;
  }
  const bare = withoutAttemptNotes(message);
  return attempts > 1 ? said("run.gaveUp", { message: bare, attempts }) : bare;
}

/** The message without "(after N attempts)" / "(gave up after N attempts)" notes. */
export function withoutAttemptNotes(message: string): string {
  return message.replace(/\s*\((?:gave up )?after \d+ attempts\)/g, "").trim();
}

/** Matches what must never be shown as a merchant's message: class names, stack frames, raw codes. */
export const TECHNICAL_TEXT =
  /\b[A-Z][A-Za-z]+Error\b|\n\s+at |\bE(?:CONNREFUSED|NOTFOUND|TIMEDOUT|CONNRESET|AI_AGAIN)\b|\d+\.\d+\.\d+\.\d+:\d+|"code":\s*"|ZodError/;

/**
 * The technical side of a failure for the "Technical details" disclosure: class names and causes,
 * with secrets already removed by the layer that threw.
 */
export function technicalDetails(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    parts.push(current instanceof Error ? `${current.name}: ${current.message.slice(0, 300)}` : String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join("\ncaused by ");
}

function codeOf(error: unknown): string {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return "";
}

function textOf(error: unknown): string {
  const parts: string[] = [];
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    parts.push(current instanceof Error ? current.message : String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join(" ");
}
