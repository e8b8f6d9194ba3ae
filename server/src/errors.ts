/**
 * Typed errors thrown by services; one handler (plugins/errors.ts) maps them to HTTP
 * (ARCHITECTURE.md §Practices 3). `message` is Chinese: it is shown to users as is.
 */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export class BadRequest extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(400, 'BAD_REQUEST', message, details);
  }
}

export class Unauthorized extends AppError {
  constructor(message = '请先登录') {
    super(401, 'UNAUTHORIZED', message);
  }
}

export class Forbidden extends AppError {
  constructor(message = '您没有权限执行此操作') {
    super(403, 'FORBIDDEN', message);
  }
}

/** Also used for "exists but not yours": a refusal never reveals whether the object exists. */
export class NotFound extends AppError {
  constructor(message = '未找到相关记录') {
    super(404, 'NOT_FOUND', message);
  }
}

export class Conflict extends AppError {
  constructor(message = '该记录已被他人更新，请刷新后重试', details?: Record<string, unknown>) {
    super(409, 'CONFLICT', message, details);
  }
}

/** A rule of the regulation forbids the action; `article` names it (e.g. 《信访工作条例》第三十五条). */
export class RuleViolation extends AppError {
  constructor(
    message: string,
    readonly article: string,
    readonly rule: string,
  ) {
    super(422, 'RULE_VIOLATION', message, { article, rule });
  }
}

export class ServiceUnavailable extends AppError {
  constructor(message = '服务暂不可用，请稍后再试') {
    super(503, 'UNAVAILABLE', message);
  }
}
