import { useEffect, useState } from 'react';
import { api, isHealthy } from './endpoints';

export type ServiceStatus = 'checking' | 'ok' | 'down';

/** Asks the server once per mount whether it (and its database) is up. */
export function useServiceStatus(): ServiceStatus {
  const [status, setStatus] = useState<ServiceStatus>('checking');
  useEffect(() => {
    let active = true;
    api
      .health()
      .then((health) => active && setStatus(isHealthy(health) ? 'ok' : 'down'))
      .catch(() => active && setStatus('down'));
    return () => {
      active = false;
    };
  }, []);
  return status;
}
