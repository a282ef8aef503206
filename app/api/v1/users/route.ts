// GET /api/v1/users — every user with role and status (admin); never a password hash
import { apiRoute } from "@/app/_lib/api-route";
import { listUsers } from "@/lib/users/list-users";

export const GET = apiRoute("admin", async () => ({ users: await listUsers() }));
