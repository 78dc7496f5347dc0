import { DefaultLogger, makeTelemetryFilterString, Runtime } from '@temporalio/worker';

// Keep test output readable: the SDK's per-worker INFO lines and core's capability warnings are noise here.
try {
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR', other: 'ERROR' }) } },
  });
} catch {
  // Already installed in this worker thread by an earlier file.
}
