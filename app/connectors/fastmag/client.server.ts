// The Fastmag EDI transport: form-encoded POSTs to ediquery.ips (SQL reads), ediwebsrv.ips
// (transactions) and ediphoto.ips (images), with timeouts, retries on transient failures, and
// errors that name the call. The password goes in request bodies only and is redacted from
// everything this module logs or throws.
import {
  classifyOutboundFailure,
  describeOutboundFailure,
  outboundFailureSaid,
  outboundFetch,
} from "../../lib/http-outbound.server";
import { said } from "../../i18n/stored-words";
import { failureSaid } from "../../lib/merchant-messages.server";
import { checkConnectorUrl, connectorDispatcher, type ConnectorUrlPolicy } from "../../lib/http-url-policy.server";
import { backoffDelay, sleep } from "../../lib/time";
import { logger as rootLogger, type Logger } from "../../lib/logger.server";
import { FastmagProtocolError, FastmagRefusedError, FastmagUnavailableError, type FastmagPage } from "./errors";
import {
  collectRows,
  encodeRequestText,
  FastmagAnswer,
  koMessage,
  parseTransactionAnswer,
  readQueryAnswer,
  type FastmagRow,
  type QueryAnswer,
} from "./protocol";

/** Failures that happen before a request is sent: retrying them cannot apply a transaction twice. */
const NOT_DELIVERED = new Set(["dns", "refused", "tls", "blocked"]);
export interface FastmagConnection {
  /** The instance's address, e.g. https://maboutique.fastmag.fr/ */
  baseUrl: string;
  enseigne: string;
  magasin: string;
  compte: string;
  motpasse: string;
  timeoutMs?: number;
  /** When given, the address must pass it (public https) and connections go to public IPs only. */
  urlPolicy?: ConnectorUrlPolicy;
}

export interface FastmagCallRecord {
  page: FastmagPage;
  /** What was asked, without credentials: the first words of the SQL or the transaction names. */
  summary: string;
  attempts: number;
  durationMs: number;
  status?: number;
  error?: string;
}

export interface FastmagClientOptions {
  maxAttempts?: number;
  logger?: Logger;
  sleep?: (ms: number) => Promise<void>;
  /** Backoff base between attempts (tests make it small). */
  backoffBaseMs?: number;
  /** Code page used to encode request text (Fastmag instances read a Windows code page). */
  requestCharset?: string;
  onCall?: (record: FastmagCallRecord) => void;
}

const CREDENTIAL_WORDS = /identifi|authentif|mot de passe|password|utilisateur inconnu|login|acc[eè]s refus/i;

export class FastmagClient {
  private readonly connection: FastmagConnection;
  private readonly maxAttempts: number;
  private readonly log: Logger;
  private readonly wait: (ms: number) => Promise<void>;
  private readonly backoffBaseMs: number;
  private readonly requestCharset: string;
  private readonly onCall?: (record: FastmagCallRecord) => void;

  constructor(connection: FastmagConnection, options: FastmagClientOptions = {}) {
    this.connection = connection;
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 4);
    this.log = (options.logger ?? rootLogger).child({
      connector: "fastmag",
      enseigne: connection.enseigne,
      magasin: connection.magasin,
    });
    this.wait = options.sleep ?? sleep;
    this.backoffBaseMs = options.backoffBaseMs ?? 500;
    this.requestCharset = options.requestCharset ?? "windows-1252";
    this.onCall = options.onCall;
  }

  /** Runs a SELECT and returns its rows; rows with a wrong number of fields are dropped and logged. */
  async query(sql: string): Promise<FastmagRow[]> {
    const { rows, malformed } = collectRows(await this.queryAnswer(sql));
    if (malformed.length > 0)
      this.log.warn("fastmag answer had malformed rows", {
        rows: malformed.map((m) => m.row),
        summary: summarize(sql),
      });
    return rows;
  }

  /** Runs a SELECT; its rows, malformed lines included for services to report, are read as iterated. */
  async queryAnswer(sql: string): Promise<QueryAnswer> {
    const answer = await this.call("ediquery.ips", sql, summarize(sql), true);
    const ko = koMessage(answer.head());
    if (ko !== null) throw this.refused("ediquery.ips", summarize(sql), ko);
    const table = readQueryAnswer(answer);
    if (!table) {
      // Not the answer's text: the address may lead to something else than Fastmag.
      this.log.warn("fastmag answer had no header row", { summary: summarize(sql), length: answer.text().length });
      throw new FastmagProtocolError(said("fastmag.notATable", { summary: summarize(sql) }), "ediquery.ips");
    }
    return table;
  }

  /**
   * Sends one transaction (a record, or several lines such as ENTETE + LIGNE…). Returns the number
   * Fastmag gave the created sale/order/customer, if any. A timeout is not retried: the record may
   * have been applied, nor is an answer cut off after sending: the caller checks (e.g. orderByShopifyId)
   * before sending it again. Only a call that never reached Fastmag (refused, DNS) is sent again.
   */
  async transact(record: string | string[]): Promise<{ number?: string }> {
    const data = Array.isArray(record) ? record.join("\r\n") : record;
    const summary = [...new Set(data.split(/\r?\n/).map((line) => line.split("|")[0]))].join("+");
    const text = (await this.call("ediwebsrv.ips", data, summary, false)).text();
    const answer = parseTransactionAnswer(text);
    if (!answer) {
      this.log.warn("fastmag transaction answer unreadable", { summary, length: text.length });
      throw new FastmagProtocolError(said("fastmag.neitherOkNorKo", { summary }), "ediwebsrv.ips");
    }
    if (!answer.ok) throw this.refused("ediwebsrv.ips", summary, answer.message);
    return answer.number ? { number: answer.number } : {};
  }

  /** A product image by barcode and color; null when Fastmag has none. */
  async photo(request: {
    barcode: string;
    color?: string;
    index?: number;
  }): Promise<{ contentType: string; bytes: Uint8Array } | null> {
    const extra = { gencod: request.barcode, couleur: request.color ?? "", numero: String(request.index ?? 1) };
    const summary = `photo ${request.barcode}/${request.color ?? ""}/${request.index ?? 1}`;
    const response = await this.send("ediphoto.ips", extra, summary, true);
    if (response.status === 404) return null;
    const contentType = response.contentType ?? "application/octet-stream";
    if (!contentType.startsWith("image/")) {
      const text = FastmagAnswer.of(response.bytes, charsetOf(contentType)).text();
      const ko = koMessage(text);
      if (ko !== null && /introuvable|not found|aucune/i.test(ko)) return null;
      if (ko !== null) throw this.refused("ediphoto.ips", summary, ko);
      throw new FastmagProtocolError(said("fastmag.notAnImage", { summary, type: contentType }), "ediphoto.ips");
    }
    return { contentType, bytes: response.bytes };
  }

  private async call(page: FastmagPage, data: string, summary: string, resendable: boolean) {
    const response = await this.send(page, { data }, summary, resendable);
    const answer = FastmagAnswer.of(response.bytes, charsetOf(response.contentType));
    const declared = charsetOf(response.contentType) ?? "windows-1252";
    if (answer.charset !== declared.toLowerCase() && answer.charset === "utf-8") {
      this.log.warn("fastmag declared a Windows code page but answered UTF-8; read as UTF-8", { page, summary });
    }
    return answer;
  }

  private async send(page: FastmagPage, fields: Record<string, string>, summary: string, resendable: boolean) {
    const started = Date.now();
    const url = new URL(
      page,
      this.connection.baseUrl.endsWith("/") ? this.connection.baseUrl : `${this.connection.baseUrl}/`,
    );
    const body = this.formBody(fields);
    const timeoutMs = this.connection.timeoutMs ?? 30_000;
    const policy = this.connection.urlPolicy;
    if (policy) {
      const check = checkConnectorUrl(url.href, policy);
      if (!check.ok)
        throw new FastmagProtocolError(
          said("client.addressUnusable", { system: "Fastmag", problem: check.said }),
          page,
        );
    }
    const dispatcher = policy ? connectorDispatcher(policy) : undefined;
    for (let attempt = 1; ; attempt++) {
      let failure: FastmagUnavailableError;
      try {
        const response = await outboundFetch(
          url,
          {
            method: "POST",
            headers: {
              "content-type": `application/x-www-form-urlencoded; charset=${this.requestCharset}`,
              accept: "text/plain, image/*",
            },
            body,
          },
          { timeoutMs, dispatcher },
        );
        const bytes = new Uint8Array(await response.arrayBuffer());
        const contentType = response.headers.get("content-type");
        if (response.status < 500 && !(response.status >= 400 && response.status !== 404)) {
          this.record({ page, summary, attempts: attempt, durationMs: Date.now() - started, status: response.status });
          return { status: response.status, bytes, contentType };
        }
        if (response.status < 500) {
          // A 4xx other than 404 (see above) is final: a refused login, or a request Fastmag cannot read.
          const error =
            response.status === 401 || response.status === 403
              ? this.refused(page, summary, `HTTP ${response.status}: access denied (identification refused)`)
              : new FastmagProtocolError(
                  said("client.answeredStatus", { system: "Fastmag", status: response.status }),
                  page,
                  {
                    cause: callDetail(summary, page),
                  },
                );
          const durationMs = Date.now() - started;
          this.record({ page, summary, attempts: attempt, durationMs, status: response.status, error: error.message });
          throw error;
        }
        failure = new FastmagUnavailableError(
          said("fastmag.answeredStatus", { status: response.status }),
          page,
          false,
          {
            cause: callDetail(summary, page),
          },
        );
      } catch (cause) {
        if (cause instanceof FastmagProtocolError || cause instanceof FastmagRefusedError) throw cause;
        const kind = classifyOutboundFailure(cause);
        if (kind === "blocked") {
          const reason = outboundFailureSaid(cause, { host: url.hostname });
          throw new FastmagProtocolError(said("client.unreachableBecause", { system: "Fastmag", reason }), page);
        }
        const timedOut = kind === "timeout" || kind === "aborted";
        // A transaction may only be sent again when it surely never reached Fastmag (no connection was made).
        const cutAfterSending = !resendable && !timedOut && !NOT_DELIVERED.has(kind);
        if (cutAfterSending) {
          const error = new FastmagUnavailableError(said("fastmag.answerLost"), page, true, {
            cause: callDetail(summary, page, describeOutboundFailure(cause, { host: url.hostname }), cause),
          });
          this.record({ page, summary, attempts: attempt, durationMs: Date.now() - started, error: error.message });
          throw error;
        }
        if (timedOut && !resendable) {
          const error = new FastmagUnavailableError(
            said("fastmag.noAnswerMayBeApplied", { ms: timeoutMs }),
            page,
            true,
            { cause: callDetail(summary, page) },
          );
          this.record({ page, summary, attempts: attempt, durationMs: Date.now() - started, error: error.message });
          throw error;
        }
        failure = timedOut
          ? new FastmagUnavailableError(said("fastmag.noAnswerWithin", { ms: timeoutMs }), page, true, {
              cause: callDetail(summary, page),
            })
          : // The merchant reads the plain sentence; the call and the network's words go to Technical details.
            new FastmagUnavailableError(failureSaid("Fastmag", cause), page, false, {
              cause: callDetail(
                summary,
                page,
                describeOutboundFailure(cause, { host: url.hostname, timeoutMs }),
                cause,
              ),
            });
      }
      if (attempt >= this.maxAttempts) {
        const error = new FastmagUnavailableError(
          said("attempts.after", { message: failure.said ?? failure.message, attempts: attempt }),
          page,
          failure.mayHaveBeenApplied,
          { cause: failure.cause },
        );
        this.record({ page, summary, attempts: attempt, durationMs: Date.now() - started, error: error.message });
        throw error;
      }
      this.log.warn("fastmag call failed, retrying", { page, summary, attempt, error: failure.message });
      await this.wait(backoffDelay(attempt, this.backoffBaseMs));
    }
  }

  private formBody(fields: Record<string, string>): string {
    const { enseigne, magasin, compte, motpasse } = this.connection;
    const all = { enseigne, magasin, compte, motpasse, ...fields };
    // Percent-encode the bytes of the Windows code page, as classic form posts to Fastmag do.
    return Object.entries(all)
      .map(([key, value]) => `${key}=${percentEncode(encodeRequestText(value, this.requestCharset))}`)
      .join("&");
  }

  private refused(page: FastmagPage, summary: string, fastmagMessage: string): FastmagRefusedError {
    const safe = this.redact(fastmagMessage);
    const reason = CREDENTIAL_WORDS.test(safe) ? "credentials" : "refused";
    const { enseigne, magasin, compte } = this.connection;
    const message =
      reason === "credentials"
        ? said("fastmag.credentialsRefused", { enseigne, magasin, compte, summary, said: safe })
        : said("fastmag.refused", { summary, said: safe });
    const error = new FastmagRefusedError(message, page, safe, reason);
    this.log.warn("fastmag refused a call", { page, summary, reason, fastmagMessage: safe });
    return error;
  }

  private record(record: FastmagCallRecord) {
    this.onCall?.(record);
    if (record.error) this.log.error("fastmag call failed", { ...record });
    else this.log.debug("fastmag call", { ...record });
  }

  /** Removes the password from any text that might echo it (server messages, network errors). */
  private redact(text: string): string {
    const secret = this.connection.motpasse;
    if (!secret) return text;
    let out = text.split(secret).join("***");
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.split(encoded).join("***");
    return out;
  }
}

function percentEncode(bytes: Buffer): string {
  let out = "";
  for (const byte of bytes) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.*]/.test(c)
      ? c
      : byte === 0x20
        ? "+"
        : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

function charsetOf(contentType: string | null | undefined): string | null {
  const match = /charset\s*=\s*"?([\w-]+)/i.exec(contentType ?? "");
  return match ? match[1] : null;
}

/** The first words of an SQL statement, enough to recognise it in a log. */
function summarize(sql: string): string {
  const oneLine = sql.replace(/\s+/g, " ").trim();
  const from = /\bfrom\s+([\w.]+)/i.exec(oneLine)?.[1];
  return from ? `query on ${from}` : `query "${oneLine.slice(0, 40)}"`;
}

/**
 * Which call failed, as a developer reads it ("query on giftcards on ediquery.ips"): kept as the cause,
 * shown behind Technical details, never in the merchant's sentence.
 */
function callDetail(summary: string, page: FastmagPage, what?: string, cause?: unknown): Error {
  return new Error(what ? `${summary} on ${page}: ${what}` : `${summary} on ${page}`, cause ? { cause } : undefined);
}
