/**
 * The error codes of a refused resolver call, without zod so the Custom UI can check answers against them without
 * bundling the contract's schemas. src/contract.ts re-exports the type.
 */
export const ERROR_CODES = ['invalid-input', 'forbidden', 'not-found', 'conflict', 'too-large', 'unavailable', 'not-configured', 'internal'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
