import path from 'node:path';
import log from 'electron-log/node';
import { ensurePrivateFolder, restrictToOwner } from '../platform/paths';
import { redactValue } from './redact';

export interface ScopedLogger {
  error(...data: unknown[]): void;
  warn(...data: unknown[]): void;
  info(...data: unknown[]): void;
  debug(...data: unknown[]): void;
}

/**
 * Sends logs to `<dataDir>/logs/folio.log` (and stderr when asked). Every message passes the
 * redaction hook first, whatever transport it goes to.
 */
export function configureLogging(options: { dataDir: string; console: boolean; level?: 'info' | 'debug' | 'warn' }): void {
  const logDir = path.join(options.dataDir, 'logs');
  // electron-log would make the folder 0755 and the file 0644; logs are Folio's own, owner-only.
  ensurePrivateFolder(options.dataDir);
  ensurePrivateFolder(logDir);
  for (const file of ['folio.log', 'folio.old.log']) restrictToOwner(path.join(logDir, file));
  log.transports.file.writeOptions = { flag: 'a', mode: 0o600, encoding: 'utf8' };
  log.transports.file.resolvePathFn = () => path.join(logDir, 'folio.log');
  log.transports.file.level = options.level ?? 'info';
  log.transports.file.maxSize = 5 * 1024 * 1024;
  log.transports.console.level = options.console ? (options.level ?? 'info') : false;
}

log.hooks.push((message) => ({ ...message, data: message.data.map((item) => redactValue(item)) }));
// stdout belongs to the CLI's JSON output; diagnostics go to stderr.
log.transports.console.writeFn = ({ message }) => {
  // electron-log has already formatted the line (time, scope, redacted data) by this point.
  const text = message.data.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))).join(' ');
  process.stderr.write(`${text}\n`);
};
/** Until configured, nothing is written to a file: a library must not pick a log path for us. */
log.transports.file.level = false;
log.transports.console.level = 'warn';

export function logger(scope: string): ScopedLogger {
  return log.scope(scope);
}
