export * from './parse-playbook.ts';
export * from './yaml-positions.ts';
export * from './playbook-library.ts';
export * from './playbook-table.ts';
export * from './playbook-catalog.ts';
export * from './playbook-search.ts';
export * from './render-playbook.ts';
