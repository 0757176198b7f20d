import { needsAttention, type ReviewField } from '../../../../app/model/field';

/**
 * Which field the keyboard goes to next: the fields that still need the person (`check`,
 * `invalid`, `missing`), in the order the panel lists them, wrapping at the end.
 */
export function nextFieldToCheck(fields: readonly ReviewField[], fromId: string | null, direction: 1 | -1 = 1): ReviewField | null {
  const count = fields.length;
  if (count === 0) return null;
  const from = fields.findIndex((field) => field.id === fromId);
  const start = from === -1 ? (direction === 1 ? -1 : count) : from;
  for (let step = 1; step <= count; step++) {
    const candidate = fields[(((start + direction * step) % count) + count) % count] as ReviewField;
    if (candidate.id !== fromId && needsAttention(candidate.status)) return candidate;
  }
  return null;
}

/** The one count of fields to check, shown in the queue, the tab, the button and the approval question. */
export function fieldsToCheck(fields: readonly ReviewField[]): ReviewField[] {
  return fields.filter((field) => needsAttention(field.status));
}

/** What approving now would approve without a person's say: counts per status, for the question. */
export function flaggedCounts(fields: readonly ReviewField[]): { check: number; missing: number; invalid: number; total: number } {
  const counts = { check: 0, missing: 0, invalid: 0, total: 0 };
  for (const field of fields) {
    if (field.status === 'check' || field.status === 'missing' || field.status === 'invalid') {
      counts[field.status] += 1;
      counts.total += 1;
    }
  }
  return counts;
}

/** Focuses an element of the review after React has drawn it; the keyboard never drops to the page body. */
export function focusSoon(selector: string): void {
  requestAnimationFrame(() => document.querySelector<HTMLElement>(selector)?.focus());
}

export function fieldInputSelector(fieldId: string): string {
  return `#field-${CSS.escape(fieldId)}`;
}
