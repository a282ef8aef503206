// Where to go after sign-in: only a path on this app. The check parses the value the way
// a browser will ("/\evil.com" and "/<tab>/evil.com" both become //evil.com) and returns
// the parsed path, so what was checked is exactly what the browser follows.
const PROBE_ORIGIN = "http://dealport.invalid";

export const DEFAULT_AFTER_SIGN_IN = "/imports";

export function safeCallbackPath(raw: string | null | undefined, fallback = DEFAULT_AFTER_SIGN_IN): string {
  if (!raw || !raw.startsWith("/") || raw.length > 2048) return fallback;
  let url: URL;
  try {
    url = new URL(raw, PROBE_ORIGIN);
  } catch {
    return fallback;
  }
  // "//x" in the result would be read as another host by whoever follows it.
  if (url.origin !== PROBE_ORIGIN || url.pathname.startsWith("//")) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** next-auth's redirect callback: absolute URLs on our base URL, or relative paths, nothing else. */
export function safeRedirectUrl(url: string, baseUrl: string): string {
  const relative = url.startsWith(baseUrl) ? url.slice(baseUrl.length) || "/" : url;
  return `${baseUrl}${safeCallbackPath(relative)}`;
}
