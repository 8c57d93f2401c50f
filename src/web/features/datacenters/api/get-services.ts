import { useQuery } from '@tanstack/react-query';
import { servicesQueryOptions } from '@/web/lib/services-list';

export function useServices() {
  return useQuery(servicesQueryOptions());
}
