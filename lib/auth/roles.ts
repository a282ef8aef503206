import { z } from "zod";

export const ROLES = ["viewer", "operator", "admin"] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES, { message: "role must be one of admin, operator, viewer" });

/** viewer < operator < admin: each tier can do everything the one below can. */
export function hasRole(actual: Role, needed: Role) {
  return ROLES.indexOf(actual) >= ROLES.indexOf(needed);
}
