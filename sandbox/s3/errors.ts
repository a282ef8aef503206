// S3 error responses: code, HTTP status and message as AWS sends them, plus the
// extra elements AWS adds to the <Error> body (BucketName, Key, ...).

export type S3ErrorDetails = Record<string, string | number>;

export class S3Error extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details: S3ErrorDetails = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "S3Error";
  }
}

export const s3Errors = {
  accessDenied: (message = "Access Denied", details?: S3ErrorDetails) =>
    new S3Error("AccessDenied", 403, message, details),
  invalidAccessKeyId: (accessKeyId: string) =>
    new S3Error("InvalidAccessKeyId", 403, "The AWS Access Key Id you provided does not exist in our records.", {
      AWSAccessKeyId: accessKeyId,
    }),
  signatureDoesNotMatch: (details: S3ErrorDetails) =>
    new S3Error(
      "SignatureDoesNotMatch",
      403,
      "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
      details,
    ),
  authorizationHeaderMalformed: (message: string, details?: S3ErrorDetails) =>
    new S3Error("AuthorizationHeaderMalformed", 400, `The authorization header is malformed; ${message}`, details),
  requestTimeTooSkewed: (requestTime: string, serverTime: string) =>
    new S3Error("RequestTimeTooSkewed", 403, "The difference between the request time and the current time is too large.", {
      RequestTime: requestTime,
      ServerTime: serverTime,
      MaxAllowedSkewMilliseconds: 900000,
    }),
  invalidRequest: (message: string) => new S3Error("InvalidRequest", 400, message),
  invalidArgument: (message: string, name?: string, value?: string) =>
    new S3Error(
      "InvalidArgument",
      400,
      message,
      name === undefined ? {} : { ArgumentName: name, ArgumentValue: value ?? "" },
    ),
  contentSha256Mismatch: (clientComputed: string, serverComputed: string) =>
    new S3Error("XAmzContentSHA256Mismatch", 400, "The provided 'x-amz-content-sha256' header does not match what was computed.", {
      ClientComputedContentSHA256: clientComputed,
      S3ComputedContentSHA256: serverComputed,
    }),
  badDigest: (message: string) => new S3Error("BadDigest", 400, message),
  invalidDigest: () => new S3Error("InvalidDigest", 400, "The Content-MD5 you specified was invalid."),
  incompleteBody: () =>
    new S3Error("IncompleteBody", 400, "You did not provide the number of bytes specified by the Content-Length HTTP header"),
  malformedXml: () =>
    new S3Error(
      "MalformedXML",
      400,
      "The XML you provided was not well-formed or did not validate against our published schema",
    ),
  invalidUri: () => new S3Error("InvalidURI", 400, "Couldn't parse the specified URI."),
  invalidBucketName: (bucket: string) =>
    new S3Error("InvalidBucketName", 400, "The specified bucket is not valid.", { BucketName: bucket }),
  keyTooLong: () => new S3Error("KeyTooLongError", 400, "Your key is too long"),
  noSuchBucket: (bucket: string) =>
    new S3Error("NoSuchBucket", 404, "The specified bucket does not exist", { BucketName: bucket }),
  noSuchKey: (key: string) => new S3Error("NoSuchKey", 404, "The specified key does not exist.", { Key: key }),
  bucketAlreadyOwnedByYou: (bucket: string) =>
    new S3Error(
      "BucketAlreadyOwnedByYou",
      409,
      "Your previous request to create the named bucket succeeded and you already own it.",
      { BucketName: bucket },
    ),
  preconditionFailed: (condition: string) =>
    new S3Error("PreconditionFailed", 412, "At least one of the pre-conditions you specified did not hold", {
      Condition: condition,
    }),
  invalidRange: (range: string, size: number) =>
    new S3Error(
      "InvalidRange",
      416,
      "The requested range is not satisfiable",
      { RangeRequested: range, ActualObjectSize: size },
      { "Content-Range": `bytes */${size}` },
    ),
  methodNotAllowed: (method: string, resourceType: "SERVICE" | "BUCKET" | "OBJECT") =>
    new S3Error("MethodNotAllowed", 405, "The specified method is not allowed against this resource.", {
      Method: method,
      ResourceType: resourceType,
    }),
  notImplemented: (message = "A header you provided implies functionality that is not implemented") =>
    new S3Error("NotImplemented", 501, message),
  internalError: () => new S3Error("InternalError", 500, "We encountered an internal error. Please try again."),
};
