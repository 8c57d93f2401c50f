import { livePolling } from '@/web/lib/polling';

// The wall polls like every page, with two differences: a wall is often a tab nobody looks at (another
// monitor, a screen behind a closed lid), so it keeps polling in the background; and it never shows one
// datacenter's previous data while another loads, since a wall that rotates would mislabel it.
export const wallPolling = {
  ...livePolling,
  placeholderData: undefined,
  refetchIntervalInBackground: true,
} as const;
