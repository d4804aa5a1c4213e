// Every message the SMTP emulator accepted, as the envelope said and as mailparser reads it: raw bytes,
// header lines (encoded words left as sent), decoded subject and addresses, text and HTML parts, and
// attachments with their content.
import { createHash } from "node:crypto";
import { simpleParser, type AddressObject } from "mailparser";

export interface ReceivedAttachment {
  filename?: string;
  contentType: string;
  contentDisposition?: string;
  contentId?: string;
  size: number;
  sha256: string;
  contentBase64: string;
}

export interface ReceivedMessage {
  id: string;
  receivedAt: string;
  envelope: { mailFrom: string | null; rcptTo: string[] };
  /** The SMTP session it came through: the AUTH user, and whether it was encrypted (STARTTLS or TLS). */
  session: { user?: string; secure: boolean; clientHostname: string; remoteAddress: string };
  size: number;
  /** Header name (lower case) → raw values as sent, unfolded (MIME encoded words kept). */
  headers: Record<string, string[]>;
  messageId?: string;
  date?: string;
  subject?: string;
  from: string[];
  to: string[];
  cc: string[];
  replyTo: string[];
  text?: string;
  html?: string;
  attachments: ReceivedAttachment[];
}

export interface StoredMessage {
  message: ReceivedMessage;
  raw: Buffer;
}

export interface MessageFilter {
  /** An address among the envelope recipients, To or Cc (case-insensitive). */
  to?: string;
  from?: string;
}

export class Mailbox {
  private stored: StoredMessage[] = [];
  private nextId = 1;

  async receive(
    raw: Buffer,
    envelope: ReceivedMessage["envelope"],
    session: ReceivedMessage["session"],
    at: Date,
  ): Promise<ReceivedMessage> {
    const parsed = await simpleParser(raw, { skipTextToHtml: true, skipImageLinks: true });
    const headers: Record<string, string[]> = {};
    for (const { key, line } of parsed.headerLines) {
      const value = line
        .slice(line.indexOf(":") + 1)
        .replace(/\r?\n[ \t]+/g, " ")
        .trim();
      (headers[key] ??= []).push(value);
    }
    const message: ReceivedMessage = {
      id: String(this.nextId++),
      receivedAt: at.toISOString(),
      envelope,
      session,
      size: raw.length,
      headers,
      messageId: parsed.messageId,
      date: parsed.date?.toISOString(),
      subject: parsed.subject,
      from: addresses(parsed.from),
      to: addresses(parsed.to),
      cc: addresses(parsed.cc),
      replyTo: addresses(parsed.replyTo),
      text: parsed.text,
      html: parsed.html === false ? undefined : parsed.html,
      attachments: parsed.attachments.map((attachment) => ({
        filename: attachment.filename,
        contentType: attachment.contentType,
        contentDisposition: attachment.contentDisposition,
        contentId: attachment.contentId,
        size: attachment.content.length,
        sha256: createHash("sha256").update(attachment.content).digest("hex"),
        contentBase64: attachment.content.toString("base64"),
      })),
    };
    this.stored.push({ message, raw });
    return message;
  }

  list(filter: MessageFilter = {}): ReceivedMessage[] {
    const to = filter.to?.toLowerCase();
    const from = filter.from?.toLowerCase();
    return this.stored
      .map(({ message }) => message)
      .filter(
        (message) =>
          (!to ||
            [...message.envelope.rcptTo, ...message.to, ...message.cc].some(
              (address) => address.toLowerCase() === to,
            )) &&
          (!from ||
            [message.envelope.mailFrom ?? "", ...message.from].some((address) => address.toLowerCase() === from)),
      );
  }

  get(id: string): StoredMessage | undefined {
    return this.stored.find((stored) => stored.message.id === id);
  }

  clear(): void {
    this.stored = [];
  }

  get count(): number {
    return this.stored.length;
  }
}

function addresses(header: AddressObject | AddressObject[] | undefined): string[] {
  const objects = Array.isArray(header) ? header : header ? [header] : [];
  return objects.flatMap((object) => object.value.map((entry) => entry.address ?? "")).filter(Boolean);
}
