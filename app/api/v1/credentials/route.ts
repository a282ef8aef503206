// GET /api/v1/credentials — stored credentials (admin): kind, name, last 4, who and when; never a secret
import { apiRoute } from "@/app/_lib/api-route";
import { listCredentials } from "@/lib/credentials/list-credentials";

export const GET = apiRoute("admin", async () => ({ credentials: await listCredentials() }));
