import type { CodeSetRelease } from '../../app/codesets/types';

/** What ships in `resources/codesets`; the UI shows these so a coder knows what was checked. */
export const ICD10_RELEASE: CodeSetRelease = {
  system: 'ICD-10-CM',
  release: 'FY2022',
  source: 'CDC/NCHS ICD-10-CM order file (public domain), via icd10us by Victor Castro (CC BY 4.0)',
};

export const HCPCS_RELEASE: CodeSetRelease = {
  system: 'HCPCS Level II',
  release: '2019',
  source: 'CMS alpha-numeric HCPCS file 2019 (public domain)',
};
