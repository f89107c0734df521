import { parseDate, parseTimestamp, SqlTimestamp, type Value } from './values.ts';

const PARAM_TYPES: Readonly<Record<string, string>> = {
  INT64: 'INTEGER',
  FLOAT64: 'FLOAT',
  BOOL: 'BOOLEAN',
  STRING: 'STRING',
  DATE: 'DATE',
  TIMESTAMP: 'TIMESTAMP',
  NUMERIC: 'NUMERIC',
  BIGNUMERIC: 'BIGNUMERIC',
  DATETIME: 'TIMESTAMP',
};

function paramValue(type: string, raw: unknown): Value {
  if (raw === null || raw === undefined) return null;
  const text = String(raw);
  switch (type) {
    case 'INT64':
    case 'FLOAT64':
    case 'NUMERIC':
    case 'BIGNUMERIC':
      return Number(text);
    case 'BOOL':
      return text === 'true';
    case 'DATE':
      return parseDate(text) ?? null;
    case 'TIMESTAMP':
    case 'DATETIME': {
      const ms = parseTimestamp(text);
      return ms === undefined ? null : new SqlTimestamp(ms);
    }
    default:
      return text;
  }
}

/** Named query parameters (`@start`) from a jobs.query request. */
export function queryParameters(body: Record<string, unknown>): Map<string, { value: Value; type: string }> {
  const out = new Map<string, { value: Value; type: string }>();
  const list = body['queryParameters'];
  if (!Array.isArray(list)) return out;
  for (const p of list as Record<string, unknown>[]) {
    const name = typeof p?.['name'] === 'string' ? p['name'] : undefined;
    const ptype = (p?.['parameterType'] ?? {}) as Record<string, unknown>;
    const pvalue = (p?.['parameterValue'] ?? {}) as Record<string, unknown>;
    if (!name) continue;
    const type = String(ptype['type'] ?? 'STRING');
    if (type === 'ARRAY') {
      const element = String(((ptype['arrayType'] ?? {}) as Record<string, unknown>)['type'] ?? 'STRING');
      const values = Array.isArray(pvalue['arrayValues'])
        ? (pvalue['arrayValues'] as Record<string, unknown>[]).map((v) => paramValue(element, v?.['value']))
        : [];
      out.set(name, { value: values, type: 'ARRAY' });
    } else {
      out.set(name, { value: paramValue(type, pvalue['value']), type: PARAM_TYPES[type] ?? 'STRING' });
    }
  }
  return out;
}
