import { z } from 'zod/mini';
import { lazySchema } from './lazy-schema';

/** A check's name as a stage requires it (issue 15): what the provider reports (a job name, a check run name, a status context). */
export const CheckNameSchema = lazySchema(() => z.string().check(z.trim(), z.minLength(1, 'is required'), z.maxLength(255, 'is at most 255 characters'), z.regex(/^[^,\n]+$/, 'cannot contain a comma or a line break')));

/** A stage's required checks: each name once (names match ignoring case). */
export const RequiredChecksSchema = lazySchema(() => z.array(CheckNameSchema).check(z.maxLength(20, 'at most 20 checks'), z.refine((names) => new Set(names.map((name) => name.toLowerCase())).size === names.length, 'names a check twice')));
