import { api } from '../api/endpoints';
import { useQuery } from '../api/query';
import type { SubjectArea } from '../api/types';
import { messages } from '../messages';
import { groupUnitsByDistrict, type UnitGroup } from '../utils/units';

export interface Directory {
  groups: UnitGroup[];
  subjects: SubjectArea[];
}

async function loadDirectory(): Promise<Directory> {
  const [units, categories] = await Promise.all([api.units(), api.categories()]);
  return { groups: groupUnitsByDistrict(units.items, messages.file.unitCity), subjects: categories.items };
}

/** The public directory (units, subject areas): one cached answer for every screen that shows it. */
export function useDirectory(): { directory: Directory | null; error: unknown; reload: () => void } {
  const q = useQuery(['directory'], loadDirectory);
  return { directory: q.data ?? null, error: q.error, reload: () => void q.reload() };
}
