import { ApplicationFailure } from '@temporalio/workflow';

/**
 * Refuses a human action from an update validator: a stable code (the failure type, which the API maps to a
 * 4xx problem) and the reason in Vietnamese and English.
 */
export function refuse(code: string, vi: string, en: string): never {
  throw ApplicationFailure.create({
    type: code,
    message: en,
    details: [{ code, vi, en }],
    nonRetryable: true,
  });
}
