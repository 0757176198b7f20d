import type { DocumentKind } from '../../../../app/model/field';
import { MAX_TEMPLATE_ZONES, templateIdFromName, type TemplateDraft } from '../../../../app/templates/site-templates';
import type { Rect, Zone, ZoneType } from '../../../../app/templates/template';

/**
 * The template being designed, and the edits the designer makes to it. Pure functions over an
 * immutable draft, so every control just hands the next draft to React.
 */

export const ZONE_TYPES: ReadonlyArray<{ type: ZoneType; label: string }> = [
  { type: 'text', label: 'Text' },
  { type: 'name', label: 'Name' },
  { type: 'date', label: 'Date' },
  { type: 'money', label: 'Money' },
  { type: 'code', label: 'Code' },
  { type: 'checkbox', label: 'Checkbox' },
  { type: 'digits', label: 'Digits' },
  { type: 'multiline', label: 'Several lines' },
];

/** A zone smaller than this (in the template's units) was a click, not a drag. */
export const MIN_ZONE_SIDE = 8;

/** Where the designer stands: a draft, and whether it is a new template or one already saved under its id. */
export interface DesignerDraft {
  template: TemplateDraft;
  /** Saved (or opened) under this id; null while new, when the id follows the name. */
  savedId: string | null;
  /** Opened from a built-in form: saving makes a site copy. */
  fromBuiltIn: boolean;
}

export function emptyDraft(size: { width: number; height: number }, kind: DocumentKind = 'other'): DesignerDraft {
  return { template: { id: templateIdFromName('New form'), name: 'New form', kind, size, printed: [], zones: [] }, savedId: null, fromBuiltIn: false };
}

export function withTemplate(draft: DesignerDraft, change: Partial<TemplateDraft>): DesignerDraft {
  return { ...draft, template: { ...draft.template, ...change } };
}

/** A rectangle from two corners, in whichever order they were dragged, kept on the page. */
export function rectFrom(a: { x: number; y: number }, b: { x: number; y: number }, size: { width: number; height: number }): Rect {
  const clamp = (value: number, max: number): number => Math.min(Math.max(value, 0), max);
  const x1 = clamp(Math.min(a.x, b.x), size.width);
  const y1 = clamp(Math.min(a.y, b.y), size.height);
  const x2 = clamp(Math.max(a.x, b.x), size.width);
  const y2 = clamp(Math.max(a.y, b.y), size.height);
  return { x: Math.round(x1), y: Math.round(y1), width: Math.round(x2 - x1), height: Math.round(y2 - y1) };
}

/** A new zone on `box`, named so it is easy to spot until the person names it. */
export function addZone(draft: DesignerDraft, box: Rect): DesignerDraft {
  if (draft.template.zones.length >= MAX_TEMPLATE_ZONES) return draft;
  const zone: Zone = { field: `field${draft.template.zones.length + 1}`, index: null, box, type: 'text', required: false };
  return withTemplate(draft, { zones: [...draft.template.zones, zone] });
}

/** A zone in the middle of the page, for a person who places zones by numbers rather than by dragging. */
export function centreBox(size: { width: number; height: number }): Rect {
  const width = Math.round(size.width / 5);
  const height = Math.round(size.height / 40);
  return { x: Math.round((size.width - width) / 2), y: Math.round((size.height - height) / 2), width, height };
}

export function updateZone(draft: DesignerDraft, index: number, change: Partial<Zone>): DesignerDraft {
  const zones = draft.template.zones.map((zone, at) => {
    if (at !== index) return zone;
    const next: Zone = { ...zone, ...change };
    // Options and digit counts belong to their types only.
    if (next.type !== 'checkbox') delete next.option;
    if (next.type !== 'digits') delete next.length;
    return next;
  });
  return withTemplate(draft, { zones });
}

export function removeZone(draft: DesignerDraft, index: number): DesignerDraft {
  return withTemplate(draft, { zones: draft.template.zones.filter((_, at) => at !== index) });
}

export function setAnchor(draft: DesignerDraft, index: number, anchor: boolean): DesignerDraft {
  return withTemplate(draft, { printed: draft.template.printed.map((printed, at) => (at === index ? { ...printed, anchor } : printed)) });
}

export function removePrinted(draft: DesignerDraft, index: number): DesignerDraft {
  return withTemplate(draft, { printed: draft.template.printed.filter((_, at) => at !== index) });
}

/** What stops the draft from being saved or tried, in a sentence; null when nothing does. */
export function draftProblem(draft: DesignerDraft): string | null {
  const { template } = draft;
  if (template.name.trim() === '') return 'Give the template a name.';
  if (template.zones.length === 0) return 'Draw at least one zone where a value is written.';
  if (template.printed.filter((printed) => printed.anchor).length < 8) {
    return 'Folio finds a page by at least 8 of its printed labels: propose them from a blank sample page, or mark more as anchors.';
  }
  const unnamed = template.zones.findIndex((zone) => zone.field.trim() === '');
  if (unnamed >= 0) return `Zone ${unnamed + 1} has no field name.`;
  const optionless = template.zones.findIndex((zone) => zone.type === 'checkbox' && !zone.option);
  if (optionless >= 0) return `Zone ${optionless + 1} is a checkbox: say what it means when marked.`;
  return null;
}
