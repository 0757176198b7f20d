import { formatIcd10 } from '../validate/icd10';
import { ndc10Candidates, ndcTo11, parseNdc } from '../validate/ndc';
import { exportValue, type ExportField } from './types';

/** The pieces of the FHIR export: code systems, value parsing, names and identifiers. */
export type Json = { [key: string]: unknown };

export const SYSTEM = {
  npi: 'http://hl7.org/fhir/sid/us-npi',
  // The OID US implementation guides (VA's among them) give DEA numbers; HL7 Terminology has
  // also named them http://terminology.hl7.org/NamingSystem/USDEANumber since 2024.
  dea: 'urn:oid:2.16.840.1.113883.4.814',
  ndc: 'http://hl7.org/fhir/sid/ndc',
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  cpt: 'http://www.ama-assn.org/go/cpt',
  hcpcs: 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets',
  pos: 'https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set',
  route: 'http://terminology.hl7.org/CodeSystem/v2-0162',
  identifierType: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  claimType: 'http://terminology.hl7.org/CodeSystem/claim-type',
  priority: 'http://terminology.hl7.org/CodeSystem/processpriority',
  interpretation: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  coverageClass: 'http://terminology.hl7.org/CodeSystem/coverage-class',
  participant: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type',
  ucum: 'http://unitsofmeasure.org',
} as const;

export const UNKNOWN: Json = { display: 'unknown' };

/** The approved fields of one document (or one row of it), by name. Empty values count as absent. */
export class Fields {
  constructor(private readonly fields: readonly ExportField[]) {}

  field(name: string): ExportField | undefined {
    return this.fields.find((f) => f.name === name && present(exportValue(f)) !== undefined);
  }

  value(name: string): string | undefined {
    const field = this.field(name);
    return field ? present(exportValue(field)) : undefined;
  }

  indexed(name: string): { index: number; field: ExportField }[] {
    return this.fields
      .filter((f): f is ExportField & { index: number } => f.name === name && f.index !== null && present(exportValue(f)) !== undefined)
      .map((field) => ({ index: field.index, field }))
      .sort((a, b) => a.index - b.index);
  }

  /** Repeated fields named `prefix` + part, grouped by index: a service line, a lab row. */
  rows(prefix: string): { index: number; fields: Fields }[] {
    const byIndex = new Map<number, ExportField[]>();
    for (const f of this.fields) {
      if (f.index === null || !f.name.startsWith(prefix)) continue;
      byIndex.set(f.index, [...(byIndex.get(f.index) ?? []), { ...f, name: f.name.slice(prefix.length) }]);
    }
    return [...byIndex.entries()].sort(([a], [b]) => a - b).map(([index, fields]) => ({ index, fields: new Fields(fields) }));
  }
}

export interface PatientFacts {
  name?: string | undefined;
  birthDate?: string | undefined;
  gender?: string | undefined;
  address?: string | undefined;
  phone?: string | undefined;
  memberId?: string | undefined;
}

export function patientResource(facts: PatientFacts): Json {
  return {
    resourceType: 'Patient',
    identifier: facts.memberId ? [memberIdentifier(facts.memberId)] : undefined,
    name: humanName(facts.name),
    telecom: phone(facts.phone),
    gender: facts.gender,
    birthDate: isoDate(facts.birthDate),
    address: address(facts.address),
  };
}

const NAME_WORD = /^\p{L}[\p{L}'’-]*\.?$/u;
const NAME_AFFIX = /^(?:dr|mr|mrs|ms|miss|prof|jr|sr|ii|iii|iv|md|do|np|pa|pa-c|dds|dmd|dpm|od|aprn|fnp|cnp|rn|phd|pharmd)\.?$/i;

/** Family and given names only from "Family, Given Middle" or "Given Family"; anything else stays text. */
export function humanName(text: string | undefined): Json[] | undefined {
  if (!text) return undefined;
  const words = (s: string): string[] => s.trim().split(/\s+/).filter(Boolean);
  const plain = (ws: string[]): boolean => ws.length > 0 && ws.every((w) => NAME_WORD.test(w) && !NAME_AFFIX.test(w));
  const [before = '', after, ...more] = text.split(',');
  if (after !== undefined && more.length === 0 && plain(words(before)) && plain(words(after))) {
    return [{ text, family: words(before).join(' '), given: words(after) }];
  }
  const ws = words(text);
  if (after === undefined && ws.length === 2 && plain(ws)) return [{ text, family: ws[1], given: [ws[0]] }];
  return [{ text }];
}

export function gender(sex: string | undefined): string | undefined {
  if (!sex) return undefined;
  if (/^m(?:ale)?$/i.test(sex)) return 'male';
  return /^f(?:emale)?$/i.test(sex) ? 'female' : undefined;
}

export const phone = (value: string | undefined): Json[] | undefined => (value ? [{ system: 'phone', value }] : undefined);
export const address = (text: string | undefined): Json[] | undefined => (text ? [{ text }] : undefined);

export function identifierType(code: string, display: string): Json {
  return { coding: [{ system: SYSTEM.identifierType, code, display }] };
}

export const memberIdentifier = (value: string): Json => ({ type: identifierType('MB', 'Member Number'), value });

/**
 * HL7 writes an NDC in its package's 10-digit hyphenated shape: the label's own hyphens give it,
 * else the padding zero of the 11-digit form when only one shape fits; failing both, 11 digits.
 */
export function ndcCode(field: ExportField | undefined): string | undefined {
  const value = field ? exportValue(field) : null;
  const canonical = value ? parseNdc(value) : null;
  if (!canonical) return undefined;
  const ndc11 = ndcTo11(canonical);
  const asRead = field?.raw ? parseNdc(field.raw) : null;
  const shape = asRead && asRead.format !== '5-4-2' && ndcTo11(asRead) === ndc11 ? asRead : canonical.format !== '5-4-2' ? canonical : null;
  if (shape) return [shape.labeler, shape.product, shape.package].join('-');
  const shapes = ndc10Candidates(ndc11);
  return shapes.length === 1 ? shapes[0] : ndc11;
}

const ICD10_SHAPE = /^[A-Z][0-9][0-9A-Z][0-9A-Z]{0,4}$/;

/** Folio keeps codes with or without the dot; ICD-10-CM in FHIR has it. */
export function icd10Concept(field: ExportField): Json {
  const value = present(exportValue(field)) as string;
  const key = value.replace(/[\s.]/g, '').toUpperCase();
  if (!ICD10_SHAPE.test(key)) return { text: value };
  return { coding: [{ system: SYSTEM.icd10cm, code: formatIcd10(key), display: present(field.description) }] };
}

/** CPT is five characters, digits but for a final F, T or U (categories II, III, lab analyses); HCPCS Level II starts with a letter. */
export function procedureConcept(field: ExportField | undefined): Json | undefined {
  const value = field ? present(exportValue(field)) : undefined;
  if (!value || !field) return undefined;
  const code = value.toUpperCase();
  const system = /^\d{4}[0-9FTU]$/.test(code) ? SYSTEM.cpt : /^[A-Z]\d{4}$/.test(code) ? SYSTEM.hcpcs : undefined;
  return system ? { coding: [{ system, code, display: present(field.description) }] } : { text: value };
}

/** CPT's modifiers are two digits (and 1P–8P, P1–P6); the rest are HCPCS Level II. */
export function modifierConcept(modifier: string): Json {
  const system = /^(?:\d{2}|[1238]P|P[1-6])$/.test(modifier) ? SYSTEM.cpt : SYSTEM.hcpcs;
  return { coding: [{ system, code: modifier }] };
}

/** Box 24E letters A–L; anything else is not a pointer Folio can follow. */
export function diagnosisPointers(value: string | undefined): number[] {
  if (!value || !/^[A-L](?:[\s,]*[A-L])*$/i.test(value)) return [];
  return [...new Set([...value.toUpperCase().replace(/[^A-L]/g, '')].map((letter) => letter.charCodeAt(0) - 64))];
}

/**
 * An amount from its canonical form only (the text as read may be anything): dollars and cents
 * ("123.45", what the validators write) or integer cents ("12345", as types.ts describes).
 */
export function money(field: ExportField | undefined): Json | undefined {
  const text = present(field?.normalized);
  if (!text) return undefined;
  if (/^-?\d+\.\d{2}$/.test(text)) return { value: Number(text), currency: 'USD' };
  return /^-?\d+$/.test(text) ? { value: Number(text) / 100, currency: 'USD' } : undefined;
}

const COMPARATORS: Readonly<Record<string, string>> = { '<': '<', '<=': '<=', '≤': '<=', '>': '>', '>=': '>=', '≥': '>=' };

export function labValue(value: string | undefined, unit: string | undefined): Json {
  if (!value) return {};
  const m = /^(<=?|>=?|≤|≥)?\s?(\d+(?:\.\d+)?)$/.exec(value);
  if (!m) return { valueString: value };
  return { valueQuantity: { value: Number(m[2]), comparator: m[1] ? COMPARATORS[m[1]] : undefined, unit } };
}

const FLAGS: Readonly<Record<string, readonly [string, string]>> = {
  H: ['H', 'High'],
  HIGH: ['H', 'High'],
  L: ['L', 'Low'],
  LOW: ['L', 'Low'],
  HH: ['HH', 'Critical high'],
  LL: ['LL', 'Critical low'],
  A: ['A', 'Abnormal'],
  ABNORMAL: ['A', 'Abnormal'],
  CRITICAL: ['AA', 'Critical abnormal'],
};

export function interpretation(flag: string | undefined): Json[] | undefined {
  if (!flag) return undefined;
  const known = FLAGS[flag.toUpperCase()];
  return [known ? { coding: [{ system: SYSTEM.interpretation, code: known[0], display: known[1] }], text: flag } : { text: flag }];
}

export function isoDate(text: string | undefined): string | undefined {
  if (!text || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text) ? text : undefined;
}

export const decimal = (text: string | undefined): number | undefined => (text && /^\d+(?:\.\d+)?$/.test(text) ? Number(text) : undefined);

/** `NR` is how the validator writes "no refills". */
export function refillCount(text: string | undefined): number | undefined {
  if (text === 'NR') return 0;
  return text && /^\d+$/.test(text) ? Number(text) : undefined;
}

export function present(text: string | null | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed ? trimmed : undefined;
}

export function nonEmpty<T>(items: T[]): T[] | undefined {
  return items.length > 0 ? items : undefined;
}

/**
 * A name-based UUID (RFC 9562 version 8, vendor-defined) from four seeded 32-bit FNV-1a lanes,
 * so a document's resources keep their fullUrls and an export renders byte for byte the same.
 * Not SHA-1 (version 5): app/ has no node:crypto, and these need to be unique, not secret.
 */
export function nameUuid(name: string): string {
  const hex = [0x811c9dc5, 0x9e3779b9, 0x85ebca6b, 0xc2b2ae35].map((seed) => fnv1a(name, seed).toString(16).padStart(8, '0')).join('');
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function fnv1a(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // murmur3's finaliser: FNV-1a alone mixes the last characters poorly into the high bits.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
