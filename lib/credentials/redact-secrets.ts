// Last line of defence for text built from a remote answer (an error body may echo
// what we sent): every secret value, and the encodings it travels in, becomes "[redacted]".

/** The forms a secret can take on the wire or in a log. */
export function secretEncodings(value: string): string[] {
  const b = Buffer.from(value);
  return [value, b.toString("base64"), b.toString("base64url"), encodeURIComponent(value)];
}

export function redactSecrets(text: string, secrets: readonly string[]): string {
  return secretRedactor(secrets)(text);
}

/** redactSecrets for many texts: the encodings are worked out once (a push worker redacts every answer). */
export function secretRedactor(secrets: readonly string[]): (text: string) => string {
  // Very short values (a 1-character space id) would redact ordinary words; they are not secrets.
  const forms = secrets.filter((secret) => secret.length >= 4).flatMap(secretEncodings);
  return (text) => {
    let out = text;
    for (const form of forms) if (out.includes(form)) out = out.split(form).join("[redacted]");
    return out;
  };
}
