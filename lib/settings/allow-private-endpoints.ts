// The admin switch that lets production talk to http and private-network endpoints
// (an on-premises S3, a CRM behind a VPN). Off by default; see lib/net/endpoint-url.ts.
import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getDb } from "@/lib/db/client";
import { readEnv, type Env } from "@/lib/env";
import type { EndpointPolicy } from "@/lib/net/endpoint-url";

export const ALLOW_PRIVATE_ENDPOINTS_KEY = "allowPrivateEndpoints";

export async function getAllowPrivateEndpoints(): Promise<boolean> {
  const row = await getDb().setting.findUnique({ where: { key: ALLOW_PRIVATE_ENDPOINTS_KEY }, select: { value: true } });
  return row?.value === true;
}

export const setAllowPrivateEndpointsSchema = z.object({ allow: z.boolean() });

export async function setAllowPrivateEndpoints(input: z.input<typeof setAllowPrivateEndpointsSchema>, actor: Actor | null) {
  const { allow } = setAllowPrivateEndpointsSchema.parse(input);
  await getDb().$transaction(async (tx) => {
    await tx.setting.upsert({
      where: { key: ALLOW_PRIVATE_ENDPOINTS_KEY },
      create: { key: ALLOW_PRIVATE_ENDPOINTS_KEY, value: allow, updatedBy: actor?.id ?? null },
      update: { value: allow, updatedBy: actor?.id ?? null },
    });
    await recordAuditEvent(
      {
        actor,
        action: "settings.allow_private_endpoints",
        target: { type: "setting", id: ALLOW_PRIVATE_ENDPOINTS_KEY },
        summary: `${allow ? "Allowed" : "Disallowed"} http and private-network endpoints`,
        details: { after: allow },
      },
      tx,
    );
  });
  return { allow };
}

/** The policy in force now: production means NODE_ENV=production outside the demo. */
export async function loadEndpointPolicy(env: Env = readEnv()): Promise<EndpointPolicy> {
  const production = env.NODE_ENV === "production" && env.DEALPORT_DEMO !== "1";
  return { production, allowPrivate: production ? await getAllowPrivateEndpoints() : true };
}
