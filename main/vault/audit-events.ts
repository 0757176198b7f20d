/**
 * What the audit trail records: who did what to which document, and when. Field changes carry
 * the old and new value, which are PHI; that is fine inside the encrypted database, and the
 * reason these details must never be logged or sent anywhere else.
 */
import type { SettingName } from './settings-store';

export type UserRoleName = 'reviewer' | 'supervisor' | 'admin';

/**
 * What the trail says of a form template: its id, name, the kind of document it reads and how
 * much it holds. Never its printed text, which came off a sample page and could name a patient.
 */
export interface TemplateFacts {
  templateId: string;
  name: string;
  formKind: string;
  zones: number;
  printed: number;
}

export type AuditEvent =
  | { kind: 'import'; documentId: string; pageCount: number; format: string }
  /** `pageIndex` when the look was a page image fetched on its own, not the document opened. */
  | { kind: 'view'; documentId: string; pageIndex?: number }
  /** A search and the documents whose names and snippets it showed (the query is PHI, like field values). */
  | { kind: 'search'; query: string; hits: number; documentIds: string[] }
  | { kind: 'field-change'; documentId: string; field: string; oldValue: string | null; newValue: string | null }
  | { kind: 're-ocr'; documentId: string; pageIndex: number | null; engine: string }
  /** A person said a field's value is right (Enter in the review), changed or not. */
  | { kind: 'field-confirm'; documentId: string; field: string; value: string | null }
  /** A row the reading missed, added by hand (a diagnosis, a service line, a lab row, a medication). */
  | { kind: 'field-add'; documentId: string; group: string; index: number }
  /** A spurious row deleted, with the values it held (the history shows what went). */
  | { kind: 'field-remove'; documentId: string; group: string; index: number; values: string[] }
  /** `flagged`: fields still to check, not found or invalid when approved; `overrideReason` when any was invalid. */
  | { kind: 'approve'; documentId: string; flagged?: number; overrideReason?: string }
  | { kind: 'reject'; documentId: string; reason: string }
  | { kind: 'reopen'; documentId: string; reason: string }
  /** One row per exported document (a batch shares `batchId`), so each document's history shows it. */
  | { kind: 'export'; documentId: string; format: string; batchId: string }
  | { kind: 'unlock'; method: 'passphrase' | 'keychain' | 'recovery-code' }
  /**
   * `attemptedUser`: the profile's id, null for a name that matches none (the typed text is not
   * kept). `attempts`: how many failures this row stands for, when more than one (a burst).
   */
  | { kind: 'unlock-failed'; attemptedUser: string | null; consecutiveFailures: number; attempts?: number }
  | { kind: 'lock'; cause: 'idle' | 'manual' | 'shutdown' | 'profile-disabled' }
  /** The trail's seals start a new stretch here (see audit-anchor.ts): rows before `sealedFrom` rest on the chain alone. */
  | { kind: 'audit-anchor'; reason: 'new-anchor' | 'head-rebuilt'; sealedFrom: number }
  /** An admin created or revoked a named API token (never the token itself). */
  | { kind: 'api-token'; change: 'created' | 'revoked'; tokenId: string; name: string; scope: 'read' | 'write'; userId: string }
  /** A signed audit export was written: how many rows, and the fingerprint of the key that signed it. */
  | { kind: 'audit-export'; rows: number; fingerprint: string }
  /** A backup file was written (its place is the admin's business, not the trail's). */
  | { kind: 'backup'; bytes: number; schemaVersion: number }
  /** An admin changed how the workstation behaves: the lock time, the engine, the watch folder, a code set. */
  | { kind: 'settings-change'; setting: SettingName; oldValue: string | null; newValue: string | null }
  /** An admin designed, changed, removed, brought in or shared a site's form template. */
  | ({ kind: 'template-create' } & TemplateFacts)
  | ({ kind: 'template-update'; previousName: string; previousZones: number } & TemplateFacts)
  | { kind: 'template-delete'; templateId: string; name: string }
  | ({ kind: 'template-import'; replaced: boolean } & TemplateFacts)
  | { kind: 'template-export'; templateId: string; name: string; builtIn: boolean }
  | {
      kind: 'user-change';
      userId: string;
      change: 'created' | 'role' | 'passphrase' | 'passphrase-reset' | 'disabled' | 'enabled' | 'renamed';
      role?: UserRoleName;
    };

export type AuditEventKind = AuditEvent['kind'];

export const AUDIT_EVENT_KINDS: readonly AuditEventKind[] = [
  'import',
  'view',
  'search',
  'field-change',
  'field-confirm',
  'field-add',
  'field-remove',
  're-ocr',
  'approve',
  'reject',
  'reopen',
  'export',
  'unlock',
  'unlock-failed',
  'lock',
  'user-change',
  'backup',
  'audit-anchor',
  'audit-export',
  'api-token',
  'settings-change',
  'template-create',
  'template-update',
  'template-delete',
  'template-import',
  'template-export',
];

/** The document a row is about, stored in its own column so a document's history is one index scan. */
export function documentOf(event: AuditEvent): string | null {
  switch (event.kind) {
    case 'import':
    case 'view':
    case 'field-change':
    case 'field-confirm':
    case 'field-add':
    case 'field-remove':
    case 're-ocr':
    case 'approve':
    case 'reject':
    case 'reopen':
    case 'export':
      return event.documentId;
    case 'search':
    case 'unlock':
    case 'unlock-failed':
    case 'lock':
    case 'user-change':
    case 'backup':
    case 'audit-anchor':
    case 'audit-export':
    case 'api-token':
    case 'settings-change':
    case 'template-create':
    case 'template-update':
    case 'template-delete':
    case 'template-import':
    case 'template-export':
      return null;
    default:
      return assertNever(event);
  }
}

function assertNever(value: never): never {
  // Only the kind: the rest of an event may be PHI, and error messages end up in logs.
  throw new Error(`Unhandled audit event kind: ${String((value as { kind?: unknown }).kind)}`);
}

/**
 * JSON with object keys sorted at every depth: the hash must not depend on the order in which
 * a caller happened to build the object, or on a later engine's property order.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('Audit details must be finite numbers.');
    return JSON.stringify(value ?? null);
  }
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}
