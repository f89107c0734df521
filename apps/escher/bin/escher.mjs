#!/usr/bin/env node
// Runs the escher CLI from its TypeScript sources (workspace packages export src/ directly).
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
