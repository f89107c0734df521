import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseFunctionRuntime } from './function-runtime.ts';

describe('function app runtimes', () => {
  it('normalises linuxFxVersion and knows which runtimes are past end of support', () => {
    const cases: [string, string, boolean][] = [
      ['PYTHON|3.8', 'python3.8', true],
      ['PYTHON|3.11', 'python3.11', false],
      ['Python|3.10', 'python3.10', false],
      ['NODE|16', 'node16', true],
      ['NODE|20-lts', 'node20', false],
      ['DOTNETCORE|3.1', 'dotnetcore3.1', true],
      ['DOTNET|6.0', 'dotnet6.0', true],
      ['DOTNET-ISOLATED|8.0', 'dotnet-isolated8.0', false],
      ['JAVA|17', 'java17', false],
      ['POWERSHELL|7.4', 'powershell7.4', false],
    ];
    for (const [fx, runtime, deprecated] of cases) {
      const parsed = parseFunctionRuntime(fx);
      assert.equal(parsed?.runtime, runtime, fx);
      assert.equal(parsed?.deprecated, deprecated, fx);
    }
  });

  it('has no runtime for Windows apps and no deprecation for containers', () => {
    assert.equal(parseFunctionRuntime(''), undefined);
    assert.equal(parseFunctionRuntime(undefined), undefined);
    assert.equal(parseFunctionRuntime('DOCKER|myregistry.azurecr.io/fn:1')?.deprecated, false);
  });
});
