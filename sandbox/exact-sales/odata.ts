// The slice of OData v4 system query options the Exact Spotter API is used
// with: $filter (comparisons, and/or/not, parentheses, contains/startswith/
// endswith, nested paths such as salesRep/email), $orderby and $select.
// Datetimes compare as instants at the API's 100 ns precision (7 fractional digits).

export class ODataQueryError extends Error {}

type Literal =
  | { kind: "number"; value: number }
  | { kind: "string"; value: string }
  | { kind: "datetime"; value: string }
  | { kind: "boolean"; value: boolean }
  | { kind: "null" };

type Operand = { kind: "path"; path: string[] } | Literal;
const COMPARISONS = ["eq", "ne", "gt", "ge", "lt", "le"] as const;
type Comparison = (typeof COMPARISONS)[number];
const FUNCTIONS = ["contains", "startswith", "endswith"] as const;

type Expression =
  | { kind: "and" | "or"; left: Expression; right: Expression }
  | { kind: "not"; operand: Expression }
  | { kind: "compare"; op: Comparison; left: Operand; right: Operand }
  | { kind: "function"; name: (typeof FUNCTIONS)[number]; path: string[]; text: string };

export type RecordPredicate = (record: Record<string, unknown>) => boolean;

/**
 * The properties of the entity type being queried. OData answers 400 for a property the
 * type does not have ("Could not find a property named 'id' on type 'Lost'"); without
 * this a fake would happily sort or filter by an absent field as if it were null.
 */
export type EntityType = { name: string; fields: ReadonlySet<string> };

function checkProperty(path: string[], type: EntityType | undefined) {
  if (type && !type.fields.has(path[0])) throw new ODataQueryError(`Could not find a property named '${path[0]}' on type '${type.name}'.`);
}

type Token = { kind: "punct"; value: "(" | ")" | "," } | { kind: "word"; value: string } | { kind: "literal"; literal: Literal };

const DATETIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:\d{2})?)?/;
const NUMBER = /^-?\d+(?:\.\d+)?/;
const WORD = /^[A-Za-z_]\w*(?:\/[A-Za-z_]\w*)*/;
const STRING = /^'((?:[^']|'')*)'/;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let rest = source.trim();
  while (rest.length > 0) {
    let match: RegExpExecArray | null;
    if ("(),".includes(rest[0])) {
      tokens.push({ kind: "punct", value: rest[0] as "(" | ")" | "," });
      rest = rest.slice(1);
    } else if ((match = STRING.exec(rest))) {
      tokens.push({ kind: "literal", literal: { kind: "string", value: match[1].replace(/''/g, "'") } });
      rest = rest.slice(match[0].length);
    } else if ((match = DATETIME.exec(rest))) {
      tokens.push({ kind: "literal", literal: { kind: "datetime", value: canonicalDatetime(match[0])! } });
      rest = rest.slice(match[0].length);
    } else if ((match = NUMBER.exec(rest))) {
      tokens.push({ kind: "literal", literal: { kind: "number", value: Number(match[0]) } });
      rest = rest.slice(match[0].length);
    } else if ((match = WORD.exec(rest))) {
      const word = match[0];
      if (word === "true" || word === "false") tokens.push({ kind: "literal", literal: { kind: "boolean", value: word === "true" } });
      else if (word === "null") tokens.push({ kind: "literal", literal: { kind: "null" } });
      else tokens.push({ kind: "word", value: word });
      rest = rest.slice(word.length);
    } else {
      throw new ODataQueryError(`Syntax error at '${rest.slice(0, 20)}'.`);
    }
    rest = rest.trimStart();
  }
  return tokens;
}

/** Parses a $filter expression into a predicate over records. */
export function parseFilter(source: string, type?: EntityType): RecordPredicate {
  const tokens = tokenize(source);
  let position = 0;
  const peek = () => tokens[position];
  const isWord = (token: Token | undefined, word: string): boolean => token?.kind === "word" && token.value.toLowerCase() === word;
  const expectPunct = (value: "(" | ")" | ",") => {
    const token = tokens[position++];
    if (token?.kind !== "punct" || token.value !== value) throw new ODataQueryError(`Expected '${value}'.`);
  };

  const parseOr = (): Expression => {
    let left = parseAnd();
    while (isWord(peek(), "or")) {
      position++;
      left = { kind: "or", left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): Expression => {
    let left = parseUnary();
    while (isWord(peek(), "and")) {
      position++;
      left = { kind: "and", left, right: parseUnary() };
    }
    return left;
  };
  const parseUnary = (): Expression => {
    if (isWord(peek(), "not")) {
      position++;
      return { kind: "not", operand: parseUnary() };
    }
    const token = peek();
    if (token?.kind === "punct" && token.value === "(") {
      position++;
      const inner = parseOr();
      expectPunct(")");
      return inner;
    }
    if (token?.kind === "word" && FUNCTIONS.includes(token.value.toLowerCase() as (typeof FUNCTIONS)[number])) {
      position++;
      expectPunct("(");
      const path = parseOperand();
      expectPunct(",");
      const text = parseOperand();
      expectPunct(")");
      if (path.kind !== "path" || text.kind !== "string") throw new ODataQueryError(`${token.value} takes a property and a string.`);
      return { kind: "function", name: token.value.toLowerCase() as (typeof FUNCTIONS)[number], path: path.path, text: text.value };
    }
    const left = parseOperand();
    const op = tokens[position++];
    if (op?.kind !== "word" || !COMPARISONS.includes(op.value.toLowerCase() as Comparison)) {
      throw new ODataQueryError("Expected a comparison operator (eq, ne, gt, ge, lt, le).");
    }
    return { kind: "compare", op: op.value.toLowerCase() as Comparison, left, right: parseOperand() };
  };
  const parseOperand = (): Operand => {
    const token = tokens[position++];
    if (token?.kind === "literal") return token.literal;
    if (token?.kind === "word") {
      const path = token.value.split("/");
      checkProperty(path, type);
      return { kind: "path", path };
    }
    throw new ODataQueryError("Expected a property or a literal.");
  };

  const expression = parseOr();
  if (position !== tokens.length) throw new ODataQueryError("Unexpected text after the filter expression.");
  return compile(expression);
}

// Compiled to closures once per query rather than walking the tree for each record.
function compile(expression: Expression): RecordPredicate {
  switch (expression.kind) {
    case "and": {
      const left = compile(expression.left);
      const right = compile(expression.right);
      return (record) => left(record) && right(record);
    }
    case "or": {
      const left = compile(expression.left);
      const right = compile(expression.right);
      return (record) => left(record) || right(record);
    }
    case "not": {
      const operand = compile(expression.operand);
      return (record) => !operand(record);
    }
    case "function": {
      const { name, text } = expression;
      const get = getter(expression.path);
      return (record) => {
        const value = get(record);
        if (typeof value !== "string") return false;
        if (name === "contains") return value.includes(text);
        return name === "startswith" ? value.startsWith(text) : value.endsWith(text);
      };
    }
    case "compare":
      return compileComparison(expression.op, expression.left, expression.right);
  }
}

function getter(path: string[]): (record: Record<string, unknown>) => unknown {
  if (path.length === 1) return (record) => record[path[0]];
  return (record) => {
    let value: unknown = record;
    for (const segment of path) {
      if (value === null || typeof value !== "object") return undefined;
      value = (value as Record<string, unknown>)[segment];
    }
    return value;
  };
}

const isNull = (value: unknown) => value === null || value === undefined;

const ORDER_TESTS: Record<Comparison, (order: number) => boolean> = {
  eq: (order) => order === 0,
  ne: (order) => order !== 0,
  gt: (order) => order > 0,
  ge: (order) => order >= 0,
  lt: (order) => order < 0,
  le: (order) => order <= 0,
};

function compileComparison(op: Comparison, left: Operand, right: Operand): RecordPredicate {
  const valueOf = (operand: Operand) => (operand.kind === "path" ? getter(operand.path) : () => (operand.kind === "null" ? null : operand.value));
  const getLeft = valueOf(left);
  const getRight = valueOf(right);
  const test = ORDER_TESTS[op];
  // A datetime literal makes the other side a datetime too, compared as an instant in UTC.
  const asDatetime = left.kind === "datetime" || right.kind === "datetime";
  return (record) => {
    const a = getLeft(record);
    const b = getRight(record);
    if (isNull(a) || isNull(b)) {
      if (op === "eq") return isNull(a) && isNull(b);
      if (op === "ne") return isNull(a) !== isNull(b);
      return false;
    }
    if (!asDatetime) return test(compareValues(a, b));
    const instantA = canonicalDatetime(a);
    const instantB = canonicalDatetime(b);
    if (instantA === null || instantB === null) return false;
    return test(instantA < instantB ? -1 : instantA > instantB ? 1 : 0);
  };
}

/** Numbers numerically, everything else as text; null/undefined first. */
export function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  const textA = String(a);
  const textB = String(b);
  return textA < textB ? -1 : textA > textB ? 1 : 0;
}

const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$/;
const PARTS = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * `YYYY-MM-DDTHH:MM:SS.fffffffZ` in UTC — the API's own form, which sorts as
 * text in time order — or null when the value is not a datetime. A value
 * without an offset is taken as UTC.
 */
export function canonicalDatetime(value: unknown): string | null {
  if (typeof value !== "string") return null;
  if (CANONICAL.test(value)) return value;
  const parts = PARTS.exec(value);
  if (!parts) return null;
  const [, year, month, day, hour = "00", minute = "00", second = "00", fraction = "", zone = "Z"] = parts;
  const offsetMinutes = zone === "Z" ? 0 : (zone[0] === "-" ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  const ms = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)) - offsetMinutes * 60_000;
  if (Number.isNaN(ms)) return null;
  return `${new Date(ms).toISOString().slice(0, 19)}.${fraction.padEnd(7, "0")}Z`;
}

/** Parses `$orderby=field [asc|desc], …` into a comparator. */
export function parseOrderBy(source: string, type?: EntityType): (a: Record<string, unknown>, b: Record<string, unknown>) => number {
  const terms = source.split(",").map((term) => {
    const [field, direction = "asc", ...extra] = term.trim().split(/\s+/);
    if (!field || !WORD.test(field) || extra.length > 0 || !["asc", "desc"].includes(direction.toLowerCase())) {
      throw new ODataQueryError(`Invalid $orderby term '${term.trim()}'.`);
    }
    checkProperty(field.split("/"), type);
    return { get: getter(field.split("/")), sign: direction.toLowerCase() === "desc" ? -1 : 1 };
  });
  return (a, b) => {
    for (const { get, sign } of terms) {
      const result = compareValues(get(a), get(b)) * sign;
      if (result !== 0) return result;
    }
    return 0;
  };
}

/** Applies `$select=a,b` (top-level properties). */
export function parseSelect(source: string): (record: Record<string, unknown>) => Record<string, unknown> {
  const fields = source.split(",").map((field) => field.trim());
  if (fields.some((field) => !/^[A-Za-z_]\w*$/.test(field))) throw new ODataQueryError(`Invalid $select '${source}'.`);
  return (record) => Object.fromEntries(fields.filter((field) => field in record).map((field) => [field, record[field]]));
}
