export { startChartMogulServer, CHARTMOGUL_RATE_LIMIT, CHARTMOGUL_MAX_CONCURRENT_REQUESTS } from "./server";
export type { ChartMogulServer, ChartMogulServerOptions } from "./server";
export { ChartMogulStore, DEFAULT_API_KEY, DEFAULT_CRM_USERS, DEFAULT_CUSTOMERS, DEFAULT_PIPELINES } from "./store";
export type { ChartMogulCustomer, ChartMogulOpportunity, ChartMogulPipeline, ChartMogulSeed, NewCustomer } from "./store";
