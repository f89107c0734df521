import { CLOUDS, ENVIRONMENTS, ENVIRONMENT_SYNONYMS, RESOURCE_TYPES } from '@escher/protocol';
import { ATTRIBUTE_FLAGS, FLAG_SYNONYMS, type AttributeFlag } from '../ontology/flags.ts';
import { TYPE_TERMS } from '../ontology/resource-types.ts';
import { CLOUD_SYNONYMS } from '../ontology/clouds.ts';
import {
  resolveCloud,
  resolveEngine,
  resolveEnvironment,
  resolveFlag,
  resolveRegions,
  resolveStates,
  resolveTypes,
} from '../ontology/resolve.ts';
import { closestWord } from '../query/similarity.ts';
import { filterError } from './filter-error.ts';
import type { CompareOp, FilterField } from './filter.types.ts';

/** The resolved right-hand side of a comparison. */
export interface ResolvedValue {
  values: string[];
  glob: boolean;
  number?: number;
}

const ORDERING: ReadonlySet<CompareOp> = new Set(['>', '>=', '<', '<=']);
const ENUM_FIELDS = new Set(['cloud', 'type', 'environment']);

/**
 * Resolves a written value for a field: synonyms through the ontology for the enumerated fields
 * (an unknown cloud, type or environment is an error with a suggestion), numbers for ordering
 * operators, dates for `created`. `column` is the value's column, for errors.
 */
export function resolveValue(field: FilterField, op: CompareOp, raw: string, column: number): ResolvedValue {
  if (ORDERING.has(op)) return { values: [], glob: false, number: orderingNumber(field, op, raw, column) };
  const glob = raw.includes('*');
  const lower = raw.toLowerCase();
  if (glob || op === '~' || field.kind !== 'core') return { values: [lower], glob };
  switch (field.name) {
    case 'cloud': {
      const cloud = resolveCloud(raw);
      if (!cloud)
        throw unknown(
          'cloud',
          raw,
          column,
          [...CLOUDS, ...Object.values(CLOUD_SYNONYMS).flat()],
          'aws, azure or gcp',
        );
      return { values: [cloud], glob };
    }
    case 'type': {
      const types = resolveTypes(raw);
      if (!types) {
        const words = RESOURCE_TYPES.flatMap((t) => [t, ...TYPE_TERMS[t].words]);
        throw unknown(
          'type',
          raw,
          column,
          words,
          'a type like database, vm, bucket, k8s, or an id like compute.instance',
        );
      }
      return { values: types, glob };
    }
    case 'environment': {
      const env = resolveEnvironment(raw);
      if (!env) {
        throw unknown(
          'environment',
          raw,
          column,
          [...ENVIRONMENTS, ...Object.values(ENVIRONMENT_SYNONYMS).flat()],
          ENVIRONMENTS.join(', '),
        );
      }
      return { values: [env], glob };
    }
    case 'region':
      return { values: resolveRegions(raw) ?? [lower], glob };
    case 'state':
      return { values: resolveStates(raw) ?? [lower], glob };
    case 'engine':
      return { values: [resolveEngine(raw) ?? lower], glob };
    default:
      return { values: [lower], glob };
  }
}

/** `is:public`, `is:exposed`: the flag a word names, or an error listing the flags. */
export function resolveFlagValue(raw: string, column: number): AttributeFlag {
  const flag = resolveFlag(raw);
  if (flag) return flag;
  const words = ATTRIBUTE_FLAGS.flatMap((f) => [f, ...FLAG_SYNONYMS[f].strong]);
  throw unknown('flag', raw, column, words, ATTRIBUTE_FLAGS.join(', '));
}

function orderingNumber(field: FilterField, op: CompareOp, raw: string, column: number): number {
  if (field.kind === 'core' && ENUM_FIELDS.has(field.name)) {
    throw filterError(`Cannot order ${field.name} with '${op}'`, column, {
      hint: `Compare ${field.name} with = or : (e.g. ${field.name}=…); only numbers and dates take > and <.`,
    });
  }
  if (field.kind === 'core' && field.name === 'createdAt') {
    const time = /^\d{4}-\d{2}(-\d{2})?/.test(raw) ? Date.parse(raw) : NaN;
    if (Number.isNaN(time)) {
      throw filterError(`Expected a date like 2024-01-31 after '${op}'`, column, { found: `'${raw}'` });
    }
    return time;
  }
  const number = Number(raw.replace(/^\$/, ''));
  if (raw.trim() === '' || !Number.isFinite(number)) {
    throw filterError(`Expected a number after '${op}'`, column, { found: `'${raw}'` });
  }
  return number;
}

function unknown(what: string, raw: string, column: number, vocabulary: readonly string[], expected: string) {
  const suggestion = closestWord(raw, vocabulary);
  const hint = suggestion ? `Did you mean '${suggestion}'? Expected ${expected}.` : `Expected ${expected}.`;
  return filterError(`Unknown ${what} '${raw}'`, column, { hint });
}
