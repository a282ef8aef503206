// One way to show a timestamp: ISO date and time in UTC, the same for every user and in every
// export, so what a page shows can be compared with the audit log and the CSVs.
export type UtcPrecision = "day" | "minute" | "second";

const LENGTH: Record<Exclude<UtcPrecision, "day">, number> = { minute: 16, second: 19 };

/** `2026-12-01` (day), `2026-12-01 14:05 UTC` (minute) or `2026-12-01 14:05:09 UTC` (second). */
export function formatUtc(date: Date, precision: UtcPrecision = "minute"): string {
  const iso = date.toISOString();
  if (precision === "day") return iso.slice(0, 10);
  return `${iso.slice(0, LENGTH[precision]).replace("T", " ")} UTC`;
}
