import { ocrEditDistance } from '../formulary/ocr-distance';

/**
 * Common lab test names and units as labs print them. OCR bends a few glyphs in them again and
 * again ("Hemoglobin Alc", "ulU/mL", "10*3/uL"); a reading within one glyph confusion of exactly
 * one known term is taken as that term. Anything else keeps the text as read.
 */
export const LAB_TEST_NAMES: readonly string[] = [
  'Glucose', 'BUN', 'Creatinine', 'eGFR', 'Sodium', 'Potassium', 'Chloride', 'CO2', 'Anion Gap', 'Calcium',
  'Magnesium', 'Phosphorus', 'Total Protein', 'Albumin', 'Globulin', 'Bilirubin Total', 'Bilirubin Direct',
  'Alkaline Phosphatase', 'ALT', 'AST', 'GGT', 'Uric Acid', 'WBC', 'RBC', 'Hemoglobin', 'Hematocrit', 'MCV',
  'MCH', 'MCHC', 'RDW', 'Platelets', 'Neutrophils', 'Lymphocytes', 'Monocytes', 'Eosinophils', 'Basophils',
  'Total Cholesterol', 'HDL Cholesterol', 'LDL Cholesterol', 'Triglycerides', 'Hemoglobin A1c', 'TSH',
  'Free T4', 'Free T3', 'Vitamin D 25-Hydroxy', 'Vitamin B12', 'Folate', 'Ferritin', 'Iron', 'TIBC', 'PSA',
  'INR', 'PT', 'PTT', 'CRP', 'ESR', 'Lipase', 'Amylase', 'Troponin I', 'BNP', 'Microalbumin',
];

export const LAB_UNITS: readonly string[] = [
  'mg/dL', 'mmol/L', 'g/dL', '%', '10^3/uL', '10^6/uL', 'U/L', 'IU/L', 'uIU/mL', 'ng/mL', 'pg/mL', 'ng/dL',
  'mEq/L', 'fL', 'pg', 'mL/min/1.73m2', 'sec', 'ug/dL', 'mcg/dL', 'mg/L', 'mm/hr', 'cells/uL', 'ratio',
];

/** One glyph confusion costs 0.35 (see ocr-distance); a unit's '*' for '^' costs a full edit. */
const MAX_NAME_DISTANCE = 0.7;
const MAX_UNIT_DISTANCE = 1;

function closest(read: string, terms: readonly string[], maxDistance: number): string | null {
  const exact = terms.find((t) => t.toLowerCase() === read.toLowerCase());
  if (exact) return exact;
  let best: string | null = null;
  let bestDistance = Infinity;
  let second = Infinity;
  for (const term of terms) {
    const d = ocrEditDistance(read, term);
    if (d < bestDistance) {
      second = bestDistance;
      bestDistance = d;
      best = term;
    } else if (d < second) second = d;
  }
  // A tie, or a runner-up almost as close, means the reading does not say which term it is.
  return bestDistance <= maxDistance && second - bestDistance >= 0.5 ? best : null;
}

/** The known test name a reading stands for, or null when it is not clearly one. */
export function canonicalLabTestName(read: string): string | null {
  return read.length >= 3 ? closest(read.trim(), LAB_TEST_NAMES, MAX_NAME_DISTANCE) : null;
}

export function canonicalLabUnit(read: string): string | null {
  const text = read.trim();
  return closest(text, LAB_UNITS, text.length >= 5 ? MAX_UNIT_DISTANCE : MAX_NAME_DISTANCE / 2);
}
