// Each credential kind's form fields are its secret schema's keys, required exactly when the
// schema needs them, so the form, saving and redaction read one description of the secret.
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { CREDENTIAL_KINDS, credentialKindChoices, credentialKindEntry, secretValues } from "./kinds";

describe.each(CREDENTIAL_KINDS)("the %s credential kind", (kind) => {
  const entry = credentialKindEntry(kind);
  const shape = (entry.secretSchema as unknown as z.ZodObject).shape;

  it("has one form field for every key of its secret, and no other", () => {
    const names = entry.fields.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(Object.keys(shape).sort());
  });

  it("marks a field required exactly when the schema has no value without it", () => {
    for (const field of entry.fields) expect({ field: field.name, required: field.required }).toEqual({ field: field.name, required: !shape[field.name].safeParse(undefined).success });
  });

  it("shows the last 4 of a secret field, and takes its endpoint from a setting if at all", () => {
    expect(entry.fields.find((f) => f.name === entry.mainField)?.kind).toBe("secret");
    if ("secretField" in entry.endpoint) expect(entry.fields.find((f) => f.name === (entry.endpoint as { secretField: string }).secretField)?.kind).toBe("setting");
  });
});

describe("credential kinds", () => {
  it("redact every value of a secret except its settings", () => {
    expect(secretValues("pipeliner", { username: "user-1", password: "pass-1", serviceUrl: "https://pl.example", spaceId: "space-1" })).toEqual(["user-1", "pass-1", "space-1"]);
    expect(secretValues("s3", { accessKeyId: "AKIA1", secretAccessKey: "secret-1" })).toEqual(["AKIA1", "secret-1"]);
  });

  it("offer the form each kind's endpoint and connection test in plain data", () => {
    const choices = Object.fromEntries(credentialKindChoices().map((c) => [c.kind, c]));
    expect(Object.keys(choices)).toEqual(CREDENTIAL_KINDS);
    expect(choices.s3).toMatchObject({ endpointPlaceholder: "AWS S3 (from the region)", unsetEndpoint: "AWS S3 (from the region)", bucketTest: { defaultRegion: "us-east-1" } });
    expect(choices.gcs_hmac).toMatchObject({ endpointPlaceholder: "https://storage.googleapis.com", bucketTest: { defaultRegion: "auto" } });
    expect(choices.pipeliner).toMatchObject({ endpointPlaceholder: null, unsetEndpoint: "its service URL", bucketTest: null });
  });
});
