export * from './catalogue';
export * from './events';
export * from './orders';
export * from './subjects';
