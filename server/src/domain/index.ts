/**
 * The pure domain core of the petition system (DOMAIN.md). Nothing here does I/O; the only dependency
 * outside this folder is the `chinese-days` holiday data.
 */
export {
  addDays,
  type CalendarCoverage,
  type CalendarSource,
  type ChinaDate,
  chinaDate,
  chineseWeekday,
  type DayInfo,
  type DayKind,
  dayNumber,
  endOfChinaDay,
  formatChinaInstant,
  formatChineseDate,
  formatChineseDateTime,
  getDefaultCalendar,
  type HolidayYearData,
  isValidChinaDate,
  isWorkingDay,
  parseInstant,
  validateHolidayYear,
  weekday,
  WorkCalendar,
} from './calendar';
export {
  computeDeadline,
  computeDeadlineDetailed,
  type DeadlineInput,
  type DeadlineResult,
  describeLimit,
  type DetailedDeadline,
  isOverdue,
  type Limit,
  needsRecomputation,
  type PauseInterval,
  type StoredDeadlineLike,
  validateLimit,
} from './deadline';
export {
  BUILTIN_PROFILES,
  CATEGORY_LABELS,
  type Category,
  CLOCK_NAMES,
  type ClockName,
  type ClockRule,
  type ClockTerms,
  type ClockVariant,
  findProfile,
  JIESUJIBAN_PROFILE,
  type ProfileRef,
  type ProfileSettings,
  type ProfileStages,
  type ProfileValidation,
  type ResolvedClock,
  resolveClock,
  RIGHT_WINDOW_CLOCKS,
  type RuleProfile,
  ruleLines,
  validateProfile,
  XINFANG_PROFILE,
} from './profiles';
export { type Unit, UNIT_KINDS, type UnitKind, UnitTree } from './units';
export * from './case-model';
export {
  authorizationMatrix,
  isStaff,
  matchingGrant,
  OPEN_PERMISSIONS,
  type PermissionGrant,
  PERMISSIONS,
  type Scope,
  scopeHolds,
} from './permissions';
export { canRouteTo, canView, exclusionOf, type ViewBasis, type Visibility, visibility } from './visibility';
export {
  ACTION_LABELS,
  actionsAvailableIn,
  checkInvariants,
  decide,
  matterFingerprint,
  type NewCaseInput,
  openCase,
  type OverdueAlert,
  overdueDeadlines,
  recomputeDeadline,
  refreshProvisionalDeadlines,
  requiredClocks,
  TRANSITIONS,
  type TransitionRow,
  transitionsFrom,
  validateRepresentatives,
} from './lifecycle';
export { assessFiling, type FilingAssessment, type NewFiling } from './filings';
export {
  type CaseFacts,
  caseFacts,
  dashboardMetrics,
  firstTimeSatisfactionRate,
  hotlineMetrics,
  type MetricResult,
  onTimeClosureRate,
  participationRate,
  repeatRate,
  resolutionRate,
  responseRate,
  satisfactionRate,
  timelyAcceptanceRate,
} from './metrics';
export { availableActions } from './availability';
export { type CaseUrgency, caseUrgency, SOON_DAYS, type Urgency, URGENCIES, URGENCY_RANK } from './urgency';
