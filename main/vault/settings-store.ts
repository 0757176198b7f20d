import { z } from 'zod';
import { FolioError } from '../../app/contract/errors';
import { TokenApiPortSchema } from '../../app/contract/session';
import type { VaultDatabase } from './database';
import { DEFAULT_IDLE_MINUTES, MAX_IDLE_MINUTES, MIN_IDLE_MINUTES } from './idle-lock';

/**
 * Settings live in the encrypted database: some of them (a default export folder, a clinic
 * name) say more about a practice than one would like on disk in clear. Each setting has a
 * schema and a default, so a value written by an older or newer Folio that no longer fits is
 * read as the default instead of crashing the app.
 */
export interface SettingValues {
  idleLockMinutes: number;
  /** `auto`: the system Tesseract where installed, else the bundled one. */
  ocrEngine: 'auto' | 'tesseract-cli' | 'tesseract-js';
  /** A folder scanner output lands in; new files there are imported. Null: off. */
  watchFolder: string | null;
  /** A newer CDC ICD-10-CM order file the admin loaded, instead of the shipped release. */
  icd10File: CodeSetFile | null;
  /** A newer CMS alpha-numeric HCPCS file, instead of the shipped release. */
  hcpcsFile: CodeSetFile | null;
  /** The desktop app's loopback port for programs' API-token calls. Null: off. */
  tokenApiPort: number | null;
}

export interface CodeSetFile {
  path: string;
  release: string;
}

const CodeSetFileSchema = z.object({ path: z.string().min(1).max(4096), release: z.string().min(1).max(40) });
export type SettingName = keyof SettingValues;

const SCHEMAS: { [Name in SettingName]: z.ZodType<SettingValues[Name]> } = {
  idleLockMinutes: z.number().int().min(MIN_IDLE_MINUTES).max(MAX_IDLE_MINUTES),
  ocrEngine: z.enum(['auto', 'tesseract-cli', 'tesseract-js']),
  watchFolder: z.string().min(1).max(4096).nullable(),
  icd10File: CodeSetFileSchema.nullable(),
  hcpcsFile: CodeSetFileSchema.nullable(),
  tokenApiPort: TokenApiPortSchema.nullable(),
};

export const SETTING_DEFAULTS: Readonly<SettingValues> = {
  idleLockMinutes: DEFAULT_IDLE_MINUTES,
  ocrEngine: 'auto',
  watchFolder: null,
  icd10File: null,
  hcpcsFile: null,
  tokenApiPort: null,
};

export class SettingsStore {
  constructor(private readonly db: VaultDatabase) {}

  get<Name extends SettingName>(name: Name): SettingValues[Name] {
    const fallback = SETTING_DEFAULTS[name];
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(name) as { value: string } | undefined;
    if (!row) return fallback;
    let json: unknown;
    try {
      json = JSON.parse(row.value);
    } catch {
      return fallback;
    }
    const parsed = SCHEMAS[name].safeParse(json);
    return parsed.success ? parsed.data : fallback;
  }

  /** Validates first; an out-of-range value is refused, not clamped. */
  set<Name extends SettingName>(name: Name, value: SettingValues[Name]): void {
    const parsed = SCHEMAS[name].safeParse(value);
    if (!parsed.success) throw new FolioError('invalid_input', `That value is not allowed for ${name}.`);
    this.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(name, JSON.stringify(parsed.data));
  }
}
