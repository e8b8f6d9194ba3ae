import { request } from './request';

/** Shape of `GET /api/health`. */
export interface HealthResponse {
  status: string;
  db?: { state?: string };
}

/** Every HTTP endpoint the client calls, in one table. */
export const endpoints = {
  health: { method: 'GET', path: '/api/health' },
} as const;

export const api = {
  health: () => request<HealthResponse>(endpoints.health.path, { method: endpoints.health.method }),
};

/** The service is usable only when the API and its database both say so. */
export function isHealthy(health: HealthResponse): boolean {
  return health.status === 'ok' && health.db?.state === 'up';
}
