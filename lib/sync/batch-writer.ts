// Writes that many in-flight items make at about the same moment, gathered into one
// statement: the records that arrive within a few milliseconds of each other (up to
// `maxBatch`) go together, and each caller gets its own record's result. At the rate limit,
// one statement (one commit) per item was a worker's busiest database work.

export type BatchWriter<R, T> = { write(record: R): Promise<T> };

export type BatchOptions<R> = {
  maxBatch?: number;
  maxWaitMs?: number;
  /** Two records one statement can't hold together: the later one goes in the next batch. */
  conflict?: (a: R, b: R) => boolean;
};

/** `writeBatch` answers one result per record, in the records' order. */
export function createBatchWriter<R, T>(writeBatch: (records: R[]) => Promise<T[]>, options: BatchOptions<R> = {}): BatchWriter<R, T> {
  const { maxBatch = 50, maxWaitMs = 20, conflict } = options;
  type Waiting = { record: R; done: (result: T) => void; failed: (err: unknown) => void };
  let batch: Waiting[] = [];
  let timer: NodeJS.Timeout | null = null;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const taken = batch;
    batch = [];
    if (!taken.length) return;
    writeBatch(taken.map((w) => w.record)).then(
      (results) => taken.forEach((w, i) => w.done(results[i])),
      (err: unknown) => taken.forEach((w) => w.failed(err)),
    );
  };

  return {
    write(record) {
      if (conflict && batch.some((w) => conflict(w.record, record))) flush();
      const written = new Promise<T>((done, failed) => batch.push({ record, done, failed }));
      if (batch.length >= maxBatch) flush();
      else timer ??= setTimeout(flush, maxWaitMs);
      return written;
    },
  };
}
