import type { DocExample } from '../model/rule-example.js';

/**
 * Examples of the rules `validate` raises outside a semantic check: the official-schema rules, the `$ref`
 * rules of the loader, and `input-error`. Each semantic check carries its own beside its code.
 */
export const validateExamples: Record<string, DocExample[]> = {};
