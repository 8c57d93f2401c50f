/** A field's problem, under it; `id` is what the field points to with `aria-describedby`. */
export function FieldProblem({ id, text }: { id: string; text: string | undefined }) {
  if (!text) return null;
  return (
    <p id={id} className="form-error" role="alert">
      {text}
    </p>
  );
}
