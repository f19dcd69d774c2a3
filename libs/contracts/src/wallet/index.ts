export * from './events';
export * from './operations';
export * from './subjects';
