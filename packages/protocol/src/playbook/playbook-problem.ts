import { z } from 'zod';

/**
 * One thing wrong with a playbook. `path` locates the value in the document (`['steps', 2,
 * 'command', 0]`); a YAML file's problems also carry the 1-based line and column of that value,
 * so editors and `escher playbooks validate` can print `file:line:col: message`. Errors make the
 * playbook unusable; warnings are worth fixing but do not block it.
 */
export const PlaybookProblemSchema = z.object({
  severity: z.enum(['error', 'warning']),
  /** Stable, kebab-case: `unknown-operation`, `unsafe-argument`, `dependency-cycle`, `schema`, `yaml-syntax` … */
  code: z.string().min(1),
  message: z.string().min(1),
  path: z.array(z.union([z.string(), z.number()])),
  line: z.number().int().positive().optional(),
  col: z.number().int().positive().optional(),
});
export type PlaybookProblem = z.infer<typeof PlaybookProblemSchema>;

/** `escher playbooks validate FILE --json`: one entry per file. */
export const PlaybookValidationSchema = z.object({
  file: z.string(),
  valid: z.boolean(),
  /** The playbook's id and version, when the file got far enough to have them. */
  id: z.string().optional(),
  version: z.string().optional(),
  errors: z.number().int().nonnegative(),
  warnings: z.number().int().nonnegative(),
  problems: z.array(PlaybookProblemSchema),
});
export type PlaybookValidation = z.infer<typeof PlaybookValidationSchema>;
