// CLI: starts the SFTP emulator on a folder and prints how to connect and the host key to pin.
//   tsx emulators/sftp/main.ts [--port 2222] [--control-port 4340] [--root DIR] [--user U --password P]
//                             [--public-key FILE] [--host-key FILE]
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { DEMO_USER, startSftpEmulator } from "./index";

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    "control-port": { type: "string" },
    host: { type: "string" },
    root: { type: "string" },
    user: { type: "string" },
    password: { type: "string" },
    "public-key": { type: "string" },
    "host-key": { type: "string" },
  },
});

const publicKey = values["public-key"] ? readFileSync(values["public-key"], "utf8").trim() : undefined;
const emulator = await startSftpEmulator({
  port: Number(values.port ?? process.env.SFTP_PORT ?? 2222),
  controlPort: Number(values["control-port"] ?? process.env.PORT ?? 4340),
  host: values.host ?? "127.0.0.1",
  root: values.root,
  users: [
    {
      username: values.user ?? DEMO_USER.username,
      password: values.password ?? (publicKey ? undefined : DEMO_USER.password),
      publicKeys: publicKey ? [publicKey] : undefined,
    },
  ],
  hostKey: values["host-key"] ? readFileSync(values["host-key"], "utf8") : undefined,
});

const [user] = emulator.users;
console.log(`SFTP emulator listening on ${emulator.host}:${emulator.port}, serving ${emulator.root}`);
console.log(`  login:        ${user.username}${user.password ? ` / ${user.password}` : " (public key)"}`);
console.log(`  host key:     ${emulator.hostKey.publicKey}`);
console.log(`  fingerprint:  ${emulator.hostKey.fingerprint}`);
console.log(`  control API:  ${emulator.url}/_emulator/state`);

const stop = async () => {
  await emulator.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
