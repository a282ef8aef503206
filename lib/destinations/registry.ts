// Every destination, one line each. Adding one: a folder beside this file and a line here
// (docs/adding-a-destination.md); forms, pages, the API and the CLI read this list.
import { AppError } from "@/lib/errors";
import { chartmogulDestination } from "./chartmogul";
import { dreamdataDestination } from "./dreamdata";
import { jointflowsDestination } from "./jointflows";
import { pipelinerDestination } from "./pipeliner";
import type { AnyDestination } from "./types";

export const DESTINATION_MODULES = {
  chartmogul: chartmogulDestination,
  pipeliner: pipelinerDestination,
  jointflows: jointflowsDestination,
  dreamdata: dreamdataDestination,
} as const satisfies Record<string, AnyDestination>;

type DestinationKind = keyof typeof DESTINATION_MODULES;
export const DESTINATION_KINDS = Object.keys(DESTINATION_MODULES) as DestinationKind[];

export function destinationModule(kind: string): AnyDestination {
  const found = (DESTINATION_MODULES as Record<string, AnyDestination>)[kind];
  if (!found) throw new AppError("bad_request", `Unknown destination kind "${kind}" (one of ${DESTINATION_KINDS.join(", ")})`);
  return found;
}
