import { useState } from 'react';
import { useTranslation } from '@/web/lib/i18n';
import type { Display, DisplayWithToken } from '@/shared/api/displays';
import type { ServiceEntry } from '@/shared/api/inventory';
import { AdminRow, AdminRowDetail, RevokedBadge, RowAction } from '@/web/components/admin/admin-row';
import { ConfirmPanel } from '@/web/components/admin/confirm-panel';
import { LevelBadge } from '@/web/components/status/level-badge';
import { useFormatter } from '@/web/lib/use-formatter';
import { useRevokeDisplay, useRotateDisplayToken, useUpdateDisplay } from '../api/display-mutations';
import { DisplayForm } from './display-form';

/** A screen polls every couple of minutes: one not seen for longer than this is probably off or stuck. */
const SILENT_AFTER_MS = 10 * 60_000;

type Pending = 'edit' | 'rotate' | 'revoke' | undefined;

function DisplayStatus({ display, now }: { display: Display; now: number }) {
  const { t } = useTranslation('displays');
  if (display.revoked) {
    return (
      <RevokedBadge
        at={display.revokedAt}
        revoked={t('status.revoked')}
        revokedAt={(time) => t('status.revokedAt', { time })}
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
      <AdminRow name={display.name} scope={display.scope} services={services} revoked={display.revoked}>
        <td>{display.lastSeenAt === null ? t('never') : format.dateTime(display.lastSeenAt)}</td>
        <td>
          <DisplayStatus display={display} now={now} />
        </td>
        <td>
          {!display.revoked && (
            <div className="display-row-actions">
              <RowAction
                label={t('edit')}
                name={display.name}
                aria-expanded={open === 'edit'}
                onClick={() => setOpen('edit')}
              />
              <RowAction label={t('rotate')} name={display.name} onClick={() => setOpen('rotate')} />
              <RowAction
                label={t('revoke')}
                name={display.name}
                className="danger"
                onClick={() => setOpen('revoke')}
              />
            </div>
          )}
        </td>
      </AdminRow>
      {open && (
        <AdminRowDetail colSpan={5} error={error}>
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
            <ConfirmPanel
              words={{
                label: t(`confirm.${open}Label`, { name: display.name }),
                text: t(`confirm.${open}`, { name: display.name }),
                action: t(`confirm.${open}Action`),
                cancel: t('cancel'),
              }}
              danger={open === 'revoke'}
              pending={rotate.isPending || revoke.isPending}
              onConfirm={() =>
                open === 'revoke'
                  ? revoke.mutate(display.id, { onSuccess: close })
                  : rotate.mutate(display.id, {
                      onSuccess: (issued) => {
                        close();
                        onIssued(issued);
                      },
                    })
              }
              onCancel={close}
            />
          )}
        </AdminRowDetail>
      )}
    </>
  );
}
