import type { ReactNode } from 'react';
import { ConflictBanner as Banner } from '@/components/ui/conflict-banner';

type Props = {
  /** What was changed: "review", "recommendation", "decision"… */
  what: string;
  /** Where the current version can be seen. */
  children?: ReactNode;
};

/** A 412 on a form that is saved again to replace the other version with the user's. */
export function ConflictBanner({ what, children }: Props) {
  return (
    <Banner changed={`this ${what} after you opened this page`}>
      <p className="govuk-body">
        Check what they changed{children ? <> ({children})</> : null}. Select the save button again to replace their
        version with yours.
      </p>
    </Banner>
  );
}
