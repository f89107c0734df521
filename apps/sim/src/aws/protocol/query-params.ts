import { AwsError } from './aws-error.ts';

/**
 * Parameters of an EC2/awsQuery request (form body or query string), flattened as AWS sends
 * them: `InstanceId.1`, `Filter.1.Name`, `Filter.1.Value.1`, `Tag.1.Key` (EC2) or
 * `Tags.member.1.Key` (awsQuery).
 */
export class QueryParams {
  private readonly map = new Map<string, string>();

  constructor(entries: Iterable<[string, string]>) {
    for (const [k, v] of entries) this.map.set(k, v);
  }

  static fromForm(body: Buffer, query: URLSearchParams): QueryParams {
    const form = new URLSearchParams(body.toString('utf8'));
    return new QueryParams([...query, ...form]);
  }

  get(name: string): string | undefined {
    return this.map.get(name);
  }

  /** A required parameter; AWS answers `MissingParameter` without it. */
  require(name: string): string {
    const value = this.map.get(name);
    if (value === undefined || value === '') {
      throw new AwsError('MissingParameter', `The request must contain the parameter ${name}`);
    }
    return value;
  }

  int(name: string): number | undefined {
    const value = this.map.get(name);
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isInteger(n))
      throw new AwsError('InvalidParameterValue', `Invalid value '${value}' for ${name}`);
    return n;
  }

  bool(name: string): boolean | undefined {
    const value = this.map.get(name);
    return value === undefined ? undefined : value.toLowerCase() === 'true';
  }

  /** `Prefix.1`, `Prefix.2`, … (EC2 lists) — in index order. */
  list(prefix: string): string[] {
    return this.indexed(prefix).map((i) => this.map.get(`${prefix}.${i}`)!);
  }

  /** `Prefix.member.1`, … (awsQuery lists). */
  members(prefix: string): string[] {
    return this.list(`${prefix}.member`);
  }

  /** Structures under `Prefix.N.`: `Filter.1.Name` + `Filter.1.Value.1` → [{ Name, Value.1 }]. */
  structs(prefix: string): QueryParams[] {
    const seen = new Set<number>();
    const re = new RegExp(`^${escape(prefix)}\\.(\\d+)\\.`);
    for (const key of this.map.keys()) {
      const m = re.exec(key);
      if (m) seen.add(Number(m[1]));
    }
    return [...seen]
      .sort((a, b) => a - b)
      .map((i) => {
        const head = `${prefix}.${i}.`;
        const sub: [string, string][] = [];
        for (const [k, v] of this.map) if (k.startsWith(head)) sub.push([k.slice(head.length), v]);
        return new QueryParams(sub);
      });
  }

  /** EC2 filters: `Filter.N.Name` + `Filter.N.Value.M`. */
  filters(): { name: string; values: string[] }[] {
    return this.structs('Filter').map((f) => ({ name: f.require('Name'), values: f.list('Value') }));
  }

  /** EC2 tags: `Tag.N.Key` / `Tag.N.Value`; awsQuery: `Tags.member.N.Key` / `.Value`. */
  tags(prefix = 'Tag'): { key: string; value: string | undefined }[] {
    return this.structs(prefix).map((t) => ({ key: t.require('Key'), value: t.get('Value') }));
  }

  keys(): string[] {
    return [...this.map.keys()];
  }

  private indexed(prefix: string): number[] {
    const re = new RegExp(`^${escape(prefix)}\\.(\\d+)$`);
    const out: number[] = [];
    for (const key of this.map.keys()) {
      const m = re.exec(key);
      if (m) out.push(Number(m[1]));
    }
    return out.sort((a, b) => a - b);
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
