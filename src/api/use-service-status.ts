import { api, isHealthy } from './endpoints';
import { useQuery } from './query';

export type ServiceStatus = 'checking' | 'ok' | 'down';

/** Whether the server (and its database) is up, asked again each time the page is shown. */
export function useServiceStatus(): ServiceStatus {
  const { data, error } = useQuery(['health'], () => api.health());
  if (error) return 'down';
  if (!data) return 'checking';
  return isHealthy(data) ? 'ok' : 'down';
}
