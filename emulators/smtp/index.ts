// The SMTP emulator: a real SMTP server (the smtp-server package) that keeps every message it accepts,
// parsed with mailparser, with optional STARTTLS or implicit TLS on a certificate made at start, AUTH
// PLAIN/LOGIN for configured users, and a kit control API on its own HTTP port: received messages and
// fault rules on SMTP commands ("DATA *" refused with 451, "RCPT bad@x" with 550, hangs). See README.md.
import type { Socket } from "node:net";
import { SMTPServer, type SMTPServerSession } from "smtp-server";
import {
  ControlError,
  EmulatorClock,
  sendJson,
  startEmulatorServer,
  type FaultInjector,
  type FaultRule,
  type RecordedCall,
} from "../_kit/index";
import { makeTestCertificate } from "./certificate";
import { Mailbox, type MessageFilter, type ReceivedMessage } from "./mailbox";

export type { ReceivedAttachment, ReceivedMessage, MessageFilter } from "./mailbox";
export { makeTestCertificate, type TestCertificate } from "./certificate";

export interface SmtpUser {
  username: string;
  password: string;
}

export const DEMO_SMTP_USER: SmtpUser = { username: "passerelle", password: "passerelle-demo" };

/** none: plain text; starttls: plain, upgraded by STARTTLS; implicit: TLS from the first byte. */
export type SmtpTlsMode = "none" | "starttls" | "implicit";

export interface SmtpEmulatorOptions {
  /** The SMTP port; 0 (default) picks a free one. */
  port?: number;
  /** The control API's HTTP port; 0 (default) picks a free one. */
  controlPort?: number;
  host?: string;
  tls?: SmtpTlsMode;
  /** Who may log in (AUTH PLAIN/LOGIN). Default DEMO_SMTP_USER; [] turns AUTH off and accepts anyone. */
  users?: SmtpUser[];
  /** Largest message accepted, in bytes (default 30 MB); bigger ones get 552. */
  maxMessageBytes?: number;
  faults?: FaultRule[];
  clock?: EmulatorClock;
}

export interface SmtpEmulator {
  /** The control API, e.g. http://127.0.0.1:41234 (/_emulator/...). */
  url: string;
  host: string;
  /** The SMTP port. */
  port: number;
  tls: SmtpTlsMode;
  users: SmtpUser[];
  /** The self-signed certificate (PEM) the server presents: a client passes it as its CA. */
  certificate: string;
  faults: FaultInjector;
  clock: EmulatorClock;
  messages(filter?: MessageFilter): ReceivedMessage[];
  /** The message as received, byte for byte. */
  raw(id: string): Buffer | undefined;
  calls(): RecordedCall[];
  /** Forgets messages, calls and faults. */
  reset(): void;
  close(): Promise<void>;
}

type Callback = (error?: Error | null) => void;

export async function startSmtpEmulator(options: SmtpEmulatorOptions = {}): Promise<SmtpEmulator> {
  const host = options.host ?? "127.0.0.1";
  const clock = options.clock ?? new EmulatorClock();
  const tls = options.tls ?? "starttls";
  const users = options.users ?? [DEMO_SMTP_USER];
  const certificate = makeTestCertificate(["localhost"], ["127.0.0.1"], clock.date());
  const mailbox = new Mailbox();
  const sockets = new Map<number, Socket>();

  const control = await startEmulatorServer({
    port: options.controlPort,
    host,
    clock,
    faults: options.faults,
    handle: async (_req, res) =>
      sendJson(res, 404, { error: "this emulator speaks SMTP on its own port; its control API is under /_emulator" }),
    control: {
      reset: () => mailbox.clear(),
      state: () => ({ host, port, tls, users: users.map((user) => user.username), messages: mailbox.count }),
      routes: {
        "GET messages": ({ query }) => ({ messages: mailbox.list(filterFrom(query)) }),
        "GET messages/:id": ({ params }) => {
          const stored = mailbox.get(params.id);
          if (!stored) throw new ControlError(404, `no message ${params.id}`);
          return { ...stored.message, raw: stored.raw.toString("latin1") };
        },
        "DELETE messages": () => {
          mailbox.clear();
          return { messages: [] };
        },
        "GET certificate": () => ({ certificate: certificate.cert }),
      },
    },
  });
  const { faults, calls } = control;

  /** Logs one SMTP command and runs the fault rules on it: its call record when it goes on normally. */
  const gate = async (
    command: string,
    subject: string,
    session: SMTPServerSession,
    done: Callback,
  ): Promise<RecordedCall | null> => {
    const call = calls.record({ at: clock.now(), method: command, path: subject, status: 0 });
    const { latencyMs, outcome } = faults.decide(command, subject);
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    const socket = sockets.get(session.remotePort);
    if (outcome.kind === "reset") {
      call.fault = "reset";
      socket?.resetAndDestroy();
      return null;
    }
    if (outcome.kind === "hang") {
      call.fault = "hang"; // no answer: the client waits for its own timeout
      if (outcome.ms !== undefined) setTimeout(() => socket?.destroy(), outcome.ms).unref();
      return null;
    }
    if (outcome.kind === "status") {
      call.fault = "status";
      call.status = outcome.status;
      done(smtpError(outcome.status, outcome.body));
      return null;
    }
    return call;
  };
  const answer = (call: RecordedCall, status: number, done: Callback, text?: string) => {
    call.status = status;
    done(status >= 400 ? smtpError(status, text) : null);
  };

  const server = new SMTPServer({
    name: "localhost",
    banner: "Passerelle SMTP emulator",
    logger: false,
    secure: tls === "implicit",
    key: certificate.key,
    cert: certificate.cert,
    disabledCommands: [...(tls === "starttls" ? [] : ["STARTTLS"]), ...(users.length ? [] : ["AUTH"])],
    authMethods: ["PLAIN", "LOGIN"],
    authOptional: users.length === 0,
    allowInsecureAuth: tls === "none",
    size: options.maxMessageBytes ?? 30 * 1024 * 1024,
    rejectOversized: true,
    closeTimeout: 100,
    onConnect: async (session, done) => {
      const call = await gate("CONNECT", session.remoteAddress, session, done);
      if (call) answer(call, 220, done);
    },
    onAuth: async (auth, session, done) => {
      const username = auth.username ?? "";
      const call = await gate("AUTH", username, session, done);
      if (!call) return;
      const user = users.find((candidate) => candidate.username === username);
      if (!user || auth.password !== user.password)
        return answer(call, 535, done, "Authentication credentials invalid");
      call.status = 235;
      done(null, { user: username });
    },
    onMailFrom: async (address, session, done) => {
      const call = await gate("MAIL", address.address, session, done);
      if (call) answer(call, 250, done);
    },
    onRcptTo: async (address, session, done) => {
      const call = await gate("RCPT", address.address, session, done);
      if (call) answer(call, 250, done);
    },
    onData: (stream, session, done) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", async () => {
        if (stream.sizeExceeded) return done(smtpError(552, "Message exceeds fixed maximum message size"));
        const recipients = session.envelope.rcptTo.map((rcpt) => rcpt.address);
        const call = await gate("DATA", recipients[0] ?? "", session, done);
        if (!call) return;
        try {
          await mailbox.receive(
            Buffer.concat(chunks),
            { mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null, rcptTo: recipients },
            {
              user: typeof session.user === "string" ? session.user : undefined,
              secure: session.secure,
              clientHostname: session.clientHostname,
              remoteAddress: session.remoteAddress,
            },
            clock.date(),
          );
        } catch {
          return answer(call, 451, done, "Could not read the message");
        }
        answer(call, 250, done);
      });
    },
  });
  server.on("error", () => {}); // a client dropping mid-session is not the emulator's failure

  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  server.server.on("connection", (socket: Socket) => {
    const remotePort = socket.remotePort ?? 0;
    sockets.set(remotePort, socket);
    socket.on("close", () => sockets.delete(remotePort));
  });
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : 0;

  let closing: Promise<void> | null = null;
  return {
    url: control.url,
    host,
    port,
    tls,
    users,
    certificate: certificate.cert,
    faults,
    clock,
    messages: (filter) => mailbox.list(filter),
    raw: (id) => mailbox.get(id)?.raw,
    calls: () => calls.list(),
    reset: () => {
      mailbox.clear();
      faults.clear();
      calls.clear();
    },
    close: () =>
      (closing ??= (async () => {
        for (const socket of sockets.values()) socket.destroy();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await control.close();
      })()),
  };
}

function filterFrom(query: URLSearchParams): MessageFilter {
  return { to: query.get("to") ?? query.get("recipient") ?? undefined, from: query.get("from") ?? undefined };
}

/** An SMTP refusal: smtp-server answers `responseCode message`. */
function smtpError(code: number, body?: unknown): Error {
  const text = typeof body === "string" ? body : code < 500 ? "Temporary failure, try again later" : "Message refused";
  return Object.assign(new Error(text), { responseCode: code });
}
