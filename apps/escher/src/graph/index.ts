export * from './impact-rules.ts';
export * from './resource-graph.ts';
export * from './graph-report.ts';
export * from './render-graph.ts';
export * from './resource-changes.ts';
