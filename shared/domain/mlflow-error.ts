/** MLflow's error codes and the HTTP status a real `mlflow server` answers each with. */
export const ERROR_STATUS = {
  INVALID_PARAMETER_VALUE: 400,
  BAD_REQUEST: 400,
  RESOURCE_ALREADY_EXISTS: 400,
  CUSTOMER_UNAUTHORIZED: 401,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  RESOURCE_DOES_NOT_EXIST: 404,
  ENDPOINT_NOT_FOUND: 404,
  NOT_FOUND: 404,
  RESOURCE_CONFLICT: 409,
  REQUEST_LIMIT_EXCEEDED: 429,
  INTERNAL_ERROR: 500,
  NOT_IMPLEMENTED: 501,
  TEMPORARILY_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** An error the caller caused or should know about, in MLflow's vocabulary. */
export class MlflowError extends Error {
  override name = 'MlflowError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const invalidParam = (message: string) => new MlflowError('INVALID_PARAMETER_VALUE', message);
export const notFound = (message: string) => new MlflowError('RESOURCE_DOES_NOT_EXIST', message);
export const alreadyExists = (message: string) => new MlflowError('RESOURCE_ALREADY_EXISTS', message);
