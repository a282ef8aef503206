// The parsing options a source can set (Settings → Sources, CLI, API), as one zod schema so
// every entry point validates them the same way before they reach the parsers.
import { z } from "zod";
import { DREAMDATA_DUMP_MODES } from "../plan-source-files";
import { CSV_DELIMITERS } from "./csv-reader";
import { isSupportedEncoding } from "./decode";

export const parseOptionsSchema = z.object({
  /** "auto" (default) or an iconv-lite label such as "windows-1252". */
  encoding: z
    .string()
    .trim()
    .refine(isSupportedEncoding, { message: "is not a character encoding we can read" })
    .optional(),
  delimiter: z.enum(CSV_DELIMITERS).optional(),
  dateOrder: z.enum(["day-first", "month-first"]).optional(),
  decimalSeparator: z.enum([".", ","]).optional(),
  /** ISO 4217 code; must also be known to lib/currency (checked when parsing starts). */
  defaultCurrency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, { message: "must be a three-letter ISO 4217 code" })
    .optional(),
  /** Dreamdata prefixes holding several dated dumps: "newest" (default) is the full snapshot, or "all" together are. */
  dreamdataDumps: z.enum(DREAMDATA_DUMP_MODES, { error: "Dumps must be newest or all" }).optional(),
  keepExtraColumns: z.boolean().optional(),
  trackDuplicates: z.boolean().optional(),
});

export type ParseOptions = z.output<typeof parseOptionsSchema>;
