export { ApiError, isApiError, type ApiErrorKind } from './errors';
export { request, type RequestOptions, type HttpMethod } from './request';
export { api, endpoints, isHealthy, type HealthResponse } from './endpoints';
export { useServiceStatus, type ServiceStatus } from './use-service-status';
