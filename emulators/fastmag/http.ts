// Reading a Fastmag EDI request the way tolerant servers do: GET query or form-encoded POST,
// parameter names in any case, values percent-encoded in UTF-8 or a Windows code page.
import type { IncomingMessage } from "node:http";
import iconv from "iconv-lite";

export async function readParams(req: IncomingMessage): Promise<Map<string, string>> {
  const params = new Map<string, string>();
  const url = new URL(req.url ?? "/", "http://emulator");
  const charset = /charset\s*=\s*"?([\w-]+)/i.exec(req.headers["content-type"] ?? "")?.[1];
  const add = (raw: string) => {
    for (const pair of raw.split("&")) {
      if (!pair) continue;
      const eq = pair.indexOf("=");
      const key = decodeBytes(percentBytes(eq < 0 ? pair : pair.slice(0, eq)), charset).toLowerCase();
      const value = eq < 0 ? "" : decodeBytes(percentBytes(pair.slice(eq + 1)), charset);
      params.set(key, value);
    }
  };
  add(url.search.slice(1));
  if (req.method === "POST") {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    add(Buffer.concat(chunks).toString("latin1"));
  }
  return params;
}

function percentBytes(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "+") bytes.push(0x20);
    else if (ch === "%" && /^[0-9a-f]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(ch, "latin1"));
  }
  return Buffer.from(bytes);
}

/** The declared charset wins; without one, valid UTF-8 is UTF-8 and anything else windows-1252. */
function decodeBytes(bytes: Buffer, charset: string | undefined): string {
  if (charset && iconv.encodingExists(charset)) return iconv.decode(bytes, charset);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(bytes, "windows-1252");
  }
}

export function encodeAnswer(text: string, encoding: "windows-1252" | "utf8" | undefined): Buffer {
  return encoding === "utf8" ? Buffer.from(text, "utf8") : iconv.encode(text, "windows-1252");
}
