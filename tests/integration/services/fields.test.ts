import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../app/contract/errors';
import type { DocumentDetail } from '../../../app/model/document';
import type { ReviewField } from '../../../app/model/field';
import type { Workstation } from '../../../main/services/workstation';
import { PRESCRIPTION_WITH_BAD_NPI, renderLinesPage } from '../../support/pages';
import { makeTempDir } from '../../support/temp-dir';
import { openTestWorkstation, toBase64 } from '../../support/workstation';

const context = { host: 'cli' as const };
const TODAY = new Date('2026-11-25T15:00:00');

const PRESCRIPTION = PRESCRIPTION_WITH_BAD_NPI;

async function call<T>(workstation: Workstation, method: string, input: unknown): Promise<T> {
  const result = (await workstation.dispatch(method, input, context)) as Result<T>;
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

describe('fields extracted from a read page, checked, corrected and approved (real Tesseract)', () => {
  const temp = makeTempDir();
  let workstation: Workstation;
  let cleanup: () => Promise<void>;
  let documentId: string;
  let detail: DocumentDetail;
  const field = (name: string, fields: ReviewField[] = detail.fields): ReviewField | undefined => fields.find((f) => f.name === name);

  beforeAll(async () => {
    ({ workstation, cleanup } = await openTestWorkstation({ dataDir: temp.dir, now: () => TODAY }));
    const page = await renderLinesPage(PRESCRIPTION);
    const { outcomes } = await call<{ outcomes: Array<{ documentId: string }> }>(workstation, 'documents.import', {
      files: [{ name: 'rx.png', dataBase64: toBase64(page.png) }],
    });
    documentId = outcomes[0]?.documentId as string;
    await workstation.idle();
    detail = await call<DocumentDetail>(workstation, 'documents.get', { documentId });
  });
  afterAll(async () => {
    await cleanup();
    temp.remove();
  });

  it('classifies the page as a prescription and reads the values the page carries', () => {
    expect(detail.kind).toBe('prescription');
    expect(field('prescriber.dea')?.normalized).toBe('AS1234563');
    expect(field('patient.dob')?.normalized).toBe('1985-03-07');
    expect(field('quantity')?.normalized).toBe('30');
    expect(field('refills')?.normalized).toBe('3');
    expect(field('drug.name')?.raw?.toLowerCase()).toContain('atorvastatin');
  });

  it('does not pass another number off as a value the page lacks', () => {
    // No phone number on this page: the NPI's ten digits must not be read as one. A phone is
    // optional, so its absence is shown as not printed, not as something to check.
    expect(field('prescriber.phone')).toMatchObject({ raw: null, status: 'blank' });
  });

  it('marks the NPI whose check digit fails as invalid, with a sentence that does not repeat it', () => {
    const npi = field('prescriber.npi');
    expect(npi?.raw).toBe('1234567890');
    expect(npi?.status).toBe('invalid');
    expect(npi?.findings.some((finding) => finding.severity === 'error')).toBe(true);
    expect(JSON.stringify(npi?.findings.map((finding) => finding.message))).not.toContain('1234567890');
    expect(detail.fieldsInvalid).toBeGreaterThanOrEqual(1);
  });

  it('points each found field at its place on the page', () => {
    const dea = field('prescriber.dea');
    expect(dea?.region?.pageIndex).toBe(0);
    // The DEA number is on the fourth text line (y ≈ 460 px of 3300).
    expect(dea?.region?.box.y).toBeGreaterThan(380);
    expect(dea?.region?.box.y).toBeLessThan(520);
  });

  it('refuses to approve while a field is invalid, unless the reviewer confirms with a reason', async () => {
    const refused = await workstation.dispatch('documents.approve', { documentId }, context);
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const noReason = await workstation.dispatch('documents.approve', { documentId, acknowledgeFlagged: true, acknowledgeInvalid: true }, context);
    expect(noReason).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('give the reason') } });
  });

  it('re-checks a corrected value: a valid NPI typed by the reviewer becomes confident', async () => {
    const { fields } = await call<{ fields: ReviewField[] }>(workstation, 'fields.update', {
      documentId,
      fieldId: field('prescriber.npi')?.id,
      value: '1234567893',
    });
    expect(field('prescriber.npi', fields)).toMatchObject({ raw: '1234567893', status: 'confident', edited: true });
    const typo = await call<{ fields: ReviewField[] }>(workstation, 'fields.update', {
      documentId,
      fieldId: field('prescriber.npi')?.id,
      value: '1234567894',
    });
    expect(field('prescriber.npi', typo.fields)?.status).toBe('invalid');
    await call(workstation, 'fields.update', { documentId, fieldId: field('prescriber.npi')?.id, value: '1234567893' });
  });

  it('keeps the correction when the document is re-read as another kind and back', async () => {
    await call(workstation, 'documents.setKind', { documentId, kind: 'clinical_note' });
    const back = await call<DocumentDetail>(workstation, 'documents.setKind', { documentId, kind: 'prescription' });
    expect(back.kindOverridden).toBe(true);
    expect(field('prescriber.npi', back.fields)).toMatchObject({ raw: '1234567893', edited: true, status: 'confident' });
  });

  it('confirms a value unchanged on Enter: `confirmed`, with a row in the history', async () => {
    const dea = field('prescriber.dea');
    const { fields } = await call<{ fields: ReviewField[] }>(workstation, 'fields.update', { documentId, fieldId: dea?.id, value: dea?.raw ?? '', confirm: true });
    expect(field('prescriber.dea', fields)).toMatchObject({ raw: dea?.raw, status: 'confirmed', edited: false });
    const { entries } = await call<{ entries: Array<{ kind: string; summary: string }> }>(workstation, 'documents.history', { documentId });
    expect(entries.some((entry) => entry.kind === 'field-confirm' && entry.summary.startsWith('Confirmed prescriber.dea'))).toBe(true);
  });

  it('asks before approving with fields still not found, and records how many were', async () => {
    // A quantity is required: cleared, it is not found, and approval asks.
    const cleared = await call<{ fields: ReviewField[] }>(workstation, 'fields.update', { documentId, fieldId: field('quantity')?.id, value: '' });
    expect(field('quantity', cleared.fields)?.status).toBe('missing');
    const refused = await workstation.dispatch('documents.approve', { documentId }, context);
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/^\d+ field\(s\) are still to check or not found/) } });
  });

  it('approves once nothing is invalid and the flags are acknowledged, and then refuses field changes', async () => {
    const summary = await call<{ status: string; fieldsInvalid: number }>(workstation, 'documents.approve', { documentId, acknowledgeFlagged: true });
    const { entries } = await call<{ entries: Array<{ kind: string; summary: string }> }>(workstation, 'documents.history', { documentId });
    expect(entries.find((entry) => entry.kind === 'approve')?.summary).toMatch(/^Approved with \d+ fields? still flagged$/);
    expect(summary).toMatchObject({ status: 'approved', fieldsInvalid: 0 });
    const late = await workstation.dispatch('fields.update', { documentId, fieldId: 'prescriber.npi', value: '1' }, context);
    expect(late).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});
