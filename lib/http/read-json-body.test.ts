import { describe, expect, it } from "vitest";
import { MAX_JSON_BODY_BYTES, readJsonBody } from "./read-json-body";

const json = (body: BodyInit, headers: Record<string, string> = { "content-type": "application/json" }) =>
  new Request("http://x/", { method: "POST", body, headers, duplex: "half" } as RequestInit);

describe("readJsonBody", () => {
  it("parses an application/json body, and an empty one as {}", async () => {
    expect(await readJsonBody(json('{"a":1}', { "content-type": "application/json; charset=utf-8" }))).toEqual({ a: 1 });
    expect(await readJsonBody(json(""))).toEqual({});
  });

  it("refuses any other content type with 415 (a cross-site form can post text/plain without a preflight)", async () => {
    await expect(readJsonBody(json('{"a":1}', { "content-type": "text/plain" }))).rejects.toMatchObject({ status: 415, code: "unsupported_media_type" });
    await expect(readJsonBody(json('{"a":1}', {}))).rejects.toMatchObject({ status: 415 });
  });

  it("refuses malformed JSON, invalid UTF-8, reserved names and NUL characters with 400 naming the field", async () => {
    await expect(readJsonBody(json("{"))).rejects.toMatchObject({ status: 400, message: expect.stringContaining("Malformed JSON body") });
    await expect(readJsonBody(json(new Uint8Array([0x7b, 0xff, 0x7d])))).rejects.toMatchObject({ status: 400, message: "The JSON body is not valid UTF-8" });
    await expect(readJsonBody(json('{"selection":{"__proto__":{"isAdmin":true}}}'))).rejects.toMatchObject({
      status: 400,
      details: { "selection.__proto__": expect.stringContaining("reserved name") },
    });
    await expect(readJsonBody(json('{"constructor":{"prototype":{"x":1}}}'))).rejects.toMatchObject({ status: 400 });
    await expect(readJsonBody(json('{"name":"a\\u0000b"}'))).rejects.toMatchObject({ status: 400, details: { name: "contains a NUL character" } });
    await expect(readJsonBody(json("[".repeat(100_000) + "]".repeat(100_000)))).rejects.toMatchObject({ status: 400 });
  });

  it("refuses a body past 1 MB while streaming: it stops reading and cancels the rest", async () => {
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    let pulled = 0;
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(chunk);
      },
      cancel() {
        cancelled = true;
      },
    });
    await expect(readJsonBody(json(endless))).rejects.toMatchObject({ status: 413, code: "payload_too_large" });
    expect(cancelled).toBe(true);
    expect(pulled * chunk.byteLength).toBeLessThan(MAX_JSON_BODY_BYTES + 4 * chunk.byteLength);
  });
});
