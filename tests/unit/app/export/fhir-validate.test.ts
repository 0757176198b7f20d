import { Fhir } from 'fhir';
import { describe, expect, it } from 'vitest';
import { renderFhirBundle } from '../../../../app/export/fhir';
import type { ExportDocument, ExportField } from '../../../../app/export/types';

// The bundle checked by an independent FHIR validator (fhir.js, against the R4 structure
// definitions it ships): types, cardinality, required elements, and no property R4 lacks.
// Terminology bindings are not checked there (it carries no ICD-10-CM, CPT or NDC), so
// warnings about codes not found in a value set are expected and ignored.
const fhir = new Fhir();

function field(name: string, raw: string, normalized: string | null = null, index: number | null = null): ExportField {
  return { name, index, value: normalized ?? raw, raw, normalized, description: null, status: 'confident', edited: false };
}

const base = { importedAt: '2026-12-01T09:00:00.000Z', approvedAt: '2026-12-01T11:00:00.000Z', approvedBy: 'Ada Admin', pageCount: 1, name: 'scan.png' };
const DOCUMENTS: ExportDocument[] = [
  {
    ...base,
    id: '0f9d6c1e-5b7a-4e3d-8c2b-1a0f9e8d7c6b',
    kind: 'prescription',
    fields: [
      field('patient.name', 'John Doe'),
      field('patient.dob', '03/07/1985', '1985-03-07'),
      field('patient.address', '45 Oak Ave, Springfield, IL 62702'),
      field('patient.phone', '(217) 555-0100'),
      field('prescriber.name', 'Jane Q. Smith, MD'),
      field('prescriber.npi', '1234567893'),
      field('prescriber.dea', 'AS1234563'),
      field('drug.name', 'Atorvastatin'),
      field('drug.strength', '20 mg'),
      field('drug.form', 'tablet'),
      field('sig.raw', 'Take 1 tablet by mouth once daily as needed'),
      field('sig.route', 'by mouth', 'PO'),
      field('sig.prn', 'as needed', 'true'),
      field('quantity', 'thirty (30)', '30'),
      field('refills', '3', '3'),
      field('dateWritten', '11/20/2026', '2026-11-20'),
    ],
  },
  {
    ...base,
    id: '1f9d6c1e-5b7a-4e3d-8c2b-1a0f9e8d7c6b',
    kind: 'cms1500',
    fields: [
      field('claim.patientName', 'DOE, JOHN'),
      field('claim.patientDob', '03 07 1985', '1985-03-07'),
      field('claim.patientSex', 'M'),
      field('claim.insuredId', 'XYZ123456'),
      field('claim.diagnosis', 'E11.9', 'E11.9', 0),
      field('claim.diagnosis', 'I10', 'I10', 1),
      field('claim.line.dateFrom', '11 01 26', '2026-11-01', 1),
      field('claim.line.procedure', '99213', '99213', 1),
      field('claim.line.modifiers', '25', '25', 1),
      field('claim.line.pointer', 'AB', 'AB', 1),
      field('claim.line.charges', '125 00', '125.00', 1),
      field('claim.line.pos', '11', '11', 1),
      field('claim.line.procedure', 'J3490', 'J3490', 2),
      field('claim.line.charges', '15 00', '15.00', 2),
      field('claim.totalCharge', '140 00', '140.00'),
      field('claim.billingNpi', '1234567893'),
    ],
  },
  {
    ...base,
    id: '2f9d6c1e-5b7a-4e3d-8c2b-1a0f9e8d7c6b',
    kind: 'lab_report',
    fields: [
      field('lab.patient', 'John Doe'),
      field('lab.collectionDate', '11/01/2026', '2026-11-01'),
      field('lab.row.name', 'Glucose', null, 0),
      field('lab.row.value', '140', null, 0),
      field('lab.row.unit', 'mg/dL', null, 0),
      field('lab.row.range', '70-99', null, 0),
      field('lab.row.flag', 'H', null, 0),
      field('lab.row.name', 'Color', null, 1),
      field('lab.row.value', 'Yellow', null, 1),
    ],
  },
  {
    ...base,
    id: '3f9d6c1e-5b7a-4e3d-8c2b-1a0f9e8d7c6b',
    kind: 'insurance_card',
    fields: [field('card.memberId', 'XYZ123456'), field('card.payer', 'Acme Health'), field('card.group', 'G100'), field('card.plan', 'Gold PPO')],
  },
  { ...base, id: '4f9d6c1e-5b7a-4e3d-8c2b-1a0f9e8d7c6b', kind: 'clinical_note', fields: [field('note.medication', 'metformin', null, 0)] },
  { ...base, id: '5f9d6c1e-5b7a-4e3d-8c2b-1a0f9e8d7c6b', kind: null, approvedBy: null, fields: [] },
  { ...base, id: '6f9d6c1e-5b7a-4e3d-8c2b-1a0f9e8d7c6b', kind: 'other', fields: [] },
];
const context = { exportedAt: '2026-12-01T12:00:00.000Z', batchId: '7d3c1f8e-2a4b-4c5d-9e6f-0a1b2c3d4e5f' };

function errorsOf(bundle: unknown): string[] {
  const result = fhir.validate(bundle as object, { errorOnUnexpected: true });
  return result.messages.filter((message) => message.severity === 'error').map((message) => `${message.location}: ${message.message}`);
}

describe('the FHIR export, checked by fhir.js against the R4 structure definitions', () => {
  const bundle = JSON.parse(renderFhirBundle(DOCUMENTS, context)) as { entry: Array<{ resource: Record<string, unknown> }> };

  it('is a valid R4 Bundle for every document kind, with every resource a kind calls for', () => {
    expect(errorsOf(bundle)).toEqual([]);
    const types = new Set(bundle.entry.map((entry) => entry.resource.resourceType));
    for (const type of ['Patient', 'Practitioner', 'MedicationRequest', 'Claim', 'Observation', 'Coverage', 'MedicationStatement', 'DocumentReference', 'Provenance']) {
      expect(types, type).toContain(type);
    }
  });

  it('the validator is not a rubber stamp: a Claim without its required insurance, or with a property R4 lacks, fails', () => {
    const broken = structuredClone(bundle);
    const claim = broken.entry.find((entry) => entry.resource.resourceType === 'Claim')?.resource as Record<string, unknown>;
    delete claim.insurance;
    claim.reviewedBy = 'Ada';
    expect(errorsOf(broken)).toEqual(expect.arrayContaining([expect.stringContaining('Claim.insurance'), expect.stringContaining('Claim.reviewedBy')]));
  });
});
