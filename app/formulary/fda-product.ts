import type { Medication } from './types';
import { parseSchedule } from './types';

/**
 * FDA NDC directory `product.txt` (public domain): tab-separated, one header row, one product
 * (labeler + product code, all packages) per row. Columns are found by header name, because
 * FDA has added columns over the years. Only the file parsing lives here; reading it from disk
 * is `main/formulary`.
 */
export interface FdaProduct {
  /** Labeler-product segments as FDA prints them, e.g. `0002-1433`. */
  productNdc: string;
  productType: string;
  brandName: string;
  genericName: string;
  dosageForm: string;
  route: string;
  /** "10; 5" with unit "mg/1; mg/1" for combinations. */
  strength: string;
  strengthUnit: string;
  deaSchedule: string;
}

export class FdaProductFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FdaProductFormatError';
  }
}

const REQUIRED_COLUMNS = ['PRODUCTNDC', 'PRODUCTTYPENAME', 'PROPRIETARYNAME', 'NONPROPRIETARYNAME', 'DOSAGEFORMNAME'] as const;

export function parseFdaProductFile(text: string): FdaProduct[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split('\t').map((h) => h.trim().toUpperCase());
  const col = new Map(header.map((h, i) => [h, i]));
  const missing = REQUIRED_COLUMNS.filter((c) => !col.has(c));
  if (missing.length > 0) {
    throw new FdaProductFormatError('This is not an FDA NDC directory product file: required columns are missing.');
  }
  const get = (cells: string[], name: string): string => {
    const i = col.get(name);
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  const products: FdaProduct[] = [];
  for (const line of lines.slice(1)) {
    if (line.trim().length === 0) continue;
    const cells = line.split('\t');
    products.push({
      productNdc: get(cells, 'PRODUCTNDC'),
      productType: get(cells, 'PRODUCTTYPENAME'),
      brandName: get(cells, 'PROPRIETARYNAME'),
      genericName: get(cells, 'NONPROPRIETARYNAME'),
      dosageForm: get(cells, 'DOSAGEFORMNAME'),
      route: get(cells, 'ROUTENAME'),
      strength: get(cells, 'ACTIVE_NUMERATOR_STRENGTH'),
      strengthUnit: get(cells, 'ACTIVE_INGRED_UNIT'),
      deaSchedule: get(cells, 'DEASCHEDULE'),
    });
  }
  return products;
}

/** Product types a prescription or note can name; vaccines, kits and devices are left out. */
const USEFUL_TYPES = new Set(['HUMAN PRESCRIPTION DRUG', 'HUMAN OTC DRUG']);

/**
 * Groups FDA products into formulary medications: one per generic name, brands collected,
 * strengths written like a label ("10 mg"), the DEA schedule kept so C-II is recognised.
 */
export function medicationsFromFdaProducts(products: readonly FdaProduct[]): Medication[] {
  const byGeneric = new Map<string, Medication>();
  for (const p of products) {
    if (!USEFUL_TYPES.has(p.productType.toUpperCase()) || p.genericName.length === 0) continue;
    const generic = p.genericName.toLowerCase().replace(/\s*,\s*/g, '/').replace(/\s+and\s+/g, '/');
    let med = byGeneric.get(generic);
    if (!med) {
      med = { generic, brands: [], strengths: [], forms: [], schedule: null };
      byGeneric.set(generic, med);
    }
    const brand = p.brandName.trim();
    if (brand && brand.toLowerCase() !== generic && !med.brands.includes(brand)) med.brands.push(brand);
    const strength = labelStrength(p.strength, p.strengthUnit);
    if (strength && !med.strengths.includes(strength)) med.strengths.push(strength);
    const form = p.dosageForm.toLowerCase();
    if (form && !med.forms.includes(form)) med.forms.push(form);
    med.schedule ??= parseSchedule(p.deaSchedule);
  }
  return [...byGeneric.values()];
}

/** "10" + "mg/1" -> "10 mg"; "250; 125" + "mg/5mL; mg/5mL" -> "250 mg/5mL/125 mg/5mL". */
function labelStrength(strength: string, unit: string): string {
  if (!strength) return '';
  const amounts = strength.split(';').map((s) => s.trim());
  const units = unit.split(';').map((s) => s.trim().replace(/\/1$/, ''));
  return amounts.map((a, i) => `${a} ${units[i] ?? units[0] ?? ''}`.trim()).join('/');
}
