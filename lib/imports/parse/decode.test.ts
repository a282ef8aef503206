import { gzipSync } from "node:zlib";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { checkUtf8, decodeText, UnreadableFileError, type ByteSource } from "./decode";
import { chunked } from "./test-support";

async function decodeAll(source: ByteSource, options = {}) {
  const decoded = decodeText(source, options);
  let text = "";
  for await (const chunk of decoded) text += chunk;
  return { text, info: decoded.info };
}

describe("decodeText", () => {
  it("strips a UTF-8 BOM, even when it arrives one byte at a time", async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("name,city\nAna,Zürich\n")]);
    const { text, info } = await decodeAll(chunked(bytes, 1));
    expect(text).toBe("name,city\nAna,Zürich\n");
    expect(info).toMatchObject({ bom: true, encoding: "utf-8", encodingSource: "bom" });
  });

  it("decodes UTF-16 LE and BE by their BOM", async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode("a;é\n", "utf-16le")]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode("a;é\n", "utf-16be")]);
    expect((await decodeAll(chunked(le, 3))).text).toBe("a;é\n");
    expect((await decodeAll(chunked(be, 3))).text).toBe("a;é\n");
  });

  it("detects UTF-16 LE without a BOM", async () => {
    const { text, info } = await decodeAll(iconv.encode("name,value\nAcme,12\n", "utf-16le"));
    expect(text).toBe("name,value\nAcme,12\n");
    expect(info.encoding).toBe("utf-16le");
  });

  it("detects Windows-1252 when the bytes are not valid UTF-8 (é, €)", async () => {
    const bytes = iconv.encode("name;value\nSociété Générale;€1.234,56\n", "windows-1252");
    const { text, info } = await decodeAll(chunked(bytes, 5));
    expect(text).toBe("name;value\nSociété Générale;€1.234,56\n");
    expect(info).toMatchObject({ encoding: "windows-1252", encodingSource: "detected", replacementChars: 0 });
  });

  it("detects Windows-1252 whose first accent comes after 100 KB of ASCII", async () => {
    const ascii = "x".repeat(100_000);
    const bytes = iconv.encode(`${ascii}\nCafé\n`, "windows-1252");
    const { text, info } = await decodeAll(chunked(bytes, 4096));
    expect(text.endsWith("\nCafé\n")).toBe(true);
    expect(info.encoding).toBe("windows-1252");
  });

  it("keeps UTF-8 whose multi-byte characters are split across chunks", async () => {
    const { text, info } = await decodeAll(chunked("Zürich €5 日本", 1));
    expect(text).toBe("Zürich €5 日本");
    expect(info.encoding).toBe("utf-8");
  });

  it("reports pure ASCII as us-ascii", async () => {
    expect((await decodeAll("a,b\n1,2\n")).info.encoding).toBe("us-ascii");
  });

  it("honours an explicit encoding", async () => {
    // "Ã©" in Windows-1252 is also valid UTF-8 ("é"): only the option can say which was meant.
    const bytes = Buffer.from([0x43, 0xc3, 0xa9]);
    expect((await decodeAll(bytes)).text).toBe("Cé");
    expect((await decodeAll(bytes, { encoding: "windows-1252" })).text).toBe("CÃ©");
    expect((await decodeAll(iconv.encode("Müller", "latin1"), { encoding: "latin1" })).text).toBe("Müller");
  });

  it("lets a BOM win over an explicit encoding", async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("é")]);
    const { text, info } = await decodeAll(bytes, { encoding: "windows-1252" });
    expect(text).toBe("é");
    expect(info.encodingSource).toBe("bom");
  });

  it("refuses an unknown encoding label", () => {
    expect(() => decodeText("x", { encoding: "klingon-8" })).toThrow(/Unknown character encoding/);
  });

  it("gunzips transparently and counts compressed bytes", async () => {
    const gz = gzipSync(Buffer.from("\uFEFFname\nAcme\n"));
    const { text, info } = await decodeAll(chunked(gz, 7));
    expect(text).toBe("name\nAcme\n");
    expect(info).toMatchObject({ gzip: true, bom: true, bytesRead: gz.length });
  });

  it("fails a truncated gzip with UnreadableFileError", async () => {
    const gz = gzipSync(Buffer.from("name\n" + "Acme\n".repeat(1000)));
    await expect(decodeAll(gz.subarray(0, gz.length - 20))).rejects.toBeInstanceOf(UnreadableFileError);
  });

  it("refuses a gzip bomb by its ratio before inflating it all, and by the size cap", async () => {
    // 25 MB of one repeated row compress to about 25 KB: a ratio no real export has.
    const bomb = gzipSync(Buffer.from("name\n" + "Acme\n".repeat(5_000_000)));
    let inflated = 0;
    const error = await (async () => {
      for await (const chunk of decodeText(bomb)) inflated += chunk.length;
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnreadableFileError);
    expect(error).toMatchObject({ code: "decompression_limit", message: expect.stringMatching(/inflates more than 200 times its compressed size/) });
    expect(inflated).toBeLessThan(20 * 1024 * 1024);
    await expect(decodeAll(bomb, { maxInflatedBytes: 1024 * 1024, maxCompressionRatio: 1e6 })).rejects.toMatchObject({
      code: "decompression_limit",
      message: expect.stringMatching(/inflates to more than 1 MB/),
    });
  });

  it("counts replacement characters for invalid bytes after UTF-8 was decided", async () => {
    // Detection looks at the chunk holding the first non-ASCII byte; a later bad byte cannot undo it.
    const { info } = await decodeAll([Buffer.from("é\n" + "a".repeat(600) + "\n"), Buffer.from([0xff, 0x0a])]);
    expect(info.encoding).toBe("utf-8");
    expect(info.replacementChars).toBe(1);
  });
});

describe("checkUtf8", () => {
  it("tells valid, invalid and cut sequences apart", () => {
    expect(checkUtf8(Buffer.from("é"))).toBe("valid");
    expect(checkUtf8(Buffer.from([0xe9, 0x20]))).toBe("invalid");
    expect(checkUtf8(Buffer.from([0xc3]))).toBe("incomplete");
    expect(checkUtf8(Buffer.from([0xc0, 0x80]))).toBe("invalid"); // overlong
    expect(checkUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe("invalid"); // surrogate
  });
});
