import { z } from 'zod';

/** One method of the contract: its input schema (main validates every call with it) and its output type. */
export const method =
  <O>() =>
  <I extends z.ZodType>(input: I) => ({ input, output: z.custom<O>() });
