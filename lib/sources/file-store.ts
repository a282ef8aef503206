// Where flat files come from: an S3-compatible bucket prefix or a local folder. The
// importer only lists and streams; every store implements this one interface.

export interface StoredFile {
  /** Full key (S3) or absolute path (folder). */
  key: string;
  /** Base name, e.g. "deals.csv". */
  name: string;
  /** Changes whenever the content changes: the S3 ETag, or size+mtime for a local file. */
  etag: string | null;
  size: number | null;
  lastModified: Date | null;
}

export interface FileStore {
  /** s3://bucket/prefix/ or file:///folder/ — for people and logs. */
  readonly location: string;
  /** Files directly under the prefix or folder (not in sub-folders), sorted by name. */
  list(signal?: AbortSignal): Promise<StoredFile[]>;
  /** The file's bytes as a stream. Fails when the file changed since it was listed. */
  open(file: StoredFile, signal?: AbortSignal): Promise<AsyncIterable<Uint8Array>>;
  close(): void;
}
