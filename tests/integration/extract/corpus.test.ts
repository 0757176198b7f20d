import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentAnalysis } from '../../../app/extract/analyse-document';
import { analyseDocument } from '../../../app/extract/analyse-document';
import { builtinFormulary } from '../../../app/formulary/formulary';
import type { CodeSets } from '../../../app/codesets/types';
import type { DocumentKind, Field, RecognisedKind } from '../../../app/model/field';
import { loadShippedCodeSets } from '../../../main/codesets/load-codesets';
import type { OcrEngine } from '../../../main/ocr/engine';
import { selectOcrEngine } from '../../../main/ocr/select';
import type { CorpusDocument } from '../../fixtures/documents/corpus';
import { corpusDocument, readScanWords, renderCorpusScan } from '../../fixtures/documents/corpus';
import type { TruthField } from '../../fixtures/documents/truth';
import { sameValue } from '../../fixtures/documents/truth';

/**
 * Generated documents with known values, printed clean, read by the real Tesseract and analysed
 * by Folio: the key values a coder or pharmacist relies on must come out exactly as printed,
 * and values printed wrong on purpose must come out `invalid`.
 */
const KEY_FIELDS: Record<RecognisedKind, readonly string[]> = {
  prescription: ['prescriber.npi', 'prescriber.dea', 'drug.name', 'drug.strength', 'quantity', 'refills', 'patient.dob'],
  cms1500: ['claim.diagnosis', 'claim.totalCharge', 'claim.billingNpi', 'claim.line.procedure', 'claim.line.charges', 'claim.line.npi'],
  lab_report: ['lab.collectionDate', 'lab.row.name', 'lab.row.value'],
  insurance_card: ['card.memberId', 'card.rxBin', 'card.rxPcn'],
  clinical_note: ['note.icd10', 'note.medication'],
};
const VALID_SEEDS = [7001, 7002];
const SEEDED_INVALID = ['npi.check_digit', 'dea.check_digit', 'date.future', 'icd10.unknown', 'refills.c2_refill'] as const;

interface Read {
  doc: CorpusDocument;
  analysis: DocumentAnalysis;
}

let engine: OcrEngine;
let codeSets: CodeSets;
const valid: Read[] = [];
const invalid = new Map<string, Read>();

/** The first clean document (searching seeds, no OCR) whose seeded-invalid value has this code. */
function documentWithInvalid(code: string): CorpusDocument {
  const kind: DocumentKind = code === 'icd10.unknown' ? 'cms1500' : 'prescription';
  for (let seed = 8000; seed < 8400; seed += 1) {
    const doc = corpusDocument(seed, kind, { clean: true, invalid: true, handwriting: false });
    if (doc.truth.fields.some((f) => f.invalid === code)) return doc;
  }
  throw new Error(`no corpus document seeds ${code}`);
}

async function read(doc: CorpusDocument): Promise<Read> {
  const words = await readScanWords(engine, await renderCorpusScan(doc));
  return { doc, analysis: analyseDocument(words, { today: doc.truth.today, codeSets, formulary: builtinFormulary() }) };
}

function fieldFor(fields: readonly Field[], t: TruthField): Field | undefined {
  if (t.name.startsWith('note.')) return fields.find((f) => f.name === t.name && sameValue(f.normalized, t.expected));
  return fields.find((f) => f.name === t.name && f.index === t.index);
}

beforeAll(async () => {
  engine = selectOcrEngine('tesseract-cli', 2);
  codeSets = await loadShippedCodeSets('resources/codesets');
  const docs = (Object.keys(KEY_FIELDS) as RecognisedKind[]).flatMap((kind) =>
    VALID_SEEDS.map((seed) => corpusDocument(seed, kind, { clean: true, invalid: false, handwriting: false })),
  );
  // Two at a time: the OCR runs in child processes, one per core.
  for (let i = 0; i < docs.length; i += 2) valid.push(...(await Promise.all(docs.slice(i, i + 2).map(read))));
  for (const code of SEEDED_INVALID) invalid.set(code, await read(documentWithInvalid(code)));
});

afterAll(async () => {
  await engine?.close();
});

describe('extraction on generated clean documents', () => {
  it('classifies every document as the kind it was generated as', () => {
    expect(valid.map((r) => r.analysis.classification.kind)).toEqual(valid.map((r) => r.doc.truth.kind));
  });

  for (const kind of Object.keys(KEY_FIELDS) as RecognisedKind[]) {
    it(`reads the key ${kind} fields exactly as printed`, () => {
      for (const r of valid.filter((v) => v.doc.truth.kind === kind)) {
        const keys = r.doc.truth.fields.filter((t) => KEY_FIELDS[kind].includes(t.name));
        expect(keys.length).toBeGreaterThan(0);
        const got = keys.map((t) => `${t.name}[${t.index ?? ''}]=${fieldFor(r.analysis.fields, t)?.normalized ?? 'missing'}`);
        const want = keys.map((t) => `${t.name}[${t.index ?? ''}]=${t.expected}`);
        expect(got.map((g) => g.toLowerCase())).toEqual(want.map((w) => w.toLowerCase()));
      }
    });
  }

  it('never marks a key field confident when its value is wrong', () => {
    for (const r of valid) {
      for (const t of r.doc.truth.fields) {
        const f = fieldFor(r.analysis.fields, t);
        if (f?.status === 'confident') expect(sameValue(f.normalized, t.expected), `${t.name} is confident but wrong`).toBe(true);
      }
    }
  });
});

describe('values printed wrong on purpose', () => {
  for (const code of SEEDED_INVALID) {
    it(`marks ${code} invalid`, () => {
      const r = invalid.get(code);
      const t = r?.doc.truth.fields.find((f) => f.invalid === code);
      expect(t).toBeDefined();
      const f = r && t ? fieldFor(r.analysis.fields, t) : undefined;
      expect(f?.status).toBe('invalid');
      expect(f?.findings.map((x) => x.code)).toContain(code);
    });
  }
});
