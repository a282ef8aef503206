// FormData → plain object for zod: dotted names ("secret.apiKey") nest, so the same
// schema paths come back as field errors keyed by the input's name. Files and
// Next's internal $ACTION fields are left out; empty strings stay (schemas decide).
import { AppError } from "@/lib/errors";
import { isReservedKey, RESERVED_KEY_MESSAGE } from "@/lib/input/unsafe-input";

type Node = Record<string, unknown>;

export function formToObject(form: FormData): Node {
  // Objects without a prototype: no name, reserved or not ("toString.x"), can reach a shared one.
  const out: Node = Object.create(null);
  const refuse = (name: string, message: string) => new AppError("bad_request", `The form is refused: ${name} ${message}`, { [name]: message });
  for (const [name, value] of form.entries()) {
    if (typeof value !== "string" || name.startsWith("$ACTION")) continue;
    const path = name.split(".");
    if (path.some(isReservedKey)) throw refuse(name, RESERVED_KEY_MESSAGE);
    let node = out;
    for (const key of path.slice(0, -1)) {
      const child = (node[key] ??= Object.create(null));
      if (typeof child !== "object") throw refuse(name, `conflicts with the field ${key}`);
      node = child as Node;
    }
    const leaf = path[path.length - 1];
    if (typeof node[leaf] === "object") throw refuse(name, "conflicts with a nested field of the same name");
    node[leaf] = value;
  }
  return out;
}

/** One text field (an id, a name) as the lib function's zod schema will see it: missing is "". */
export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

/** A checkbox: present (any value) means on. */
export function formCheckbox(form: FormData, name: string): boolean {
  return form.get(name) !== null;
}
