// Named predicates: handlers ask "can this user …", never compare role strings.
import { hasRole, type Role } from "./roles";

export type Actor = { id: string; email: string; role: Role };

export const canImport = (actor: Actor) => hasRole(actor.role, "operator");
export const canPush = (actor: Actor) => hasRole(actor.role, "operator");
/** Confirm or remove which destination record an account is (the Matching view). */
export const canLinkAccounts = (actor: Actor) => hasRole(actor.role, "operator");
/** Confirm or dismiss that deals or accounts from two sources are the same record. */
export const canLinkSources = (actor: Actor) => hasRole(actor.role, "operator");
export const canAdminister = (actor: Actor) => hasRole(actor.role, "admin");

/** The permission tiers routes declare; enforced by app/_lib/guard.ts. */
export type Tier = "signedIn" | "operator" | "admin";
export const TIER_ROLE: Record<Tier, Role> = { signedIn: "viewer", operator: "operator", admin: "admin" };
