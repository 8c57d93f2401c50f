import type { UseMutationResult } from '@tanstack/react-query';
import { useState } from 'react';

/**
 * The new-one form of an admin page and the one-time secret it yields: a successful create closes the form
 * and shows what the server issued. `show` also serves actions that issue a secret anew (a display's new link).
 */
export function useCreateAndIssue<Values, Issued>(create: UseMutationResult<Issued, Error, Values>) {
  const [creating, setCreating] = useState(false);
  const [issued, setIssued] = useState<Issued>();

  const show = (result: Issued) => {
    setIssued(result);
    create.reset();
  };

  return {
    creating,
    issued,
    show,
    start: () => setCreating(true),
    cancel: () => {
      setCreating(false);
      create.reset();
    },
    submit: (values: Values) =>
      create.mutate(values, {
        onSuccess: (result) => {
          setCreating(false);
          show(result);
        },
      }),
    dismiss: () => setIssued(undefined),
  };
}
