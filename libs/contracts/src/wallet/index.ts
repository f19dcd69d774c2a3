export * from './events';
export * from './operations';
export * from './requests';
export * from './subjects';
