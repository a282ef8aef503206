// Text, email and URL normalisers for imported cells.
import { z } from "zod";
import { fail, ok, type Normalised } from "./result";

/**
 * Trimmed, Unicode NFC (macOS exports decompose "é" into "e"+"́"; without NFC the same name
 * would hash differently from one export to the next). Empty → null.
 */
export function cleanText(input: string | null | undefined): string | null {
  if (input === null || input === undefined) return null;
  const text = input.trim();
  if (text === "") return null;
  // NFC only matters beyond ASCII; skipping it for plain ASCII saves most of its cost on big files.
  return NON_ASCII.test(text) ? text.normalize("NFC") : text;
}

const NON_ASCII = /[^\u0000-\u007f]/;

const emailSchema = z.email();

/** Lowercased and validated; accepts "mailto:a@b.c" and "Name <a@b.c>". */
export function normaliseEmail(input: string): Normalised<string> {
  let text = input.trim();
  if (text === "") return fail("missing_value", "is empty");
  const angle = /<([^<>]+)>\s*$/.exec(text);
  if (angle) text = angle[1].trim();
  text = text.replace(/^mailto:/i, "").toLowerCase();
  if (text.length > 254 || !emailSchema.safeParse(text).success) {
    return fail("invalid_email", `${JSON.stringify(input.trim())} is not a valid email address`);
  }
  return ok(text);
}

/**
 * An http(s) URL. A bare domain ("acme.com", "www.acme.com/about") gets https:// — exports
 * often drop the scheme. Host lowercased; a bare "/" path dropped so "acme.com" and
 * "https://acme.com/" are the same value.
 */
export function normaliseUrl(input: string): Normalised<string> {
  const text = input.trim();
  if (text === "") return fail("missing_value", "is empty");
  const shown = JSON.stringify(text);
  if (/\s/.test(text)) return fail("invalid_url", `${shown} is not a URL (it contains spaces)`);
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  if (!hasScheme && /^[a-z][a-z0-9+.-]*:/i.test(text) && !/^[^:]+:\d/.test(text)) {
    return fail("invalid_url", `${shown} is not a web address`);
  }
  let url: URL;
  try {
    url = new URL(hasScheme ? text : `https://${text.replace(/^\/\//, "")}`);
  } catch {
    return fail("invalid_url", `${shown} is not a valid URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return fail("invalid_url", `${shown} is not an http(s) URL`);
  }
  if (!url.hostname.includes(".") && url.hostname !== "localhost") {
    return fail("invalid_url", `${shown} has no domain`);
  }
  const href = url.href;
  return ok(url.pathname === "/" && !url.search && !url.hash && href.endsWith("/") ? href.slice(0, -1) : href);
}
