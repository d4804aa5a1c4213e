// Secrets never reach the process output. The HTTP server's access log (morgan, scripts/server.ts) prints
// each request's full URL, and Shopify puts signatures and session tokens in query strings (hmac,
// signature, id_token on every embedded page load and callback). Everything this process writes to
// stdout and stderr goes through `redactSecrets` first: query strings are cut from URLs and paths,
// bearer and API tokens are masked. Our own logger writes through the same streams.

const QUERY_IN_URL = /((?:https?:\/\/[^\s"'<>?]+)|(?:(?<![\w:])\/[^\s"'<>?]*))\?[^\s"'<>]*/g;
const SECRET_PARAM = /\b(?:hmac|signature|id_token)=[^\s&"'<>]*&?/gi;
const SECRET_FIELD = /"(?:hmac|signature|id_token|idToken|accessToken|access_token)"\s*:\s*"[^"]*"/g;
const BEARER = /\b(Bearer)\s+[A-Za-z0-9._~+/=-]+/gi;
// Our API tokens (psk_) and Shopify's token prefixes (shpat_, shpca_, shppa_, shpss_, shpua_).
const TOKEN = /\b(?:psk|shp(?:at|ca|pa|ss|ua))_[A-Za-z0-9_-]{6,}/g;

export function redactSecrets(text: string): string {
  if (!/[?=_"]|bearer/i.test(text)) return text;
  return text
    .replace(QUERY_IN_URL, "$1?[query hidden]")
    .replace(SECRET_PARAM, "")
    .replace(SECRET_FIELD, '"[redacted]":"[redacted]"')
    .replace(BEARER, "$1 [redacted]")
    .replace(TOKEN, "[token redacted]");
}

type Write = typeof process.stdout.write;
const INSTALLED = Symbol.for("passerelle.outputRedaction");

function redactStream(stream: NodeJS.WriteStream): void {
  const marked = stream as NodeJS.WriteStream & { [INSTALLED]?: boolean };
  if (marked[INSTALLED]) return;
  marked[INSTALLED] = true;
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) =>
    write(typeof chunk === "string" ? redactSecrets(chunk) : chunk, ...rest)) as Write;
}

/** Filters this process's stdout and stderr (idempotent; Buffers pass untouched). */
export function installOutputRedaction(): void {
  redactStream(process.stdout);
  redactStream(process.stderr);
}
