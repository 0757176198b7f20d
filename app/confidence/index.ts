export * from './field-status';
export * from './status-reason';
