#!/usr/bin/env node
// Runs every *.test.ts under packages/, providers/ and apps/ with node's own test runner (through
// tsx), so the run ends with node's summary (tests / pass / fail). Node 20 has no --test globs,
// hence the file walk. Pass paths or substrings to run a subset: `node scripts/run-tests.mjs sim/src/aws`.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const roots = ['packages', 'providers', 'apps'];
const skip = new Set(['node_modules', 'dist', 'fixtures']);

function walk(dir, out) {
  for (const entry of readdirSync(dir)) {
    if (skip.has(entry)) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (entry.endsWith('.test.ts')) out.push(relative(root, path));
  }
  return out;
}

const filters = process.argv.slice(2);
const files = roots
  .flatMap((r) => {
    try {
      return walk(join(root, r), []);
    } catch {
      return [];
    }
  })
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
  .sort();

if (files.length === 0) {
  console.error('No test files matched.');
  process.exit(1);
}

const reporter = process.env.CI ? ['--test-reporter=spec'] : [];
// A hung test fails after 5 minutes instead of stalling CI (the end-to-end files drive a
// simulator and the real CLI; on a loaded 2-core machine they take up to ~2.5 minutes).
const concurrency = ['--test-concurrency=2', '--test-timeout=300000'];
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', ...concurrency, ...reporter, ...files],
  { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_NO_WARNINGS: '1' } },
);
process.exit(result.status ?? 1);
