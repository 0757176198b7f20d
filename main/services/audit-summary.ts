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
      return 'Opened for review';
    case 'field-change':
      return `Changed ${event.field}: ${event.oldValue ?? '(empty)'} → ${event.newValue ?? '(empty)'}`;
    case 're-ocr':
      return `Read again${event.pageIndex === null ? '' : ` (page ${event.pageIndex + 1})`} with ${event.engine}`;
    case 'approve':
      return 'Approved';
    case 'reject':
      return `Rejected: ${event.reason}`;
    case 'reopen':
      return `Reopened: ${event.reason}`;
    case 'export':
      return `Exported as ${event.format}`;
    case 'unlock':
      return `Unlocked (${event.method})`;
    case 'unlock-failed':
      return 'Failed unlock attempt';
    case 'lock':
      return `Locked (${event.cause})`;
    case 'user-change':
      return `User ${event.change}`;
    case 'backup':
      return `Backup written (${Math.round(event.bytes / 1024)} KiB)`;
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}
