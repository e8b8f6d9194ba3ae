/**
 * The catalogue of refusals: every code with which a rule of the domain refuses, the rule in a few words
 * (English, for logs) and how an API answers it. A refusal carries the article that forbids the action and
 * Chinese words for the user, written where the rule is checked; the code is one of these, so a service that
 * reacts to a code is checked by the compiler.
 *
 * Answers: `hidden` — the system behaves as if the case did not exist (DOMAIN.md §5: 第三十条第三款 and
 * 第二十八条第三款; a 404 like a missing case); `forbidden` — the actor may see the case but their role or relation
 * grants no such action (403); `rule` — a rule of the regulation or the profile forbids it now (422 with the
 * article).
 */

export type RefusalAnswer = 'hidden' | 'forbidden' | 'rule';

interface CatalogueEntry {
  rule: string;
  answer?: Exclude<RefusalAnswer, 'rule'>;
}

export const REFUSALS = {
  // Who may learn of a case and act on it
  FORBIDDEN: { rule: 'the role, scope or relation grants no such action', answer: 'forbidden' },
  RECUSED: { rule: 'staff with a direct interest are excluded', answer: 'hidden' },
  ACCUSED_PERSON: { rule: 'accusation material never reaches the accused', answer: 'hidden' },
  ACCUSED_UNIT: {
    rule: 'accusation material never reaches the accused unit, the accused persons’ units or units under them',
    answer: 'hidden',
  },
  PROFILE_MISMATCH: { rule: 'a case keeps the profile it started under' },
  ILLEGAL_TRANSITION: { rule: 'the transition table has no row for this action from this state' },
  CASE_FINAL: { rule: 'a case is final after 复核' },
  CASE_CLOSED: { rule: 'no material once the case is closed' },

  // Opening a case
  CONSENT_REQUIRED: { rule: 'a grid worker files with recorded consent' },
  SUBJECT_REQUIRED: { rule: 'state the request' },
  RECEIVED_IN_FUTURE: { rule: 'receipt cannot be in the future' },
  CLASSIFICATION_REQUIRED: { rule: 'a clerk classifies on registration' },
  BAD_REPRESENTATIVES: { rule: 'representatives are distinct, non-empty names' },
  TOO_MANY_REPRESENTATIVES: { rule: 'at most 5 representatives for a group visit' },
  UNKNOWN_UNIT: { rule: 'the unit named must exist' },
  UNKNOWN_TIER: { rule: 'the tier must be defined by the profile' },

  // 检举控告 (第三十条第三款)
  ACCUSED_REQUIRED: { rule: 'an accusation records who is accused' },
  ACCUSED_UNIT_RECEIVES: {
    rule: 'the accused unit (or an accused person’s unit) may not register or handle the accusation',
  },
  CORRECTION_REASON_REQUIRED: {
    rule: 'a correction away from the resident’s proposed accusation states its reason',
  },
  NO_ACCUSATION_INTAKE: { rule: 'no petition bureau outside the accused subtree can take the accusation' },
  ROUTE_TO_ACCUSED: {
    rule: 'an accusation is never routed to the accused unit, an accused person’s unit or a unit under them',
  },

  // Routing (第二十二条, 第二十三条)
  ROUTE_TO_SELF: { rule: 'cannot route to the unit that holds the case' },
  ROUTE_BACK_AFTER_OBJECTION: { rule: 'no transfer back to a unit whose objection was upheld' },
  TRANSFER_CAP: { rule: 'a capped number of transfers without a leader’s decision' },
  ROUTE_OUTSIDE_SYSTEM: {
    rule: 'a unit other than a petition bureau forwards only to units of its own system below it',
  },
  BAD_ASSIGNMENT_LIMIT: { rule: 'an assignment names a valid time limit' },

  // Objection to a transfer (第二十三条第三款)
  NOT_TRANSFERRED: { rule: 'only a transferred item can be objected to' },
  NO_OBJECTION_STAGE: { rule: 'the profile has no objection stage' },
  OBJECTION_ALREADY_DECIDED: { rule: 'one objection per transfer' },
  OBJECTION_LATE: { rule: 'an objection is filed within the objection period' },
  OBJECTION_REASONS: { rule: 'an objection states detailed reasons' },
  NO_PENDING_OBJECTION: { rule: 'no pending objection' },

  // Acceptance and 不予受理
  NOT_CLASSIFIED: { rule: 'classify before accepting' },
  PROCEDURE_ONLY_FOR_CLAIMS: { rule: '诉访分离 applies to 申诉求决类 items' },
  REDIRECT_REQUIRED: { rule: 'tell the petitioner which procedure or authority, and where' },
  EXISTING_CASE_REQUIRED: { rule: 'name the existing (or final) case' },

  // Extension (第三十四条)
  NO_EXTENSION_STAGE: { rule: 'the profile has no extension' },
  EXTENSION_ONCE: { rule: 'the handling period may be extended once' },
  EXTENSION_PENDING: { rule: 'an extension request is already pending' },
  EXTENSION_TOO_LONG: { rule: 'an extension is 1 to the profile’s maximum of days' },
  EXTENSION_REASON: { rule: 'an extension states its reason (told to the petitioner)' },
  EXTENSION_AFTER_DUE: { rule: 'an extension is requested before the period ends' },
  NO_PENDING_EXTENSION: { rule: 'no pending extension' },
  EXTENSION_DAYS: { rule: 'approved days are 1 to the requested days' },
  NO_HANDLING_CLOCK: { rule: 'no handling clock' },

  // Replies (第二十九条, 第三十条, 第三十二条, 第三十五条, 第三十六条)
  WRONG_DOCUMENT: { rule: 'the document fits the category and the stage' },
  OPINION_INCOMPLETE: { rule: 'an opinion states request, facts and reasons, decision and legal basis' },
  REPLY_EMPTY: { rule: 'a reply has content' },
  HEARING_OPEN: { rule: 'close the hearing before the recheck opinion' },
  NO_PENDING_DRAFT: { rule: 'sign a pending draft of the current stage' },

  // Mediation (第三十三条)
  MEDIATION_ONLY_FOR_CLAIMS: { rule: 'mediation closes 申诉求决类 items' },
  AGREEMENT_UNSIGNED: { rule: 'a signed agreement is required' },

  // Rating (DOMAIN.md §6)
  NOTHING_TO_RATE: { rule: 'rate a stage that has a reply' },
  ALREADY_RATED: { rule: 'one rating per stage reply' },
  RATING_WINDOW_CLOSED: { rule: 'rate within the configured window' },
  BAD_RATING: { rule: 'rating is 满意/基本满意/不满意' },

  // 复查 and 复核 (第三十五条, 第三十六条)
  REVIEW_NOT_AVAILABLE: { rule: '复查 applies to a 信访处理意见' },
  REVIEW_WINDOW_CLOSED: { rule: 'request 复查 within the request period after the reply' },
  RECHECK_NOT_AVAILABLE: { rule: 'the profile has no 复核' },
  RECHECK_WINDOW_CLOSED: { rule: 'request 复核 within the request period after the 复查 opinion' },
  NO_PARENT_UNIT: { rule: '复查 and 复核 go to the parent unit' },
  REASONS_REQUIRED: { rule: 'a request for 复查 or 复核 states why' },
  NO_HEARING_STAGE: { rule: 'the profile has no hearing' },
  HEARING_ALREADY_OPEN: { rule: 'one hearing at a time' },
  HEARING_AFTER_DUE: { rule: 'a hearing pauses a running period only' },
  NO_OPEN_HEARING: { rule: 'no hearing is open' },
  REQUEST_WINDOW_OPEN: { rule: 'archive only after the 复查/复核 request window closes' },

  // Oversight and recusal (第十八条第二款, 第四十条, 第二十八条第三款)
  NOTE_REQUIRED: { rule: 'supervision states what is expected' },
  BAD_INTERNAL_DUE: { rule: 'the internal due date is a valid future date' },
  ALREADY_IN_CHARGE: { rule: 'one leader owns a case' },
  ALREADY_RECUSED: { rule: 'already recused' },
  NOT_RECUSED: { rule: 'no such recusal' },

  // Any decision against, a returned draft, a recusal or its lift
  REASON_REQUIRED: { rule: 'a refusal, a returned draft, a recusal or its lift states its reason' },
} as const satisfies Record<string, CatalogueEntry>;

export type RefusalCode = keyof typeof REFUSALS;

export interface Refusal<C extends RefusalCode = RefusalCode> {
  ok: false;
  /** Stable machine code, e.g. 'REVIEW_WINDOW_CLOSED'. */
  code: C;
  /** The rule in a few words (English, for logs): the catalogue's. */
  rule: string;
  /** The article that forbids it, e.g. '《信访工作条例》第三十五条'. */
  article: string;
  /** Chinese, for users. */
  message: string;
}

export function refuse<C extends RefusalCode>(code: C, article: string, message: string): Refusal<C> {
  return { ok: false, code, rule: REFUSALS[code].rule, article, message };
}

/** How an API answers the refusal (see the top of this file). */
export function refusalAnswer(code: RefusalCode): RefusalAnswer {
  const entry: CatalogueEntry = REFUSALS[code];
  return entry.answer ?? 'rule';
}
