import { invalidParam } from '../../shared/domain/mlflow-error';

/** A user's mistake, as one sentence (bad_input on the contract). */
export const refuse = (sentence: string) => invalidParam(sentence);

/** An error as the one sentence a person reads. */
export const errorSentence = (err: unknown) => (err instanceof Error ? err.message : String(err));
