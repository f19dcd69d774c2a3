export * from './drivers';
export * from './events';
export * from './rides';
export * from './subjects';
export * from './vehicles';
