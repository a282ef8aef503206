export { startPipelinerServer } from "./server";
export type { PipelinerServer, PipelinerServerOptions } from "./server";
export { DEFAULT_CREDENTIALS, DEFAULT_EXCHANGE_RATES, DEFAULT_SPACE_ID, PipelinerStore, defaultEntities } from "./store";
export type { EntityName, PipelinerCredentials, PipelinerRecord, PipelinerSeed } from "./store";
