// How the workflow bundle is built (scripts/bundle-workflows.ts writes dist/workflow-bundle.js with it; the
// memory benchmark bundles its empty baseline workflow the same way).
import type { BundleOptions } from '@temporalio/worker';

/**
 * With reuseV8Context (apps/worker/worker.ts) every workflow still evaluates its own copy of each module it
 * imports, unless the module was loaded before any workflow existed. The workflow modules and what they import
 * (the SDK's API, contracts, the calendar and schedule arithmetic of dsl/) keep no state at module level — only
 * functions, constants and message definitions; all state lives in each workflow function's closure — so they are
 * preloaded: evaluated once per worker thread and shared by every workflow. The SDK freezes what is shared. This
 * halves the workflow thread's memory per cached assignment workflow (bench/worker-memory.ts).
 */
export function workflowBundleOptions(
  workflowsPath: string,
): Pick<BundleOptions, 'workflowsPath' | 'preloadModules'> {
  return { workflowsPath, preloadModules: [workflowsPath] };
}
