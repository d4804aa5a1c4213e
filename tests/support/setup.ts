// Runs before every test file: harmless app configuration, and no network beyond this machine.
import net from "node:net";

const defaults: Record<string, string> = {
  NODE_ENV: "test",
  SHOPIFY_API_KEY: "test-api-key",
  SHOPIFY_API_SECRET: "test-api-secret",
  SHOPIFY_APP_URL: "http://127.0.0.1:3999",
  APP_ENCRYPTION_KEY: "dGVzdC1rZXktZm9yLXBhc3NlcmVsbGUtdGVzdHMtMzI=",
  LOG_LEVEL: "silent",
  // The emulators listen on this machine over plain http.
  ALLOW_LOCAL_CONNECTORS: "on",
};
for (const [key, value] of Object.entries(defaults)) process.env[key] ??= value;

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|::1|\[::1\]|::ffff:127\.\d+\.\d+\.\d+)$/i;
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
  const first = args[0];
  const host =
    typeof first === "object" && first !== null && !Array.isArray(first)
      ? ((first as net.TcpNetConnectOpts).host ?? "localhost")
      : typeof args[1] === "string"
        ? args[1]
        : "localhost";
  const isPipe = typeof first === "object" && first !== null && "path" in first;
  if (!isPipe && !LOOPBACK.test(String(host))) {
    throw new Error(`tests may only reach this machine; refused a connection to ${host}`);
  }
  return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;
