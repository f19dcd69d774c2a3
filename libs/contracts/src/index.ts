export * from './auth';
export * from './errors';
export * from './events';
export * from './notification';
export * from './privacy';
export * from './roles';
export * from './services';
export * from './system';
