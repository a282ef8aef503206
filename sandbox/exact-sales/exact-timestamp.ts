/**
 * The API's timestamp form: UTC with 7 fractional digits (100 ns ticks, as
 * .NET writes them). Below the millisecond the digits come from `subMillisecondTicks`.
 */
export function exactTimestamp(date: Date, subMillisecondTicks = Number(process.hrtime.bigint() % 10_000n)): string {
  return `${date.toISOString().slice(0, 23)}${String(subMillisecondTicks).padStart(4, "0")}Z`;
}
