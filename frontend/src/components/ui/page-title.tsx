export const SERVICE_NAME = 'Scrutiny recommendation tracker';

/** The document title, as GOV.UK writes it: "Page – Service"; "Error: " when a form has errors. */
export function PageTitle({ title, error = false }: { title: string; error?: boolean }) {
  return <title>{`${error ? 'Error: ' : ''}${title} – ${SERVICE_NAME}`}</title>;
}
