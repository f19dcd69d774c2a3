export * from './events';
export * from './inbox';
export * from './subjects';
export * from './preferences';
export * from './send';
