import { staffApi, type DuplicateHints, type RegisterCaseBody } from './api';

/**
 * Possible repeats of a matter about to be registered (第十九条第三款), asked of the server before saving:
 * the same petitioner (phone / ID number, matched through the server's PII index) or the same matter,
 * plus what registering now would mean (new, in progress, repeat, final after 复核).
 */
export function findDuplicates(body: RegisterCaseBody): Promise<DuplicateHints> {
  return staffApi.duplicates({
    ...(body.petitioner.phone ? { phone: body.petitioner.phone } : {}),
    ...(body.petitioner.idNumber ? { idNumber: body.petitioner.idNumber } : {}),
    title: body.title,
    request: body.request,
  });
}
