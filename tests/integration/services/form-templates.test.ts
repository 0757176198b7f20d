import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRow } from '../../../app/contract/audit';
import type { Result } from '../../../app/contract/errors';
import type { TemplateSummary, TemplateTrialPage } from '../../../app/contract/templates';
import type { DocumentDetail } from '../../../app/model/document';
import type { Field } from '../../../app/model/field';
import type { TemplateDraft } from '../../../app/templates/site-templates';
import type { FormTemplate, ZoneInput } from '../../../app/templates/template';
import type { Workstation } from '../../../main/services/workstation';
import { intakeForm, intakeValue, renderIntakeForm } from '../../fixtures/documents/intake-form';
import { openTestWorkstation, toBase64 } from '../../support/workstation';

/**
 * Form templates through the dispatcher, on a real vault with the real engine: a template is
 * proposed from a blank intake form, tried on a filled one, saved, changed, exported, imported
 * into another site's fresh vault, and deleted; each change is in the audit trail, and a
 * reviewer may list templates but change none.
 */

const context = { host: 'http' as const };
const REVIEWER = { name: 'Rae Reviewer', passphrase: 'coding all day' };
const ZONE_FIELDS = ['patient.name', 'patient.dob', 'insurance.memberNumber'] as const;
const TYPES: Record<(typeof ZONE_FIELDS)[number], ZoneInput['type']> = { 'patient.name': 'name', 'patient.dob': 'date', 'insurance.memberNumber': 'code' };

function clientOf(workstation: () => Workstation) {
  const dispatch = (method: string, input: unknown): Promise<Result<unknown>> => workstation().dispatch(method, input, context) as Promise<Result<unknown>>;
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const result = await dispatch(method, input);
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };
  return { dispatch, call };
}

describe('form templates through the contract (real vault, real Tesseract)', () => {
  let workstation: Workstation;
  let cleanup: () => Promise<void>;
  const { dispatch, call } = clientOf(() => workstation);
  let blankId: string;
  let filledId: string;
  let designed: FormTemplate;
  let exported: string;

  const zones = (fields: readonly (typeof ZONE_FIELDS)[number][]): ZoneInput[] => {
    const { boxes } = intakeForm(true);
    return fields.map((field) => ({ field, index: null, box: boxes[field]!, type: TYPES[field], required: field === 'patient.name' }));
  };

  beforeAll(async () => {
    ({ workstation, cleanup } = await openTestWorkstation());
    await call('users.create', { name: REVIEWER.name, role: 'reviewer', passphrase: REVIEWER.passphrase });
    const [blank, filled] = await Promise.all([renderIntakeForm(false), renderIntakeForm(true)]);
    const { outcomes } = await call<{ outcomes: Array<{ documentId: string }> }>('documents.import', {
      files: [
        { name: 'intake blank.png', dataBase64: toBase64(blank.png) },
        { name: 'intake filled.png', dataBase64: toBase64(filled.png) },
      ],
    });
    [blankId, filledId] = outcomes.map((outcome) => outcome.documentId) as [string, string];
    await workstation.idle();
  });
  afterAll(async () => cleanup());

  it('lists the built-in CMS-1500 to begin with, which cannot be deleted', async () => {
    const { templates } = await call<{ templates: TemplateSummary[] }>('templates.list', {});
    expect(templates).toEqual([expect.objectContaining({ id: 'cms1500-0212', builtIn: true, kind: 'cms1500' })]);
    expect(await dispatch('templates.delete', { id: 'cms1500-0212' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('proposes a draft from the blank page: its size, its printed labels, no zones', async () => {
    const { template } = await call<{ template: TemplateDraft }>('templates.propose', { documentId: blankId, pageIndex: 0, name: 'Sunrise intake', kind: 'other' });
    expect(template).toMatchObject({ id: 'site.sunrise-intake', name: 'Sunrise intake', kind: 'other', size: { width: 2550, height: 3300 }, zones: [] });
    const texts = template.printed.map((printed) => printed.text);
    expect(texts).toEqual(expect.arrayContaining(['Patient name:', 'Date of birth:', 'Member number:']));
    designed = { ...template, zones: zones(ZONE_FIELDS).map((zone) => ({ ...zone, index: null, required: zone.required ?? false })) } as FormTemplate;
    expect(await dispatch('templates.propose', { documentId: blankId, pageIndex: 3 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('tries the design on the filled page before saving: the page registers and each box gives its value', async () => {
    const trial = await call<{ pages: TemplateTrialPage[]; fields: Field[] }>('templates.test', { documentId: filledId, template: designed });
    expect(trial.pages).toEqual([expect.objectContaining({ pageIndex: 0, registered: true })]);
    expect(trial.pages[0]?.residual).toBeLessThan(8);
    for (const field of ZONE_FIELDS) expect(trial.fields.find((candidate) => candidate.name === field)?.raw).toBe(intakeValue(field));
    expect((await call<{ templates: TemplateSummary[] }>('templates.list', {})).templates).toHaveLength(1);
  });

  it('saves it, changes it, and reads the filled page with it once the page is read again', async () => {
    const created = await call<TemplateSummary>('templates.save', { template: { ...designed, zones: designed.zones.slice(0, 2) } });
    expect(created).toMatchObject({ id: 'site.sunrise-intake', builtIn: false, zones: 2, updatedBy: 'Ada Admin' });
    const updated = await call<TemplateSummary>('templates.save', { template: designed });
    expect(updated).toMatchObject({ id: 'site.sunrise-intake', zones: 3 });
    const { templates } = await call<{ templates: TemplateSummary[] }>('templates.list', {});
    expect(templates.map((template) => template.id)).toEqual(['cms1500-0212', 'site.sunrise-intake']);
    expect((await call<{ template: FormTemplate }>('templates.get', { id: 'site.sunrise-intake' })).template).toEqual(designed);

    // Saving re-reads nothing: the filled page keeps what it had until it is read again.
    expect((await call<DocumentDetail>('documents.get', { documentId: filledId })).classification?.form ?? null).toBeNull();
    await call('documents.reread', { documentId: filledId, pageIndex: 0 });
    await workstation.idle();
    const reread = await call<DocumentDetail>('documents.get', { documentId: filledId });
    expect(reread.classification?.form?.templateId).toBe('site.sunrise-intake');
    for (const field of ZONE_FIELDS) expect(reread.fields.find((candidate) => candidate.name === field)?.raw).toBe(intakeValue(field));
  });

  it('never changes a built-in form: a copy saved under its id becomes a site template', async () => {
    const copy = await call<TemplateSummary>('templates.save', { template: { ...designed, id: 'cms1500-0212', name: 'My claim copy' } });
    expect(copy.id).toBe('site.cms1500-0212');
    expect((await call<{ template: FormTemplate }>('templates.get', { id: 'cms1500-0212' })).template.name).toMatch(/CMS-1500/);
    await call('templates.delete', { id: 'site.cms1500-0212' });
  });

  it('exports JSON text another site can import, and refuses what is not a template in a sentence', async () => {
    const file = await call<{ fileName: string; json: string }>('templates.export', { id: 'site.sunrise-intake' });
    expect(file.fileName).toBe('site.sunrise-intake.folio-template.json');
    exported = file.json;
    expect(JSON.parse(exported)).toMatchObject({ format: 'folio-form-template', version: 1, template: { id: 'site.sunrise-intake' } });
    expect(await dispatch('templates.import', { json: exported })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await dispatch('templates.import', { json: exported, replace: true })).toMatchObject({ ok: true });
    expect(await dispatch('templates.import', { json: '{"resourceType":"Bundle","entry":[]}' })).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'This JSON is not a Folio form template: it has no zones and no printed text.' },
    });
    const tooMany = { ...designed, zones: Array.from({ length: 2001 }, () => designed.zones[0]) };
    expect(await dispatch('templates.save', { template: tooMany })).toMatchObject({ ok: false, error: { code: 'too_large' } });
    expect(await dispatch('templates.import', { json: ' '.repeat(1_000_001) })).toMatchObject({ ok: false, error: { code: 'too_large' } });
  });

  it('a reviewer lists the templates but may not design, change, export or delete one', async () => {
    await call('session.lock', {});
    await call('session.unlock', { userName: REVIEWER.name, passphrase: REVIEWER.passphrase });
    expect(await dispatch('templates.list', {})).toMatchObject({ ok: true });
    for (const [method, input] of [
      ['templates.save', { template: designed }],
      ['templates.delete', { id: 'site.sunrise-intake' }],
      ['templates.export', { id: 'site.sunrise-intake' }],
      ['templates.import', { json: exported, replace: true }],
      ['templates.propose', { documentId: blankId, pageIndex: 0 }],
      ['templates.test', { documentId: filledId, template: designed }],
    ] as const) {
      expect(await dispatch(method, input)).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/Only an admin/) } });
    }
    await call('session.lock', {});
    await call('session.unlock', { userName: 'Ada Admin', passphrase: 'correct horse battery', vaultPassphrase: 'a long vault passphrase' });
  });

  it('deletes it, and the trail says who created, changed, exported, imported and deleted which template, with no page text', async () => {
    expect(await call('templates.delete', { id: 'site.sunrise-intake' })).toEqual({ id: 'site.sunrise-intake' });
    expect(await dispatch('templates.delete', { id: 'site.sunrise-intake' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await call<{ templates: TemplateSummary[] }>('templates.list', {})).templates.map((template) => template.id)).toEqual(['cms1500-0212']);
    const rows = (await call<{ entries: AuditRow[] }>('audit.recent', { limit: 200 })).entries.filter((row) => row.kind.startsWith('template-'));
    expect(rows.map((row) => `${row.kind} ${row.actor}`).reverse()).toEqual([
      'template-create Ada Admin',
      'template-update Ada Admin',
      'template-create Ada Admin',
      'template-delete Ada Admin',
      'template-export Ada Admin',
      'template-import Ada Admin',
      'template-delete Ada Admin',
    ]);
    expect(rows.find((row) => row.kind === 'template-update')?.summary).toBe('Form template “Sunrise intake” changed: 3 zones (was 2), ' + `${designed.printed.length} printed texts`);
    expect(rows.find((row) => row.kind === 'template-import')?.summary).toMatch(/imported, replacing the one of the same id/);
    const trail = JSON.stringify(rows);
    for (const value of ['Maria', 'Lopez', 'XJH449210', 'Patient name']) expect(trail).not.toContain(value);
  });
});

describe('a template shared with another site', () => {
  it('imports into a fresh vault and reads there as it did here', async () => {
    const source = await openTestWorkstation();
    const { call } = clientOf(() => source.workstation);
    try {
      const blank = await renderIntakeForm(false);
      const { outcomes } = await call<{ outcomes: Array<{ documentId: string }> }>('documents.import', { files: [{ name: 'blank.png', dataBase64: toBase64(blank.png) }] });
      await source.workstation.idle();
      const { template } = await call<{ template: TemplateDraft }>('templates.propose', { documentId: outcomes[0]?.documentId, pageIndex: 0, name: 'Sunrise intake', kind: 'other' });
      const { boxes } = intakeForm(true);
      await call('templates.save', { template: { ...template, zones: [{ field: 'patient.name', box: boxes['patient.name'], type: 'name' }] } });
      const { json } = await call<{ json: string }>('templates.export', { id: template.id });

      const fresh = await openTestWorkstation();
      const other = clientOf(() => fresh.workstation);
      try {
        const imported = await other.call<TemplateSummary>('templates.import', { json });
        expect(imported).toMatchObject({ id: 'site.sunrise-intake', name: 'Sunrise intake', zones: 1, builtIn: false, updatedBy: 'Ada Admin' });
        const { template: copy } = await other.call<{ template: FormTemplate }>('templates.get', { id: imported.id });
        expect(copy).toEqual((await call<{ template: FormTemplate }>('templates.get', { id: template.id })).template);
        const rows = (await other.call<{ entries: AuditRow[] }>('audit.recent', {})).entries;
        expect(rows[0]).toMatchObject({ kind: 'template-import', summary: 'Form template “Sunrise intake” imported (other, 1 zone)' });
      } finally {
        await fresh.cleanup();
      }
    } finally {
      await source.cleanup();
    }
  });
});
