// Values the global set-ups hand to test files (vitest provide/inject).
declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
    workflowBundlePath: string;
    temporalAddress: string;
  }
}
export {};
