import { z } from 'zod';

/**
 * What a button or link in a server-driven answer does when the user picks it. The client runs
 * every action itself (the server never executes anything), so each kind names exactly what the
 * client needs: a follow-up request to ask, a playbook to explain or plan, a plan to approve.
 */
export const UiActionSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('ask'),
    label: z.string().min(1).max(80),
    request: z.string().min(1).max(500),
  }),
  z.strictObject({
    kind: z.literal('explain-playbook'),
    label: z.string().min(1).max(80),
    playbookId: z.string().min(1).max(100),
  }),
  /** Plans the playbook for the resolved targets; running it still goes through approval. */
  z.strictObject({
    kind: z.literal('execute-playbook'),
    label: z.string().min(1).max(80),
    playbookId: z.string().min(1).max(100),
  }),
  z.strictObject({ kind: z.literal('approve-plan'), label: z.string().min(1).max(80) }),
  z.strictObject({ kind: z.literal('cancel'), label: z.string().min(1).max(80) }),
  /** Only https links, or a path inside the client's own UI (`/resources/...`). */
  z.strictObject({
    kind: z.literal('open-url'),
    label: z.string().min(1).max(80),
    href: z.string().regex(/^(https:\/\/|\/)[^\s]*$/, 'an https URL or a path of the UI'),
  }),
]);
export type UiAction = z.infer<typeof UiActionSchema>;

/** How serious a finding, a callout or a badge is; shared so every component colours alike. */
export const UiToneSchema = z.enum(['neutral', 'info', 'success', 'warning', 'danger']);
export type UiTone = z.infer<typeof UiToneSchema>;

/**
 * Data the client fills in from its own store: the server never sees raw resources (SPEC
 * section 9), so a resource list or card names what to show and the client binds the rows.
 * `targets` are the resources the client resolved for this request.
 */
export const UiBindingSchema = z.enum(['targets']);
export type UiBinding = z.infer<typeof UiBindingSchema>;
