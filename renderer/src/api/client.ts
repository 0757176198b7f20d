import type { FolioClient } from '../../../app/contract/client';
import type { Result } from '../../../app/contract/errors';
import type { MethodInput, MethodName, MethodOutput } from '../../../app/contract/methods';
import { createHttpClient } from './http-client';

declare global {
  interface Window {
    /** Present in Electron, exposed by the preload. */
    folio?: FolioClient;
  }
}

export const LOCKED_EVENT = 'folio:locked';

export const folio: FolioClient = window.folio ?? createHttpClient();

/** Calls a method and throws the typed error, for code that shows errors in one place. */
export async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result: Result<MethodOutput<M>> = await folio.call(method, input);
  if (!result.ok) {
    // The session locked under us (idle time, another window): the app shows its lock screen.
    if (result.error.code === 'locked') window.dispatchEvent(new Event(LOCKED_EVENT));
    throw new ContractCallError(result.error.code, result.error.message);
  }
  return result.value;
}

export class ContractCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
