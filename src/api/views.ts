/**
 * A case detail arrives as one of two views (`view`): the petitioner's own (`PetitionerCaseDetailSchema`) or the
 * staff view (`StaffCaseDetailSchema`); the server picks it by who asks. Each app reads the one it is for; these
 * check the `view` tag instead of assuming it.
 */
import type { ActResult, CaseDetail, PetitionerCaseDetail, StaffCaseDetail } from './types';

export function petitionerView(d: CaseDetail): PetitionerCaseDetail {
  if (d.view !== 'petitioner') throw new Error('这里只能查看您本人提交的事项');
  return d;
}

export function staffView(d: CaseDetail): StaffCaseDetail {
  if (d.view !== 'staff') throw new Error('这里只能查看工作人员视图');
  return d;
}

/** An action's answer with its case (if the viewer still sees it) in the view `view` checks. */
export function actResultAs<V>(r: ActResult, view: (d: CaseDetail) => V) {
  return { ...r, case: r.case ? view(r.case) : null };
}
