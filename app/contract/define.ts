import type { z } from 'zod';

/** One method of the API: a name, what it takes and what it returns. */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  /** Methods a locked session may still call (unlock, status). Everything else needs a session. */
  readonly public?: boolean;
}

export function method<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> {
  return spec;
}

export interface EventSpec<P extends z.ZodType = z.ZodType> {
  readonly payload: P;
}

export function event<P extends z.ZodType>(payload: P): EventSpec<P> {
  return { payload };
}
