export * from './types';
export * from './shipped-format';
export * from './upstream-formats';
