export {
  startS3Server,
  type FaultMatch,
  type InjectedBodyCut,
  type InjectedError,
  type S3Credentials,
  type S3Operation,
  type S3RequestRecord,
  type S3Server,
  type StartS3ServerOptions,
} from "./server";
export { S3Error } from "./errors";
export type { ObjectAttributes, StoredObject } from "./object-store";
export { signedFetch, signS3Request, type RawS3Request } from "./signed-fetch";
