// Exact Sales timestamps. The API writes UTC with 7 fractional digits
// (2026-08-17T18:34:22.8874557Z), but records planted by integrations and older
// exports carry other forms; every form that names one instant is accepted.
import { isValidDate } from "@/lib/imports/parse/dates";

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?)?$/i;
// Brazilian day-first form, as the Exact Sales screens show dates.
const DAY_FIRST = /^(\d{2})\/(\d{2})\/(\d{4})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * The instant a timestamp names, or null when it names none. Without a zone it is
 * UTC: the API's registerDate and updateDate are UTC values.
 */
export function parseExactTimestamp(text: string): Date | null {
  const trimmed = text.trim();
  let m = ISO.exec(trimmed);
  if (m) return instant(+m[1], +m[2], +m[3], m[4], m[5], m[6], m[7], m[8]);
  m = DAY_FIRST.exec(trimmed);
  if (m) return instant(+m[3], +m[2], +m[1], m[4], m[5], m[6], undefined, undefined);
  return null;
}

function instant(
  year: number,
  month: number,
  day: number,
  hour = "0",
  minute = "0",
  second = "0",
  fraction: string | undefined,
  zone: string | undefined,
): Date | null {
  if (!isValidDate(year, month, day) || +hour > 23 || +minute > 59 || +second > 59) return null;
  const ms = fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0;
  let utc = Date.UTC(year, month - 1, day, +hour, +minute, +second, ms);
  if (zone && !/^(z|utc)$/i.test(zone)) {
    const [, sign, hours, minutes] = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
    utc -= (sign === "-" ? -1 : 1) * (+hours * 60 + +minutes) * 60_000;
  }
  // Date.UTC maps years 0–99 to 1900–1999; isValidDate already refused them.
  return new Date(utc);
}

/** The API's own form, for $filter literals: 2024-05-01T00:00:00.0000000Z. */
export function formatExactTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 23)}0000Z`;
}
