import type { Finding } from '../model/field';
import type { HcpcsCodeSet, HcpcsEntry } from '../codesets/types';
import { compactIdentifier, errorFinding, warningFinding } from './finding';

/**
 * Procedure codes on claims are CPT (Level I, AMA, copyrighted: we may only check the shape)
 * or HCPCS Level II (CMS, public: we check the code exists in the shipped release).
 */
export const CPT_FORMAT = /^(\d{5}|\d{4}[FTU])$/;
export const HCPCS_LEVEL2_FORMAT = /^[A-V]\d{4}$/;
/** Modifiers are two characters; CPT ones are numeric (25, 59), HCPCS ones alphanumeric. */
export const MODIFIER_FORMAT = /^[0-9A-Z]{2}$/;

export interface ProcedureCodeValidation {
  normalized: string | null;
  system: 'cpt' | 'hcpcs' | null;
  entry: HcpcsEntry | null;
  findings: Finding[];
}

export function validateCptFormat(raw: string): ProcedureCodeValidation {
  const code = compactIdentifier(raw);
  if (CPT_FORMAT.test(code)) return { normalized: code, system: 'cpt', entry: null, findings: [] };
  return {
    normalized: null,
    system: null,
    entry: null,
    findings: [
      errorFinding('cpt.format', 'A CPT code is five digits, or four digits followed by F, T or U; this one is not.'),
    ],
  };
}

/** `serviceDate` (ISO) lets a terminated code be flagged only for services after it ended. */
export function validateHcpcs(raw: string, codeSet: HcpcsCodeSet, serviceDate?: string | null): ProcedureCodeValidation {
  const code = compactIdentifier(raw);
  if (!HCPCS_LEVEL2_FORMAT.test(code)) {
    return {
      normalized: null,
      system: null,
      entry: null,
      findings: [errorFinding('hcpcs.format', 'A HCPCS Level II code is a letter A–V followed by four digits; this one is not.')],
    };
  }
  const entry = codeSet.get(code);
  if (!entry || entry.kind !== 'procedure') {
    return {
      normalized: code,
      system: 'hcpcs',
      entry: null,
      findings: [
        errorFinding(
          'hcpcs.unknown',
          `This code is not in the HCPCS ${codeSet.release.release} release; it may be misread or newer than that release.`,
        ),
      ],
    };
  }
  const findings: Finding[] = [];
  if (entry.terminationDate && (!serviceDate || serviceDate > entry.terminationDate)) {
    findings.push(warningFinding('hcpcs.terminated', 'This HCPCS code was terminated before the date of service.'));
  }
  return { normalized: code, system: 'hcpcs', entry, findings };
}

/** Box 24D holds either kind; a leading letter means HCPCS Level II. */
export function validateProcedureCode(
  raw: string,
  codeSet: HcpcsCodeSet,
  serviceDate?: string | null,
): ProcedureCodeValidation {
  const code = compactIdentifier(raw);
  if (code.length === 0) {
    return {
      normalized: null,
      system: null,
      entry: null,
      findings: [errorFinding('procedure.missing', 'No procedure code was found.')],
    };
  }
  return /^[A-Z]/.test(code) ? validateHcpcs(code, codeSet, serviceDate) : validateCptFormat(code);
}

export function validateModifier(raw: string, codeSet: HcpcsCodeSet): Finding[] {
  const code = compactIdentifier(raw);
  if (!MODIFIER_FORMAT.test(code)) {
    return [errorFinding('modifier.format', 'A procedure modifier is two letters or digits; this one is not.')];
  }
  // Numeric modifiers are CPT's and cannot be checked against the HCPCS file.
  if (/^\d{2}$/.test(code)) return [];
  const entry = codeSet.get(code);
  if (!entry || entry.kind !== 'modifier') {
    return [warningFinding('modifier.unknown', `This modifier is not in the HCPCS ${codeSet.release.release} release.`)];
  }
  return [];
}
