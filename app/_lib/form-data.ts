// The one way an action reads a form: readForm gives the nested object that goes, as it
// is, to the lib function, whose zod schema validates it (lib functions fed from outside
// take `unknown`, so no cast and no second parse). Files and Next's internal $ACTION
// fields are left out; empty strings stay (schemas decide).
import { AppError } from "@/lib/errors";
import { nestFields } from "@/lib/input/nest-fields";

export function readForm(form: FormData): Record<string, unknown> {
  // An action can be called with any serialisable argument; an array has entries() too.
  if (!(form instanceof FormData)) throw new AppError("bad_request", "Expected a form");
  return nestFields([...form.entries()].filter(([name, value]) => typeof value === "string" && !name.startsWith("$ACTION")));
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
