/**
 * Input as a client could post it but the type forbids (an unknown kind, a role that does not
 * exist, a blank number): the lib function's zod schema is what must refuse or coerce it.
 * Named so a test says why it steps around the type, instead of a blanket cast.
 */
export function clientInput<T>(value: unknown): T {
  return value as T;
}
