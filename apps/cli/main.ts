#!/usr/bin/env node
import { EXIT, UsageError } from './plan-io.js';
import { buildProgram } from './program.js';

buildProgram()
  .parseAsync()
  .catch((err: unknown) => {
    console.error(`dondoc: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(err instanceof UsageError ? EXIT.usage : 1);
  });
