/** A calendar day written YYYY-MM-DD (years 1900–2199), validated; else null. */
export function parseIsoDay(text: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(text ?? "").trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2199) return null;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return m[0];
}

/** A YYYY-MM-DD day as the Date Prisma writes to a @db.Date column. */
export const dayToDate = (day: string) => new Date(`${day}T00:00:00.000Z`);
