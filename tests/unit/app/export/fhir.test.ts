import { describe, expect, it } from 'vitest';
import { renderFhirBundle } from '../../../../app/export/fhir';
import type { ExportDocument, ExportField } from '../../../../app/export/types';
import { analyseDocument } from '../../../../app/extract/analyse-document';
import type { DocumentKind } from '../../../../app/model/field';
import { builtinFormulary } from '../../../../app/formulary/formulary';
import { smallHcpcs, smallIcd10 } from '../validate/code-fixtures';
import { layoutWords } from '../extract/layout-words';
import { CLAIM } from '../extract/documents';

const context = { exportedAt: '2026-12-01T12:00:00.000Z', batchId: '7d3c1f8e-2a4b-4c5d-9e6f-0a1b2c3d4e5f' };

function field(name: string, raw: string | null, normalized: string | null = raw, extra: Partial<ExportField> = {}): ExportField {
  return { name, index: null, value: normalized ?? raw, raw, normalized, description: null, status: 'confident', edited: false, ...extra };
}
const at = (index: number, f: ExportField): ExportField => ({ ...f, index });

function doc(id: string, kind: DocumentKind | null, fields: ExportField[], extra: Partial<ExportDocument> = {}): ExportDocument {
  return {
    id,
    kind,
    name: `${id}.png`,
    importedAt: '2026-12-01T09:00:00.000Z',
    approvedAt: '2026-12-01T11:00:00.000Z',
    approvedBy: 'Ada Admin',
    pageCount: 1,
    fields,
    ...extra,
  };
}

const rx = doc('rx-1', 'prescription', [
  field('prescriber.name', 'Jane Q. Smith, MD'),
  field('prescriber.npi', '1234567893'),
  field('prescriber.dea', 'AS1234563'),
  field('prescriber.phone', '(217) 555-0100'),
  field('patient.name', 'Doe, John A'),
  field('patient.dob', '03/07/1985', '1985-03-07'),
  field('patient.address', null, null, { status: 'missing' }),
  field('patient.phone', null, null, { status: 'missing' }),
  field('dateWritten', '11/20/2026', '2026-11-20'),
  field('drug.name', 'Lipitor', 'atorvastatin'),
  field('drug.strength', '20 mg'),
  field('drug.form', 'tablet'),
  field('drug.ndc', '0071-0155-23', '00071015523'),
  field('sig.raw', 'Take 1 tablet by mouth once daily as needed'),
  field('sig.route', 'by mouth', 'PO'),
  field('sig.prn', 'as needed', 'true'),
  field('quantity', 'thirty (30)', '30'),
  field('refills', '3'),
  field('daysSupply', '30'),
  field('daw', 'Substitution permitted', '0'),
]);

const line = (n: number, parts: Record<string, string | null>): ExportField[] =>
  Object.entries(parts).map(([part, value]) => at(n, field(`claim.line.${part}`, value)));

const claim = doc('claim-1', 'cms1500', [
  field('claim.insuredId', 'XYZ123456789'),
  field('claim.patientName', 'DOE, JOHN A'),
  field('claim.patientDob', '03 07 1985', '1985-03-07'),
  field('claim.patientSex', 'M'),
  at(0, field('claim.diagnosis', 'E11.9', 'E119', { description: 'Type 2 diabetes mellitus without complications' })),
  at(1, field('claim.diagnosis', 'I10', 'I10', { description: 'Essential (primary) hypertension' })),
  ...line(1, { dateFrom: '2026-11-02', dateTo: '2026-11-02', pos: '11', procedure: '99213', modifiers: '25', pointer: 'AB', units: '1', npi: '1234567893' }),
  at(1, field('claim.line.charges', '123 45', '12345')),
  ...line(2, { dateFrom: '2026-11-02', dateTo: '2026-11-04', pos: '11', procedure: 'J1100', pointer: 'BC', units: '2', npi: '1234567893' }),
  at(2, field('claim.line.charges', '20.00', '20.00')),
  at(2, field('claim.line.modifiers', null, null, { status: 'missing' })),
  field('claim.totalCharge', '$143.45', '14345'),
  field('claim.billingProvider', 'SPRINGFIELD FAMILY MEDICINE'),
  field('claim.billingNpi', '1234567893'),
]);

const lab = doc('lab-1', 'lab_report', [
  field('lab.patient', 'John Doe'),
  field('lab.collectionDate', '11/20/2026', '2026-11-20'),
  ...Object.entries({ name: 'Glucose', value: '105', unit: 'mg/dL', range: '70-99', flag: 'H' }).map(([p, v]) => at(1, field(`lab.row.${p}`, v))),
  ...Object.entries({ name: 'HIV antibody', value: 'negative', range: 'negative' }).map(([p, v]) => at(2, field(`lab.row.${p}`, v))),
  // A blank flag inside the range is settled by validation as '' (known normal).
  at(2, field('lab.row.flag', null, '')),
]);

const card = doc('card-1', 'insurance_card', [
  field('card.memberId', 'W123456789'),
  field('card.group', '0123456'),
  field('card.payer', 'Aetna'),
  field('card.rxBin', '610502'),
  field('card.rxPcn', 'AETNA'),
  field('card.rxGroup', null, null, { status: 'missing' }),
  field('card.plan', 'Choice POS II'),
]);

const note = doc('note-1', 'clinical_note', [
  at(0, field('note.icd10', 'E11.9', 'E11.9')),
  at(0, field('note.medication', 'Lipitor', 'atorvastatin')),
  at(1, field('note.medication', 'metformin')),
  at(2, field('note.medication', 'Atorvastatin', 'atorvastatin')),
]);

const unknownKind = doc('scan-1', null, [field('patient.name', 'John Doe')], { approvedBy: null });

const ALL = [rx, claim, lab, card, note, unknownKind];

type Resource = { resourceType: string } & Record<string, unknown>;
interface Entry {
  fullUrl: string;
  resource: Resource;
}
interface Bundle {
  resourceType: string;
  type: string;
  timestamp: string;
  identifier: { system: string; value: string };
  entry: Entry[];
}

const render = (documents: readonly ExportDocument[], ctx = context): Bundle => JSON.parse(renderFhirBundle(documents, ctx)) as Bundle;
const bundle = render(ALL);

/** Every node of a JSON value with its path, to check properties of the whole output. */
function* walk(value: unknown, path = '$'): Generator<[string, unknown]> {
  yield [path, value];
  if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* walk(v, `${path}[${i}]`);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* walk(v, `${path}.${k}`);
}

const byUrl = (b: Bundle, reference: unknown): Resource | undefined => b.entry.find((e) => e.fullUrl === (reference as { reference: string }).reference)?.resource;

/** The resources a document's Provenance lists: what the export made for it. */
function resourcesOf(b: Bundle, documentId: string): Resource[] {
  const docRef = b.entry.find(
    (e) => e.resource.resourceType === 'DocumentReference' && (e.resource.identifier as { value: string }[])[0]?.value === documentId,
  );
  const provenance = b.entry.find(
    (e) => e.resource.resourceType === 'Provenance' && (e.resource.target as { reference: string }[]).some((t) => t.reference === docRef?.fullUrl),
  );
  if (!provenance) throw new Error(`no provenance for ${documentId}`);
  return [...(provenance.resource.target as unknown[]).map((t) => byUrl(b, t) as Resource), provenance.resource];
}

const one = (b: Bundle, documentId: string, type: string): Resource => {
  const found = resourcesOf(b, documentId).filter((r) => r.resourceType === type);
  expect(found).toHaveLength(1);
  return found[0] as Resource;
};
const typesOf = (b: Bundle, documentId: string): string[] => resourcesOf(b, documentId).map((r) => r.resourceType).sort();

describe('FHIR R4 export', () => {
  it('is one collection Bundle stamped with the export time and batch', () => {
    expect(bundle).toMatchObject({
      resourceType: 'Bundle',
      type: 'collection',
      timestamp: context.exportedAt,
      identifier: { system: 'urn:folio:export', value: context.batchId },
    });
    expect(renderFhirBundle(ALL, context).endsWith('}\n')).toBe(true);
  });

  it('gives every resource a unique urn:uuid fullUrl, and every reference resolves to one', () => {
    const urls = bundle.entry.map((e) => e.fullUrl);
    for (const url of urls) expect(url).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(urls).size).toBe(urls.length);
    const references = [...walk(bundle)].filter(([path]) => path.endsWith('.reference')).map(([, v]) => v);
    expect(references.length).toBeGreaterThan(20);
    for (const reference of references) expect(urls).toContain(reference);
  });

  it('makes the resources each kind calls for, and only a DocumentReference and Provenance for an unknown kind', () => {
    expect(typesOf(bundle, 'rx-1')).toEqual(['DocumentReference', 'MedicationRequest', 'Patient', 'Practitioner', 'Provenance']);
    expect(typesOf(bundle, 'claim-1')).toEqual(['Claim', 'DocumentReference', 'Patient', 'Provenance']);
    expect(typesOf(bundle, 'lab-1')).toEqual(['DocumentReference', 'Observation', 'Observation', 'Patient', 'Provenance']);
    expect(typesOf(bundle, 'card-1')).toEqual(['Coverage', 'DocumentReference', 'Patient', 'Provenance']);
    expect(typesOf(bundle, 'note-1')).toEqual(['DocumentReference', 'MedicationStatement', 'MedicationStatement', 'Patient', 'Provenance']);
    expect(typesOf(bundle, 'scan-1')).toEqual(['DocumentReference', 'Provenance']);
    expect(bundle.entry).toHaveLength(5 + 4 + 5 + 4 + 5 + 2);
  });

  it('exports a page Folio does not recognise (kind other) as a plain DocumentReference with its Provenance', () => {
    const letter = doc('letter-1', 'other', []);
    const only = render([letter]);
    expect(typesOf(only, 'letter-1')).toEqual(['DocumentReference', 'Provenance']);
    expect(one(only, 'letter-1', 'DocumentReference')).toMatchObject({ status: 'current', docStatus: 'final', content: [{ attachment: { title: 'letter-1.png' } }] });
    expect(one(only, 'letter-1', 'DocumentReference').subject).toBeUndefined();
  });

  it('never leaves out an element R4 requires', () => {
    const required: Record<string, string[]> = {
      DocumentReference: ['status', 'content'],
      Provenance: ['target', 'recorded', 'agent'],
      MedicationRequest: ['status', 'intent', 'medicationCodeableConcept', 'subject'],
      Claim: ['status', 'type', 'use', 'patient', 'created', 'provider', 'priority', 'insurance'],
      Observation: ['status', 'code'],
      Coverage: ['status', 'beneficiary', 'payor'],
      MedicationStatement: ['status', 'medicationCodeableConcept', 'subject'],
    };
    for (const { resource } of bundle.entry) {
      for (const element of required[resource.resourceType] ?? []) expect(resource, `${resource.resourceType}.${element}`).toHaveProperty(element);
    }
    const c = one(bundle, 'claim-1', 'Claim') as unknown as { insurance: unknown[]; item: { sequence: number; productOrService: unknown }[] };
    expect(c.insurance[0]).toMatchObject({ sequence: 1, focal: true });
    for (const item of c.item) expect(item.productOrService).toBeDefined();
  });

  it('identifies the prescriber by NPI and DEA and links the order to prescriber and patient', () => {
    const practitioner = one(bundle, 'rx-1', 'Practitioner');
    expect(practitioner.identifier).toEqual([
      { system: 'http://hl7.org/fhir/sid/us-npi', value: '1234567893' },
      expect.objectContaining({ system: 'urn:oid:2.16.840.1.113883.4.814', value: 'AS1234563' }),
    ]);
    expect(practitioner.telecom).toEqual([{ system: 'phone', value: '(217) 555-0100' }]);
    const order = one(bundle, 'rx-1', 'MedicationRequest');
    expect(byUrl(bundle, order.requester)).toBe(practitioner);
    expect(byUrl(bundle, order.subject)).toBe(one(bundle, 'rx-1', 'Patient'));
  });

  it('orders the drug with its NDC, directions, quantity and refills as numbers', () => {
    const order = one(bundle, 'rx-1', 'MedicationRequest');
    expect(order).toMatchObject({
      status: 'active',
      intent: 'order',
      authoredOn: '2026-11-20',
      medicationCodeableConcept: { text: 'atorvastatin 20 mg tablet', coding: [{ system: 'http://hl7.org/fhir/sid/ndc', code: '0071-0155-23' }] },
      dosageInstruction: [
        {
          text: 'Take 1 tablet by mouth once daily as needed',
          asNeededBoolean: true,
          route: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0162', code: 'PO' }], text: 'by mouth' },
        },
      ],
      dispenseRequest: { quantity: { value: 30 }, numberOfRepeatsAllowed: 3, expectedSupplyDuration: { value: 30, code: 'd' } },
      substitution: { allowedBoolean: true },
    });
  });

  it('writes an 11-digit NDC in its 10-digit shape when only one fits, and leaves an unreadable quantity out', () => {
    const ndcOnly = (id: string, ndc: string): Resource =>
      one(render([doc(id, 'prescription', [field('drug.ndc', ndc), field('quantity', 'thirty', null), field('refills', 'three', null)])]), id, 'MedicationRequest');
    const unambiguous = ndcOnly('a', '12345067890');
    expect(unambiguous.medicationCodeableConcept).toEqual({ coding: [{ system: 'http://hl7.org/fhir/sid/ndc', code: '12345-678-90' }] });
    expect(unambiguous).not.toHaveProperty('dispenseRequest');
    expect(ndcOnly('b', '00071015523').medicationCodeableConcept).toEqual({ coding: [{ system: 'http://hl7.org/fhir/sid/ndc', code: '00071015523' }] });
  });

  it('names the patient, splitting family and given only when the name says which is which', () => {
    expect(one(bundle, 'rx-1', 'Patient')).toEqual({
      resourceType: 'Patient',
      name: [{ text: 'Doe, John A', family: 'Doe', given: ['John', 'A'] }],
      birthDate: '1985-03-07',
    });
    expect(one(bundle, 'claim-1', 'Patient')).toMatchObject({ gender: 'male', name: [{ family: 'DOE', given: ['JOHN', 'A'] }] });
    expect(one(bundle, 'lab-1', 'Patient').name).toEqual([{ text: 'John Doe', family: 'Doe', given: ['John'] }]);
    expect(one(bundle, 'rx-1', 'Practitioner').name).toEqual([{ text: 'Jane Q. Smith, MD' }]);
    const threeWords = render([doc('p', 'lab_report', [field('lab.patient', 'Maria Garcia Lopez')])]);
    expect(one(threeWords, 'p', 'Patient').name).toEqual([{ text: 'Maria Garcia Lopez' }]);
  });

  it('gives a birth date only when it is a real calendar date', () => {
    const patientWith = (dob: ExportField): Resource => one(render([doc('p', 'prescription', [field('patient.name', 'John Doe'), dob])]), 'p', 'Patient');
    expect(patientWith(field('patient.dob', '02/30/1985', '1985-02-30'))).not.toHaveProperty('birthDate');
    expect(patientWith(field('patient.dob', '3/7/85 ?', null))).not.toHaveProperty('birthDate');
    expect(patientWith(field('patient.dob', null, null, { status: 'missing' }))).not.toHaveProperty('birthDate');
    expect(patientWith(field('patient.dob', '02/29/2024', '2024-02-29')).birthDate).toBe('2024-02-29');
  });

  it('codes diagnoses in ICD-10-CM with the dot and points each service line at them', () => {
    const c = one(bundle, 'claim-1', 'Claim');
    expect(c.diagnosis).toEqual([
      {
        sequence: 1,
        diagnosisCodeableConcept: {
          coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'E11.9', display: 'Type 2 diabetes mellitus without complications' }],
        },
      },
      { sequence: 2, diagnosisCodeableConcept: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'I10', display: 'Essential (primary) hypertension' }] } },
    ]);
    const [first, second] = c.item as Record<string, unknown>[];
    expect(first).toMatchObject({
      sequence: 1,
      diagnosisSequence: [1, 2],
      productOrService: { coding: [{ system: 'http://www.ama-assn.org/go/cpt', code: '99213' }] },
      modifier: [{ coding: [{ system: 'http://www.ama-assn.org/go/cpt', code: '25' }] }],
      servicedDate: '2026-11-02',
      locationCodeableConcept: { coding: [{ system: 'https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set', code: '11' }] },
      quantity: { value: 1 },
      net: { value: 123.45, currency: 'USD' },
    });
    // Pointer C names no diagnosis on the form, so only B is kept.
    expect(second).toMatchObject({
      diagnosisSequence: [2],
      productOrService: { coding: [{ system: 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets', code: 'J1100' }] },
      servicedPeriod: { start: '2026-11-02', end: '2026-11-04' },
      net: { value: 20, currency: 'USD' },
    });
    expect(second).not.toHaveProperty('servicedDate');
    expect(second).not.toHaveProperty('modifier');
  });

  it('bills the claim under the billing NPI, with its total and the rendering NPI on the care team', () => {
    const c = one(bundle, 'claim-1', 'Claim');
    expect(c).toMatchObject({
      status: 'active',
      use: 'claim',
      type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/claim-type', code: 'professional' }] },
      created: claim.approvedAt,
      provider: { identifier: { system: 'http://hl7.org/fhir/sid/us-npi', value: '1234567893' }, display: 'SPRINGFIELD FAMILY MEDICINE' },
      careTeam: [{ sequence: 1, provider: { identifier: { system: 'http://hl7.org/fhir/sid/us-npi', value: '1234567893' } } }],
      insurance: [{ sequence: 1, focal: true, coverage: { identifier: { value: 'XYZ123456789' } } }],
      total: { value: 143.45, currency: 'USD' },
    });
    expect((c.item as unknown[]).every((i) => (i as { careTeamSequence: number[] }).careTeamSequence[0] === 1)).toBe(true);
  });

  it('says "unknown" for a claim provider and coverage the form does not give, and drops lines without a code', () => {
    const bare = render([doc('c', 'cms1500', [...line(1, { dateFrom: '2026-11-02', charges: '10.00' }), field('claim.totalCharge', '$1O.00', null)])]);
    const c = one(bare, 'c', 'Claim');
    expect(c.provider).toEqual({ display: 'unknown' });
    expect(c.insurance).toEqual([{ sequence: 1, focal: true, coverage: { display: 'unknown' } }]);
    for (const absent of ['item', 'diagnosis', 'careTeam', 'total']) expect(c).not.toHaveProperty(absent);
    expect(byUrl(bare, c.patient)?.resourceType).toBe('Patient');
  });

  it('reports each lab row as an Observation: numbers as quantities, text as text, H as high', () => {
    const [glucose, hiv] = resourcesOf(bundle, 'lab-1').filter((r) => r.resourceType === 'Observation');
    expect(glucose).toMatchObject({
      status: 'final',
      code: { text: 'Glucose' },
      effectiveDateTime: '2026-11-20',
      valueQuantity: { value: 105, unit: 'mg/dL' },
      referenceRange: [{ text: '70-99' }],
      interpretation: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: 'H' }] }],
    });
    expect(hiv).toMatchObject({ code: { text: 'HIV antibody' }, valueString: 'negative', referenceRange: [{ text: 'negative' }] });
    expect(hiv).not.toHaveProperty('valueQuantity');
    expect(hiv).not.toHaveProperty('interpretation');
    expect(byUrl(bundle, glucose?.subject)).toBe(one(bundle, 'lab-1', 'Patient'));
  });

  it('turns an insurance card into a Coverage for a Patient known by member ID', () => {
    const coverage = one(bundle, 'card-1', 'Coverage');
    const patient = one(bundle, 'card-1', 'Patient');
    expect(byUrl(bundle, coverage.beneficiary)).toBe(patient);
    expect(patient.identifier).toEqual([expect.objectContaining({ value: 'W123456789' })]);
    expect(coverage).toMatchObject({ status: 'active', subscriberId: 'W123456789', payor: [{ display: 'Aetna' }] });
    const classes = (coverage.class as { type: { coding: { code: string }[] }; value: string }[]).map((c) => [c.type.coding[0]?.code, c.value]);
    expect(classes).toEqual([
      ['group', '0123456'],
      ['plan', 'Choice POS II'],
      ['rxbin', '610502'],
      ['rxpcn', 'AETNA'],
    ]);
  });

  it('lists each drug a note mentions once, as a MedicationStatement about the patient', () => {
    const statements = resourcesOf(bundle, 'note-1').filter((r) => r.resourceType === 'MedicationStatement');
    expect(statements.map((s) => (s.medicationCodeableConcept as { text: string }).text)).toEqual(['atorvastatin', 'metformin']);
    for (const s of statements) {
      expect(s.status).toBe('unknown');
      expect(byUrl(bundle, s.subject)).toBe(one(bundle, 'note-1', 'Patient'));
    }
  });

  it('records the document and who approved it, and says so when the approver is unknown', () => {
    expect(one(bundle, 'rx-1', 'DocumentReference')).toMatchObject({
      status: 'current',
      docStatus: 'final',
      date: rx.approvedAt,
      description: 'rx-1.png',
      identifier: [{ system: 'urn:folio:document', value: 'rx-1' }],
      content: [{ attachment: { title: 'rx-1.png' } }],
    });
    expect(one(bundle, 'rx-1', 'Provenance')).toMatchObject({ recorded: rx.approvedAt, agent: [{ who: { display: 'Ada Admin' } }] });
    expect(one(bundle, 'scan-1', 'Provenance')).toMatchObject({ agent: [{ who: { display: 'unknown' } }] });
    expect(one(bundle, 'scan-1', 'DocumentReference')).not.toHaveProperty('subject');
  });

  it('renders the same export byte for byte, and keeps fullUrls when only the batch or the order changes', () => {
    expect(renderFhirBundle(ALL, context)).toBe(renderFhirBundle(ALL, context));
    const other = render(ALL, { ...context, batchId: 'another-batch' });
    expect(other.identifier.value).toBe('another-batch');
    expect(renderFhirBundle(ALL, { ...context, batchId: 'another-batch' })).not.toBe(renderFhirBundle(ALL, context));
    const urls = (b: Bundle): string[] => b.entry.map((e) => e.fullUrl).sort();
    expect(urls(other)).toEqual(urls(bundle));
    expect(urls(render([...ALL].reverse()))).toEqual(urls(bundle));
  });

  it('has no empty string, empty array, empty object or null anywhere', () => {
    const bad = [...walk(bundle)].filter(
      ([, v]) =>
        v === null ||
        (typeof v === 'string' && v.trim() === '') ||
        (Array.isArray(v) && v.length === 0) ||
        (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0),
    );
    expect(bad.map(([path]) => path)).toEqual([]);
    expect(render([])).not.toHaveProperty('entry');
  });
});

describe('FHIR export of documents as Folio reads them', () => {
  const ctx = { today: '2026-11-25', codeSets: { icd10: smallIcd10(), hcpcs: smallHcpcs() }, formulary: builtinFormulary() };
  const approved = (id: string, lines: readonly string[]): ExportDocument => {
    const { kind, fields } = analyseDocument(layoutWords([...lines]), ctx);
    return doc(
      id,
      kind,
      fields.map((f) => ({ name: f.name, index: f.index, value: f.normalized ?? f.raw, raw: f.raw, normalized: f.normalized, description: f.description, status: f.status, edited: false })),
    );
  };

  it('carries a read claim through with its codes, pointers and amounts', () => {
    const b = render([approved('claim', CLAIM)]);
    const c = one(b, 'claim', 'Claim') as unknown as { diagnosis: { diagnosisCodeableConcept: { coding: { code: string }[] } }[]; item: Record<string, unknown>[]; total: unknown };
    expect(c.diagnosis.map((d) => d.diagnosisCodeableConcept.coding[0]?.code)).toEqual(['E11.9', 'I10', 'J45.909']);
    expect(c.item.map((i) => [i.diagnosisSequence, i.net])).toEqual([
      [[1, 2], { value: 125, currency: 'USD' }],
      [[1], { value: 20, currency: 'USD' }],
    ]);
    expect(c.total).toEqual({ value: 145, currency: 'USD' });
  });

  it('carries a read prescription through with prescriber IDs, quantity and refills', () => {
    const b = render([
      approved('rx', [
        'Jane Q. Smith, MD',
        'NPI: 1234567893   DEA: AS1234563',
        'Patient: John Doe   DOB: 03/07/1985',
        'Rx: Atorvastatin 20 mg tablet',
        'Sig: Take 1 tablet by mouth once daily',
        'Qty: thirty (30)   Refills: 3',
      ]),
    ]);
    expect(one(b, 'rx', 'Practitioner').identifier).toEqual([
      expect.objectContaining({ value: '1234567893' }),
      expect.objectContaining({ value: 'AS1234563' }),
    ]);
    expect(one(b, 'rx', 'MedicationRequest')).toMatchObject({
      medicationCodeableConcept: { text: 'atorvastatin 20 mg tablet' },
      dispenseRequest: { quantity: { value: 30 }, numberOfRepeatsAllowed: 3 },
      dosageInstruction: [{ route: { coding: [{ code: 'PO' }] } }],
    });
    expect(one(b, 'rx', 'Patient').birthDate).toBe('1985-03-07');
  });
});
