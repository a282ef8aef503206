// Dreamdata only reads full dumps: each push writes every stage object exported through
// this destination so far plus the new ones (later wins per id), as one gzipped NDJSON file.
import "server-only";
import { gzipSync } from "node:zlib";
import type { CheckedTransport } from "@/lib/net/checked-transport";
import { latestByKey, writeDropAtomically, type S3KeyPair } from "../s3-drop";
import { STAGE_OBJECTS_FILE, type DreamdataConfig } from "./config";
import type { DreamdataStageObject } from "./plan-stage-object";

export async function writeDreamdataDump(payloads: DreamdataStageObject[], config: DreamdataConfig, credentials: S3KeyPair, transport: CheckedTransport) {
  const stageObjects = latestByKey(payloads, (p) => p.id);
  const ndjson = stageObjects.map((p) => `${JSON.stringify(p)}\n`).join("");
  // Stored as a .gz object (no Content-Encoding), so readers get the compressed bytes they expect.
  const location = await writeDropAtomically([{ name: STAGE_OBJECTS_FILE, body: gzipSync(ndjson), contentType: "application/gzip" }], config, credentials, transport);
  return { location: `${location}${STAGE_OBJECTS_FILE}`, counts: { stageObjects: stageObjects.length } };
}
