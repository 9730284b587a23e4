import { MlflowError } from '../domain/mlflow-error';
import type { ParseResult, SearchError, SourceSpan } from './types';

/**
 * A rejected filter or order_by, thrown by `unwrapSearch`. It is an MlflowError with code
 * INVALID_PARAMETER_VALUE, so the REST layer answers 400 with MLflow's message; the span is
 * kept for callers that want to point at the offending text.
 */
export class SearchSyntaxError extends MlflowError {
  override name = 'SearchSyntaxError';
  readonly offset: number;
  readonly length: number;
  readonly item: number | undefined;

  constructor(readonly detail: SearchError) {
    super('INVALID_PARAMETER_VALUE', detail.message);
    this.offset = detail.offset;
    this.length = detail.length;
    this.item = detail.item;
  }
}

/** Returns the parsed value or throws SearchSyntaxError. */
export function unwrapSearch<T>(result: ParseResult<T>): T {
  if (result.ok) return result.value;
  throw new SearchSyntaxError(result.error);
}

export const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value });

export const fail = <T = never>(message: string, span: SourceSpan): ParseResult<T> => ({
  ok: false,
  error: { message, offset: span.offset, length: span.length },
});

/** Internal: validators throw this to bail out with a positioned message. */
export class Reject extends Error {
  constructor(
    message: string,
    readonly span: SourceSpan,
  ) {
    super(message);
  }
}

/** Runs a validator that may throw Reject and turns the outcome into a ParseResult. */
export function attempt<T>(fn: () => T): ParseResult<T> {
  try {
    return ok(fn());
  } catch (err) {
    if (err instanceof Reject) return fail(err.message, err.span);
    throw err;
  }
}
