/**
 * Every key of the review, declared once: the help (`?`) lists these, and the handlers in
 * use-review-keys.ts answer to them. "Ctrl" means Cmd on macOS.
 */
export const REVIEW_SHORTCUTS: ReadonlyArray<{ keys: string; does: string; group: 'Fields' | 'Document' | 'Page' }> = [
  { keys: 'F8', does: 'Next field to check (Shift+F8: the one before)', group: 'Fields' },
  { keys: 'Enter', does: 'Confirm the field as it is (changed or not) and go to the next one to check', group: 'Fields' },
  { keys: 'Shift+Enter', does: 'Save the field and go back to the one before', group: 'Fields' },
  { keys: 'Esc', does: 'Put back the value last saved', group: 'Fields' },
  { keys: 'Tab', does: 'Next field, in the order listed', group: 'Fields' },
  { keys: 'Click a word', does: 'Put its text in the focused field (Shift+click: add it)', group: 'Fields' },
  { keys: 'Drag on the page', does: 'Read that region again for the focused field', group: 'Fields' },
  { keys: 'Ctrl+Z', does: 'Undo the last saved change in this document', group: 'Document' },
  { keys: 'Ctrl+Shift+Z', does: 'Redo it (also Ctrl+Y)', group: 'Document' },
  { keys: 'Ctrl+Enter', does: 'Approve (asks first when fields are still flagged)', group: 'Document' },
  { keys: 'Alt+R', does: 'Reject, with the reason box focused', group: 'Document' },
  { keys: '? or F1', does: 'Show these keys', group: 'Document' },
  { keys: 'PageDown / PageUp', does: 'Next / previous page', group: 'Page' },
  { keys: 'Ctrl+Home / Ctrl+End', does: 'First / last page', group: 'Page' },
  { keys: 'Alt+I', does: 'Focus the page image', group: 'Page' },
  { keys: '+ / −', does: 'Zoom in / out (also Ctrl+wheel)', group: 'Page' },
  { keys: 'W / 0 / 1', does: 'Fit width / fit page / one image pixel per screen pixel', group: 'Page' },
  { keys: 'R', does: 'Rotate the view a quarter turn', group: 'Page' },
  { keys: 'Arrow keys', does: 'Move the page (image focused; Shift: further)', group: 'Page' },
  { keys: 'Space+drag', does: 'Move the page (image focused; also Alt+drag, or drag when no field is focused)', group: 'Page' },
];
