import type { MouseEvent } from 'react';

function skipToMain(event: MouseEvent<HTMLAnchorElement>) {
  const main = document.getElementById('main-content');
  if (!main) return;
  event.preventDefault();
  main.focus();
  main.scrollIntoView?.();
}

export function SkipLink() {
  return (
    <a href="#main-content" className="govuk-skip-link" onClick={skipToMain}>
      Skip to main content
    </a>
  );
}
