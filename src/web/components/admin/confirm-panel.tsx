/** What a confirmation says; each admin feature keeps the words in its own namespace. */
export interface ConfirmWords {
  /** The group's accessible name. */
  label: string;
  text: string;
  action: string;
  cancel: string;
}

/** Asks before a change that cannot be undone; Cancel has the focus, so a stray Enter changes nothing. */
export function ConfirmPanel({
  words,
  danger,
  pending,
  onConfirm,
  onCancel,
}: {
  words: ConfirmWords;
  danger: boolean;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <div className="confirm" role="group" aria-label={words.label}>
      <p>{words.text}</p>
      <div className="admin-actions">
        <button
          type="button"
          className={danger ? 'danger' : 'primary'}
          disabled={pending}
          onClick={onConfirm}
        >
          {words.action}
        </button>
        <button type="button" onClick={onCancel} autoFocus>
          {words.cancel}
        </button>
      </div>
    </div>
  );
}
