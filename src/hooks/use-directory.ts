import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/endpoints';
import type { SubjectArea } from '../api/types';
import { messages } from '../messages';
import { groupUnitsByDistrict, type UnitGroup } from '../utils/units';

export interface Directory {
  groups: UnitGroup[];
  subjects: SubjectArea[];
}

/** The public directory (units, subject areas) changes rarely: fetched once per app run. */
let cache: Directory | null = null;

export function useDirectory(): { directory: Directory | null; error: unknown; reload: () => void } {
  const [directory, setDirectory] = useState<Directory | null>(cache);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    setError(null);
    Promise.all([api.units(), api.categories()])
      .then(([units, categories]) => {
        cache = {
          groups: groupUnitsByDistrict(units.items, messages.file.unitCity),
          subjects: categories.items,
        };
        setDirectory(cache);
      })
      .catch(setError);
  }, []);
  useEffect(() => {
    if (!cache) load();
  }, [load]);
  return { directory, error, reload: load };
}
