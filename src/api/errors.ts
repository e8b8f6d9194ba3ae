import { messages } from '../messages';

export type ApiErrorKind = 'network' | 'timeout' | 'http';

/** Every failed call surfaces as this error: a kind, the HTTP status if any, and a message a resident can read. */
export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status?: number;
  /** Machine-readable code from the server body, when it sent one. */
  readonly code?: string;
  /** The article of the regulation behind a refusal (422), e.g. 《信访工作条例》第三十五条. */
  readonly article?: string;
  /** The server's request id (quote it when asking for help). */
  readonly requestId?: string;

  constructor(
    kind: ApiErrorKind,
    message: string,
    options: { status?: number; code?: string; article?: string; requestId?: string; cause?: unknown } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.kind = kind;
    this.status = options.status;
    this.code = options.code;
    this.article = options.article;
    this.requestId = options.requestId;
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
    case 413:
      return e.tooLarge;
    case 415:
      return e.unsupportedFile;
    case 422:
      return e.ruleViolation;
    case 429:
      return e.tooManyRequests;
    default:
      return status >= 500 ? e.server : e.unknown;
  }
}

const HAN = /[\u4e00-\u9fff]/;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/**
 * The error for a non-2xx answer. The server's own message is shown when it is one written for people
 * (Chinese, status below 500: validation, refusals with their article, conflicts); anything else — English
 * framework text, or a 5xx, which says only "internal error" — gets our plain message for the status.
 */
export function httpError(status: number, body: unknown): ApiError {
  const b = (typeof body === 'object' && body !== null ? body : {}) as {
    code?: unknown;
    message?: unknown;
    requestId?: unknown;
    details?: { article?: unknown };
  };
  const serverMessage = text(b.message);
  const useServer = status < 500 && serverMessage !== undefined && HAN.test(serverMessage);
  return new ApiError('http', useServer ? serverMessage : messageForStatus(status), {
    status,
    code: text(b.code),
    article: text(b.details?.article),
    requestId: text(b.requestId),
  });
}

/** weapp reports timeouts as `request:fail timeout`; H5 aborts the fetch (AbortError). */
export function isTimeoutFailure(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { errMsg, message, name } = err as { errMsg?: unknown; message?: unknown; name?: unknown };
  const text = `${typeof errMsg === 'string' ? errMsg : ''} ${typeof message === 'string' ? message : ''}`;
  return name === 'AbortError' || /timeout|timed out|aborted/i.test(text);
}

export function transportError(err: unknown): ApiError {
  if (isTimeoutFailure(err)) return new ApiError('timeout', messages.errors.timeout, { cause: err });
  return new ApiError('network', messages.errors.network, { cause: err });
}

/** A message for anything a page caught: ApiErrors carry their own; the rest get the generic one. */
export function errorMessage(err: unknown): string {
  return isApiError(err) ? err.message : messages.errors.unknown;
}

/** True when retrying the same call later may succeed (the request may or may not have reached the server). */
export function isRetryable(err: unknown): boolean {
  return isApiError(err) && (err.kind !== 'http' || (err.status !== undefined && err.status >= 500));
}
