/**
 * The formulary: the medications Folio recognises on prescriptions and clinical notes. Names,
 * strengths and forms are facts; the list is the project's own (see `data-*.ts`).
 */

/** DEA schedules. C-I drugs have no accepted medical use and are not prescribed. */
export type ControlledSchedule = 'CII' | 'CIII' | 'CIV' | 'CV';

export interface Medication {
  /** Generic (nonproprietary) name, lower case: `atorvastatin`. */
  generic: string;
  /** Major US brand names, as printed: `Lipitor`. */
  brands: string[];
  /** Usual strengths as printed, e.g. `10 mg`, `250 mg/5 mL`. */
  strengths: string[];
  /** Usual dosage forms: tablet, capsule, solution, inhaler … */
  forms: string[];
  schedule: ControlledSchedule | null;
}

/** Reads the DEA schedule the way FDA files and labels write it (CII, C-II, CIIN, 2 …). */
export function parseSchedule(raw: string | null | undefined): ControlledSchedule | null {
  const text = (raw ?? '').toUpperCase().replace(/[\s-]/g, '').replace(/N$/, '');
  switch (text) {
    case 'CII':
    case 'II':
    case '2':
      return 'CII';
    case 'CIII':
    case 'III':
    case '3':
      return 'CIII';
    case 'CIV':
    case 'IV':
    case '4':
      return 'CIV';
    case 'CV':
    case 'V':
    case '5':
      return 'CV';
    default:
      return null;
  }
}

/**
 * Compact row syntax for the data files, one medication per string, so 500+ entries stay
 * readable and diffable: `generic | Brand1, Brand2 | strength; strength | form, form | schedule`.
 */
export function parseMedicationRow(row: string): Medication {
  const [generic = '', brands = '', strengths = '', forms = '', schedule = ''] = row.split('|').map((s) => s.trim());
  if (generic.length === 0) throw new Error('A formulary row needs a generic name');
  const list = (s: string, sep: string): string[] =>
    s
      .split(sep)
      .map((x) => x.trim())
      .filter(Boolean);
  return {
    generic: generic.toLowerCase(),
    brands: list(brands, ','),
    strengths: list(strengths, ';'),
    forms: list(forms, ','),
    schedule: parseSchedule(schedule),
  };
}
