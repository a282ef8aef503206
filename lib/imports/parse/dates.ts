// Date normalisation to 'YYYY-MM-DD'. yyyy-mm-dd is preferred; other forms are accepted only
// when they name one calendar day. 03/04/2027 names two, so it needs the source's date order.
import { isCalendarDay } from "@/lib/currency/iso-day";
import { fail, ok, type Normalised } from "./result";

/** How a source writes n/n/yyyy dates; without it such dates are accepted only when unambiguous. */
export type DateOrder = "day-first" | "month-first";

export interface DateOptions {
  dateOrder?: DateOrder;
}

const MONTHS: Record<string, number> = {
  jan: 1, january: 1,
  feb: 2, february: 2,
  mar: 3, march: 3,
  apr: 4, april: 4,
  may: 5,
  jun: 6, june: 6,
  jul: 7, july: 7,
  aug: 8, august: 8,
  sep: 9, sept: 9, september: 9,
  oct: 10, october: 10,
  nov: 11, november: 11,
  dec: 12, december: 12,
};
const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

const WEEKDAY = String.raw`(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?`;
const TIME = String.raw`(?:[T\s]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?(?:\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2}))?)?`;

const ISO_DATE = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/;
const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/i;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const NUMERIC = new RegExp(String.raw`^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})${TIME}$`, "i");
const NUMERIC_SHORT_YEAR = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{2})$/;
const DAY_MONTH_YEAR = new RegExp(String.raw`^${WEEKDAY}(\d{1,2})(?:st|nd|rd|th)?[\s./-]*([a-z]+)\.?[\s.,/-]*(\d{4})${TIME}$`, "i");
const MONTH_DAY_YEAR = new RegExp(String.raw`^${WEEKDAY}([a-z]+)\.?[\s./-]*(\d{1,2})(?:st|nd|rd|th)?,?[\s./-]*(\d{4})${TIME}$`, "i");
const YEAR_MONTH_DAY = /^(\d{4})[\s./-]*([a-z]+)\.?[\s./-]*(\d{1,2})$/i;

/** Normalises a date to 'YYYY-MM-DD', or says why it cannot. Empty input is "missing_value". */
export function normaliseDate(input: string, options: DateOptions = {}): Normalised<string> {
  const trimmed = input.trim();
  if (isIsoDate(trimmed)) {
    // Fast path for the preferred form, which is nearly every row of a big file.
    const year = Number(trimmed.slice(0, 4));
    const month = Number(trimmed.slice(5, 7));
    const day = Number(trimmed.slice(8, 10));
    return isValidDate(year, month, day) ? ok(trimmed) : calendarDate(trimmed, year, month, day);
  }
  const text = trimmed.replace(/\s+/g, " ");
  if (text === "") return fail("missing_value", "is empty");
  let m: RegExpExecArray | null;

  if ((m = ISO_DATE.exec(text))) return calendarDate(text, +m[1], +m[3], +m[4]);
  if ((m = ISO_DATETIME.exec(text))) {
    // The calendar date as written: a close date is a day, not an instant, so no time-zone shift.
    if (+m[4] > 23 || +m[5] > 59 || (m[6] !== undefined && +m[6] > 59)) return invalid(text, "the time is not valid");
    return calendarDate(text, +m[1], +m[2], +m[3]);
  }
  if ((m = COMPACT.exec(text))) return calendarDate(text, +m[1], +m[2], +m[3]);
  if ((m = NUMERIC.exec(text))) return dayMonthOrMonthDay(text, +m[1], +m[3], +m[4], options.dateOrder);
  if (NUMERIC_SHORT_YEAR.test(text)) {
    return fail("ambiguous_date", `${JSON.stringify(text)} has a two-digit year; write the date as yyyy-mm-dd`);
  }
  if ((m = DAY_MONTH_YEAR.exec(text))) {
    const month = MONTHS[m[2].toLowerCase()];
    if (month) return calendarDate(text, +m[3], month, +m[1]);
  }
  if ((m = MONTH_DAY_YEAR.exec(text))) {
    const month = MONTHS[m[1].toLowerCase()];
    if (month) return calendarDate(text, +m[3], month, +m[2]);
  }
  if ((m = YEAR_MONTH_DAY.exec(text))) {
    const month = MONTHS[m[2].toLowerCase()];
    if (month) return calendarDate(text, +m[1], month, +m[3]);
  }
  return invalid(text, "it is not a date format we recognise (write yyyy-mm-dd)");
}

/** Exactly dddd-dd-dd. */
function isIsoDate(text: string): boolean {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  for (const i of [0, 1, 2, 3, 5, 6, 8, 9]) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function dayMonthOrMonthDay(text: string, first: number, second: number, year: number, order?: DateOrder): Normalised<string> {
  if (order === "day-first") return calendarDate(text, year, second, first, " as a day-first date");
  if (order === "month-first") return calendarDate(text, year, first, second, " as a month-first date");
  const asDayFirst = isValidDate(year, second, first);
  const asMonthFirst = isValidDate(year, first, second);
  if (asDayFirst && asMonthFirst && first !== second) {
    return fail(
      "ambiguous_date",
      `${JSON.stringify(text)} could be ${first} ${MONTH_NAMES[second - 1]} ${year} (day first) or ${MONTH_NAMES[first - 1]} ${second}, ${year} (month first); write it as yyyy-mm-dd or set the source's date order`,
    );
  }
  if (asDayFirst) return ok(formatDate(year, second, first));
  if (asMonthFirst) return ok(formatDate(year, first, second));
  return invalid(text, "neither day/month nor month/day makes a real date");
}

function calendarDate(text: string, year: number, month: number, day: number, reading = ""): Normalised<string> {
  if (month < 1 || month > 12) return invalid(text, `month ${month} does not exist${reading}`);
  if (!isValidDate(year, month, day)) {
    return invalid(text, `${MONTH_NAMES[month - 1]} ${year} has no day ${day}${reading}`);
  }
  return ok(formatDate(year, month, day));
}

function invalid(text: string, why: string): Normalised<string> {
  return fail("invalid_date", `${JSON.stringify(text)} is not a valid date: ${why}`);
}

/** A real calendar day (lib/currency/iso-day.ts's rule) in years 1000–9999. */
export function isValidDate(year: number, month: number, day: number): boolean {
  return year >= 1000 && year <= 9999 && isCalendarDay(year, month, day);
}

function formatDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

const UTC_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;

/**
 * Dreamdata timestamps: strictly 'YYYY-MM-DDTHH:MM:SSZ' (UTC, no fraction, no offset), as the
 * seed requires. Returns the same text when valid.
 */
export function normaliseUtcTimestamp(input: string): Normalised<string> {
  const text = input.trim();
  if (text === "") return fail("missing_value", "is empty");
  const m = UTC_TIMESTAMP.exec(text);
  if (!m) {
    return fail(
      "invalid_timestamp",
      `${JSON.stringify(text)} is not a UTC timestamp in the form YYYY-MM-DDTHH:MM:SSZ (e.g. 2022-11-17T13:14:25Z)`,
    );
  }
  if (!isValidDate(+m[1], +m[2], +m[3]) || +m[4] > 23 || +m[5] > 59 || +m[6] > 59) {
    return fail("invalid_timestamp", `${JSON.stringify(text)} is not a real date and time`);
  }
  return ok(text);
}
