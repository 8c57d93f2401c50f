import type { StateLook } from '@/web/components/data-table/cells';

/** How well a VM's guest agent reports, wherever it is shown. `unknown`: the agents' answer did not come. */
export const GUEST_AGENT_LOOKS: Readonly<Record<string, StateLook>> = {
  reporting: { icon: '✓', tone: 'ok' },
  silent: { icon: '⚠', tone: 'warning' },
  none: { tone: 'neutral' },
  unknown: { icon: '?', tone: 'neutral' },
};
