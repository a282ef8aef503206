// DELETE /api/v1/linking/account-rules/{id} — remove a account link rule (links it made stay; later imports make no new ones)
import { apiRoute } from "@/app/_lib/api-route";
import { deleteLinkRule } from "@/lib/linking/delete-link-rule";

export const DELETE = apiRoute<{ id: string }>("admin", async (_req, { params, actor }) => ({ rule: await deleteLinkRule("account", params.id, actor) }));
