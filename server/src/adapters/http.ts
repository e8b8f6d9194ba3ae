/**
 * The one outbound HTTP helper of the adapters: Node's fetch (undici) with a hard timeout. Errors never
 * carry the URL: WeChat's code2Session puts the app secret and the login code in the query string.
 */
export class UpstreamError extends Error {
  constructor(
    readonly reason: 'timeout' | 'network' | 'status' | 'body',
    readonly status?: number,
  ) {
    super(`upstream ${reason}${status ? ` ${status}` : ''}`);
  }
}

export interface UpstreamResponse {
  status: number;
  json: unknown;
}

export async function fetchJson(
  url: string,
  init: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string },
  timeoutMs: number,
): Promise<UpstreamResponse> {
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
    // The timeout covers the body too: a server that stalls mid-body must not hang a login.
    text = await res.text();
  } catch (err) {
    const name = (err as { name?: string }).name;
    throw new UpstreamError(name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network');
  }
  if (res.status >= 500) throw new UpstreamError('status', res.status);
  try {
    // WeChat answers JSON with text/plain at times: parse the text whatever the content type says.
    return { status: res.status, json: JSON.parse(text) as unknown };
  } catch {
    throw new UpstreamError('body', res.status);
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
