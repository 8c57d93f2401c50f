import { useMutation } from '@tanstack/react-query';
import { GuestLiveResponseSchema } from '@/shared/api/guest';
import { requestJson } from '@/web/lib/api-client';
import { apiPaths, type DatacenterRef } from '@/web/lib/api-paths';

/** Asks the agent to report every 3 s for a while (startmonitor); answers until when. */
export function useStartLive(dc: DatacenterRef, vmId: number) {
  return useMutation({
    mutationFn: () => requestJson(apiPaths.guestLive(dc, vmId), GuestLiveResponseSchema, { method: 'POST' }),
  });
}
