/** Injection tokens of what the platform provides to every app. */
export const APP_CONFIG = Symbol('APP_CONFIG');
export const LOGGER = Symbol('LOGGER');
export const NATS_CONNECTION = Symbol('NATS_CONNECTION');
export const SERVICE_DATABASE = Symbol('SERVICE_DATABASE');
