// FormData → plain object for zod: dotted names ("secret.apiKey") nest, so the same
// schema paths come back as field errors keyed by the input's name. Files and
// Next's internal $ACTION fields are left out; empty strings stay (schemas decide).
export function formToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value !== "string" || name.startsWith("$ACTION")) continue;
    const path = name.split(".");
    let node = out;
    for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[path[path.length - 1]] = value;
  }
  return out;
}

/** A checkbox: present (any value) means on. */
export function formCheckbox(form: FormData, name: string): boolean {
  return form.get(name) !== null;
}
