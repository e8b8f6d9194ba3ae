export { ApiError, errorMessage, isApiError, isRetryable, type ApiErrorKind } from './errors';
export { request, requestRaw, type RequestOptions, type HttpMethod } from './request';
export { api, endpoints, isHealthy, type HealthResponse } from './endpoints';
export { uploadAttachment } from './upload';
export {
  clearSession,
  getSession,
  getToken,
  onAuthRequired,
  saveSession,
  setReloginHandler,
  useSession,
  type StoredSession,
} from './session';
export { useServiceStatus, type ServiceStatus } from './use-service-status';
export type {
  CaseDetail,
  CaseSummary,
  Deadline,
  FileResult,
  PetitionerCaseDetail,
  StaffCaseDetail,
} from './types';
