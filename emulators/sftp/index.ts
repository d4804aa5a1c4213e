// The SFTP emulator: a real SSH/SFTP server (the ssh2 package's server mode) serving a real folder on
// disk, with password and public-key logins, a stable host key to pin, and a kit control API on its own
// HTTP port: received connections, fault rules ("AUTH *", "READ /images/*", "CONNECT *"). See README.md.
import { promises as fs } from "node:fs";
import net, { type AddressInfo, type Socket } from "node:net";
import os from "node:os";
import path from "node:path";
import ssh2, { type AuthContext, type Connection } from "ssh2";
import {
  EmulatorClock,
  sendJson,
  startEmulatorServer,
  type FaultInjector,
  type FaultRule,
  type RecordedCall,
} from "../_kit/index";
import { checkUsers, hostKeyFrom, knownKey, passwordMatches, type HostKey, type SftpUser } from "./auth";
import { ServedFolder } from "./folder";
import { serveSftp, type ConnectionRecord } from "./session";

export { generateSshKeyPair, hostKeyFingerprint, type HostKey, type SftpUser } from "./auth";
export { MAX_READ_BYTES, type ConnectionRecord } from "./session";

export const DEMO_USER: SftpUser = { username: "passerelle", password: "passerelle-demo" };
const AUTH_METHODS: AuthContext["method"][] = ["password", "publickey"];
const CONNECTION_LOG_LIMIT = 1_000;

export interface SftpEmulatorOptions {
  /** The SFTP port; 0 (default) picks a free one. */
  port?: number;
  /** The control API's HTTP port; 0 (default) picks a free one. */
  controlPort?: number;
  host?: string;
  /** The folder served as "/"; default a fresh temporary folder, removed on close. */
  root?: string;
  /** Who may log in (default DEMO_USER). */
  users?: SftpUser[];
  /** The host private key in OpenSSH format; default a fresh ed25519 key for this start. */
  hostKey?: string;
  faults?: FaultRule[];
  clock?: EmulatorClock;
}

export interface SftpEmulator {
  /** The control API, e.g. http://127.0.0.1:41234 (/_emulator/...). */
  url: string;
  host: string;
  /** The SFTP port. */
  port: number;
  /** The folder on disk served as "/": tests may write into it directly. */
  root: string;
  users: SftpUser[];
  hostKey: Omit<HostKey, "privateKey">;
  faults: FaultInjector;
  clock: EmulatorClock;
  connections(): ConnectionRecord[];
  calls(): RecordedCall[];
  /** Forgets connections, calls and faults (files stay). */
  reset(): void;
  close(): Promise<void>;
}

export async function startSftpEmulator(options: SftpEmulatorOptions = {}): Promise<SftpEmulator> {
  const host = options.host ?? "127.0.0.1";
  const clock = options.clock ?? new EmulatorClock();
  const users = options.users ?? [DEMO_USER];
  const checkedUsers = checkUsers(users);
  const hostKey = hostKeyFrom(options.hostKey);
  const ownsRoot = options.root === undefined;
  const root = options.root ?? (await fs.mkdtemp(path.join(os.tmpdir(), "passerelle-sftp-")));
  await fs.mkdir(root, { recursive: true });
  const folder = new ServedFolder(root);

  let connections: ConnectionRecord[] = [];
  let nextId = 1;
  const sockets = new Map<ConnectionRecord, Socket>();
  const byRemote = new Map<string, ConnectionRecord>();
  const publicHostKey = {
    algorithm: hostKey.algorithm,
    publicKey: hostKey.publicKey,
    fingerprint: hostKey.fingerprint,
  };

  const control = await startEmulatorServer({
    port: options.controlPort,
    host,
    clock,
    faults: options.faults,
    handle: async (_req, res) =>
      sendJson(res, 404, { error: "this emulator speaks SFTP on its own port; its control API is under /_emulator" }),
    control: {
      reset: () => (connections = []),
      state: () => ({
        host,
        port: sftpPort(),
        root,
        hostKey: publicHostKey,
        users: checkedUsers.map((user) => ({
          username: user.username,
          password: user.password !== undefined,
          publicKeys: user.keys.length,
        })),
        connections,
      }),
      routes: {
        "GET connections": () => ({ connections }),
        "DELETE connections": () => {
          connections = [];
          return { connections };
        },
      },
    },
  });
  const { faults, calls } = control;

  const drop = (record: ConnectionRecord) => {
    const socket = sockets.get(record);
    if (socket && !socket.destroyed) socket.resetAndDestroy();
  };

  const ssh = new ssh2.Server({ hostKeys: [hostKey.privateKey], ident: "PasserelleSftpEmulator_1.0" });
  ssh.on("connection", (client: Connection, info) => {
    const record = byRemote.get(`${info.ip}:${info.port}`);
    if (!record) return client.end();
    record.clientSoftware = info.header.versions.software;
    client.on("error", () => {}); // clients that vanish are recorded through the socket's close
    client.on("authentication", (ctx) => void authenticate(ctx, record));
    client.on("ready", () => {
      record.authenticated = true;
      client.on("session", (accept) => {
        accept().on("sftp", (acceptSftp) =>
          serveSftp(acceptSftp(), {
            folder,
            owner: record.username ?? "sftp",
            faults,
            calls,
            clock,
            record,
            drop: () => drop(record),
          }),
        );
      });
    });
  });

  const authenticate = async (ctx: AuthContext, record: ConnectionRecord) => {
    const user = checkedUsers.find((candidate) => candidate.username === ctx.username);
    if (ctx.method === "publickey" && !ctx.signature) {
      // The client only asks whether this key would do; nothing is proven yet.
      return knownKey(user, ctx.key.data) ? ctx.accept() : ctx.reject(AUTH_METHODS);
    }
    if (ctx.method !== "password" && ctx.method !== "publickey") return ctx.reject(AUTH_METHODS);

    const attempt = { method: ctx.method, username: ctx.username, result: "rejected" as const };
    const { latencyMs, outcome } = faults.decide("AUTH", ctx.username);
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    if (outcome.kind === "reset") {
      record.fault = "reset";
      return drop(record);
    }
    if (outcome.kind === "hang") {
      record.fault = "hang";
      if (outcome.ms !== undefined) setTimeout(() => drop(record), outcome.ms).unref();
      return;
    }
    if (outcome.kind === "status") {
      record.authAttempts.push({ ...attempt, result: "refused by fault" });
      return ctx.reject(AUTH_METHODS);
    }

    let accepted = false;
    if (ctx.method === "password") accepted = passwordMatches(user, ctx.password);
    else {
      const key = knownKey(user, ctx.key.data);
      accepted = !!key && !!ctx.blob && !!ctx.signature && key.verify(ctx.blob, ctx.signature, ctx.hashAlgo);
    }
    record.authAttempts.push({ ...attempt, result: accepted ? "accepted" : "rejected" });
    if (!accepted) return ctx.reject(AUTH_METHODS);
    record.username = ctx.username;
    record.authMethod = ctx.method;
    ctx.accept();
  };

  const tcp = net.createServer((socket) => void accept(socket));
  const accept = async (socket: Socket) => {
    socket.on("error", () => {});
    const record: ConnectionRecord = {
      id: nextId++,
      openedAt: clock.date().toISOString(),
      remoteAddress: socket.remoteAddress ?? "",
      remotePort: socket.remotePort ?? 0,
      authenticated: false,
      authAttempts: [],
      operations: 0,
      bytesRead: 0,
      bytesWritten: 0,
      largestReadBytes: 0,
    };
    connections.push(record);
    if (connections.length > CONNECTION_LOG_LIMIT) connections.splice(0, connections.length - CONNECTION_LOG_LIMIT);
    sockets.set(record, socket);
    const key = `${record.remoteAddress}:${record.remotePort}`;
    byRemote.set(key, record);
    socket.on("close", () => {
      record.closedAt = clock.date().toISOString();
      sockets.delete(record);
      byRemote.delete(key);
    });

    const { latencyMs, outcome } = faults.decide("CONNECT", "/");
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    if (outcome.kind === "reset" || outcome.kind === "status") {
      record.fault = "reset";
      return socket.resetAndDestroy();
    }
    if (outcome.kind === "hang") {
      record.fault = "hang"; // no SSH banner: the client waits for its own timeout
      if (outcome.ms !== undefined) setTimeout(() => drop(record), outcome.ms).unref();
      return;
    }
    if (!socket.destroyed) ssh.injectSocket(socket);
  };

  await new Promise<void>((resolve, reject) => {
    tcp.once("error", reject);
    tcp.listen(options.port ?? 0, host, () => resolve());
  });
  const sftpPort = () => (tcp.address() as AddressInfo).port;
  const port = sftpPort();

  let closing: Promise<void> | null = null;
  return {
    url: control.url,
    host,
    port,
    root,
    users,
    hostKey: publicHostKey,
    faults,
    clock,
    connections: () => structuredClone(connections),
    calls: () => calls.list(),
    reset: () => {
      connections = [];
      faults.clear();
      calls.clear();
    },
    close: () =>
      (closing ??= (async () => {
        for (const socket of sockets.values()) socket.destroy();
        await new Promise<void>((resolve) => tcp.close(() => resolve()));
        await control.close();
        if (ownsRoot) await fs.rm(root, { recursive: true, force: true });
      })()),
  };
}
