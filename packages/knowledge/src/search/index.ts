export * from './rank-fusion.ts';
export * from './relevance-metrics.ts';
export * from './hybrid-ranking.ts';
