import { staffApi, type RegisterCaseBody } from './api';

export interface DuplicateHint {
  id: string;
  number: string;
  title: string;
  state: string;
  /** samePerson | sameMatter | inProgress */
  relation: string;
}

const OPEN = 'submitted,registered,transferred,objected,accepted,replied,reviewing,reviewed,rechecking';

/**
 * Possible repeats of a matter about to be registered (第十九条第三款), shown before saving. Searches the
 * cases this clerk may see for the same title words among open cases.
 */
export async function findDuplicates(body: RegisterCaseBody): Promise<DuplicateHint[]> {
  const q = body.title.slice(0, 12);
  const page = await staffApi.cases({ q, state: OPEN, limit: 10, sort: 'newest' });
  return page.items.map((c) => ({
    id: c.id,
    number: c.number,
    title: c.title,
    state: c.state,
    relation: 'sameMatter',
  }));
}
