// COPY … FROM STDIN over a plain `pg` client, without pg-copy-streams: `pg` hands a
// "submittable" query the CopyInResponse, and its Connection can send CopyData/CopyDone.
// Bulk loads (import staging) go through here: it is PostgreSQL's fastest way in.
import "server-only";
import type pg from "pg";

type CopyConnection = {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
};

class CopyFromText {
  private error: Error | null = null;
  private rowCount = 0;
  callback?: () => void;

  constructor(
    private readonly sql: string,
    private readonly payload: Buffer,
    private readonly settle: (error: Error | null, rows: number) => void,
  ) {}

  submit(connection: CopyConnection) {
    connection.query(this.sql);
  }

  handleCopyInResponse(connection: CopyConnection) {
    // One CopyData message per 1 MB keeps each message well under the protocol's limits.
    const step = 1 << 20;
    for (let at = 0; at < this.payload.length; at += step) connection.sendCopyFromChunk(this.payload.subarray(at, at + step));
    connection.endCopyFrom();
  }

  handleCommandComplete(message: { text?: string }) {
    const match = /^COPY (\d+)/.exec(message.text ?? "");
    if (match) this.rowCount = Number(match[1]);
  }

  handleError(error: Error) {
    // A server error is followed by ReadyForQuery; a broken connection is not, so settle now.
    this.error = error;
    this.settle(error, 0);
  }

  handleReadyForQuery() {
    if (!this.error) this.settle(null, this.rowCount);
  }

  // The client may route these here for a COPY that also returns rows; a COPY FROM never does.
  handleRowDescription() {}
  handleDataRow() {}
  handleEmptyQuery() {}
}

/** Runs `copy <table> (…) from stdin` with a payload in PostgreSQL's text format; resolves to the rows copied. */
export function copyFromText(client: pg.Client, sql: string, payload: string | Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const buffer = typeof payload === "string" ? Buffer.from(payload, "utf8") : payload;
    let settled = false;
    const query = new CopyFromText(sql, buffer, (error, rows) => {
      if (settled) return;
      settled = true;
      if (error) reject(error);
      else resolve(rows);
    });
    client.query(query as unknown as pg.QueryConfig);
  });
}

/**
 * One value in COPY text format: \N for null, and backslash, tab, newline and carriage
 * return escaped (the only characters the format treats specially). NUL is dropped:
 * PostgreSQL text cannot hold it.
 */
export function copyText(value: string | number | bigint | boolean | null | undefined): string {
  if (value === null || value === undefined) return "\\N";
  if (typeof value !== "string") return String(value);
  return /[\\\t\n\r\0]/.test(value) ? value.replace(/[\\\t\n\r\0]/g, escapeChar) : value;
}

function escapeChar(char: string): string {
  switch (char) {
    case "\\":
      return "\\\\";
    case "\t":
      return "\\t";
    case "\n":
      return "\\n";
    case "\r":
      return "\\r";
    default:
      return "";
  }
}
