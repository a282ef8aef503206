// The one wording of "this deal has no amount to send", shared by every destination's plan().
import type { DealForPush } from "./types";

/** Null when the deal has an amount and a currency; otherwise the reason, with what to do about it. */
export function missingAmountProblem(deal: DealForPush): string | null {
  if (deal.amountMinor !== null && deal.currency) return null;
  if (deal.missingAmountHint) return `The deal has no amount (${deal.missingAmountHint})`;
  return "The deal has no amount or currency";
}
