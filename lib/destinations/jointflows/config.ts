// What an admin configures for a Jointflows drop (the S3 key pair is the credential).
import { z } from "zod";
import { optionalText } from "../mapping-lines";

export const jointflowsConfigSchema = z.object({
  /** Empty: AWS S3 for the region. Any S3-compatible endpoint otherwise (path-style addressing). */
  endpoint: optionalText(2048).pipe(z.url({ protocol: /^https?$/ }).optional()),
  region: z.preprocess((v) => (v === "" ? undefined : v), z.string().regex(/^[a-z0-9-]+$/, "region looks like us-east-1").default("us-east-1")),
  bucket: z.string().trim().min(3, "bucket is required").max(63),
  /** Folder inside the bucket, e.g. "dealport/" (the files are deals.csv, accounts.csv, contacts.csv under it). */
  prefix: z.preprocess((v) => (typeof v === "string" ? v.trim().replace(/^\/+/, "") : v), z.string().max(500).default("")),
  /** Jointflows takes values in the platform's currency (seed FAQ); default: Dealport's base currency. */
  platformCurrency: optionalText(3).pipe(z.string().regex(/^[A-Z]{3}$/, "an ISO code such as USD").optional()),
  /** The project type (playbook) when the push dialog names none. */
  defaultProjectType: optionalText(),
});

export type JointflowsConfig = z.output<typeof jointflowsConfigSchema>;

/** Keys of the drop: the seed fixes these names. */
export function dropKeys(config: Pick<JointflowsConfig, "prefix">) {
  const folder = config.prefix && !config.prefix.endsWith("/") ? `${config.prefix}/` : config.prefix;
  return { folder, deals: `${folder}deals.csv`, accounts: `${folder}accounts.csv`, contacts: `${folder}contacts.csv` };
}
