/**
 * Refusals: what a rule answers when it forbids an action (the article that forbids it, Chinese words for the
 * user, a stable code for machines).
 */
import type { Refusal } from './case-model';

export function refuse(code: string, rule: string, article: string, message: string): Refusal {
  return { ok: false, code, rule, article, message };
}
