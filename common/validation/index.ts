/** Validation primitives shared by every layer (fakes' fault rules, the harness's scenario kinds). */
export * from './fields.js';
export * from './object-fields.js';
export * from './problems.js';
