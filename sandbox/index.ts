// The sandbox: in-process, loopback-only stand-ins for the services Dealport talks
// to, shared by the tests and `npm run demo`. Each service is started here and
// registers how to stop it; stop() stops them all, last started first.
import { startChartMogulServer, type ChartMogulServer } from "./chartmogul";
import { startExactSalesServer, type ExactSalesServer } from "./exact-sales";
import { startPipelinerServer, type PipelinerServer } from "./pipeliner";
import { startS3Server, type S3Server } from "./s3";
import { DEMO_BUCKET, uploadSeedData } from "./seed-data";

export const DEMO_S3_CREDENTIALS = {
  accessKeyId: "DEMOACCESSKEY",
  secretAccessKey: "demo-secret-key-not-for-production",
} as const;

export interface SandboxOptions {
  /** Ports for each service; default free ones. */
  s3Port?: number;
  chartMogulPort?: number;
  pipelinerPort?: number;
  exactSalesPort?: number;
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
  chartMogul: ChartMogulServer;
  pipeliner: PipelinerServer;
  exactSales: ExactSalesServer;
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
    const chartMogul = await startChartMogulServer({ port: options.chartMogulPort });
    stops.push(() => chartMogul.stop());
    const pipeliner = await startPipelinerServer({ port: options.pipelinerPort });
    stops.push(() => pipeliner.stop());
    const exactSales = await startExactSalesServer({ port: options.exactSalesPort });
    stops.push(() => exactSales.stop());

    return {
      s3: { endpoint: s3.endpoint, region: s3.region, bucket: DEMO_BUCKET, ...DEMO_S3_CREDENTIALS, server: s3 },
      chartMogul,
      pipeliner,
      exactSales,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
