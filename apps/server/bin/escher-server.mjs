#!/usr/bin/env node
// Runs the intelligence server from its TypeScript sources (workspace packages export src/ directly).
import { register } from 'tsx/esm/api';

register();
await import('../src/bin.ts');
