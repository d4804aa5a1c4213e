// Imported first by a test that reads the app's own log lines: the app's logger must write at debug
// level in that file (tests run silent otherwise). env() is parsed on first use, after this runs.
export const previousLogLevel = process.env.LOG_LEVEL;
process.env.LOG_LEVEL = "debug";

export function restoreLogLevel(): void {
  if (previousLogLevel === undefined) delete process.env.LOG_LEVEL;
  else process.env.LOG_LEVEL = previousLogLevel;
}
