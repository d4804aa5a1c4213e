// One SFTP session: the protocol requests a client sends, answered from the served folder. Files are
// read and written piece by piece at the offsets the client asks for (never loaded whole), and every
// request goes through the fault rules first, as "<OPERATION> <path>" (e.g. "READ /images/a.jpg").
import { promises as fs, type Stats } from "node:fs";
import ssh2, { type Attributes, type FileEntry, type SFTPWrapper } from "ssh2";
import type { CallLog, EmulatorClock, FaultInjector } from "../_kit/index";
import { attributesOf, entryOf, statusOf, type ServedFolder } from "./folder";

const { STATUS_CODE, flagsToString } = ssh2.utils.sftp;

/** The most one READ answers, whatever the client asks (OpenSSH answers at most 256 KiB too). */
export const MAX_READ_BYTES = 256 * 1024;
const DIRECTORY_BATCH = 100;

/** What a connection did, kept for the control API. */
export interface ConnectionRecord {
  id: number;
  openedAt: string;
  closedAt?: string;
  remoteAddress: string;
  remotePort: number;
  clientSoftware?: string;
  username?: string;
  authMethod?: string;
  authenticated: boolean;
  authAttempts: { method: string; username: string; result: "accepted" | "rejected" | "refused by fault" }[];
  operations: number;
  bytesRead: number;
  bytesWritten: number;
  /** The largest single READ answer, in bytes: files are served in pieces of at most MAX_READ_BYTES. */
  largestReadBytes: number;
  /** Set when a fault dropped or held the connection. */
  fault?: "reset" | "hang";
}

export interface SessionContext {
  folder: ServedFolder;
  /** Owner name shown in directory listings. */
  owner: string;
  faults: FaultInjector;
  calls: CallLog;
  clock: EmulatorClock;
  record: ConnectionRecord;
  /** Drops the TCP connection at once (a reset). */
  drop(): void;
}

type Reply =
  | { kind: "status"; code: number; message?: string }
  | { kind: "handle"; handle: Buffer }
  | { kind: "data"; data: Buffer }
  | { kind: "name"; names: FileEntry[] }
  | { kind: "attrs"; attrs: Attributes };

type OpenItem =
  { kind: "file"; path: string; file: fs.FileHandle } | { kind: "dir"; path: string; entries: FileEntry[] | null };

const OK: Reply = { kind: "status", code: STATUS_CODE.OK };
const EOF: Reply = { kind: "status", code: STATUS_CODE.EOF };

export function serveSftp(sftp: SFTPWrapper, ctx: SessionContext): void {
  const open = new Map<string, OpenItem>();
  let nextHandle = 1;
  const { folder } = ctx;

  const addHandle = (item: OpenItem): Reply => {
    const handle = Buffer.alloc(4);
    handle.writeUInt32BE(nextHandle++);
    open.set(handle.toString("hex"), item);
    return { kind: "handle", handle };
  };
  const item = (handle: Buffer) => open.get(handle.toString("hex"));
  const pathOf = (handle: Buffer) => item(handle)?.path ?? "(unknown handle)";
  const badHandle: Reply = { kind: "status", code: STATUS_CODE.FAILURE, message: "Invalid handle" };

  const answer = (reqId: number, reply: Reply) => {
    if (reply.kind === "status") sftp.status(reqId, reply.code, reply.message);
    else if (reply.kind === "handle") sftp.handle(reqId, reply.handle);
    else if (reply.kind === "data") sftp.data(reqId, reply.data);
    else if (reply.kind === "name") sftp.name(reqId, reply.names);
    else sftp.attrs(reqId, reply.attrs);
  };

  /** Faults first, then the work; a file system error becomes the matching SFTP status. */
  const run = async (operation: string, reqId: number, sftpPath: string, work: () => Promise<Reply>) => {
    ctx.record.operations++;
    const call = ctx.calls.record({ at: ctx.clock.now(), method: operation, path: sftpPath, status: 0 });
    const { latencyMs, outcome } = ctx.faults.decide(operation, sftpPath);
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    if (outcome.kind === "reset") {
      call.fault = ctx.record.fault = "reset";
      return ctx.drop();
    }
    if (outcome.kind === "hang") {
      call.fault = ctx.record.fault = "hang";
      if (outcome.ms !== undefined) setTimeout(ctx.drop, outcome.ms).unref();
      return;
    }
    let reply: Reply;
    if (outcome.kind === "status") {
      call.fault = "status";
      reply = { kind: "status", ...injectedStatus(outcome.status, outcome.body) };
    } else {
      try {
        reply = await work();
      } catch (error) {
        reply = { kind: "status", ...statusOf(error) };
      }
    }
    call.status = reply.kind === "status" ? reply.code : STATUS_CODE.OK;
    answer(reqId, reply);
  };

  const stat = (follow: boolean) => async (sftpPath: string) =>
    attrs(await (follow ? fs.stat : fs.lstat)(folder.local(sftpPath)));

  sftp.on("REALPATH", (reqId, sftpPath) =>
    run("REALPATH", reqId, folder.normalize(sftpPath), async () => {
      const normalized = folder.normalize(sftpPath);
      return { kind: "name", names: [{ filename: normalized, longname: normalized } as FileEntry] };
    }),
  );
  sftp.on("STAT", (reqId, sftpPath) => run("STAT", reqId, folder.normalize(sftpPath), () => stat(true)(sftpPath)));
  sftp.on("LSTAT", (reqId, sftpPath) => run("LSTAT", reqId, folder.normalize(sftpPath), () => stat(false)(sftpPath)));

  sftp.on("OPENDIR", (reqId, sftpPath) =>
    run("OPENDIR", reqId, folder.normalize(sftpPath), async () => {
      const stats = await fs.stat(folder.local(sftpPath));
      if (!stats.isDirectory()) return { kind: "status", code: STATUS_CODE.FAILURE, message: "Not a directory" };
      return addHandle({ kind: "dir", path: folder.normalize(sftpPath), entries: null });
    }),
  );
  sftp.on("READDIR", (reqId, handle) =>
    run("READDIR", reqId, pathOf(handle), async () => {
      const dir = item(handle);
      if (dir?.kind !== "dir") return badHandle;
      dir.entries ??= await listEntries(folder.local(dir.path), ctx.owner);
      if (dir.entries.length === 0) return EOF;
      return { kind: "name", names: dir.entries.splice(0, DIRECTORY_BATCH) };
    }),
  );

  sftp.on("OPEN", (reqId, filename, flags, attributes) =>
    run("OPEN", reqId, folder.normalize(filename), async () => {
      const mode = flagsToString(flags);
      if (!mode) return { kind: "status", code: STATUS_CODE.FAILURE, message: "Unsupported open flags" };
      const requested = typeof attributes?.mode === "number" ? attributes.mode & 0o777 : 0o644;
      const file = await fs.open(folder.local(filename), mode, requested);
      return addHandle({ kind: "file", path: folder.normalize(filename), file });
    }),
  );
  sftp.on("READ", (reqId, handle, offset, length) =>
    run("READ", reqId, pathOf(handle), async () => {
      const file = item(handle);
      if (file?.kind !== "file") return badHandle;
      const buffer = Buffer.alloc(Math.min(length, MAX_READ_BYTES));
      const { bytesRead } = await file.file.read(buffer, 0, buffer.length, offset);
      if (bytesRead === 0) return EOF;
      ctx.record.bytesRead += bytesRead;
      ctx.record.largestReadBytes = Math.max(ctx.record.largestReadBytes, bytesRead);
      return { kind: "data", data: buffer.subarray(0, bytesRead) };
    }),
  );
  sftp.on("WRITE", (reqId, handle, offset, data) =>
    run("WRITE", reqId, pathOf(handle), async () => {
      const file = item(handle);
      if (file?.kind !== "file") return badHandle;
      await file.file.write(data, 0, data.length, offset);
      ctx.record.bytesWritten += data.length;
      return OK;
    }),
  );
  sftp.on("FSTAT", (reqId, handle) =>
    run("FSTAT", reqId, pathOf(handle), async () => {
      const file = item(handle);
      if (file?.kind !== "file") return badHandle;
      return attrs(await file.file.stat());
    }),
  );
  sftp.on("FSETSTAT", (reqId, handle, attributes) =>
    run("FSETSTAT", reqId, pathOf(handle), async () => {
      const file = item(handle);
      if (!file) return badHandle;
      await applyAttributes(folder.local(file.path), attributes);
      return OK;
    }),
  );
  sftp.on("CLOSE", (reqId, handle) =>
    run("CLOSE", reqId, pathOf(handle), async () => {
      const closing = item(handle);
      if (!closing) return badHandle;
      open.delete(handle.toString("hex"));
      if (closing.kind === "file") await closing.file.close();
      return OK;
    }),
  );

  sftp.on("SETSTAT", (reqId, sftpPath, attributes) =>
    run("SETSTAT", reqId, folder.normalize(sftpPath), async () => {
      await applyAttributes(folder.local(sftpPath), attributes);
      return OK;
    }),
  );
  const simple = (operation: string, action: (local: string) => Promise<unknown>) => (reqId: number, p: string) =>
    run(operation, reqId, folder.normalize(p), async () => {
      await action(folder.local(p));
      return OK;
    });
  sftp.on(
    "REMOVE",
    simple("REMOVE", (local) => fs.unlink(local)),
  );
  sftp.on(
    "RMDIR",
    simple("RMDIR", (local) => fs.rmdir(local)),
  );
  sftp.on(
    "MKDIR",
    simple("MKDIR", (local) => fs.mkdir(local)),
  );
  sftp.on("RENAME", (reqId, from, to) =>
    run("RENAME", reqId, folder.normalize(from), async () => {
      await fs.rename(folder.local(from), folder.local(to));
      return OK;
    }),
  );
  const unsupported = (operation: string) => (reqId: number, p: string) =>
    run(operation, reqId, folder.normalize(p), async () => ({
      kind: "status",
      code: STATUS_CODE.OP_UNSUPPORTED,
      message: "Links are not supported",
    }));
  sftp.on("READLINK", unsupported("READLINK"));
  sftp.on("SYMLINK", unsupported("SYMLINK"));

  // A client that goes away with files open: close them here (ssh2 signals either, depending on how).
  const closeAll = () => {
    for (const openItem of open.values()) if (openItem.kind === "file") void openItem.file.close().catch(() => {});
    open.clear();
  };
  sftp.on("end", closeAll);
  sftp.on("close", closeAll);
}

function attrs(stats: Stats): Reply {
  return { kind: "attrs", attrs: attributesOf(stats) };
}

async function listEntries(directory: string, owner: string): Promise<FileEntry[]> {
  const names = (await fs.readdir(directory)).sort();
  const entries: FileEntry[] = [];
  for (const name of names) {
    const stats = await fs.lstat(`${directory}/${name}`).catch(() => null);
    if (stats) entries.push(entryOf(name, stats, owner));
  }
  return entries;
}

async function applyAttributes(local: string, attributes: Partial<Attributes>): Promise<void> {
  if (typeof attributes.size === "number") await fs.truncate(local, attributes.size);
  if (typeof attributes.mode === "number") await fs.chmod(local, attributes.mode & 0o7777);
  if (typeof attributes.atime === "number" || typeof attributes.mtime === "number") {
    const stats = await fs.stat(local);
    await fs.utimes(local, attributes.atime ?? stats.atimeMs / 1000, attributes.mtime ?? stats.mtimeMs / 1000);
  }
}

/** A fault's HTTP-style status in SFTP terms: 404 no such file, 401/403 permission denied, else failure. */
function injectedStatus(status: number, body: unknown): { code: number; message: string } {
  const message = typeof body === "string" ? body : "Injected failure";
  if (status === 404) return { code: STATUS_CODE.NO_SUCH_FILE, message };
  if (status === 401 || status === 403) return { code: STATUS_CODE.PERMISSION_DENIED, message };
  return { code: STATUS_CODE.FAILURE, message };
}
