import Taro from '@tarojs/taro';
import {
  compact,
  fillPath,
  type CallInput,
  type Endpoint,
  type HttpMethod,
  type ResponseOf,
} from './endpoint';
import { httpError, transportError, type ApiError } from './errors';
import { AUTH_REQUIRED_EVENT, canRelogin, clearSession, getToken, relogin } from './session';

export type { HttpMethod };

export interface RequestOptions {
  method?: HttpMethod;
  /** Query string for GET, JSON body otherwise. */
  data?: object;
  header?: Record<string, string>;
  timeoutMs?: number;
  /** Overrides the build-time API_BASE (tests, tools). */
  baseUrl?: string;
  /**
   * 'session' (default): send the stored session token, and on a 401 drop it — re-login silently and retry
   * once where the platform can (mini-program), otherwise ask the resident to log in.
   * 'none': never send a token (login endpoints, public directory).
   */
  auth?: 'session' | 'none';
}

/** A raw answer: the status and the parsed body, whatever the status. */
export interface RawResponse {
  statusCode: number;
  data: unknown;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Runs one call with the session's token and the 401 rule. `send` does the transport (JSON request or
 * multipart upload) and resolves with the raw answer; transport failures reject.
 */
export async function withSession(
  auth: 'session' | 'none',
  send: (authHeader: Record<string, string>) => Promise<RawResponse>,
): Promise<RawResponse> {
  const headerFor = (token: string | null): Record<string, string> =>
    token ? { Authorization: `Bearer ${token}` } : {};
  const sent = auth === 'session' ? getToken() : null;
  let response = await send(headerFor(sent));
  if (response.statusCode !== 401 || auth === 'none') return response;

  // The session is gone (expired, revoked) or there never was one.
  if (sent && getToken() === sent) clearSession();
  if (canRelogin()) {
    // A slow 401 may arrive after another request already signed in again: use that token, no second login.
    const current = getToken();
    let fresh: string | null = current && current !== sent ? current : null;
    if (!fresh) {
      try {
        fresh = await relogin();
      } catch {
        fresh = null;
      }
    }
    if (fresh) response = await send(headerFor(fresh));
  }
  if (response.statusCode === 401) Taro.eventCenter.trigger(AUTH_REQUIRED_EVENT);
  return response;
}

async function sendJson(
  path: string,
  options: RequestOptions,
  authHeader: Record<string, string>,
): Promise<RawResponse> {
  const { method = 'GET', data, header, timeoutMs = DEFAULT_TIMEOUT_MS, baseUrl = API_BASE } = options;
  try {
    // wx.request resolves for every HTTP status; only transport failures reject.
    const res = await Taro.request<TaroGeneral.IAnyObject>({
      url: `${baseUrl}${path}`,
      method,
      data,
      header: {
        Accept: 'application/json',
        'Content-Type': 'application/json',
        ...authHeader,
        ...header,
      },
      dataType: 'json',
      timeout: timeoutMs,
    });
    return { statusCode: res.statusCode, data: res.data };
  } catch (err) {
    throw transportError(err);
  }
}

/** Throws the ApiError for a non-2xx answer. */
export function ensureOk(response: RawResponse): RawResponse {
  const { statusCode } = response;
  if (statusCode < 200 || statusCode >= 300) throw httpError(statusCode, response.data) as ApiError;
  return response;
}

/**
 * The one way the client talks to the server: JSON over Taro.request (wx.request in the mini-program,
 * fetch on H5). Resolves with the parsed body of a 2xx answer; everything else rejects with an ApiError.
 */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return (await requestRaw(path, options)).data as T;
}

/** Like `request`, but also gives the status (201 created vs 200 replayed). */
export async function requestRaw(path: string, options: RequestOptions = {}): Promise<RawResponse> {
  const response = await withSession(options.auth ?? 'session', (authHeader) =>
    sendJson(path, options, authHeader),
  );
  return ensureOk(response);
}

/** A call's input as the wrapper sees it; `CallInput<E>` is its typed face. */
interface AnyInput {
  params?: Record<string, string | number>;
  body?: unknown;
  query?: object;
  baseUrl?: string;
  timeoutMs?: number;
}

function optionsFor(ep: Endpoint, input: AnyInput): RequestOptions {
  const data = ep.method === 'GET' ? (input.query ? compact(input.query) : undefined) : (input.body ?? {});
  return {
    method: ep.method,
    data: data as object,
    auth: ep.auth,
    timeoutMs: input.timeoutMs ?? ep.timeoutMs,
    baseUrl: input.baseUrl,
  };
}

type Args<E> = object extends CallInput<E> ? [input?: CallInput<E>] : [input: CallInput<E>];

/**
 * Calls one endpoint of the typed table: the input (path parameters, body, query) and the answer have the
 * types of the server's contract schemas. The answer is trusted to match its schema (the server's response
 * schema filters every field it sends); `request` is the one place that says so.
 */
export function call<E extends Endpoint>(ep: E, ...args: Args<E>): Promise<ResponseOf<E>>;
export async function call(ep: Endpoint, input: AnyInput = {}): Promise<unknown> {
  return (await send(ep, input)).data;
}

/** Like `call`, with the status (201 created vs 200 replayed). */
export function callRaw<E extends Endpoint>(
  ep: E,
  ...args: Args<E>
): Promise<{ status: number; data: ResponseOf<E> }>;
export async function callRaw(
  ep: Endpoint,
  input: AnyInput = {},
): Promise<{ status: number; data: unknown }> {
  return send(ep, input);
}

async function send(ep: Endpoint, input: AnyInput): Promise<{ status: number; data: unknown }> {
  const res = await requestRaw(fillPath(ep.path, input.params), optionsFor(ep, input));
  return { status: res.statusCode, data: res.data };
}
