/** Something that lives in one project under a scope (a zone, a region, `global`, a location). */
export interface Scoped {
  project: string;
  /** Zone, region, `global` or location name. */
  scope: string;
  name: string;
}

/**
 * Records of one kind, indexed by project then by `scope/name`, in generation order. Lists walk
 * one project's map, gets are one lookup, deletes keep the order of the rest.
 */
export class ScopedStore<T extends Scoped> {
  private readonly byProject = new Map<string, Map<string, T>>();

  add(record: T): void {
    let inner = this.byProject.get(record.project);
    if (!inner) this.byProject.set(record.project, (inner = new Map()));
    inner.set(`${record.scope}/${record.name}`, record);
  }

  get(project: string, scope: string, name: string): T | undefined {
    return this.byProject.get(project)?.get(`${scope}/${name}`);
  }

  delete(record: T): boolean {
    return this.byProject.get(record.project)?.delete(`${record.scope}/${record.name}`) ?? false;
  }

  /** Every record of a project (optionally of one scope), in order. */
  list(project: string, scope?: string): T[] {
    const inner = this.byProject.get(project);
    if (!inner) return [];
    const all = [...inner.values()];
    return scope === undefined ? all : all.filter((r) => r.scope === scope);
  }

  /** Every record of every project. */
  *all(): IterableIterator<T> {
    for (const inner of this.byProject.values()) yield* inner.values();
  }

  count(project: string): number {
    return this.byProject.get(project)?.size ?? 0;
  }
}
