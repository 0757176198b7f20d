import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FolioError, isFolioError } from '../../app/contract/errors';
import type { CodeSetRelease, CodeSets } from '../../app/codesets/types';
import { builtinFormulary } from '../../app/formulary/formulary';
import type { ValidationContext } from '../../app/validate/field-validation';
import { loadCdcOrderFile, loadCmsHcpcsFile, loadShippedCodeSets } from '../codesets/load-codesets';
import { logger } from '../log/logger';
import type { CodeSetFile } from '../vault/settings-store';

const log = logger('codesets');
type ReleaseFiles = { icd10: CodeSetFile | null; hcpcs: CodeSetFile | null };

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
    /** Newer releases an admin loaded (settings); the shipped ones otherwise. */
    private readonly releaseFiles: () => ReleaseFiles,
    /** Folio's data folder: a release file is never read from inside it. */
    private readonly dataDir: string,
  ) {}

  async get(): Promise<ValidationContext> {
    this.codeSets ??= this.loadInUse().catch((error: unknown) => {
      this.codeSets = null;
      throw error;
    });
    return { today: localIsoDate(this.now()), codeSets: await this.codeSets, formulary: builtinFormulary() };
  }

  /** The releases in use, loading them if needed: the UI names them beside every code. */
  async releases(): Promise<CodeSetRelease[]> {
    const { codeSets } = await this.get();
    return [codeSets.icd10.release, codeSets.hcpcs.release];
  }

  /**
   * Loads the given release files before anything changes, so a file that does not parse is
   * refused and the release in use stays as it was. The path policy's refusals (not a regular
   * file, too large, inside the data folder) keep their own codes; a file that reads but is not
   * a release is `invalid_input`.
   */
  async replace(files: ReleaseFiles): Promise<void> {
    const next = this.load(files).catch((error: unknown) => {
      if (isFolioError(error)) throw error;
      throw new FolioError('invalid_input', 'That file could not be read as a code-set release (CDC ICD-10-CM order file or CMS HCPCS file).');
    });
    await next;
    this.codeSets = next;
  }

  /**
   * The saved releases; a saved file that can no longer be read (moved, replaced by something
   * that is not a file) gives way to the shipped release, which the UI then names, rather than
   * failing every import.
   */
  private async loadInUse(): Promise<CodeSets> {
    try {
      return await this.load(this.releaseFiles());
    } catch (error) {
      log.warn('a saved code-set release could not be read; using the shipped release', { code: isFolioError(error) ? error.code : 'parse' });
      return this.load({ icd10: null, hcpcs: null });
    }
  }

  private async load(files: ReleaseFiles): Promise<CodeSets> {
    const shipped = await loadShippedCodeSets(path.join(this.resourcesDir, 'codesets'));
    return {
      icd10: files.icd10 ? await loadCdcOrderFile(files.icd10.path, files.icd10.release, this.dataDir) : shipped.icd10,
      hcpcs: files.hcpcs ? await loadCmsHcpcsFile(files.hcpcs.path, files.hcpcs.release, this.dataDir) : shipped.hcpcs,
    };
  }
}

/** The reviewer's calendar date, not UTC's: a prescription written today is not "in the future". */
function localIsoDate(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
