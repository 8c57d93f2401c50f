import { z } from 'zod';
import { SessionDisplaySchema } from './displays';

// The server → SPA contract for who is signed in. The SPA only needs what changes what it shows: the name,
// the role (admin pages) and how the user signed in (sign-out wording, display screens).

export const RoleSchema = z.enum(['admin', 'viewer']);
export type RoleName = z.infer<typeof RoleSchema>;

export const SessionUserSchema = z.object({
  username: z.string(),
  role: RoleSchema,
  provider: z.string(),
  pccUser: z.string().nullable(),
  serviceName: z.string().nullable(),
  /** Only for a wall display's session (provider 'display'): which display, and how its wall is set up. */
  display: SessionDisplaySchema.optional(),
});
export type SessionUser = z.infer<typeof SessionUserSchema>;

export const SessionResponseSchema = z.object({ user: SessionUserSchema });
export type SessionResponse = z.infer<typeof SessionResponseSchema>;

export const LoginProviderSchema = z.enum(['local', 'vsphere']);
export type LoginProvider = z.infer<typeof LoginProviderSchema>;
