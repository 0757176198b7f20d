export * from './field-status';
