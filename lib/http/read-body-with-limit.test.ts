import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { readBodyWithLimit } from "./read-body-with-limit";

const streamed = (parts: string[]) =>
  new Request("http://x/", {
    method: "POST",
    body: new ReadableStream({ start(c) { for (const p of parts) c.enqueue(new TextEncoder().encode(p)); c.close(); } }),
    duplex: "half",
  } as RequestInit);

describe("readBodyWithLimit", () => {
  it("returns the bytes under the limit", async () => {
    expect(new TextDecoder().decode(await readBodyWithLimit(streamed(["ab", "cd"]), 4))).toBe("abcd");
  });
  it("refuses by Content-Length before reading, and by counting a stream", async () => {
    const declared = new Request("http://x/", { method: "POST", body: "x".repeat(10), headers: { "content-length": "10" } });
    const err = await readBodyWithLimit(declared, 5, "The rates file").catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: "payload_too_large", status: 413, message: "The rates file is larger than the limit of 5 bytes" });
    await expect(readBodyWithLimit(streamed(["abc", "def"]), 5)).rejects.toMatchObject({ status: 413 });
  });
});
