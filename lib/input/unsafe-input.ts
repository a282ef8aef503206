// Checks every value that arrives from outside (JSON bodies, server-action arguments,
// form fields, file records) for shapes no field of ours ever needs and that hurt when
// they get through: names that reach an object's prototype ("__proto__" sets it,
// "constructor" and "prototype" lead to it), NUL characters (PostgreSQL text cannot
// store them), deep nesting (recursive code further on would overflow the stack) and
// strings longer than any field of ours.
import { AppError } from "@/lib/errors";

export const RESERVED_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);
export const RESERVED_KEY_MESSAGE = "is a reserved name (__proto__, constructor and prototype are not allowed)";
export const NUL_MESSAGE = "contains a NUL character";
/** Deeper than any of our schemas goes (selection filters are the deepest, at 4). */
export const MAX_INPUT_DEPTH = 32;
/** Longer than any text field of ours (the longest, an encoded deal selection, stops at 200,000). */
export const MAX_INPUT_STRING = 256 * 1024;
const TOO_LONG_MESSAGE = `is longer than ${MAX_INPUT_STRING} characters`;

export function isReservedKey(key: string): boolean {
  return RESERVED_KEYS.has(key);
}

export type UnsafeInput = { path: string; message: string; reason: "reserved_name" | "nul_character" | "too_deep" | "too_long" };

/**
 * The first unsafe spot in a JSON-like value (depth first), or null. Iterative, so a
 * deeply nested value cannot overflow the stack while being checked.
 */
export function findUnsafeInput(value: unknown, maxDepth = MAX_INPUT_DEPTH): UnsafeInput | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: "", depth: 0 }];
  while (stack.length) {
    const { value: node, path, depth } = stack.pop()!;
    if (typeof node === "string") {
      if (node.includes("\0")) return { path: path || "_", message: NUL_MESSAGE, reason: "nul_character" };
      if (node.length > MAX_INPUT_STRING) return { path: path || "_", message: TOO_LONG_MESSAGE, reason: "too_long" };
      continue;
    }
    if (typeof node !== "object" || node === null) continue;
    if (depth >= maxDepth) return { path: path || "_", message: `nests deeper than ${maxDepth} levels`, reason: "too_deep" };
    for (const key of Object.keys(node)) {
      const at = path ? `${path}.${key}` : key;
      if (isReservedKey(key)) return { path: at, message: RESERVED_KEY_MESSAGE, reason: "reserved_name" };
      if (key.includes("\0")) return { path: at.replaceAll("\0", "\\0"), message: `name ${NUL_MESSAGE}`, reason: "nul_character" };
      stack.push({ value: (node as Record<string, unknown>)[key], path: at, depth: depth + 1 });
    }
  }
  return null;
}

/** A 400 naming the field, with the field error forms show beside it. */
function refused(unsafe: UnsafeInput, what: string) {
  return new AppError("bad_request", `${what} is refused: ${unsafe.path} ${unsafe.message}`, { [unsafe.path]: unsafe.message });
}

/** Throws a 400 naming the field when `value` has an unsafe spot. */
export function assertSafeInput(value: unknown, what = "The input"): void {
  const unsafe = findUnsafeInput(value);
  if (unsafe) throw refused(unsafe, what);
}

/** The first unsafe field of a submitted form: a reserved segment in a dotted name, or a NUL. */
export function findUnsafeFormField(form: FormData): UnsafeInput | null {
  for (const [name, value] of form.entries()) {
    if (name.split(".").some(isReservedKey)) return { path: name, message: RESERVED_KEY_MESSAGE, reason: "reserved_name" };
    if (name.includes("\0")) return { path: name.replaceAll("\0", "\\0"), message: `name ${NUL_MESSAGE}`, reason: "nul_character" };
    if (typeof value === "string" && value.includes("\0")) return { path: name, message: NUL_MESSAGE, reason: "nul_character" };
    if (typeof value === "string" && value.length > MAX_INPUT_STRING) return { path: name, message: TOO_LONG_MESSAGE, reason: "too_long" };
  }
  return null;
}

/** Server-action arguments (forms or plain values): throws a 400 naming the first unsafe field. */
export function assertSafeActionArgs(args: readonly unknown[]): void {
  for (const arg of args) {
    const unsafe = arg instanceof FormData ? findUnsafeFormField(arg) : findUnsafeInput(arg);
    if (unsafe) throw refused(unsafe, "The input");
  }
}

/** `map[key]` when the map itself holds the key: never an inherited member ("constructor", "toString"). */
export function ownValue<T>(map: Readonly<Record<string, T>>, key: string | null | undefined): T | undefined {
  return key != null && Object.hasOwn(map, key) ? map[key] : undefined;
}
