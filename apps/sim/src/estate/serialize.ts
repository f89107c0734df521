/**
 * A canonical JSON rendering of an estate (Maps as entry lists, Sets as arrays) so that two
 * generations can be compared byte for byte, and an estate can be dumped for inspection.
 */
export function serializeEstate(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) => {
    if (key === 'generatedInMs') return undefined;
    if (v instanceof Map) return { $map: [...v.entries()] };
    if (v instanceof Set) return { $set: [...v.values()] };
    return v;
  });
}
