export * from './document-fields.ts';
export * from './attribute-words.ts';
export * from './resource-document.ts';
