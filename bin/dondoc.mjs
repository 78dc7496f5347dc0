#!/usr/bin/env node
// `dondoc` command: runs the built CLI (npm run build first).
import '../dist/apps/cli/main.js';
