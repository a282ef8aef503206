// Public surface of the import parsing core: pure and streaming, no database, no S3.
export { decodeText, isSupportedEncoding, UnreadableFileError, type ByteSource, type DecodeInfo, type DecodeOptions, type DecodedText } from "./decode";
export {
  readCsv,
  sniffDelimiter,
  cleanHeaderName,
  CSV_DELIMITERS,
  DEFAULT_BATCH_SIZE,
  type CsvDelimiter,
  type CsvEvent,
  type CsvHeader,
  type CsvColumn,
  type CsvRecord,
  type CsvReadOptions,
  type ReadProgress,
} from "./csv-reader";
export { readNdjson, type NdjsonEvent, type NdjsonLine, type NdjsonReadOptions } from "./ndjson-reader";
export { readCsvFormat, type CsvFormat, type CsvRow, type FileSummary, type FormatReadOptions, type ImportBatch } from "./csv-format";
export { normaliseDate, normaliseUtcTimestamp, isValidDate, type DateOrder, type DateOptions } from "./dates";
export { normaliseMoney, normaliseNumber, parseDecimal, type MoneyOptions, type MoneyValue, type NumberOptions, type DecimalParts } from "./numbers";
export { cleanText, normaliseEmail, normaliseUrl } from "./text";
export type { Normalised } from "./result";
export {
  parseJointflowsDeals,
  parseJointflowsAccounts,
  parseJointflowsContacts,
  mergeAccount,
  mergeAccounts,
  JOINTFLOWS_DEAL_COLUMNS,
  JOINTFLOWS_ACCOUNT_COLUMNS,
  JOINTFLOWS_CONTACT_COLUMNS,
  type JointflowsReadOptions,
  type JointflowsDealsOptions,
} from "./jointflows";
export { parseDreamdataStageObjects, DREAMDATA_FIELDS, type DreamdataReadOptions } from "./dreamdata";
export { toCsv, toCsvStream, csvLine, neutraliseFormula, PROBLEM_CSV_COLUMNS, type CsvColumnSpec, type CsvWriteOptions } from "./csv-writer";
export { parseOptionsSchema, type ParseOptions } from "./options";
export { rejectsFile, rejectsRow, type ImportProblem, type ProblemCode, type ProblemSeverity } from "./problems";
