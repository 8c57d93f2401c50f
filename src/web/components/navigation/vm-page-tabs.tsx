import { useTranslation } from '@/web/lib/i18n';
import type { DatacenterRef } from '@/web/lib/api-paths';
import { datacenterPath } from '@/web/lib/datacenter-params';
import { PreservedNavLink } from '../layout/preserved-link';

/** A VM's own pages, side by side: what vCenter measures of it, and what runs inside it. */
export function VmPageTabs({ dc, vmId }: { dc: DatacenterRef; vmId: number }) {
  const { t } = useTranslation();
  const base = `${datacenterPath(dc)}/vms/${vmId}`;
  return (
    <nav aria-label={t('vmPages.label')} className="tabs vm-page-tabs">
      <PreservedNavLink to={`${base}/graphs`}>{t('vmPages.graphs')}</PreservedNavLink>
      <PreservedNavLink to={`${base}/processes`}>{t('vmPages.processes')}</PreservedNavLink>
    </nav>
  );
}
