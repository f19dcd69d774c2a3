export * from './accounts';
export * from './admin';
export * from './events';
export * from './otp';
export * from './profile';
export * from './subjects';
