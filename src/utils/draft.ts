import { api } from '../api/endpoints';
import type { Category, FileCaseBody, FileResult } from '../api/types';
import { messages } from '../messages';
import { STORAGE_KEYS, readJson, remove, writeJson } from './storage';
import { uuid } from './uuid';
import { LIMITS, charCount, checkText } from './validation';

/**
 * The filing form in progress. Written to storage on every change, so a lost connection, a closed app or
 * a crash loses nothing; its idempotency key is made once, with the draft, and sent with every attempt, so
 * submitting twice (a retry after a timeout, a double tap) still makes one case — the server answers 201
 * the first time and 200 `replayed` after that.
 */
export const DRAFT_STEPS = ['category', 'unit', 'content', 'evidence', 'review'] as const;
export type DraftStep = (typeof DRAFT_STEPS)[number];

export interface DraftPhoto {
  /** Attachment id from `POST /api/attachments`. */
  id: string;
  /** Local path (temp file / blob URL) for the thumbnail; may no longer exist after a restart. */
  path: string;
  name?: string;
  uploadedAt: string;
}

export interface FilingDraft {
  version: 1;
  idempotencyKey: string;
  createdAt: string;
  updatedAt: string;
  step: number;
  category: Category | null;
  targetUnitId: string | null;
  subjectCode: string | null;
  accusedUnitId: string | null;
  accusedNames: string[];
  title: string;
  facts: string;
  request: string;
  reasons: string;
  address: string;
  lat: number | null;
  lng: number | null;
  photos: DraftPhoto[];
  /** How many times submitting was tried with this key (a retry shows the "only once" reassurance). */
  attempts: number;
}

export type DraftField =
  'category' | 'targetUnitId' | 'accused' | 'title' | 'facts' | 'request' | 'reasons' | 'address' | 'photos';

export type DraftErrors = Partial<Record<DraftField, string>>;

/** The server purges an upload not filed within 24 hours; an hour of margin for slow submissions. */
export const PHOTO_MAX_AGE_MS = 23 * 3_600_000;

export function newDraft(now: Date = new Date()): FilingDraft {
  const at = now.toISOString();
  return {
    version: 1,
    idempotencyKey: uuid(),
    createdAt: at,
    updatedAt: at,
    step: 0,
    category: null,
    targetUnitId: null,
    subjectCode: null,
    accusedUnitId: null,
    accusedNames: [],
    title: '',
    facts: '',
    request: '',
    reasons: '',
    address: '',
    lat: null,
    lng: null,
    photos: [],
    attempts: 0,
  };
}

function isDraft(value: unknown): value is FilingDraft {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<FilingDraft>;
  return (
    v.version === 1 &&
    typeof v.idempotencyKey === 'string' &&
    typeof v.title === 'string' &&
    typeof v.facts === 'string' &&
    typeof v.request === 'string' &&
    Array.isArray(v.photos) &&
    Array.isArray(v.accusedNames)
  );
}

export interface LoadedDraft {
  draft: FilingDraft;
  /** Photos dropped because their uploads have expired on the server. */
  expiredPhotos: number;
}

/** The saved draft, without photos whose uploads the server has (or is about to have) purged. */
export function loadDraft(now: Date = new Date()): LoadedDraft | null {
  const stored = readJson(STORAGE_KEYS.draft, isDraft);
  if (!stored) return null;
  const fresh = stored.photos.filter((p) => now.getTime() - Date.parse(p.uploadedAt) < PHOTO_MAX_AGE_MS);
  const draft = { ...newDraft(now), ...stored, photos: fresh };
  const expiredPhotos = stored.photos.length - fresh.length;
  if (expiredPhotos > 0) saveDraft(draft, now);
  return { draft, expiredPhotos };
}

export function saveDraft(draft: FilingDraft, now: Date = new Date()): FilingDraft {
  const saved = { ...draft, updatedAt: now.toISOString() };
  writeJson(STORAGE_KEYS.draft, saved);
  return saved;
}

export function clearDraft(): void {
  remove(STORAGE_KEYS.draft);
}

/** Whether the resident has typed or chosen anything worth restoring. */
export function hasContent(d: FilingDraft): boolean {
  return (
    d.category !== null ||
    d.title.trim() !== '' ||
    d.facts.trim() !== '' ||
    d.request.trim() !== '' ||
    d.photos.length > 0
  );
}

// ----------------------------------------------------------------------------------------------- checks

const f = messages.file;

export function validateStep(d: FilingDraft, step: DraftStep): DraftErrors {
  const e: DraftErrors = {};
  const v = messages.validation;
  switch (step) {
    case 'category':
      if (!d.category) e.category = v.categoryRequired;
      break;
    case 'unit':
      if (!d.targetUnitId) e.targetUnitId = v.unitRequired;
      if (d.category === 'accusation') {
        const names = d.accusedNames.map((n) => n.trim()).filter(Boolean);
        if (!d.accusedUnitId && names.length === 0) e.accused = v.accusedRequired;
        else if (names.length > LIMITS.accusedNames.max)
          e.accused = v.tooMany(f.accusedNames, LIMITS.accusedNames.max);
        else {
          const long = names.find((n) => charCount(n) > LIMITS.accusedName.max);
          if (long) e.accused = v.tooLong(f.accusedNames, LIMITS.accusedName.max, charCount(long));
        }
      }
      break;
    case 'content': {
      const title = checkText(f.titleLabel, d.title, LIMITS.title);
      const facts = checkText(f.factsLabel, d.facts, LIMITS.facts);
      const request = checkText(f.requestLabel, d.request, LIMITS.request);
      const reasons = checkText(f.reasonsLabel, d.reasons, LIMITS.reasons);
      if (title) e.title = title;
      if (facts) e.facts = facts;
      if (request) e.request = request;
      if (reasons) e.reasons = reasons;
      break;
    }
    case 'evidence': {
      const address = checkText(f.addressLabel, d.address, LIMITS.address);
      if (address) e.address = address;
      if (d.photos.length > LIMITS.attachments.max) e.photos = f.photosMax;
      break;
    }
    case 'review':
      break;
  }
  return e;
}

/** The first step with a problem, or null when the whole draft can be submitted. */
export function firstInvalidStep(d: FilingDraft): { step: number; errors: DraftErrors } | null {
  for (let i = 0; i < DRAFT_STEPS.length; i++) {
    const errors = validateStep(d, DRAFT_STEPS[i]!);
    if (Object.keys(errors).length > 0) return { step: i, errors };
  }
  return null;
}

/** The body of `POST /api/cases` (server/src/contracts/cases.ts FileCaseBodySchema). */
export function toFileCaseBody(d: FilingDraft): FileCaseBody {
  if (!d.targetUnitId) throw new Error('draft has no target unit');
  const reasons = d.reasons.trim();
  const address = d.address.trim();
  const names = d.accusedNames.map((n) => n.trim()).filter(Boolean);
  const accused =
    d.category === 'accusation'
      ? {
          ...(d.accusedUnitId ? { unitId: d.accusedUnitId } : {}),
          ...(names.length ? { names } : {}),
        }
      : undefined;
  return {
    idempotencyKey: d.idempotencyKey,
    targetUnitId: d.targetUnitId,
    ...(d.category ? { proposedCategory: d.category } : {}),
    ...(accused ? { accused } : {}),
    title: d.title.trim(),
    request: d.request.trim(),
    facts: d.facts.trim(),
    ...(reasons ? { reasons } : {}),
    ...(d.subjectCode ? { subjectCode: d.subjectCode } : {}),
    ...(address
      ? {
          location: {
            address,
            ...(d.lat !== null && d.lng !== null ? { lat: d.lat, lng: d.lng } : {}),
          },
        }
      : {}),
    ...(d.photos.length ? { attachmentIds: d.photos.map((p) => p.id) } : {}),
  };
}

export interface SubmitOutcome {
  result: FileResult;
  /** 201 created, 200 replayed (this key was filed before). */
  status: number;
}

/**
 * Files the draft. The attempt is recorded in storage before the request leaves, and the draft (with its
 * key) stays until the server has answered with the case: a failure of any kind — lost connection,
 * timeout, a 5xx, a refusal — leaves it in place for another try with the same key. Only success clears it.
 */
export async function submitDraft(
  draft: FilingDraft,
  options: { baseUrl?: string } = {},
): Promise<SubmitOutcome> {
  saveDraft({ ...draft, attempts: draft.attempts + 1 });
  const { status, result } = await api.fileCase(toFileCaseBody(draft), options);
  clearDraft();
  return { status, result };
}
