#!/usr/bin/env node
// Runs the escher CLI from its TypeScript sources (workspace packages export src/ directly).
import { register } from 'tsx/esm/api';

// Node 20 is a supported runtime; the AWS SDK would otherwise print a 7-line notice about its own
// future Node support on stderr in every sync, which users cannot act on from here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
const { runCli } = await import('../src/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
