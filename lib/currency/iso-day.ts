// Calendar days. The calendar rule (which days exist) lives here and is shared with the import
// date normaliser (lib/imports/parse/dates.ts), which reads many more written forms.

/** Whether year-month-day is a day of the (proleptic Gregorian) calendar; no range on the year. */
export function isCalendarDay(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** A calendar day written YYYY-MM-DD (years 1900–2199), validated; else null. */
export function parseIsoDay(text: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(text ?? "").trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2199) return null;
  return isCalendarDay(y, mo, d) ? m[0] : null;
}

/** A YYYY-MM-DD day as the Date Prisma writes to a @db.Date column. */
export const dayToDate = (day: string) => new Date(`${day}T00:00:00.000Z`);
