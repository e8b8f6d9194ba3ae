/**
 * The typed endpoint: method, path and — as types only — the server's TypeBox schemas for the response, the
 * body and the query (server/src/contracts). A call's request and response types come from those schemas;
 * nothing of TypeBox or the server reaches the bundle (type-only imports). Pure: no Taro, so the server's
 * test suite can read the tables and check every endpoint against its route table.
 */
import type { Static, TSchema } from 'typebox';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The contract schemas of one endpoint. */
export interface Shapes {
  res: TSchema;
  body?: TSchema;
  query?: TSchema;
}

type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<Rest>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** `/api/cases/:id/documents/:docId` → `{ id: string | number; docId: string | number }`. */
export type PathParams<P extends string> = { [K in ParamNames<P>]: string | number };

export interface EndpointOptions {
  /** 'none': login and public directory calls never send the session token. */
  auth?: 'session' | 'none';
  timeoutMs?: number;
}

export interface Endpoint<P extends string = string, S extends Shapes = Shapes> extends EndpointOptions {
  readonly method: HttpMethod;
  readonly path: P;
  /** Types only, never set: the contract schemas this endpoint answers with and accepts. */
  readonly shapes?: S;
}

/** A path the client opens rather than calls (PDFs, attachments, downloads): no JSON types. */
export interface Link<P extends string = string> {
  readonly method: 'GET';
  readonly path: P;
}

export type ResponseOf<E> = E extends Endpoint<string, infer S> ? Static<S['res']> : never;
export type BodyOf<E> =
  E extends Endpoint<string, infer S> ? (S['body'] extends TSchema ? Static<S['body']> : undefined) : never;
export type QueryOf<E> =
  E extends Endpoint<string, infer S> ? (S['query'] extends TSchema ? Static<S['query']> : undefined) : never;

/** What a call of `E` needs: its path parameters, its body and its query, each only where it has one. */
export type CallInput<E> =
  E extends Endpoint<infer P, Shapes>
    ? ([ParamNames<P>] extends [never] ? { params?: undefined } : { params: PathParams<P> }) &
        (BodyOf<E> extends undefined ? { body?: undefined } : { body: BodyOf<E> }) &
        (QueryOf<E> extends undefined ? { query?: undefined } : { query?: QueryOf<E> }) & {
          baseUrl?: string;
          timeoutMs?: number;
        }
    : never;

/**
 * `endpoint<{ res: typeof CaseDetailSchema }>()('GET', '/api/cases/:id')`. Curried so the path's literal
 * type is inferred while the schemas are named.
 */
export function endpoint<S extends Shapes>() {
  return <const P extends string>(
    method: HttpMethod,
    path: P,
    options: EndpointOptions = {},
  ): Endpoint<P, S> => ({
    method,
    path,
    ...options,
  });
}

export function link<const P extends string>(path: P): Link<P> {
  return { method: 'GET', path };
}

/** Fills `:name` segments (URL-encoded). */
export function fillPath(path: string, params: Record<string, string | number> = {}): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${path}`);
    return encodeURIComponent(String(value));
  });
}

/** Drops empty filters so a query string carries only what was chosen. */
export function compact(query: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  );
}
