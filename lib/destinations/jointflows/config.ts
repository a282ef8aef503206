// What an admin configures for a Jointflows drop (the S3 key pair is the credential).
import { z } from "zod";
import { optionalText } from "../mapping-lines";
import { s3DropConfigFields } from "../s3-drop-config";

export const jointflowsConfigSchema = z.object({
  /** The files are deals.csv, accounts.csv, contacts.csv under the prefix. */
  ...s3DropConfigFields,
  /** Jointflows takes values in the platform's currency (seed FAQ); default: Dealport's base currency. */
  platformCurrency: optionalText(3).pipe(z.string().regex(/^[A-Z]{3}$/, "an ISO code such as USD").optional()),
  /** The project type (playbook) when the push dialog names none. */
  defaultProjectType: optionalText(),
});

export type JointflowsConfig = z.output<typeof jointflowsConfigSchema>;

/** File names of the drop: the format fixes these (docs/contracts/jointflows-flat-files.md). */
export const DROP_FILES = { deals: "deals.csv", accounts: "accounts.csv", contacts: "contacts.csv" } as const;
