// CLI: starts the SMTP emulator and prints how to send to it and where to read what it received.
//   tsx emulators/smtp/main.ts [--port 2525] [--control-port 4350] [--tls none|starttls|implicit]
//                             [--user U --password P] [--no-auth]
import { parseArgs } from "node:util";
import { DEMO_SMTP_USER, startSmtpEmulator, type SmtpTlsMode } from "./index";

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    "control-port": { type: "string" },
    host: { type: "string" },
    tls: { type: "string" },
    user: { type: "string" },
    password: { type: "string" },
    "no-auth": { type: "boolean" },
  },
});

const tls = (values.tls ?? "starttls") as SmtpTlsMode;
if (!["none", "starttls", "implicit"].includes(tls)) throw new Error("--tls must be none, starttls or implicit");
const emulator = await startSmtpEmulator({
  port: Number(values.port ?? process.env.SMTP_PORT ?? 2525),
  controlPort: Number(values["control-port"] ?? process.env.PORT ?? 4350),
  host: values.host ?? "127.0.0.1",
  tls,
  users: values["no-auth"]
    ? []
    : [
        {
          username: values.user ?? DEMO_SMTP_USER.username,
          password: values.password ?? DEMO_SMTP_USER.password,
        },
      ],
});

const [user] = emulator.users;
console.log(`SMTP emulator listening on ${emulator.host}:${emulator.port} (TLS: ${emulator.tls})`);
console.log(`  login:        ${user ? `${user.username} / ${user.password}` : "none (AUTH off)"}`);
console.log(`  messages:     ${emulator.url}/_emulator/messages`);
console.log(`  certificate:  ${emulator.url}/_emulator/certificate`);

const stop = async () => {
  await emulator.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
