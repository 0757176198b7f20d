import type { AuditEvent } from '../vault/audit-events';

/**
 * One line per history row for the review view. Field values are PHI and appear here because
 * the person looking is signed in to the vault; this text is never logged.
 */
export function summariseAuditEvent(event: AuditEvent): string {
  switch (event.kind) {
    case 'import':
      return `Imported (${event.pageCount} ${event.pageCount === 1 ? 'page' : 'pages'}, ${event.format})`;
    case 'view':
      return event.pageIndex === undefined ? 'Opened for review' : `Page ${event.pageIndex + 1} image viewed`;
    case 'search':
      return `Searched for “${event.query}” (${count(event.hits, 'hit')})`;
    case 'field-change':
      return `Changed ${event.field}: ${event.oldValue ?? '(empty)'} → ${event.newValue ?? '(empty)'}`;
    case 're-ocr':
      return `Read again${event.pageIndex === null ? '' : ` (page ${event.pageIndex + 1})`} with ${event.engine}`;
    case 'field-confirm':
      return `Confirmed ${event.field}: ${event.value ?? '(empty)'}`;
    case 'field-add':
      return `Added ${event.group} ${event.index}`;
    case 'field-remove':
      return `Deleted ${event.group} ${event.index}${event.values.length > 0 ? `: ${event.values.join(' · ')}` : ''}`;
    case 'approve':
      if (!event.flagged) return 'Approved';
      return `Approved with ${count(event.flagged, 'field')} still flagged${event.overrideReason ? `: ${event.overrideReason}` : ''}`;
    case 'reject':
      return `Rejected: ${event.reason}`;
    case 'reopen':
      return `Reopened: ${event.reason}`;
    case 'export':
      return `Exported as ${event.format}`;
    case 'unlock':
      return `Unlocked (${event.method})`;
    case 'unlock-failed':
      return event.attempts ? `${event.attempts} failed unlock attempts` : 'Failed unlock attempt';
    case 'lock':
      return `Locked (${event.cause})`;
    case 'user-change':
      return event.change === 'passphrase-reset' ? 'Passphrase reset by an admin' : `User ${event.change}`;
    case 'audit-anchor':
      return event.reason === 'new-anchor'
        ? `Audit trail sealed from row ${event.sealedFrom} on (a new anchor)`
        : `Audit trail's sealed head rebuilt (sealed from row ${event.sealedFrom})`;
    case 'api-token':
      return `API token “${event.name}” (${event.scope}) ${event.change}`;
    case 'audit-export':
      return `Audit trail exported and signed (${count(event.rows, 'row')}, key ${event.fingerprint})`;
    case 'backup':
      return `Backup written (${Math.round(event.bytes / 1024)} KiB)`;
    case 'settings-change':
      return `Setting ${event.setting}: ${event.oldValue ?? '(none)'} → ${event.newValue ?? '(none)'}`;
    case 'template-create':
      return `Form template “${event.name}” created (${event.formKind}, ${count(event.zones, 'zone')}, ${count(event.printed, 'printed text')})`;
    case 'template-update': {
      const renamed = event.previousName === event.name ? '' : ` (was “${event.previousName}”)`;
      return `Form template “${event.name}”${renamed} changed: ${count(event.zones, 'zone')} (was ${event.previousZones}), ${count(event.printed, 'printed text')}`;
    }
    case 'template-delete':
      return `Form template “${event.name}” deleted`;
    case 'template-import':
      return `Form template “${event.name}” imported${event.replaced ? ', replacing the one of the same id' : ''} (${event.formKind}, ${count(event.zones, 'zone')})`;
    case 'template-export':
      return `Form template “${event.name}”${event.builtIn ? ' (built in)' : ''} exported as JSON`;
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** A person viewing the same document again within this time is the same look, not a new one. */
const VIEW_WINDOW_MS = 10 * 60_000;

/**
 * Who looked at which document is recorded once per look: the review view fetches a document
 * again on every progress event and edit, and one row per fetch would bury the changes a
 * supervisor reads the trail for.
 */
export class ViewThrottle {
  private readonly last = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  shouldRecord(actorId: string, documentId: string): boolean {
    const key = `${actorId}:${documentId}`;
    const at = this.now();
    const previous = this.last.get(key);
    if (previous !== undefined && at - previous < VIEW_WINDOW_MS) return false;
    this.last.set(key, at);
    return true;
  }
}
