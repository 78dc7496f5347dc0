// Prebuilds the workflow bundle so workers start without webpack (and tests replay the same code).
import { bundleWorkflowCode } from '@temporalio/worker';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { projectPath } from '../apps/config/project.js';
import { workflowBundleOptions } from '../apps/worker/bundle.js';

export async function bundleWorkflows(outFile: string): Promise<string> {
  const { code } = await bundleWorkflowCode({
    ...workflowBundleOptions(projectPath('workflows/index.ts')),
    logger: { trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error, log() {} },
  });
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, code);
  return outFile;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = await bundleWorkflows(projectPath('dist/workflow-bundle.js'));
  console.log(`workflow bundle: ${out}`);
}
