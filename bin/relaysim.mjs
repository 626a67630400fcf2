#!/usr/bin/env node
// relaysim is TypeScript run by tsx: register its loader, then start the CLI.
import { register } from 'tsx/esm/api';

// `relaysim run --help | head` closes the pipe early: that is not an error.
process.stdout.on('error', (err) => { if (err.code === 'EPIPE') process.exit(0); throw err; });
register();
await import('../src/cli/main.ts');
