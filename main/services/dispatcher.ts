import type { z } from 'zod';
import { isFolioError, type ContractErrorShape, type Result } from '../../app/contract/errors';
import { MAX_IMPORT_FILE_BYTES, isMethodName, methods, type MethodName, type MethodOutput, type Methods } from '../../app/contract/methods';
import { MAX_TEMPLATE_JSON_CHARS, MAX_TEMPLATE_ZONES, TEMPLATE_TOO_LARGE } from '../../app/contract/templates';
import { tokenMayCall } from '../../app/contract/api-tokens';
import { logger } from '../log/logger';
import type { ApiPrincipal } from '../vault/api-tokens';

const log = logger('dispatch');

/** Who is calling, as the host established it. Hosts have already checked sender or token. */
export interface CallContext {
  host: 'electron' | 'http' | 'cli';
  /** A program calling with a named API token: the profile it acts as and the token's scope. */
  principal?: ApiPrincipal;
}

export type Handlers = {
  [M in MethodName]: (input: z.output<Methods[M]['input']>, context: CallContext) => Promise<MethodOutput<M>> | MethodOutput<M>;
};

export type Dispatch = (method: string, input: unknown, context: CallContext) => Promise<Result<unknown>>;

/**
 * The single entry point every host calls. It validates the method name and input against the
 * contract, checks the session, runs the handler, and turns any failure into `{ ok: false, error }` with a typed code
 * and a sentence that carries no stack trace and no document content.
 */
export interface DispatcherOptions {
  /** Throws `locked` when nobody is signed in; methods marked public (the session's own) skip it. */
  requireSession?: (context: CallContext) => void;
  /** Runs a call made with an API token as the token's profile. */
  runAs?: <T>(principal: ApiPrincipal, run: () => Promise<T>) => Promise<T>;
}

export function createDispatcher(handlers: Handlers, options: DispatcherOptions = {}): Dispatch {
  return async (method, input, context) => {
    if (!isMethodName(method)) return failure('unknown_method', 'There is no such method.');
    const spec = methods[method];
    const parsed = spec.input.safeParse(input);
    if (!parsed.success) return inputFailure(parsed.error);
    const principal = context.principal;
    // A token's scope, and the methods no token may call, are checked before anything runs.
    if (principal && !tokenMayCall(principal.scope, method)) {
      return failure('forbidden', principal.scope === 'read' ? 'This API token may only read.' : 'API tokens cannot call this method.');
    }
    try {
      if (!spec.public || principal) options.requireSession?.(context);
      const handler = handlers[method] as (input: unknown, context: CallContext) => unknown;
      const run = async (): Promise<unknown> => handler(parsed.data, context);
      const value = principal && options.runAs ? await options.runAs(principal, run) : await run();
      return { ok: true, value: spec.output.parse(value) };
    } catch (error) {
      if (isFolioError(error)) return failure(error.code, error.message);
      log.error('method failed', { method, host: context.host }, error);
      return failure('internal', 'Something went wrong inside Folio. The error was logged without document content.');
    }
  };
}

function failure(code: ContractErrorShape['code'], message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

/**
 * A file's bytes over the import limit is a size refusal (`too_large`, as the HTTP host says
 * of a body over its cap), not a malformed request; everything else is `invalid_input`.
 */
function inputFailure(error: z.ZodError): Result<never> {
  if (error.issues.some((issue) => issue.code === 'too_big' && issue.path.at(-1) === 'dataBase64')) {
    return failure('too_large', `A file is larger than Folio accepts (${MAX_IMPORT_FILE_BYTES / 1024 / 1024} MB). Split it into smaller files and import those.`);
  }
  if (error.issues.some(isTemplateTooLarge)) {
    return failure(
      'too_large',
      `A form template is larger than Folio accepts (${MAX_TEMPLATE_JSON_CHARS.toLocaleString('en-US')} characters of JSON, ${MAX_TEMPLATE_ZONES.toLocaleString('en-US')} zones or printed texts).`,
    );
  }
  return failure('invalid_input', describeIssues(error));
}

/** A template's text, or its lists of zones and printed texts, over the caps (a too-long name is merely invalid). */
function isTemplateTooLarge(issue: z.ZodError['issues'][number]): boolean {
  if (issue.message === TEMPLATE_TOO_LARGE) return true;
  if (issue.code !== 'too_big') return false;
  const [root, list, ...rest] = issue.path;
  return (root === 'json' && list === undefined) || (root === 'template' && (list === 'zones' || list === 'printed') && rest.length === 0);
}

/** Names the offending fields (paths from the schema), never the values sent. */
function describeIssues(error: z.ZodError): string {
  const paths = error.issues.slice(0, 5).map((issue) => (issue.path.length ? issue.path.join('.') : 'input'));
  return `The request is not valid: check ${[...new Set(paths)].join(', ')}.`;
}

