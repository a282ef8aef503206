// Last line of defence for text built from a remote answer (an error body may echo
// what we sent): every secret value, and the encodings it travels in, becomes "[redacted]".

/** The forms a secret can take on the wire or in a log. */
export function secretEncodings(value: string): string[] {
  const b = Buffer.from(value);
  return [value, b.toString("base64"), b.toString("base64url"), encodeURIComponent(value)];
}

export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    // Very short values (a 1-character space id) would redact ordinary words; they are not secrets.
    if (secret.length < 4) continue;
    for (const form of secretEncodings(secret)) out = out.split(form).join("[redacted]");
  }
  return out;
}
