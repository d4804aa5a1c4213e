// Shared by the fastmag-*.test.ts contract tests: the emulator on port 0 and a connector pointed at
// it, with a logger that keeps every line so tests can read what the connector logged.
import type { Logger, LogFields } from "~/lib/logger.server";
import { createFastmagConnector, type FastmagConnectorOptions } from "~/connectors/fastmag/index.server";
import type { FastmagQueryOverrides } from "~/connectors/fastmag/queries.server";
import { startFastmagEmulator, type FastmagEmulatorOptions } from "../../emulators/fastmag/index";

export const CREDENTIALS = {
  enseigne: "MAISONTEST",
  magasin: "WEB",
  compte: "passerelle",
  motpasse: "Zx9-tr0ub4dor&3",
};

export function recordingLogger(lines: string[] = [], base: LogFields = {}): Logger & { lines: string[] } {
  const write = (level: string) => (message: string, fields?: LogFields) => {
    lines.push(JSON.stringify({ level, message, ...base, ...fields }));
  };
  return {
    lines,
    debug: write("debug"),
    info: write("info"),
    warn: write("warn"),
    error: write("error"),
    child: (fields) => recordingLogger(lines, { ...base, ...fields }),
  };
}

export async function startFastmag(
  options: Partial<FastmagEmulatorOptions> = {},
  connector: {
    overrides?: FastmagQueryOverrides;
    options?: FastmagConnectorOptions;
    timeoutMs?: number;
    motpasse?: string;
  } = {},
) {
  const emulator = await startFastmagEmulator({ credentials: CREDENTIALS, seed: "demo", ...options });
  const log = recordingLogger();
  const fastmag = createFastmagConnector(
    {
      baseUrl: emulator.url,
      ...CREDENTIALS,
      motpasse: connector.motpasse ?? CREDENTIALS.motpasse,
      timeoutMs: connector.timeoutMs ?? 5_000,
    },
    connector.overrides,
    { logger: log, backoffBaseMs: 5, ...connector.options },
  );
  return { emulator, fastmag, log };
}
