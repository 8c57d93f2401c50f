import { useState } from 'react';
import { useTranslation } from '@/web/lib/i18n';
import type { Display, DisplayWithToken } from '@/shared/api/displays';
import type { ServiceEntry } from '@/shared/api/inventory';
import { datacenterName } from '@/web/components/forms/datacenter-choices';
import { LevelBadge } from '@/web/components/status/level-badge';
import { useFormatter } from '@/web/lib/use-formatter';
import { useRevokeDisplay, useRotateDisplayToken, useUpdateDisplay } from '../api/display-mutations';
import { ActionError } from './action-error';
import { DisplayForm } from './display-form';

/** A screen polls every couple of minutes: one not seen for longer than this is probably off or stuck. */
const SILENT_AFTER_MS = 10 * 60_000;

type Pending = 'edit' | 'rotate' | 'revoke' | undefined;

function DisplayStatus({ display, now }: { display: Display; now: number }) {
  const { t } = useTranslation('displays');
  const format = useFormatter();
  if (display.revoked) {
    return (
      <LevelBadge
        level="critical"
        label={
          display.revokedAt === null
            ? t('status.revoked')
            : t('status.revokedAt', { time: format.dateTime(display.revokedAt) })
        }
      />
    );
  }
  if (display.lastSeenAt === null) return <LevelBadge level="warning" label={t('status.neverSeen')} />;
  if (now - display.lastSeenAt > SILENT_AFTER_MS)
    return <LevelBadge level="warning" label={t('status.silent')} />;
  return <LevelBadge level="ok" label={t('status.active')} />;
}

/** One display in the list, with its actions: edit, rotate the token, revoke (each revoke asks first). */
export function DisplayRow({
  display,
  services,
  now,
  onIssued,
}: {
  display: Display;
  services: readonly ServiceEntry[];
  now: number;
  onIssued: (issued: DisplayWithToken) => void;
}) {
  const { t } = useTranslation('displays');
  const format = useFormatter();
  const [open, setOpen] = useState<Pending>();
  const update = useUpdateDisplay();
  const rotate = useRotateDisplayToken();
  const revoke = useRevokeDisplay();
  const error = update.error ?? rotate.error ?? revoke.error;

  const close = () => {
    setOpen(undefined);
    update.reset();
    rotate.reset();
    revoke.reset();
  };

  return (
    <>
      <tr className={display.revoked ? 'admin-row-revoked' : undefined}>
        <th scope="row">{display.name}</th>
        <td>{display.scope.map((ref) => datacenterName(services, ref)).join(', ')}</td>
        <td>{display.lastSeenAt === null ? t('never') : format.dateTime(display.lastSeenAt)}</td>
        <td>
          <DisplayStatus display={display} now={now} />
        </td>
        <td>
          {!display.revoked && (
            <div className="display-row-actions">
              <button type="button" aria-expanded={open === 'edit'} onClick={() => setOpen('edit')}>
                {t('edit')} <span className="visually-hidden">{display.name}</span>
              </button>
              <button type="button" onClick={() => setOpen('rotate')}>
                {t('rotate')} <span className="visually-hidden">{display.name}</span>
              </button>
              <button type="button" className="danger" onClick={() => setOpen('revoke')}>
                {t('revoke')} <span className="visually-hidden">{display.name}</span>
              </button>
            </div>
          )}
        </td>
      </tr>
      {open && (
        <tr className="admin-row-detail">
          <td colSpan={5}>
            {open === 'edit' ? (
              <DisplayForm
                display={display}
                services={services}
                pending={update.isPending}
                submitLabel={t('save')}
                onSubmit={(values) => update.mutate({ id: display.id, ...values }, { onSuccess: close })}
                onCancel={close}
              />
            ) : (
              <div
                className="confirm"
                role="group"
                aria-label={t(`confirm.${open}Label`, { name: display.name })}
              >
                <p>{t(`confirm.${open}`, { name: display.name })}</p>
                <div className="admin-actions">
                  <button
                    type="button"
                    className={open === 'revoke' ? 'danger' : 'primary'}
                    disabled={rotate.isPending || revoke.isPending}
                    onClick={() =>
                      open === 'revoke'
                        ? revoke.mutate(display.id, { onSuccess: close })
                        : rotate.mutate(display.id, {
                            onSuccess: (issued) => {
                              close();
                              onIssued(issued);
                            },
                          })
                    }
                  >
                    {t(`confirm.${open}Action`)}
                  </button>
                  <button type="button" onClick={close} autoFocus>
                    {t('cancel')}
                  </button>
                </div>
              </div>
            )}
            <ActionError error={error} />
          </td>
        </tr>
      )}
    </>
  );
}
