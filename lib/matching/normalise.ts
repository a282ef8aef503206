// How the matching rules compare e-mails, websites and company names as people type them.

/** Trimmed, lower-cased, null when it isn't an address. */
export function normaliseEmail(email: string | null | undefined): string | null {
  const value = email?.trim().toLowerCase();
  return value && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? value : null;
}

export function emailDomain(email: string | null): string | null {
  return email ? email.slice(email.lastIndexOf("@") + 1) : null;
}

/**
 * The host of a url as typed ("https://www.Acme.com/about", "acme.com", "www.acme.com:443"):
 * scheme, credentials, port, path, a trailing dot and a leading `www.` ignored.
 */
export function domainOf(url: string | null | undefined): string | null {
  let value = url?.trim().toLowerCase();
  if (!value) return null;
  value = value.replace(/^[a-z][a-z0-9+.-]*:\/\//, "").replace(/^[^@/]*@/, "");
  const host = value.split(/[/?#:]/)[0].replace(/\.$/, "").replace(/^www\d*\./, "");
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) ? host : null;
}

// Mailbox providers: a shared domain says nothing about which company it is.
const FREE_MAIL = new Set(
  "gmail.com googlemail.com yahoo.com yahoo.co.uk yahoo.com.br hotmail.com hotmail.co.uk outlook.com live.com msn.com icloud.com me.com mac.com aol.com proton.me protonmail.com gmx.de gmx.net web.de yandex.ru mail.ru qq.com 163.com uol.com.br bol.com.br terra.com.br zoho.com fastmail.com".split(" "),
);

export function isFreeMailDomain(domain: string): boolean {
  return FREE_MAIL.has(domain);
}

// Legal forms and fillers that differ between systems ("Acme Inc." vs "Acme").
const NOISE = new Set(
  "inc incorporated corp corporation co company llc llp lp ltd limited gmbh ag sa sas sarl srl spa bv nv plc pty oy ab as aps kg ltda eireli me the".split(" "),
);

/** Lower-case words without accents, punctuation or legal forms. */
export function nameTokens(name: string): string[] {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .split(/[^a-z0-9]+/)
    .filter((token) => token && !NOISE.has(token));
}

function bigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < text.length - 1; i++) out.add(text.slice(i, i + 2));
  return out;
}

/**
 * 1 for the same name apart from legal form and punctuation; 0.8 when every word of
 * the shorter name is in the longer ("Globex" / "Globex Industries"); else the Dice
 * coefficient of letter pairs.
 */
export function nameSimilarity(a: string, b: string): number {
  const ta = nameTokens(a);
  const tb = nameTokens(b);
  if (!ta.length || !tb.length) return 0;
  const ja = ta.join(" ");
  const jb = tb.join(" ");
  if (ja === jb) return 1;
  const [short, long] = ta.length <= tb.length ? [ta, new Set(tb)] : [tb, new Set(ta)];
  if (short.every((t) => long.has(t))) return 0.8;
  const ba = bigrams(ja.replace(/ /g, ""));
  const bb = bigrams(jb.replace(/ /g, ""));
  let common = 0;
  for (const g of ba) if (bb.has(g)) common++;
  return ba.size + bb.size ? (2 * common) / (ba.size + bb.size) : 0;
}
