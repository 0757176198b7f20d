export * from './template';
export * from './print-grid';
export * from './cms1500';
export * from './register';
export * from './read-form';
export { templateFields } from './template-fields';
export { assignZoneWords, zoneOnPage } from './zone-words';
