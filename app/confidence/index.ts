export * from './field-status';
export * from './status-reason';
export * from './required-fields';
