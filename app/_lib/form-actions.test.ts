// Prototype pollution through form field names, on the real server-action path:
// authorizedAction → the action → readForm. Every action that turns a form into an
// object is called with hostile names; each must answer with a field error and leave
// Object.prototype untouched (before the fix, "__proto__.polluted" landed on it).
import { afterEach, describe, expect, it, vi } from "vitest";
import { readForm } from "./form-data";

vi.mock("@/app/_lib/guard", () => ({ requireActor: async () => ({ id: "admin-1", email: "admin@example.com", role: "admin" }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { startImportAction } = await import("@/app/(console)/imports/actions");
const { saveCredentialAction, testConnectionAction } = await import("@/app/(console)/settings/credentials/actions");
const { addUserAction, changeUserRoleAction } = await import("@/app/(console)/settings/users/actions");
const { saveSourceAction, saveSourceReviewAction } = await import("@/app/(console)/settings/sources/actions");
const { saveDestinationAction } = await import("@/app/(console)/settings/destinations/actions");
const { confirmMatchAction, unlinkMatchAction } = await import("@/app/(console)/matching/actions");

type FormAction = (prev: unknown, form: FormData) => Promise<{ ok: boolean; fieldErrors?: Record<string, string> }>;
const ACTIONS: Record<string, FormAction> = {
  startImportAction,
  saveCredentialAction,
  testConnectionAction,
  addUserAction,
  changeUserRoleAction,
  saveSourceAction,
  saveSourceReviewAction,
  saveDestinationAction,
  confirmMatchAction,
  unlinkMatchAction,
};

const HOSTILE_NAMES = ["__proto__.polluted", "constructor.prototype.polluted", "secret.__proto__.polluted", "options.constructor.polluted"];
const shared = () => ({}) as Record<string, unknown>;

afterEach(() => {
  // If a run ever pollutes, clean up so one failure does not cascade into every other test.
  delete (Object.prototype as Record<string, unknown>).polluted;
});

describe("server actions refuse reserved form field names", () => {
  for (const [name, action] of Object.entries(ACTIONS)) {
    it.each(HOSTILE_NAMES)(`${name} with a field named %s`, async (field) => {
      const form = new FormData();
      form.append("sourceId", "src-1");
      form.append("name", "x");
      form.append(field, "1");
      const result = await action(undefined, form);
      expect(shared().polluted).toBeUndefined();
      expect(result).toMatchObject({ ok: false, fieldErrors: { [field]: expect.stringContaining("reserved name") } });
    });
  }
});

describe("readForm", () => {
  const form = (...pairs: [string, string][]) => {
    const f = new FormData();
    for (const [k, v] of pairs) f.append(k, v);
    return f;
  };

  it("nests dotted names into objects without a prototype", () => {
    const out = readForm(form(["name", "S3"], ["secret.apiKey", "k"], ["$ACTION_ID_1", "x"]));
    expect(JSON.parse(JSON.stringify(out))).toEqual({ name: "S3", secret: { apiKey: "k" } });
    expect(Object.getPrototypeOf(out)).toBeNull();
    expect(Object.getPrototypeOf(out.secret)).toBeNull();
  });

  it("never walks onto an inherited member such as toString", () => {
    expect(() => readForm(form(["toString.polluted", "1"]))).not.toThrow();
    expect((Object.prototype.toString as unknown as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("refuses a name that conflicts with another field's shape instead of failing with a 500", () => {
    expect(() => readForm(form(["a", "1"], ["a.b", "2"]))).toThrow(expect.objectContaining({ status: 400, details: { "a.b": expect.any(String) } }));
    expect(() => readForm(form(["a.b", "1"], ["a", "2"]))).toThrow(expect.objectContaining({ status: 400 }));
  });
});
