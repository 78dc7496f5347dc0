// Injection tokens for the shared resources the API is built around.
export const DB = Symbol('Db');
export const TEMPORAL_CLIENT = Symbol('TemporalClient');
export const APP_ENV = Symbol('AppEnv');
/** Signs session tokens and verifies one-click links (the worker's mailer signs them with the same secret). */
export const APP_SECRET = Symbol('AppSecret');
export const METRICS = Symbol('Metrics');
export const FILE_STORE = Symbol('FileStore');
