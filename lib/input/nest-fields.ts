// Flat field names → the nested object a zod schema reads: dotted names ("secret.apiKey")
// nest, so the schema's paths come back as field errors keyed by the field's own name.
// Shared by posted forms (app/_lib/form-data.ts), CLI flags and stored form values.
import { AppError } from "@/lib/errors";
import { isReservedKey, RESERVED_KEY_MESSAGE } from "./unsafe-input";

type Node = Record<string, unknown>;

export function nestFields(fields: Iterable<readonly [string, unknown]>): Node {
  // Objects without a prototype: no name, reserved or not ("toString.x"), can reach a shared one.
  const out: Node = Object.create(null);
  const refuse = (name: string, message: string) => new AppError("bad_request", `The form is refused: ${name} ${message}`, { [name]: message });
  for (const [name, value] of fields) {
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
