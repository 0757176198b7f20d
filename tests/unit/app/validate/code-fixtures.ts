import type { HcpcsCodeSet, Icd10CodeSet } from '../../../../app/codesets/types';
import { createHcpcsCodeSet, createIcd10CodeSet } from '../../../../app/codesets/types';

/** A handful of real FY2022 ICD-10-CM rows (CDC, public domain), enough to exercise lookups. */
export function smallIcd10(): Icd10CodeSet {
  return createIcd10CodeSet(
    [
      { code: 'E11', billable: false, description: 'Type 2 diabetes mellitus' },
      { code: 'E119', billable: true, description: 'Type 2 diabetes mellitus without complications' },
      { code: 'I10', billable: true, description: 'Essential (primary) hypertension' },
      { code: 'J45', billable: false, description: 'Asthma' },
      { code: 'J45909', billable: true, description: 'Unspecified asthma, uncomplicated' },
      { code: 'S52501A', billable: true, description: 'Unsp fracture of the lower end of right radius, init' },
      { code: 'O800', billable: false, description: 'placeholder header for ranking tests' },
      { code: 'O80', billable: true, description: 'Encounter for full-term uncomplicated delivery' },
      { code: 'Z0000', billable: true, description: 'Encntr for general adult medical exam w/o abnormal findings' },
      { code: 'B20', billable: true, description: 'Human immunodeficiency virus [HIV] disease' },
    ],
    { system: 'ICD-10-CM', release: 'FY2022', source: 'test' },
  );
}

/** Real 2019 HCPCS rows (CMS, public domain) plus one terminated code. */
export function smallHcpcs(): HcpcsCodeSet {
  return createHcpcsCodeSet(
    [
      { code: 'J1100', kind: 'procedure', description: 'Dexamethasone sodium phos', terminationDate: null },
      { code: 'G0008', kind: 'procedure', description: 'Admin influenza virus vac', terminationDate: null },
      { code: 'Q9999', kind: 'procedure', description: 'Test terminated code', terminationDate: '2018-12-31' },
      { code: 'LT', kind: 'modifier', description: 'Left side', terminationDate: null },
      { code: 'RT', kind: 'modifier', description: 'Right side', terminationDate: null },
    ],
    { system: 'HCPCS Level II', release: '2019', source: 'test' },
  );
}
