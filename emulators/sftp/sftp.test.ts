// The SFTP emulator against the client the app uses (ssh2-sftp-client), over real sockets.
import { createHash, randomBytes } from "node:crypto";
import { once } from "node:events";
import { promises as fs } from "node:fs";
import path from "node:path";
import ssh2 from "ssh2";
import SftpClient from "ssh2-sftp-client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  DEMO_USER,
  generateSshKeyPair,
  hostKeyFingerprint,
  MAX_READ_BYTES,
  startSftpEmulator,
  type SftpEmulator,
} from "./index";

let emulator: SftpEmulator;
const clients: SftpClient[] = [];

beforeEach(async () => {
  emulator = await startSftpEmulator();
});

afterEach(async () => {
  for (const client of clients.splice(0)) await client.end().catch(() => {});
  await emulator.close();
});

/** Connects as the demo user (or as told), remembering the host key fingerprint the server showed. */
async function connect(config: Partial<SftpClient.ConnectOptions> = {}) {
  const client = new SftpClient("test", { error: () => {}, end: () => {}, close: () => {} });
  clients.push(client);
  const seen: string[] = [];
  const sftp = await client.connect({
    host: emulator.host,
    port: emulator.port,
    username: DEMO_USER.username,
    password: DEMO_USER.password,
    readyTimeout: 5_000,
    hostVerifier: (key: Buffer) => {
      seen.push(hostKeyFingerprint(key));
      return true;
    },
    ...config,
  });
  return { client, seen, sftp };
}

async function control(method: string, route: string, body?: unknown) {
  const response = await fetch(`${emulator.url}/_emulator/${route}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests read arbitrary control answers
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

// Generous: key generation and SSH handshakes are slow on a busy machine.
describe("SFTP emulator", { timeout: 30_000 }, () => {
  it("lists and stats the files of the served folder", async () => {
    await fs.mkdir(path.join(emulator.root, "images"));
    await fs.writeFile(path.join(emulator.root, "images", "REF1_BLUE_1.jpg"), Buffer.alloc(1234, 7));
    await fs.writeFile(path.join(emulator.root, "images", "REF1_BLUE_2.jpg"), "small");
    const modified = new Date("2026-03-01T10:00:00Z");
    await fs.utimes(path.join(emulator.root, "images", "REF1_BLUE_1.jpg"), modified, modified);

    const { client } = await connect();
    const root = await client.list("/");
    expect(root.map((entry) => [entry.name, entry.type])).toEqual([["images", "d"]]);
    const images = await client.list("/images");
    expect(images.map((entry) => [entry.name, entry.type, entry.size])).toEqual([
      ["REF1_BLUE_1.jpg", "-", 1234],
      ["REF1_BLUE_2.jpg", "-", 5],
    ]);
    expect(images[0].modifyTime).toBe(modified.getTime());

    const stats = await client.stat("/images/REF1_BLUE_1.jpg");
    expect(stats).toMatchObject({ size: 1234, isFile: true, isDirectory: false, modifyTime: modified.getTime() });
    expect(await client.exists("/images/nothing.jpg")).toBe(false);
    expect(await client.realPath("images/../images/./REF1_BLUE_2.jpg")).toBe("/images/REF1_BLUE_2.jpg");
  });

  it("streams a 5 MB file in pieces, never as a whole", async () => {
    const size = 5 * 1024 * 1024;
    const content = randomBytes(size);
    await fs.writeFile(path.join(emulator.root, "big.bin"), content);
    const { client } = await connect();

    const hash = createHash("sha256");
    let received = 0;
    let largestChunk = 0;
    const stream = client.createReadStream("/big.bin");
    const closed = once(stream, "close"); // the file handle is closed before the connection ends
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      hash.update(chunk);
      received += chunk.length;
      largestChunk = Math.max(largestChunk, chunk.length);
    }
    await closed;
    expect(received).toBe(size);
    expect(hash.digest("hex")).toBe(createHash("sha256").update(content).digest("hex"));
    expect(largestChunk).toBeLessThanOrEqual(64 * 1024);

    const [connection] = emulator.connections();
    expect(connection.bytesRead).toBe(size);
    expect(connection.largestReadBytes).toBeGreaterThan(0);
    expect(connection.largestReadBytes).toBeLessThanOrEqual(MAX_READ_BYTES);
    const reads = emulator.calls().filter((call) => call.method === "READ" && call.path === "/big.bin");
    expect(reads.length).toBeGreaterThanOrEqual(Math.ceil(size / MAX_READ_BYTES));
  });

  it("serves any part of a file too big to hold in memory (8 GB, sparse)", async () => {
    const big = path.join(emulator.root, "huge.bin");
    const size = 8 * 1024 ** 3;
    await fs.writeFile(big, "");
    await fs.truncate(big, size);
    const handle = await fs.open(big, "r+");
    await handle.write(Buffer.from("THE END"), 0, 7, size - 7);
    await handle.close();

    const { client } = await connect();
    expect((await client.stat("/huge.bin")).size).toBe(size);
    const tail: Buffer[] = [];
    const stream = client.createReadStream("/huge.bin", { start: size - 100_000, end: size - 1 });
    const closed = once(stream, "close");
    for await (const chunk of stream as AsyncIterable<Buffer>) tail.push(chunk);
    await closed;
    const bytes = Buffer.concat(tail);
    expect(bytes.length).toBe(100_000);
    expect(bytes.subarray(-7).toString()).toBe("THE END");
    expect(bytes.subarray(0, -7).every((byte) => byte === 0)).toBe(true);
  });

  it("refuses a wrong password and records the attempt", async () => {
    await expect(connect({ password: "not-the-password" })).rejects.toThrow(/authentication/i);
    await expect(connect({ username: "nobody" })).rejects.toThrow(/authentication/i);
    const { body } = await control("GET", "connections");
    expect(body.connections).toHaveLength(2);
    expect(body.connections[0]).toMatchObject({
      authenticated: false,
      authAttempts: [{ method: "password", username: "passerelle", result: "rejected" }],
    });
    expect(body.connections[1].authenticated).toBe(false);
  });

  it("logs a user in with a public key, and refuses another key", async () => {
    const allowed = generateSshKeyPair();
    const other = generateSshKeyPair();
    await emulator.close();
    emulator = await startSftpEmulator({ users: [{ username: "photos", publicKeys: [allowed.public] }] });
    await fs.writeFile(path.join(emulator.root, "a.jpg"), "jpeg");

    const { client } = await connect({ username: "photos", password: undefined, privateKey: allowed.private });
    expect((await client.list("/")).map((entry) => entry.name)).toEqual(["a.jpg"]);
    await expect(connect({ username: "photos", password: undefined, privateKey: other.private })).rejects.toThrow(
      /authentication/i,
    );
    expect(emulator.connections().map((connection) => [connection.authenticated, connection.authMethod])).toEqual([
      [true, "publickey"],
      [false, undefined],
    ]);
  });

  it("shows the same host key on every connection, and keeps a given key across restarts", async () => {
    expect(emulator.hostKey.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    const first = await connect();
    const second = await connect();
    expect([...first.seen, ...second.seen]).toEqual([emulator.hostKey.fingerprint, emulator.hostKey.fingerprint]);
    const state = await control("GET", "state");
    expect(state.body.hostKey.fingerprint).toBe(emulator.hostKey.fingerprint);

    const key = generateSshKeyPair().private;
    const previous = emulator.hostKey.fingerprint;
    await emulator.close();
    emulator = await startSftpEmulator({ hostKey: key });
    const pinned = emulator.hostKey.fingerprint;
    expect(pinned).not.toBe(previous);
    await emulator.close();
    emulator = await startSftpEmulator({ hostKey: key });
    expect(emulator.hostKey.fingerprint).toBe(pinned);
    expect((await connect()).seen).toEqual([pinned]);
  });

  it("refuses the next login with good credentials when told to, then lets the user in", async () => {
    const added = await control("POST", "faults", { route: "AUTH *", kind: "status", count: 1 });
    expect(added.status).toBe(201);
    await expect(connect()).rejects.toThrow(/authentication/i);
    const { client } = await connect();
    expect(await client.list("/")).toEqual([]);
    expect(emulator.connections().map((connection) => connection.authAttempts.map((a) => a.result))).toEqual([
      ["refused by fault"],
      ["accepted"],
    ]);
  });

  it("drops the connection in the middle of a read", async () => {
    await fs.writeFile(path.join(emulator.root, "big.bin"), randomBytes(2 * 1024 * 1024));
    const { client } = await connect();
    const stream = client.createReadStream("/big.bin");
    let received = 0;
    const outcome = new Promise<string>((resolve) => {
      stream.on("error", () => resolve("error"));
      stream.on("end", () => resolve("end"));
      stream.on("close", () => resolve("closed"));
    });
    stream.once("data", (chunk: Buffer) => {
      received += chunk.length;
      stream.pause();
      void control("POST", "faults", { route: "READ /big.bin", kind: "reset", count: 1 }).then(() => {
        stream.on("data", (more: Buffer) => (received += more.length));
        stream.resume();
      });
    });
    expect(await outcome).not.toBe("end");
    expect(received).toBeGreaterThan(0);
    expect(received).toBeLessThan(2 * 1024 * 1024);
    expect(emulator.connections()[0].fault).toBe("reset");
    expect(emulator.calls().some((call) => call.method === "READ" && call.fault === "reset")).toBe(true);
  });

  it("takes uploads into the served folder and keeps every path inside it", async () => {
    const { client } = await connect();
    await client.mkdir("/incoming");
    await client.put(Buffer.from("uploaded"), "/incoming/a.txt");
    expect(await fs.readFile(path.join(emulator.root, "incoming", "a.txt"), "utf8")).toBe("uploaded");
    await client.put(Buffer.from("escaped?"), "/../../outside.txt");
    expect(await fs.readFile(path.join(emulator.root, "outside.txt"), "utf8")).toBe("escaped?");
    await client.rename("/incoming/a.txt", "/incoming/b.txt");
    await client.delete("/incoming/b.txt");
    expect(await fs.readdir(path.join(emulator.root, "incoming"))).toEqual([]);
  });

  it("closes the files a client left open when it goes away", async () => {
    await fs.writeFile(path.join(emulator.root, "left-open.bin"), "bytes");
    const openHere = async () => {
      let count = 0;
      for (const fd of await fs.readdir("/proc/self/fd")) {
        const target = await fs.readlink(`/proc/self/fd/${fd}`).catch(() => "");
        if (target.endsWith("left-open.bin")) count++;
      }
      return count;
    };
    const { client, sftp } = await connect();
    await new Promise<void>((resolve, reject) =>
      sftp.open("/left-open.bin", "r", (error) => (error ? reject(error) : resolve())),
    );
    expect(await openHere()).toBe(1);
    await client.end();
    await vi.waitFor(async () => expect(await openHere()).toBe(0));
  });

  it("answers plain HTTP on the control port with a JSON 404", async () => {
    const response = await fetch(`${emulator.url}/anything`);
    expect(response.status).toBe(404);
    expect(await response.json()).toHaveProperty("error");
  });
});

describe("SSH key pairs for tests and the host key", () => {
  it("are always keys ssh2 can read back", () => {
    for (let i = 0; i < 2_000; i++) {
      const pair = generateSshKeyPair();
      expect(ssh2.utils.parseKey(pair.private)).not.toBeInstanceOf(Error);
      expect(ssh2.utils.parseKey(pair.public)).not.toBeInstanceOf(Error);
    }
  });
});
