import type { TestProject } from 'vitest/node';
import { freePort } from '../../apps/dev-stack/net.js';
import { startTemporalDevServer } from '../../apps/dev-stack/temporal-dev-server.js';

// The real Temporal server (CLI dev server, in memory) shared by the integration tier.
export default async function setup(project: TestProject) {
  const server = await startTemporalDevServer({ port: await freePort() });
  project.provide('temporalAddress', server.address);
  return () => server.stop();
}
