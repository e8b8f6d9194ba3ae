import type { Directory } from '../hooks/use-directory';

/** A unit's full name from the public directory; its code while the directory loads or if unknown. */
export function unitNameOf(directory: Directory | null, id: string | null | undefined): string {
  if (!id) return '';
  for (const g of directory?.groups ?? []) {
    const u = g.units.find((x) => x.id === id);
    if (u) return u.name;
  }
  return id;
}
