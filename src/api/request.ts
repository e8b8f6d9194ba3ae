import Taro from '@tarojs/taro';
import { messages } from '../messages';
import { ApiError, isTimeoutFailure, messageForStatus } from './errors';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  method?: HttpMethod;
  /** Query string for GET, JSON body otherwise. */
  data?: Record<string, unknown>;
  header?: Record<string, string>;
  timeoutMs?: number;
  /** Overrides the build-time API_BASE (tests, tools). */
  baseUrl?: string;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

function serverCode(body: unknown): string | undefined {
  if (typeof body === 'object' && body !== null) {
    const code = (body as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/**
 * The one way the client talks to the server: JSON over Taro.request (wx.request in the mini-program,
 * fetch on H5). Resolves with the parsed body of a 2xx answer; everything else rejects with an ApiError.
 */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', data, header, timeoutMs = DEFAULT_TIMEOUT_MS, baseUrl = API_BASE } = options;
  // wx.request resolves for every HTTP status; only transport failures reject.
  let response: Taro.request.SuccessCallbackResult<TaroGeneral.IAnyObject>;
  try {
    response = await Taro.request<TaroGeneral.IAnyObject>({
      url: `${baseUrl}${path}`,
      method,
      data,
      header: { Accept: 'application/json', 'Content-Type': 'application/json', ...header },
      dataType: 'json',
      timeout: timeoutMs,
    });
  } catch (err) {
    if (isTimeoutFailure(err)) throw new ApiError('timeout', messages.errors.timeout, { cause: err });
    throw new ApiError('network', messages.errors.network, { cause: err });
  }
  const status = response.statusCode;
  if (status < 200 || status >= 300) {
    throw new ApiError('http', messageForStatus(status), { status, code: serverCode(response.data) });
  }
  return response.data as T;
}
