import { useState } from 'react';
import type { ApiToken } from '@/shared/api/api-tokens';
import type { ServiceEntry } from '@/shared/api/inventory';
import { datacenterName } from '@/web/components/forms/datacenter-choices';
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
      <tr className={token.revoked ? 'admin-row-revoked' : undefined}>
        <th scope="row">{token.name}</th>
        <td>{token.scope.map((ref) => datacenterName(services, ref)).join(', ')}</td>
        <td>{token.createdBy}</td>
        <td>{token.lastUsedAt === null ? t('never') : format.dateTime(token.lastUsedAt)}</td>
        <td>
          {token.revoked ? (
            <LevelBadge
              level="critical"
              label={
                token.revokedAt === null
                  ? t('status.revoked')
                  : t('status.revokedAt', { time: format.dateTime(token.revokedAt) })
              }
            />
          ) : (
            <LevelBadge level="ok" label={t('status.active')} />
          )}
        </td>
        <td>
          {!token.revoked && (
            <button type="button" className="danger" onClick={() => setConfirming(true)}>
              {t('revoke')} <span className="visually-hidden">{token.name}</span>
            </button>
          )}
        </td>
      </tr>
      {confirming && (
        <tr className="admin-row-detail">
          <td colSpan={6}>
            <div className="confirm" role="group" aria-label={t('confirm.label', { name: token.name })}>
              <p>{t('confirm.text', { name: token.name })}</p>
              <div className="admin-actions">
                <button
                  type="button"
                  className="danger"
                  disabled={revoke.isPending}
                  onClick={() => revoke.mutate(token.id, { onSuccess: close })}
                >
                  {t('confirm.action')}
                </button>
                <button type="button" onClick={close} autoFocus>
                  {t('cancel')}
                </button>
              </div>
            </div>
            {revoke.error && (
              <p className="form-error" role="alert">
                {t('failed', { reason: revoke.error.message })}
              </p>
            )}
          </td>
        </tr>
      )}
    </>
  );
}
