import type { Session } from '../auth/sessions';
import type { DisplayStore } from './display-store';

/**
 * The `onTouch` of the session store: a wall screen is alive when its session is used, so its last-seen time
 * follows the session's, throttled as the session store throttles its own writes (about once a minute).
 */
export function markDisplaySeen(displays: DisplayStore): (session: Session) => void {
  return (session) => {
    if (session.displayId) displays.markSeen(session.displayId, session.lastSeenAt);
  };
}
