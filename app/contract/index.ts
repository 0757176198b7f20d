export * from './errors';
export * from './define';
export * from './methods';
export * from './events';
export * from './client';
export * from './ipc';
export * from './session';
export * from './audit';
