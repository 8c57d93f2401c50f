import type { ButtonHTMLAttributes, ReactNode } from 'react';
import type { DatacenterRef } from '@/shared/api/displays';
import type { ServiceEntry } from '@/shared/api/inventory';
import { datacenterName } from '@/web/components/forms/datacenter-choices';
import { LevelBadge } from '@/web/components/status/level-badge';
import { useFormatter } from '@/web/lib/use-formatter';
import { ActionError } from './action-error';

/** A credential's row: its name as the row's header and its datacenters, then the feature's own cells.
 * A revoked one stays listed, greyed. */
export function AdminRow({
  name,
  scope,
  services,
  revoked,
  children,
}: {
  name: string;
  scope: readonly DatacenterRef[];
  services: readonly ServiceEntry[];
  revoked: boolean;
  children: ReactNode;
}) {
  return (
    <tr className={revoked ? 'admin-row-revoked' : undefined}>
      <th scope="row">{name}</th>
      <td>{scope.map((ref) => datacenterName(services, ref)).join(', ')}</td>
      {children}
    </tr>
  );
}

/** What opens under a row (a form, a confirmation) across the whole table, with why its change failed. */
export function AdminRowDetail({
  colSpan,
  error,
  children,
}: {
  colSpan: number;
  error: Error | null;
  children: ReactNode;
}) {
  return (
    <tr className="admin-row-detail">
      <td colSpan={colSpan}>
        {children}
        <ActionError error={error} />
      </td>
    </tr>
  );
}

/** A row's action button; the row's name, unseen, tells screen readers which row it acts on. */
export function RowAction({
  label,
  name,
  ...button
}: { label: string; name: string } & Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type' | 'children'>) {
  return (
    <button type="button" {...button}>
      {label} <span className="visually-hidden">{name}</span>
    </button>
  );
}

/** A revoked credential's status, with when, where the server recorded it. */
export function RevokedBadge({
  at,
  revoked,
  revokedAt,
}: {
  at: number | null;
  revoked: string;
  revokedAt: (time: string) => string;
}) {
  const format = useFormatter();
  return <LevelBadge level="critical" label={at === null ? revoked : revokedAt(format.dateTime(at))} />;
}
