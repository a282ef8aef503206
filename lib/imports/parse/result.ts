// The result of normalising one value: the value, or a problem code and a human reason.
// Normalisers never throw on bad input: a bad cell is data, not an exception.
import type { ProblemCode } from "./problems";

export type Normalised<T> = { ok: true; value: T } | { ok: false; code: ProblemCode; message: string };

export function ok<T>(value: T): Normalised<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ProblemCode, message: string): Normalised<T> {
  return { ok: false, code, message };
}
