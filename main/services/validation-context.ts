import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodeSets } from '../../app/codesets/types';
import { builtinFormulary } from '../../app/formulary/formulary';
import type { ValidationContext } from '../../app/validate/field-validation';
import { loadShippedCodeSets } from '../codesets/load-codesets';

/** `resources/` beside the code: two levels up from both `main/services/*.ts` and `dist/main/*.mjs`. */
export function defaultResourcesDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'resources');
}

/**
 * Code sets and the formulary, loaded once on first use (ICD-10-CM is ~95,000 codes: not
 * something to pay for at start-up), and today's date for the plausibility checks.
 */
export class ValidationContextProvider {
  private codeSets: Promise<CodeSets> | null = null;

  constructor(
    private readonly resourcesDir: string,
    private readonly now: () => Date,
  ) {}

  async get(): Promise<ValidationContext> {
    this.codeSets ??= loadShippedCodeSets(path.join(this.resourcesDir, 'codesets')).catch((error: unknown) => {
      this.codeSets = null;
      throw error;
    });
    return { today: localIsoDate(this.now()), codeSets: await this.codeSets, formulary: builtinFormulary() };
  }
}

/** The reviewer's calendar date, not UTC's: a prescription written today is not "in the future". */
function localIsoDate(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
