export { startExactSalesServer, EXACT_SALES_RATE_LIMIT, MAX_PAGE_SIZE } from "./server";
export type { ExactSalesServer, ExactSalesServerOptions } from "./server";
export { ExactSalesStore, DEFAULT_TOKEN } from "./store";
export type {
  ExactCustomField,
  ExactCustomFieldValue,
  ExactFunnel,
  ExactLead,
  ExactLeadSold,
  ExactLost,
  ExactPerson,
  ExactSalesRep,
  ExactSalesSeed,
  ExactStage,
} from "./store";
export { generateExactSalesData, DEFAULT_LEAD_COUNT, DEFAULT_SEED } from "./seed";
export { exactTimestamp } from "./exact-timestamp";
