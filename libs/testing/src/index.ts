export * from './harness';
export * from './infrastructure';
export * from './log-capture';
export * from './platform-processes';
export * from './tokens';
export * from './service-basics';
export * from './sms-sandbox';
export * from './api-client';
