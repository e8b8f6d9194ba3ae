import { STORAGE_KEYS, readJson, writeJson } from './storage';

/**
 * The resident's agreement to the personal-information notice (PIPL), kept on the device. A new version of
 * the notice (more data, other purposes) asks again.
 */
export const CONSENT_VERSION = 1;

export interface ConsentRecord {
  version: number;
  at: string;
}

function isConsent(value: unknown): value is ConsentRecord {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<ConsentRecord>;
  return typeof v.version === 'number' && typeof v.at === 'string';
}

export function getConsent(): ConsentRecord | null {
  const c = readJson(STORAGE_KEYS.consent, isConsent);
  return c && c.version >= CONSENT_VERSION ? c : null;
}

export function hasConsent(): boolean {
  return getConsent() !== null;
}

export function giveConsent(now: Date = new Date()): ConsentRecord {
  const record = { version: CONSENT_VERSION, at: now.toISOString() };
  writeJson(STORAGE_KEYS.consent, record);
  return record;
}
