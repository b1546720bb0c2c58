/** A failure the caller can act on; the API layer turns it into the matching tRPC/HTTP error. */
export type AppErrorCode = "BAD_REQUEST" | "NOT_FOUND" | "CONFLICT" | "FORBIDDEN" | "PRECONDITION_FAILED";

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "AppError";
  }
}

/** What a database driver's error carries besides its message (node-postgres and PGlite alike). */
interface DatabaseErrorFields {
  code?: unknown;
  detail?: unknown;
  constraint?: unknown;
  table?: unknown;
}

/** node-postgres names refused or dropped connections by errno; Postgres by SQLSTATE class 08 and 57P. */
const UNAVAILABLE_ERRNOS = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN"]);

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current && chain.length < 10 && !chain.includes(current)) {
    chain.push(current);
    current = current instanceof Error ? current.cause : undefined;
  }
  return chain;
}

function errorCode(error: unknown): string | undefined {
  const code = (error as DatabaseErrorFields | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** A SQLSTATE is five digits or capitals (23505, 08006, 57P01); errnos and AppError codes are longer. */
function sqlState(error: unknown): string | undefined {
  const code = errorCode(error);
  return code && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/**
 * An error as a person should read it in a job row, a log line or the job screen: the database's
 * own message, SQLSTATE and detail when a query failed. Drizzle wraps driver errors as
 * "Failed query: <SQL> params: <values>", text that can hold personal data and hides the cause,
 * so the wrapper's message is dropped in favour of what it wraps.
 */
export function describeError(error: unknown): string {
  const chain = causes(error);
  const database = chain.find((e) => e instanceof Error && sqlState(e) !== undefined) as (Error & DatabaseErrorFields) | undefined;
  if (database) {
    const detail = typeof database.detail === "string" && database.detail ? `: ${database.detail}` : "";
    return `${database.message} (SQLSTATE ${sqlState(database)})${detail}`;
  }
  const readable = chain.find((e) => e instanceof Error && !e.message.startsWith("Failed query:"));
  if (readable instanceof Error) return readable.message;
  if (error instanceof Error) return error.message.startsWith("Failed query:") ? "A database query failed" : error.message;
  return String(error);
}

/** True when the database could not be reached (down, restarting, refusing connections): worth a retry later. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return causes(error).some((e) => {
    if (e instanceof Error && /Connection terminated|connection is closed|connection error|timeout exceeded when trying to connect/i.test(e.message)) return true;
    const errno = errorCode(e);
    if (errno && UNAVAILABLE_ERRNOS.has(errno)) return true;
    const code = sqlState(e);
    if (!code) return false;
    return code.startsWith("08") || code === "57P01" || code === "57P02" || code === "57P03";
  });
}

const MAX_CAUSES = 6;
const MAX_FRAMES = 8;

/**
 * What the log may say about an unexpected error: class names, SQLSTATE, constraint and table
 * (schema names, not data) and stack frames. The messages of query and database errors are left
 * out, because they carry the SQL text, its parameters (e-mail, names, password hashes) or the
 * offending value ("invalid input syntax for type uuid: ...").
 */
export function describeErrorForLog(error: unknown): string {
  const parts: string[] = [];
  let frames: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < MAX_CAUSES && current instanceof Error; depth++) {
    const e = current as Error & { code?: unknown; constraint?: unknown; table?: unknown; query?: unknown; params?: unknown };
    if (e.name === "TRPCError") {
      parts.push(String(e.code));
    } else if (sqlState(e) !== undefined) {
      const where = [typeof e.constraint === "string" ? `constraint ${e.constraint}` : "", typeof e.table === "string" ? `table ${e.table}` : ""];
      parts.push([`${e.name} SQLSTATE ${e.code}`, ...where].filter(Boolean).join(" "));
    } else if ("query" in e || "params" in e) {
      parts.push(`${e.name} (query text and parameters withheld)`);
    } else {
      parts.push(`${e.name}: ${(e.message.split("\n")[0] ?? "").slice(0, 200)}`);
    }
    if (frames.length === 0 && e.name !== "TRPCError" && e.stack) {
      frames = e.stack.split("\n").filter((line) => /^\s+at /.test(line)).slice(0, MAX_FRAMES);
    }
    current = e.cause;
  }
  if (parts.length === 0) parts.push(`non-error value of type ${typeof error}`);
  return [parts.join(" <- "), ...frames].join("\n");
}
