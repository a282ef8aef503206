// The sandbox: in-process, loopback-only stand-ins for the services Dealport talks
// to, shared by the tests and `npm run demo`. Each service is started here and
// registers how to stop it; stop() stops them all, last started first.
import { startS3Server, type S3Server } from "./s3";
import { DEMO_BUCKET, uploadSeedData } from "./seed-data";

export const DEMO_S3_CREDENTIALS = {
  accessKeyId: "DEMOACCESSKEY",
  secretAccessKey: "demo-secret-key-not-for-production",
} as const;

export interface SandboxOptions {
  /** Port for the S3 server; default a free one. */
  s3Port?: number;
}

export interface Sandbox {
  s3: {
    endpoint: string;
    region: string;
    bucket: string;
    accessKeyId: string;
    secretAccessKey: string;
    /** The server itself, for direct access and fault injection in tests. */
    server: S3Server;
  };
  stop(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    while (stops.length) await stops.pop()!();
  };
  try {
    const s3 = await startS3Server({ port: options.s3Port, credentials: [DEMO_S3_CREDENTIALS] });
    stops.push(() => s3.stop());
    await uploadSeedData({ endpoint: s3.endpoint, region: s3.region, bucket: DEMO_BUCKET, ...DEMO_S3_CREDENTIALS });

    return {
      s3: { endpoint: s3.endpoint, region: s3.region, bucket: DEMO_BUCKET, ...DEMO_S3_CREDENTIALS, server: s3 },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
