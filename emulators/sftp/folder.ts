// The served folder: SFTP paths ("/images/a.jpg", "images/a.jpg", "/../x") map to files under one real
// directory and never leave it, and file facts come back in the shapes an SFTP answer carries.
import type { Stats } from "node:fs";
import path from "node:path";
import ssh2, { type Attributes, type FileEntry } from "ssh2";

const { STATUS_CODE } = ssh2.utils.sftp;

export class ServedFolder {
  constructor(readonly root: string) {}

  /** The canonical SFTP path: absolute, no "." or "..", "/" being the served folder. */
  normalize(sftpPath: string): string {
    return path.posix.resolve("/", sftpPath || ".");
  }

  /** The file on disk behind an SFTP path (".." cannot climb above the folder). */
  local(sftpPath: string): string {
    return path.join(this.root, ...this.normalize(sftpPath).split("/").filter(Boolean));
  }
}

export function attributesOf(stats: Stats): Attributes {
  return {
    mode: stats.mode,
    uid: stats.uid,
    gid: stats.gid,
    size: stats.size,
    atime: Math.floor(stats.atimeMs / 1000),
    mtime: Math.floor(stats.mtimeMs / 1000),
  };
}

/** A directory entry with the `ls -l` style long name clients read the type and rights from. */
export function entryOf(name: string, stats: Stats, owner: string): FileEntry {
  const date = new Date(stats.mtimeMs);
  const month = date.toLocaleString("en-US", { month: "short", timeZone: "UTC" });
  const day = String(date.getUTCDate()).padStart(2, " ");
  const time = `${String(date.getUTCHours()).padStart(2, "0")}:${String(date.getUTCMinutes()).padStart(2, "0")}`;
  const longname = [
    modeString(stats),
    String(stats.nlink).padStart(3, " "),
    owner.padEnd(8, " "),
    owner.padEnd(8, " "),
    String(stats.size).padStart(10, " "),
    `${month} ${day} ${time}`,
    name,
  ].join(" ");
  return { filename: name, longname, attrs: attributesOf(stats) };
}

function modeString(stats: Stats): string {
  const type = stats.isDirectory() ? "d" : stats.isSymbolicLink() ? "l" : "-";
  const bits = ["r", "w", "x"];
  let rights = "";
  for (let shift = 8; shift >= 0; shift--) rights += stats.mode & (1 << shift) ? bits[(8 - shift) % 3] : "-";
  return type + rights;
}

/** The SFTP status for a failed file system call. */
export function statusOf(error: unknown): { code: number; message: string } {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT" || code === "ENOTDIR") return { code: STATUS_CODE.NO_SUCH_FILE, message: "No such file" };
  if (code === "EACCES" || code === "EPERM")
    return { code: STATUS_CODE.PERMISSION_DENIED, message: "Permission denied" };
  if (code === "EEXIST") return { code: STATUS_CODE.FAILURE, message: "File already exists" };
  if (code === "EISDIR") return { code: STATUS_CODE.FAILURE, message: "Is a directory" };
  if (code === "ENOTEMPTY") return { code: STATUS_CODE.FAILURE, message: "Directory not empty" };
  return { code: STATUS_CODE.FAILURE, message: "Failure" };
}
