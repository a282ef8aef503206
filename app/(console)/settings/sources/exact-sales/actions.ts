"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/app/_lib/action";
import { formToObject } from "@/app/_lib/form-data";
import { testCredentialConnection } from "@/lib/credentials/test-connection";
import { pullExactSales } from "@/lib/sources/exact-sales/pull-exact-sales";
import { saveExactSalesSource } from "@/lib/sources/exact-sales/save-exact-sales-source";
import type { SaveExactSalesSourceInput } from "@/lib/sources/exact-sales/schemas";
import { sourceIdSchema } from "@/lib/sources/schemas";

const PATH = "/settings/sources/exact-sales";

export const saveExactSalesSourceAction = authorizedAction("admin", async (actor, _prev: unknown, form: FormData) => {
  const { source, created } = await saveExactSalesSource(formToObject(form) as SaveExactSalesSourceInput, actor);
  revalidatePath(PATH);
  revalidatePath("/imports");
  return { message: `${created ? "Added" : "Saved"} Exact Sales source "${source.name}"` };
});

/** "Test connection": one authenticated request with the source's token to its credential's endpoint. */
export const testExactSalesSourceAction = authorizedAction("admin", async (actor, _prev: unknown, form: FormData) => {
  const { credentialId } = formToObject(form) as { credentialId?: string };
  const result = await testCredentialConnection({ credentialId: credentialId ?? "" }, actor);
  return { message: `${result.message} (${result.endpoint}, ${result.durationMs} ms)`, ok: result.ok };
});

export const pullExactSalesAction = authorizedAction("operator", async (actor, _prev: unknown, form: FormData) => {
  const started = await pullExactSales({ source: sourceIdSchema.parse(form.get("sourceId")), trigger: "manual", actor });
  // Runs on in this server process; the Imports page follows it.
  void started.done;
  revalidatePath("/imports");
  return { message: `Started a pull of "${started.sourceName}"`, runId: started.runId };
});
