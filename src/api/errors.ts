import { messages } from '../messages';

export type ApiErrorKind = 'network' | 'timeout' | 'http';

/** Every failed call surfaces as this error: a kind, the HTTP status if any, and a message a resident can read. */
export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status?: number;
  /** Machine-readable code from the server body, when it sent one. */
  readonly code?: string;

  constructor(
    kind: ApiErrorKind,
    message: string,
    options: { status?: number; code?: string; cause?: unknown } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.kind = kind;
    this.status = options.status;
    this.code = options.code;
    if (options.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

export function messageForStatus(status: number): string {
  const e = messages.errors;
  switch (status) {
    case 400:
      return e.badRequest;
    case 401:
      return e.unauthorized;
    case 403:
      return e.forbidden;
    case 404:
      return e.notFound;
    case 409:
      return e.conflict;
    case 422:
      return e.ruleViolation;
    case 429:
      return e.tooManyRequests;
    default:
      return status >= 500 ? e.server : e.unknown;
  }
}

/** weapp reports timeouts as `request:fail timeout`; H5 aborts the fetch (AbortError). */
export function isTimeoutFailure(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { errMsg, message, name } = err as { errMsg?: unknown; message?: unknown; name?: unknown };
  const text = `${typeof errMsg === 'string' ? errMsg : ''} ${typeof message === 'string' ? message : ''}`;
  return name === 'AbortError' || /timeout|timed out|aborted/i.test(text);
}
