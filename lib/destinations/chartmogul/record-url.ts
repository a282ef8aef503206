// Where a pushed opportunity can be seen in ChartMogul's web app. ChartMogul's customer
// records carry this address (`chartmogul_url`); an opportunity is shown on its customer's
// page, and the customer is the one the payload named.
import { z } from "zod";

const CUSTOMER_PAGE_TEMPLATE = "https://app.chartmogul.com/#/customers/{customer_uuid}";

const sentPayload = z.object({ body: z.object({ customer_uuid: z.string().regex(/^[\w-]+$/) }) });

export function chartmogulRecordUrl({ payload }: { externalId: string; payload: unknown }): string | null {
  const parsed = sentPayload.safeParse(payload);
  return parsed.success ? CUSTOMER_PAGE_TEMPLATE.replace("{customer_uuid}", parsed.data.body.customer_uuid) : null;
}
