import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { destinationFormValues, destinationKindChoices, destinationSummary, parseDestinationOptions, parseRunOptions } from "./destination-form-values";
import { DESTINATION_KINDS, destinationModule } from "./registry";

describe.each(DESTINATION_KINDS)("the %s form description", (kind) => {
  const adapter = destinationModule(kind);
  const shape = adapter.configSchema.shape;
  const fields = adapter.form.fields;

  it("has one field for every setting of the config schema, and no other", () => {
    const names = fields.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(Object.keys(shape).sort());
  });

  it("marks a field required exactly when the schema has no value without it", () => {
    for (const field of fields) {
      expect({ field: field.name, required: field.required ?? false }).toEqual({ field: field.name, required: !shape[field.name].safeParse(undefined).success });
    }
  });

  it("offers only choices the schema accepts, and an empty optional input means not set", () => {
    for (const field of fields) {
      if (field.kind === "select") {
        expect(field.options?.length, field.name).toBeGreaterThan(0);
        for (const option of field.options ?? []) expect(shape[field.name].safeParse(option.value).success, `${field.name}: ${option.value}`).toBe(true);
      } else if (!field.required) {
        expect(shape[field.name].safeParse("").success, field.name).toBe(true);
      }
    }
  });

  it("shows saved settings as form text that saves back to the same settings", () => {
    const required = Object.fromEntries(fields.filter((f) => f.required).map((f) => [f.name, "dealport-drop"]));
    const saved = parseDestinationOptions(adapter, { ...destinationFormValues(kind, {}), ...required });
    expect(parseDestinationOptions(adapter, destinationFormValues(kind, saved))).toEqual(saved);
    expect(destinationSummary(kind, saved).length).toBeGreaterThan(0);
  });
});

describe("destination forms", () => {
  it("offer every registered kind with its credential kinds", () => {
    const choices = destinationKindChoices();
    expect(choices.map((c) => c.kind)).toEqual(DESTINATION_KINDS);
    expect(choices.find((c) => c.kind === "dreamdata")).toMatchObject({ label: "Dreamdata (stage objects, GCS or S3 full dump)", credentialKinds: ["gcs_hmac", "s3"] });
  });

  it("show a new destination the schema's defaults", () => {
    expect(destinationFormValues("chartmogul", {})).toMatchObject({ matchField: "externalId", opportunityType: "recurring", requestsPerSecond: "38", stages: "" });
    expect(destinationFormValues("pipeliner", {})).toMatchObject({ matchField: "none" });
    expect(destinationFormValues("dreamdata", {})).toMatchObject({ region: "us-east-1", closedStages: "Closed Won, Closed Lost" });
  });

  it("write a structured mapping back as the line it was typed as", () => {
    const adapter = destinationModule("chartmogul");
    const saved = parseDestinationOptions(adapter, { stages: "Closed Won = Closed Won | won | 100\nDiscovery = Discovery", crmUsers: "a@b.example, c@d.example" });
    const values = destinationFormValues("chartmogul", saved);
    expect(values.stages).toBe("Closed Won = Closed Won | won | 100\nDiscovery = Discovery");
    expect(values.crmUsers).toBe("a@b.example\nc@d.example");
  });

  it("summarise stored settings in the destination's own words", () => {
    expect(destinationSummary("jointflows", { bucket: "drops", prefix: "jf", defaultProjectType: "Onboarding" })).toEqual([
      "Writes to s3://drops/jf/ at AWS S3 (us-east-1)",
      "Platform currency: the base currency; default project type: Onboarding",
    ]);
    expect(destinationSummary("chartmogul", { stages: "Won = Closed Won" })[0]).toBe("Mapped: 1 stage, 0 pipelines, 0 owners; CRM users listed: 0");
    expect(destinationSummary("dreamdata", { bucket: "x" })[0]).toMatch(/^Settings no longer pass their checks \(bucket: bucket is required\)/);
  });

  it("name the invalid setting as the form input it came from", () => {
    const error = (() => {
      try {
        parseDestinationOptions(destinationModule("jointflows"), { bucket: "" });
      } catch (err) {
        return err;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).details).toEqual({ "options.bucket": "bucket is required" });
  });

  it("take only the destination's own push options, dropping empty ones", () => {
    expect(parseRunOptions("jointflows", { projectType: "Onboarding" })).toEqual({ projectType: "Onboarding" });
    expect(parseRunOptions("chartmogul", { projectType: "" })).toEqual({});
    expect(() => parseRunOptions("chartmogul", { projectType: "Onboarding" })).toThrow('ChartMogul takes no push option "projectType"');
  });
});
