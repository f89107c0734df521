import type { ArmBase } from '../records.ts';

/** Region display names, as /locations lists them and as some providers (Web, DB flexible servers) return `location`. */
export const REGION_DISPLAY: Readonly<Record<string, string>> = {
  eastus: 'East US',
  eastus2: 'East US 2',
  westus2: 'West US 2',
  centralus: 'Central US',
  westeurope: 'West Europe',
  northeurope: 'North Europe',
  uksouth: 'UK South',
  southeastasia: 'Southeast Asia',
  australiaeast: 'Australia East',
  japaneast: 'Japan East',
  canadacentral: 'Canada Central',
  francecentral: 'France Central',
};

export function regionDisplay(region: string): string {
  return REGION_DISPLAY[region] ?? region;
}

/** A stable GUID derived from a string (resourceGuid, etags): same resource, same value. One pass, four lanes. */
export function guidOf(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  let c = 0x9e3779b9;
  let d = 0x85ebca6b;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    a = Math.imul(a ^ ch, 16777619);
    b = Math.imul(b ^ ch, 2246822519);
    c = Math.imul(c ^ ch, 3266489917);
    d = Math.imul(d ^ ch, 668265263);
  }
  const hex = (n: number): string => ((n ^ (n >>> 15)) >>> 0).toString(16).padStart(8, '0');
  const out = hex(a) + hex(b) + hex(c) + hex(d);
  return `${out.slice(0, 8)}-${out.slice(8, 12)}-4${out.slice(13, 16)}-a${out.slice(17, 20)}-${out.slice(20, 32)}`;
}

export function etagOf(id: string): string {
  return `W/"${guidOf(`etag:${id}`)}"`;
}

/** `{id, name, type, location, tags?}`: the envelope every ARM resource shares. */
export function envelope(r: ArmBase, type: string, location = r.location): Record<string, unknown> {
  const out: Record<string, unknown> = { id: r.id, name: r.name, type, location };
  if (Object.keys(r.tags).length > 0) out['tags'] = r.tags;
  return out;
}

export function idRef(id: string | undefined): { id: string } | undefined {
  return id ? { id } : undefined;
}

/** Drops undefined members (ARM omits absent properties rather than sending null). */
export function compact<T extends Record<string, unknown>>(value: T): T {
  for (const key of Object.keys(value)) if (value[key] === undefined) delete value[key];
  return value;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
