/** A loading message that screen readers announce politely. */
export function Loading({ label = 'Loading' }: { label?: string }) {
  return (
    <p className="govuk-body app-loading" role="status">
      {label}…
    </p>
  );
}
