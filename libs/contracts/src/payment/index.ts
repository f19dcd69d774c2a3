export * from './events';
export * from './intents';
export * from './subjects';
export * from './webhooks';
