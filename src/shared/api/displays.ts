import { z } from 'zod';

// The server ↔ SPA contract for wall displays: the admin API that manages them and what a wall screen learns
// about itself once its token has been exchanged for a session.

/** One datacenter a display may show, as the inventory names it. */
export const DatacenterRefSchema = z.object({
  serviceName: z
    .string({ error: 'serviceName is required.' })
    .regex(/^[\w.-]{1,100}$/, 'serviceName is not a service name.'),
  datacenterId: z
    .number({ error: 'datacenterId must be a number.' })
    .int('datacenterId must be an integer.')
    .positive('datacenterId must be positive.'),
});
export type DatacenterRef = z.infer<typeof DatacenterRefSchema>;

/** The datacenters a scoped credential (a display, an API token) may show. */
export const DatacenterScopeSchema = z
  .array(DatacenterRefSchema, { error: 'scope must be a list of {serviceName, datacenterId}.' })
  .min(1, 'scope must name at least one datacenter.')
  .max(100, 'scope may name at most 100 datacenters.')
  // A datacenter listed twice would show twice in a wall's rotation; once is what the admin meant.
  .transform((scope) =>
    scope.filter(
      (ref, index) =>
        scope.findIndex((o) => o.serviceName === ref.serviceName && o.datacenterId === ref.datacenterId) ===
        index,
    ),
  );

/** The pages a wall rotates among, within each datacenter of its scope. */
export const WallPageSchema = z.enum(['overview', 'hosts', 'vms', 'filers', 'alerts'], {
  error: "pages must be among 'overview', 'hosts', 'vms', 'filers' and 'alerts'.",
});
export type WallPageName = z.infer<typeof WallPageSchema>;

// The fields bare, so a PATCH can send any subset without the defaults filling in the rest.
const wallFields = {
  /** Seconds on each page before moving on; 0 keeps the first page. Under 10 s nobody can read a page. */
  rotateSeconds: z
    .number({ error: 'rotateSeconds must be a number.' })
    .int('rotateSeconds must be a whole number of seconds.')
    .max(86_400, 'rotateSeconds must be at most 86400 (a day).')
    .refine((s) => s === 0 || s >= 10, 'rotateSeconds must be 0 (no rotation) or at least 10.'),
  pages: z
    .array(WallPageSchema, { error: 'pages must be a list of page names.' })
    .min(1, 'pages must name at least one page.')
    .refine((pages) => new Set(pages).size === pages.length, 'pages must not repeat a page.'),
  theme: z.enum(['dark', 'light', 'system'], { error: "theme must be 'dark', 'light' or 'system'." }),
  tz: z.enum(['UTC', 'local'], { error: "tz must be 'UTC' or 'local'." }),
  /** Hours between full page reloads, which keep a week-long tab healthy; 0 never reloads. */
  reloadHours: z
    .number({ error: 'reloadHours must be a number.' })
    .int('reloadHours must be a whole number of hours.')
    .min(0, 'reloadHours must be 0 (never) or more.')
    .max(168, 'reloadHours must be at most 168 (a week).'),
  /** A few pixels of drift every few minutes, for panels that burn in. */
  burnIn: z.boolean({ error: 'burnIn must be true or false.' }),
  /** When true, Esc does not bring up the wall's controls. */
  locked: z.boolean({ error: 'locked must be true or false.' }),
};

export const WALL_DEFAULTS = {
  rotateSeconds: 60,
  pages: ['overview'],
  theme: 'dark',
  tz: 'UTC',
  reloadHours: 6,
  burnIn: false,
  locked: false,
} as const satisfies { [K in keyof typeof wallFields]: z.input<(typeof wallFields)[K]> };

export const WallConfigSchema = z.object({
  rotateSeconds: wallFields.rotateSeconds.default(WALL_DEFAULTS.rotateSeconds),
  pages: wallFields.pages.default([...WALL_DEFAULTS.pages]),
  theme: wallFields.theme.default(WALL_DEFAULTS.theme),
  tz: wallFields.tz.default(WALL_DEFAULTS.tz),
  reloadHours: wallFields.reloadHours.default(WALL_DEFAULTS.reloadHours),
  burnIn: wallFields.burnIn.default(WALL_DEFAULTS.burnIn),
  locked: wallFields.locked.default(WALL_DEFAULTS.locked),
});
export type WallConfig = z.infer<typeof WallConfigSchema>;

// An unknown field is most likely a typo in a script; naming it beats a generic "bad body".
export const objectError = (expected: string) => (issue: z.core.$ZodRawIssue) =>
  issue.code === 'unrecognized_keys' ? `Unknown field(s): ${issue.keys.join(', ')}.` : expected;

/** A display's or an API token's name, as an administrator types it. */
export const NameSchema = z
  .string({ error: 'name is required.' })
  .trim()
  .min(1, 'name is required.')
  .max(100, 'name must be at most 100 characters.');

export const CreateDisplayRequestSchema = z.strictObject(
  {
    name: NameSchema,
    scope: DatacenterScopeSchema,
    wall: z
      .strictObject(WallConfigSchema.shape, { error: objectError('wall must be an object.') })
      .prefault({}),
  },
  { error: objectError('Expected a JSON object with name, scope and optionally wall.') },
);
export type CreateDisplayRequest = z.input<typeof CreateDisplayRequestSchema>;

/** Any subset of the fields; `wall` is merged into the display's current configuration. */
export const UpdateDisplayRequestSchema = z
  .strictObject(
    {
      name: NameSchema.optional(),
      scope: DatacenterScopeSchema.optional(),
      wall: z
        .strictObject(wallFields, { error: objectError('wall must be an object.') })
        .partial()
        .optional(),
    },
    { error: objectError('Expected a JSON object with name, scope and/or wall.') },
  )
  .refine(
    (body) => body.name !== undefined || body.scope !== undefined || body.wall !== undefined,
    'Nothing to change: send name, scope and/or wall.',
  );
export type UpdateDisplayRequest = z.input<typeof UpdateDisplayRequestSchema>;

/** A display as the admin page lists it. The token is never part of it. */
export const DisplaySchema = z.object({
  id: z.string(),
  name: z.string(),
  scope: z.array(DatacenterRefSchema),
  wall: WallConfigSchema,
  createdAt: z.number(),
  createdBy: z.string(),
  /** The last time the screen exchanged its token or polled (epoch ms, to about a minute); null if never. */
  lastSeenAt: z.number().nullable(),
  revoked: z.boolean(),
  revokedAt: z.number().nullable(),
});
export type Display = z.infer<typeof DisplaySchema>;

export const DisplayListSchema = z.object({ items: z.array(DisplaySchema) });
export type DisplayList = z.infer<typeof DisplayListSchema>;

export const DisplayResponseSchema = z.object({ display: DisplaySchema });
export type DisplayResponse = z.infer<typeof DisplayResponseSchema>;

/** Answer to creating a display or rotating its token: the only time the token is ever shown. */
export const DisplayWithTokenSchema = z.object({
  display: DisplaySchema,
  token: z.string(),
  /** Path of the wall link, token in the fragment so it stays out of server logs and Referer headers. */
  link: z.string(),
});
export type DisplayWithToken = z.infer<typeof DisplayWithTokenSchema>;

/** `POST /api/display-session`: the token from the link, or no token to re-exchange the one in the cookie. */
export const DisplaySessionRequestSchema = z.object(
  { token: z.string({ error: 'token must be a string.' }).optional() },
  { error: 'Expected a JSON object with the display token.' },
);
export type DisplaySessionRequest = z.infer<typeof DisplaySessionRequestSchema>;

/** What a wall screen learns about itself from `GET /api/session` (and the exchange's answer). */
export const SessionDisplaySchema = DisplaySchema.pick({ id: true, name: true, scope: true, wall: true });
export type SessionDisplay = z.infer<typeof SessionDisplaySchema>;

/** The wall link for a token; the SPA reads the fragment and drops it from the URL. */
export function wallLink(token: string): string {
  return `/wall#token=${token}`;
}
