// Times a merchant types in the shop's time zone ("2026-03-29T02:30") as instants, and back. A wall time
// the clock skips (spring forward) is taken as the same time after the change (02:30 → 03:30); one that
// happens twice (fall back) as its first occurrence.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone's offset from UTC at an instant, in ms (Paris in summer: +2 h). */
function offsetAt(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  const wall = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  return wall - Math.floor(instant / 1000) * 1000;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

/** `true` when the text is a wall time without a zone ("2026-03-29T02:30"). */
export const isLocalDateTime = (text: string) => LOCAL.test(text);

/** The instant of a wall time in `timeZone`, or null when the text is not one. */
export function localToInstant(text: string, timeZone: string): Date | null {
  const m = LOCAL.exec(text);
  if (!m) return null;
  const wall = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0));
  if (Number.isNaN(wall) || +m[2]! > 12 || +m[3]! > 31 || +m[4]! > 23 || +m[5]! > 59) return null;
  // The offsets a few hours either side: before and after a change, they differ.
  const before = offsetAt(wall - 12 * 3600_000, timeZone);
  const after = offsetAt(wall + 12 * 3600_000, timeZone);
  const first = wall - before; // the wall time read with the earlier offset
  if (offsetAt(first, timeZone) === before) return new Date(first); // exists (the first of two, in autumn)
  const second = wall - after;
  if (offsetAt(second, timeZone) === after) return new Date(second);
  return new Date(first); // skipped by the clock: the same time on the new offset, an hour later
}

/** An instant as the shop's wall time, "2026-03-29T03:30" (for forms). */
export function instantToLocal(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}
