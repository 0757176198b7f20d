import type { DocumentKind } from '../model/field';
import { exportValue, type ExportContext, type ExportDocument } from './types';
import {
  type Json,
  SYSTEM,
  UNKNOWN,
  Fields,
  type PatientFacts,
  patientResource,
  humanName,
  gender,
  phone,
  address,
  identifierType,
  memberIdentifier,
  ndcCode,
  icd10Concept,
  procedureConcept,
  modifierConcept,
  diagnosisPointers,
  money,
  labValue,
  interpretation,
  isoDate,
  decimal,
  refillCount,
  present,
  nonEmpty,
  nameUuid,
} from './fhir-values';
import { prettyJsonArray } from './pretty-json';

/**
 * Approved documents as one FHIR R4 Bundle of type `collection`. Each document becomes a
 * DocumentReference and a Provenance (who approved it, when), plus what its kind says: a
 * MedicationRequest, a Claim, Observations, a Coverage or MedicationStatements. A value that is
 * not on the document is left out, never guessed; where R4 requires an element Folio cannot
 * know (a claim's payer), the reference says "unknown" instead of inventing one.
 *
 * Each document gets its own Patient: Folio does not match people across documents.
 */

export function renderFhirBundle(documents: readonly ExportDocument[], context: ExportContext): string {
  return [...fhirBundleChunks(documents, context)].join('');
}

/**
 * The same bundle one document at a time (what `JSON.stringify(bundle, null, 2)` would print,
 * byte for byte), so a large export is written in slices and never held whole.
 */
export function* fhirBundleChunks(documents: readonly ExportDocument[], context: ExportContext): Generator<string> {
  const head = { resourceType: 'Bundle', identifier: { system: 'urn:folio:export', value: context.batchId }, type: 'collection', timestamp: context.exportedAt };
  yield* prettyJsonArray(head, 'entry', documents, documentEntries);
}

interface Scope {
  doc: ExportDocument;
  /** Adds a resource under a role unique within the document; returns a reference to it. */
  add(role: string, resource: Json): Json;
  /** A reference to the document's Patient, made on first use. */
  patient(): Json;
}

interface KindMapping {
  patient(fields: Fields): PatientFacts;
  resources(fields: Fields, scope: Scope): void;
}

function documentEntries(doc: ExportDocument): Json[] {
  const entries: Json[] = [];
  const add = (role: string, resource: Json): Json => {
    const fullUrl = `urn:uuid:${nameUuid(`${doc.id}/${role}`)}`;
    entries.push({ fullUrl, resource });
    return { reference: fullUrl };
  };
  const fields = new Fields(doc.fields);
  // A kind Folio does not know (a newer vault) still exports as a document.
  const mapping: KindMapping | undefined = doc.kind && Object.hasOwn(KINDS, doc.kind) ? KINDS[doc.kind] : undefined;
  const facts = mapping?.patient(fields) ?? {};
  let patient: Json | undefined;
  const scope: Scope = { doc, add, patient: () => (patient ??= add('Patient', patientResource(facts))) };
  if (Object.values(facts).some((v) => v !== undefined)) scope.patient();
  mapping?.resources(fields, scope);

  const made = entries.map((e) => ({ reference: e.fullUrl }));
  const documentReference = add('DocumentReference', {
    resourceType: 'DocumentReference',
    identifier: [{ system: 'urn:folio:document', value: doc.id }],
    status: 'current',
    docStatus: 'final',
    subject: patient,
    date: doc.approvedAt,
    description: present(doc.name),
    content: [{ attachment: { title: doc.name } }],
  });
  add('Provenance', {
    resourceType: 'Provenance',
    target: [...made, documentReference],
    recorded: doc.approvedAt,
    agent: [
      {
        type: { coding: [{ system: SYSTEM.participant, code: 'verifier', display: 'Verifier' }] },
        who: doc.approvedBy ? { display: doc.approvedBy } : UNKNOWN,
      },
    ],
  });
  return entries;
}

const KINDS: Record<DocumentKind, KindMapping> = {
  prescription: {
    patient: (f) => ({ name: f.value('patient.name'), birthDate: f.value('patient.dob'), address: f.value('patient.address'), phone: f.value('patient.phone') }),
    resources: prescriptionResources,
  },
  cms1500: {
    patient: (f) => ({
      name: f.value('claim.patientName'),
      birthDate: f.value('claim.patientDob'),
      gender: gender(f.value('claim.patientSex')),
      address: f.value('claim.patientAddress'),
    }),
    resources: claimResources,
  },
  lab_report: { patient: (f) => ({ name: f.value('lab.patient') }), resources: labResources },
  insurance_card: { patient: (f) => ({ memberId: f.value('card.memberId') }), resources: coverageResources },
  clinical_note: { patient: () => ({}), resources: noteResources },
  // A page Folio does not recognise is exported as what it is: a document, with its Provenance.
  other: { patient: () => ({}), resources: () => undefined },
};

function prescriptionResources(f: Fields, scope: Scope): void {
  const npi = f.value('prescriber.npi');
  const dea = f.value('prescriber.dea');
  const prescriber = {
    identifier: nonEmpty([
      ...(npi ? [{ system: SYSTEM.npi, value: npi }] : []),
      ...(dea ? [{ type: identifierType('DEA', 'Drug Enforcement Administration registration number'), system: SYSTEM.dea, value: dea }] : []),
    ]),
    name: humanName(f.value('prescriber.name')),
    telecom: phone(f.value('prescriber.phone')),
    address: address(f.value('prescriber.address')),
  };
  const requester = Object.values(prescriber).some((v) => v !== undefined) ? scope.add('Practitioner', { resourceType: 'Practitioner', ...prescriber }) : undefined;

  const text = [f.value('drug.name'), f.value('drug.strength'), f.value('drug.form')].filter(Boolean).join(' ');
  const ndc = ndcCode(f.field('drug.ndc'));
  // medication[x] is required: without a drug there is no order to send.
  if (!text && !ndc) return;
  const route = f.field('sig.route');
  const routeCode = route?.normalized && /^[A-Z]{2}$/.test(route.normalized) ? route.normalized : undefined;
  const routeText = present(route?.raw) ?? f.value('drug.route');
  const dosage = {
    text: f.value('sig.raw'),
    asNeededBoolean: f.value('sig.prn') === 'true' ? true : undefined,
    route: routeCode || routeText ? { coding: routeCode ? [{ system: SYSTEM.route, code: routeCode }] : undefined, text: routeText } : undefined,
  };
  const quantity = decimal(f.value('quantity'));
  const days = decimal(f.value('daysSupply'));
  const dispense = {
    numberOfRepeatsAllowed: refillCount(f.value('refills')),
    quantity: quantity === undefined ? undefined : { value: quantity },
    expectedSupplyDuration: days === undefined ? undefined : { value: days, unit: 'days', system: SYSTEM.ucum, code: 'd' },
  };
  // NCPDP DAW 0 lets the pharmacist substitute, 1 does not; the other codes are the pharmacy's.
  const daw = f.value('daw');
  scope.add('MedicationRequest', {
    resourceType: 'MedicationRequest',
    status: 'active',
    intent: 'order',
    medicationCodeableConcept: { coding: ndc ? [{ system: SYSTEM.ndc, code: ndc }] : undefined, text: present(text) },
    subject: scope.patient(),
    authoredOn: isoDate(f.value('dateWritten')),
    requester,
    dosageInstruction: Object.values(dosage).some((v) => v !== undefined) ? [dosage] : undefined,
    dispenseRequest: Object.values(dispense).some((v) => v !== undefined) ? dispense : undefined,
    substitution: daw === '0' || daw === '1' ? { allowedBoolean: daw === '0' } : undefined,
  });
}

function claimResources(f: Fields, scope: Scope): void {
  // Box 21 slot A is diagnosis 1, so box 24E pointers map straight onto sequences.
  const diagnosis = f.indexed('claim.diagnosis').map(({ index, field }) => ({ sequence: index + 1, diagnosisCodeableConcept: icd10Concept(field) }));
  const sequences = new Set(diagnosis.map((d) => d.sequence));
  // productOrService is required; a line without a code stays on the form for the person.
  const lines = f.rows('claim.line.').flatMap(({ fields: line }) => {
    const productOrService = procedureConcept(line.field('procedure'));
    return productOrService ? [{ line, productOrService }] : [];
  });
  const renderingNpis = [...new Set(lines.flatMap(({ line }) => line.value('npi') ?? []))];
  const item: Json[] = [];
  for (const { line, productOrService } of lines) {
    const from = isoDate(line.value('dateFrom'));
    const to = isoDate(line.value('dateTo')) ?? from;
    const npi = line.value('npi');
    const pos = line.value('pos');
    const units = decimal(line.value('units'));
    item.push({
      sequence: item.length + 1,
      careTeamSequence: npi ? [renderingNpis.indexOf(npi) + 1] : undefined,
      diagnosisSequence: nonEmpty(diagnosisPointers(line.value('pointer')).filter((s) => sequences.has(s))),
      productOrService,
      modifier: nonEmpty((line.value('modifiers') ?? '').split(/\s+/).filter(Boolean).map(modifierConcept)),
      servicedDate: from && to === from ? from : undefined,
      servicedPeriod: from && to !== from ? { start: from, end: to } : undefined,
      locationCodeableConcept: pos && /^\d{2}$/.test(pos) ? { coding: [{ system: SYSTEM.pos, code: pos }] } : undefined,
      quantity: units === undefined ? undefined : { value: units },
      net: money(line.field('charges')),
    });
  }
  const billingNpi = f.value('claim.billingNpi');
  const billingName = f.value('claim.billingProvider');
  const insuredId = f.value('claim.insuredId');
  scope.add('Claim', {
    resourceType: 'Claim',
    status: 'active',
    type: { coding: [{ system: SYSTEM.claimType, code: 'professional' }] },
    use: 'claim',
    patient: scope.patient(),
    created: scope.doc.approvedAt,
    provider: billingNpi || billingName ? { identifier: billingNpi ? { system: SYSTEM.npi, value: billingNpi } : undefined, display: billingName } : UNKNOWN,
    // Required by R4; a CMS-1500 does not state its urgency, and "normal" is what a paper claim is.
    priority: { coding: [{ system: SYSTEM.priority, code: 'normal' }] },
    careTeam: nonEmpty(renderingNpis.map((npi, i) => ({ sequence: i + 1, provider: { identifier: { system: SYSTEM.npi, value: npi } } }))),
    diagnosis: nonEmpty(diagnosis),
    // The form names no payer Folio reads; box 1a's ID identifies the coverage when there is one.
    insurance: [{ sequence: 1, focal: true, coverage: insuredId ? { identifier: memberIdentifier(insuredId) } : UNKNOWN }],
    item: nonEmpty(item),
    total: money(f.field('claim.totalCharge')),
  });
}

function labResources(f: Fields, scope: Scope): void {
  const effective = isoDate(f.value('lab.collectionDate'));
  for (const { index, fields: row } of f.rows('lab.row.')) {
    const name = row.value('name');
    if (!name) continue;
    const range = row.value('range');
    scope.add(`Observation/${index}`, {
      resourceType: 'Observation',
      status: 'final',
      category: [{ coding: [{ system: SYSTEM.observationCategory, code: 'laboratory' }] }],
      code: { text: name },
      subject: scope.patient(),
      effectiveDateTime: effective,
      ...labValue(row.value('value'), row.value('unit')),
      interpretation: interpretation(row.value('flag')),
      referenceRange: range ? [{ text: range }] : undefined,
    });
  }
}

function coverageResources(f: Fields, scope: Scope): void {
  const memberId = f.value('card.memberId');
  const payer = f.value('card.payer');
  const classes = (
    [
      ['group', 'card.group'],
      ['plan', 'card.plan'],
      ['rxbin', 'card.rxBin'],
      ['rxpcn', 'card.rxPcn'],
      ['rxgroup', 'card.rxGroup'],
    ] as const
  ).flatMap(([code, name]) => {
    const value = f.value(name);
    return value ? [{ type: { coding: [{ system: SYSTEM.coverageClass, code }] }, value }] : [];
  });
  scope.add('Coverage', {
    resourceType: 'Coverage',
    identifier: memberId ? [memberIdentifier(memberId)] : undefined,
    status: 'active',
    subscriberId: memberId,
    beneficiary: scope.patient(),
    payor: [payer ? { display: payer } : UNKNOWN],
    class: nonEmpty(classes),
  });
}

/** One statement per drug: a note that names a drug three times still lists it once. */
function noteResources(f: Fields, scope: Scope): void {
  const seen = new Set<string>();
  for (const { index, field } of f.indexed('note.medication')) {
    const name = present(exportValue(field)) as string;
    if (seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    scope.add(`MedicationStatement/${index}`, {
      resourceType: 'MedicationStatement',
      status: 'unknown',
      medicationCodeableConcept: { text: name },
      subject: scope.patient(),
    });
  }
}
