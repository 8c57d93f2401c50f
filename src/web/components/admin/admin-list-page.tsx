import { useId, type ReactNode } from 'react';
import { EmptyState } from '@/web/components/states/query-states';
import { ActionError } from './action-error';
import './admin-page.css';

/** What the page says; each admin feature keeps the words in its own namespace. */
export interface AdminListWords {
  title: string;
  lead: string;
  /** The button that opens the new-one form. */
  new: string;
  /** The heading of the new-one form's panel. */
  newTitle: string;
  none: string;
  /** The table's column headings, the row's name first; the actions column follows them, named for screen
   * readers only. */
  columns: readonly string[];
  actions: string;
}

/**
 * An admin page of issued credentials (displays, API tokens): its head with the "new" button, the one-time
 * secret just issued, the new-one form and why it failed, then the table of them, or words saying there is none.
 */
export function AdminListPage<Item>({
  className,
  words,
  notice,
  form,
  createError,
  onNew,
  items,
  row,
}: {
  className: string;
  words: AdminListWords;
  notice: ReactNode;
  /** The new-one form while it is open; the "new" button shows instead while it is not. */
  form: ReactNode;
  createError: Error | null;
  onNew: () => void;
  items: readonly Item[];
  row: (item: Item) => ReactNode;
}) {
  const titleId = useId();
  return (
    <div className={`page admin-page ${className}`}>
      <div className="page-head">
        <h1>{words.title}</h1>
        {!form && (
          <button type="button" className="primary" onClick={onNew}>
            {words.new}
          </button>
        )}
      </div>
      <p className="muted">{words.lead}</p>

      {notice}

      {form && (
        <section className="admin-panel" aria-labelledby={titleId}>
          <h2 id={titleId}>{words.newTitle}</h2>
          {form}
          <ActionError error={createError} />
        </section>
      )}

      {items.length === 0 ? (
        <EmptyState>{words.none}</EmptyState>
      ) : (
        <table className="admin-table">
          <caption className="visually-hidden">{words.title}</caption>
          <thead>
            <tr>
              {words.columns.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">{words.actions}</span>
              </th>
            </tr>
          </thead>
          <tbody>{items.map(row)}</tbody>
        </table>
      )}
    </div>
  );
}
