export * from './events';
export * from './inbox';
export * from './subjects';
