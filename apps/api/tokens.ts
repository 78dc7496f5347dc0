// Injection tokens for the shared resources the API is built around.
export const DB = Symbol('Db');
export const TEMPORAL_CLIENT = Symbol('TemporalClient');
export const APP_ENV = Symbol('AppEnv');
