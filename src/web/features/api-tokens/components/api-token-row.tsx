import { useState } from 'react';
import type { ApiToken } from '@/shared/api/api-tokens';
import type { ServiceEntry } from '@/shared/api/inventory';
import { AdminRow, AdminRowDetail, RevokedBadge, RowAction } from '@/web/components/admin/admin-row';
import { ConfirmPanel } from '@/web/components/admin/confirm-panel';
import { LevelBadge } from '@/web/components/status/level-badge';
import { useTranslation } from '@/web/lib/i18n';
import { useFormatter } from '@/web/lib/use-formatter';
import { useRevokeApiToken } from '../api/api-token-mutations';

/** One token in the list, with the revoke action, which asks first. */
export function ApiTokenRow({ token, services }: { token: ApiToken; services: readonly ServiceEntry[] }) {
  const { t } = useTranslation('api-tokens');
  const format = useFormatter();
  const [confirming, setConfirming] = useState(false);
  const revoke = useRevokeApiToken();
  const close = () => {
    setConfirming(false);
    revoke.reset();
  };

  return (
    <>
      <AdminRow name={token.name} scope={token.scope} services={services} revoked={token.revoked}>
        <td>{token.createdBy}</td>
        <td>{token.lastUsedAt === null ? t('never') : format.dateTime(token.lastUsedAt)}</td>
        <td>
          {token.revoked ? (
            <RevokedBadge
              at={token.revokedAt}
              revoked={t('status.revoked')}
              revokedAt={(time) => t('status.revokedAt', { time })}
            />
          ) : (
            <LevelBadge level="ok" label={t('status.active')} />
          )}
        </td>
        <td>
          {!token.revoked && (
            <RowAction
              label={t('revoke')}
              name={token.name}
              className="danger"
              onClick={() => setConfirming(true)}
            />
          )}
        </td>
      </AdminRow>
      {confirming && (
        <AdminRowDetail colSpan={6} error={revoke.error}>
          <ConfirmPanel
            words={{
              label: t('confirm.label', { name: token.name }),
              text: t('confirm.text', { name: token.name }),
              action: t('confirm.action'),
              cancel: t('cancel'),
            }}
            danger
            pending={revoke.isPending}
            onConfirm={() => revoke.mutate(token.id, { onSuccess: close })}
            onCancel={close}
          />
        </AdminRowDetail>
      )}
    </>
  );
}
