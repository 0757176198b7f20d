import { readFile } from 'node:fs/promises';
import type { FdaProduct } from '../../app/formulary/fda-product';
import { medicationsFromFdaProducts, parseFdaProductFile } from '../../app/formulary/fda-product';
import type { Formulary } from '../../app/formulary/formulary';
import { builtinMedications, createFormulary, mergeMedications } from '../../app/formulary/formulary';

/**
 * Reads the FDA NDC directory `product.txt` a user downloaded (about 100,000 rows, 50 MB) and
 * builds a formulary from it merged over Folio's own list, so the curated schedules stay.
 */
export interface FdaFormularyLoad {
  products: FdaProduct[];
  formulary: Formulary;
}

export async function loadFdaProductFile(path: string): Promise<FdaFormularyLoad> {
  // FDA publishes the file in Windows-1252 for a few names; latin1 decoding never throws.
  const text = (await readFile(path)).toString('latin1');
  const products = parseFdaProductFile(text);
  const formulary = createFormulary(mergeMedications(builtinMedications(), medicationsFromFdaProducts(products)));
  return { products, formulary };
}
