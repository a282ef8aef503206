import { randomBytes } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { createKeyring } from "@/lib/secrets/keyring";
// Aliased: the helper's use… name trips react-hooks/rules-of-hooks.
import { disconnectDb, truncateAll, connectTestDatabase } from "@/lib/test/db";
import { deleteCredential } from "./delete-credential";
import { listCredentials } from "./list-credentials";
import { readCredentialSecret } from "./read-credential-secret";
import { rotateCredentialKeys } from "./rotate-credential-keys";
import { saveCredential } from "./save-credential";
import { clientInput } from "@/lib/test/client-input";

const db = connectTestDatabase();
beforeEach(truncateAll);
afterAll(disconnectDb);

const key = () => randomBytes(32).toString("base64");
const KEY = key();
const keyring = createKeyring(KEY);
const opts = { keyring };

// One recognisable secret per field of every kind; none may ever leave lib/.
const SECRETS = {
  s3: { accessKeyId: "AKIAEXAMPLELEAKTEST1", secretAccessKey: "s3-secret-LEAKCANARY-0001-wJalrXUtnFEMI", sessionToken: "session-LEAKCANARY-0002" },
  gcs_hmac: { accessKeyId: "GOOGLEAKLEAKCANARY03", secretAccessKey: "gcs-secret-LEAKCANARY-0004-bGoa+V7g" },
  chartmogul: { apiKey: "cm-api-key-LEAKCANARY-0005-3f9a" },
  pipeliner: {
    username: "api-user-LEAKCANARY-0006",
    password: "pl-password-LEAKCANARY-0007-x9",
    serviceUrl: "https://eu-central.api.pipelinersales.com/",
    spaceId: "space-LEAKCANARY-0008",
  },
  exact_sales: { token: "exact-token-LEAKCANARY-0009-abcd" },
} as const;

const secretValues = Object.values(SECRETS).flatMap((s) => Object.entries(s).filter(([f]) => f !== "serviceUrl").map(([, v]) => v));
const encodings = (v: string) => [v, Buffer.from(v).toString("base64"), Buffer.from(v).toString("base64url"), encodeURIComponent(v)];

let adminId = "";
let admin: Actor;
beforeEach(async () => {
  const user = await db.user.create({ data: { email: "admin@example.com", role: "admin", passwordHash: "x" } });
  adminId = user.id;
  admin = { id: user.id, email: user.email, role: "admin" };
});

async function saveAll() {
  const out: Record<string, string> = {};
  for (const [kind, secret] of Object.entries(SECRETS)) {
    const { credential } = await saveCredential(clientInput({ kind, name: `${kind} main`, secret }), admin, opts);
    out[kind] = credential.id;
  }
  return out;
}

describe("saveCredential / readCredentialSecret", () => {
  it("stores every kind encrypted and reads it back, typed", async () => {
    const ids = await saveAll();
    const rows = await db.credential.findMany();
    expect(rows).toHaveLength(5);
    for (const row of rows) {
      expect(row.keyId).toBe(keyring.current.id);
      expect((row.encrypted as { keyId: string }).keyId).toBe(keyring.current.id);
      expect(row.createdById).toBe(adminId);
    }
    const cm = await readCredentialSecret(ids.chartmogul, "chartmogul", opts);
    expect(cm.kind).toBe("chartmogul");
    expect(cm.secret.apiKey).toBe(SECRETS.chartmogul.apiKey);
    const pl = await readCredentialSecret(ids.pipeliner, "pipeliner", opts);
    expect(pl.secret).toEqual({ ...SECRETS.pipeliner, serviceUrl: "https://eu-central.api.pipelinersales.com" });
    const s3 = await readCredentialSecret(ids.gcs_hmac, ["s3", "gcs_hmac"], opts);
    expect(s3.secret.secretAccessKey).toBe(SECRETS.gcs_hmac.secretAccessKey);
    expect(s3.secret.sessionToken).toBeUndefined();
  });

  it("keeps last4 of the main secret only, and none for short secrets", async () => {
    await saveAll();
    await saveCredential({ kind: "exact_sales", name: "short", secret: { token: "abc123" } }, admin, opts);
    const list = await listCredentials();
    const last4 = Object.fromEntries(list.map((c) => [c.kind === "exact_sales" && c.name === "short" ? "short" : c.kind, c.last4]));
    expect(last4).toEqual({ s3: "FEMI", gcs_hmac: "+V7g", chartmogul: "3f9a", pipeliner: "7-x9", exact_sales: "abcd", short: "" });
  });

  it("replaces by name or id, keeping the id, and refuses a kind change", async () => {
    const first = await saveCredential({ kind: "chartmogul", name: "cm", secret: { apiKey: "old-key-0000000000001" } }, admin, opts);
    expect(first.created).toBe(true);
    const again = await saveCredential({ kind: "chartmogul", name: "cm", secret: { apiKey: "new-key-0000000000002" } }, admin, opts);
    expect(again.created).toBe(false);
    expect(again.credential.id).toBe(first.credential.id);
    expect(again.credential.last4).toBe("0002");
    const renamed = await saveCredential(
      { id: first.credential.id, kind: "chartmogul", name: "ChartMogul prod", secret: { apiKey: "newer-key-00000000003" } },
      admin,
      opts,
    );
    expect(renamed.credential).toMatchObject({ id: first.credential.id, name: "ChartMogul prod", last4: "0003" });
    expect((await readCredentialSecret(first.credential.id, "chartmogul", opts)).secret.apiKey).toBe("newer-key-00000000003");
    expect(await db.credential.count()).toBe(1);

    const err = await saveCredential({ kind: "exact_sales", name: "ChartMogul prod", secret: { token: "t".repeat(20) } }, admin, opts).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe("conflict");
    const missing = await saveCredential({ id: "nope", kind: "chartmogul", name: "x", secret: { apiKey: "k".repeat(20) } }, admin, opts).catch((e) => e);
    expect(missing.code).toBe("not_found");

    const actions = (await db.auditEvent.findMany({ orderBy: { id: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["credential.create", "credential.replace", "credential.replace"]);
  });

  it("rejects invalid secrets per kind with field errors that do not echo values", async () => {
    const err = await saveCredential(
      clientInput({ kind: "pipeliner", name: "pl", secret: { username: "u", password: "", serviceUrl: "ftp://LEAKCANARY.example", spaceId: "1" } }),
      admin,
      opts,
    ).catch((e) => e);
    expect(err.name).toBe("ZodError");
    const paths = err.issues.map((i: { path: string[] }) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["secret.password", "secret.serviceUrl"]));
    expect(JSON.stringify(err.issues) + err.message).not.toContain("LEAKCANARY");
    const unknownKind = await saveCredential(clientInput({ kind: "ftp", name: "x", secret: {} }), admin, opts).catch((e) => e);
    expect(unknownKind.name).toBe("ZodError");
    expect(await db.credential.count()).toBe(0);
  });

  it("refuses reading a credential as the wrong kind", async () => {
    const ids = await saveAll();
    const err = await readCredentialSecret(ids.chartmogul, "pipeliner", opts).catch((e) => e);
    expect(err.code).toBe("bad_request");
    expect(err.message).not.toContain(SECRETS.chartmogul.apiKey);
    expect((await readCredentialSecret("missing", undefined, opts).catch((e) => e)).code).toBe("not_found");
  });

  it("a blob moved to another row does not open", async () => {
    const ids = await saveAll();
    const s3 = await db.credential.findUniqueOrThrow({ where: { id: ids.s3 } });
    await db.credential.update({ where: { id: ids.gcs_hmac }, data: { encrypted: s3.encrypted as object } });
    const err = await readCredentialSecret(ids.gcs_hmac, undefined, opts).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.message).toMatch(/cannot be decrypted: .*integrity check/);
    for (const v of secretValues) expect(err.message + JSON.stringify(err.details)).not.toContain(v);
  });
});

describe("secrets never leave lib/", () => {
  it("listCredentials and the audit table contain no secret value or encoding", async () => {
    const ids = await saveAll();
    await saveCredential({ kind: "chartmogul", name: "chartmogul main", secret: SECRETS.chartmogul }, admin, opts);
    await rotateCredentialKeys(admin, { keyring, all: true });
    await deleteCredential(ids.exact_sales, admin);

    const list = await listCredentials();
    expect(list.map((c) => Object.keys(c).sort())[0]).toEqual(["createdAt", "createdBy", "endpoint", "id", "kind", "last4", "name", "updatedAt"]);
    expect(list[0].createdBy).toEqual({ id: adminId, email: "admin@example.com" });
    const listed = JSON.stringify(list);
    const audit = JSON.stringify(
      await db.auditEvent.findMany(),
      (_k, v) => (typeof v === "bigint" ? v.toString() : v),
    );
    expect(audit).toContain("credential.create");
    expect(audit).toContain("credential.delete");
    expect(audit).toContain("credential.rotate_keys");
    for (const value of secretValues) {
      for (const e of encodings(value)) {
        expect(listed).not.toContain(e);
        expect(audit).not.toContain(e);
      }
    }
    // The stored blobs are ciphertext too.
    const stored = JSON.stringify(await db.credential.findMany());
    for (const value of secretValues) expect(stored).not.toContain(value);
  });

  it("filters the list by kind", async () => {
    await saveAll();
    expect((await listCredentials({ kind: ["s3", "gcs_hmac"] })).map((c) => c.kind).sort()).toEqual(["gcs_hmac", "s3"]);
  });
});

describe("deleteCredential", () => {
  it("refuses while a source or destination uses it, then deletes and audits", async () => {
    const ids = await saveAll();
    await db.source.create({ data: { name: "S3 drop", kind: "s3_flatfile", config: {}, credentialId: ids.s3 } });
    await db.destination.create({ data: { name: "CM", kind: "chartmogul", credentialId: ids.s3 } });
    const err = await deleteCredential(ids.s3, admin).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe("conflict");
    expect(err.details).toEqual({ sources: ["S3 drop"], destinations: ["CM"] });
    expect(await db.credential.count({ where: { id: ids.s3 } })).toBe(1);

    await db.source.updateMany({ data: { credentialId: null } });
    await db.destination.updateMany({ data: { credentialId: null } });
    expect(await deleteCredential(ids.s3, admin)).toEqual({ id: ids.s3, name: "s3 main" });
    expect(await db.credential.count({ where: { id: ids.s3 } })).toBe(0);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "credential.delete" } });
    expect(event).toMatchObject({ targetId: ids.s3, actorEmail: "admin@example.com" });
    expect((await deleteCredential(ids.s3, admin).catch((e) => e)).code).toBe("not_found");
  });
});

describe("rotateCredentialKeys", () => {
  it("re-encrypts rows sealed under a previous key, in one audited transaction", async () => {
    const oldKey = key();
    const oldRing = createKeyring(oldKey);
    const ids = await (async () => {
      const out: Record<string, string> = {};
      for (const [kind, secret] of Object.entries(SECRETS)) {
        out[kind] = (await saveCredential(clientInput({ kind, name: kind, secret }), admin, { keyring: oldRing })).credential.id;
      }
      return out;
    })();

    const newKey = key();
    const newOnly = createKeyring(newKey);
    expect((await readCredentialSecret(ids.s3, "s3", { keyring: newOnly }).catch((e) => e)).message).toMatch(/neither DEALPORT_SECRET_KEY/);

    const during = createKeyring(newKey, [oldKey]);
    const result = await rotateCredentialKeys(admin, { keyring: during });
    expect(result).toEqual({ keyId: newOnly.current.id, total: 5, rotated: 5, alreadyCurrent: 0, fromKeyIds: { [oldRing.current.id]: 5 }, verified: 5 });
    for (const row of await db.credential.findMany()) expect(row.keyId).toBe(newOnly.current.id);
    // The old key can now be dropped.
    expect((await readCredentialSecret(ids.pipeliner, "pipeliner", { keyring: newOnly })).secret.password).toBe(SECRETS.pipeliner.password);

    const again = await rotateCredentialKeys(admin, { keyring: during });
    expect(again).toMatchObject({ total: 5, rotated: 0, alreadyCurrent: 5 });
    const events = await db.auditEvent.findMany({ where: { action: "credential.rotate_keys" } });
    expect(events).toHaveLength(2);
    expect(events[0].summary).toBe(`Re-encrypted 5 of 5 credentials under key ${newOnly.current.id}`);
  });

  it("changes nothing when one row cannot be opened", async () => {
    const oldKey = key();
    const lostKey = key();
    const a = await saveCredential({ kind: "chartmogul", name: "a", secret: { apiKey: "key-a-000000000000" } }, admin, { keyring: createKeyring(oldKey) });
    // A row written under a key nobody has any more.
    const b = await saveCredential({ kind: "chartmogul", name: "b", secret: { apiKey: "key-b-000000000000" } }, admin, { keyring: createKeyring(lostKey) });
    const before = await db.credential.findMany({ orderBy: { name: "asc" } });
    const err = await rotateCredentialKeys(admin, { keyring: createKeyring(key(), [oldKey]) }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.message).toMatch(/Credential "b" cannot be decrypted/);
    expect(await db.credential.findMany({ orderBy: { name: "asc" } })).toEqual(before);
    expect(await db.auditEvent.count({ where: { action: "credential.rotate_keys" } })).toBe(0);
    expect([a.credential.id, b.credential.id]).toHaveLength(2);
  });

  it("a server still running with the retired key cannot strand a credential: it refuses to save until restarted", async () => {
    const oldKey = key();
    const newKey = key();
    const oldServer = createKeyring(oldKey);
    await saveCredential({ kind: "chartmogul", name: "before", secret: { apiKey: "key-before-0000000000" } }, admin, { keyring: oldServer });
    await rotateCredentialKeys(admin, { keyring: createKeyring(newKey, [oldKey]) });

    // After rotate-key the admin drops the old key: anything sealed under it now would be lost.
    const refused = await saveCredential({ kind: "chartmogul", name: "after", secret: { apiKey: "key-after-00000000000" } }, admin, { keyring: oldServer }).catch((e) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: "conflict", message: expect.stringMatching(/retired .*restart it with the new DEALPORT_SECRET_KEY before saving credentials/) });
    expect(await db.credential.count()).toBe(1);

    const restarted = createKeyring(newKey);
    await saveCredential({ kind: "chartmogul", name: "after", secret: { apiKey: "key-after-00000000000" } }, admin, { keyring: restarted });
    for (const row of await db.credential.findMany()) expect((await readCredentialSecret(row.id, "chartmogul", { keyring: restarted })).name).toBe(row.name);
  });

  it("re-checks every credential with the current key alone before telling the admin to drop the previous one", async () => {
    const oldKey = key();
    const newKey = key();
    const { credential } = await saveCredential({ kind: "chartmogul", name: "current", secret: { apiKey: "key-current-000000000" } }, admin, { keyring: createKeyring(newKey) });
    await saveCredential({ kind: "chartmogul", name: "old", secret: { apiKey: "key-old-0000000000000" } }, admin, { keyring: createKeyring(oldKey) });
    // Labelled with the current key, but it does not open with it (damaged): skipping it as "already current" would lie.
    const row = await db.credential.findUniqueOrThrow({ where: { id: credential.id } });
    const blob = row.encrypted as { tag: string };
    await db.credential.update({ where: { id: credential.id }, data: { encrypted: { ...blob, tag: Buffer.alloc(16, 7).toString("base64") } } });
    const before = await db.credential.findMany({ orderBy: { name: "asc" } });

    const err = await rotateCredentialKeys(admin, { keyring: createKeyring(newKey, [oldKey]) }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.message).toMatch(/Credential "current" does not open with the current key after re-encryption, so nothing was changed; keep the previous key/);
    expect(await db.credential.findMany({ orderBy: { name: "asc" } })).toEqual(before);
    expect(await db.auditEvent.count({ where: { action: "credential.rotate_keys" } })).toBe(0);
  });

  it("reads keys from the environment by default", async () => {
    try {
      vi.stubEnv("DEALPORT_SECRET_KEY", KEY);
      vi.stubEnv("DEALPORT_SECRET_KEY_PREVIOUS", undefined);
      const { credential } = await saveCredential({ kind: "exact_sales", name: "env", secret: { token: "env-token-0000000001" } }, admin);
      expect((await readCredentialSecret(credential.id, "exact_sales")).secret.token).toBe("env-token-0000000001");
      vi.stubEnv("DEALPORT_SECRET_KEY", "garbage");
      const err = await readCredentialSecret(credential.id).catch((e) => e);
      expect(err.message).toMatch(/DEALPORT_SECRET_KEY is malformed/);
      expect(err.message).toContain("openssl rand -base64 32");
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
