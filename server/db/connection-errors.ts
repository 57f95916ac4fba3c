/**
 * Tells a database that is not answering (stopped, restarting, unreachable, out of connections)
 * from a query that failed on its own merits, so that the API can say 503 "try again" instead of
 * 500 "something broke". pg reports the first with a socket error code, a server error class 08
 * (connection exception) or 57P (operator intervention: shutting down, starting up), 53300 (too
 * many connections), or one of its own messages when a connection is cut or cannot be made in time.
 */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);
const SERVER_CODES = /^(08\w{3}|57P0[1-4]|53300)$/;
const POOL_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Cannot use a pool after calling end/;

/** True when `error` (or what caused it) is a request pool refusing a caller because its queue is full. */
export function isPoolSaturated(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 5) return false;
  if ((error as { code?: unknown }).code === 'pool_saturated') return true;
  return isPoolSaturated(error.cause, depth + 1);
}

/** True when `error` (or what caused it) says the database cannot be reached right now. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 5) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || SERVER_CODES.test(code))) return true;
  if (POOL_MESSAGES.test(error.message)) return true;
  // Node reports a refused connection to every address of a host as an AggregateError.
  if (error instanceof AggregateError && error.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(error.cause, depth + 1);
}
