import { useEffect, useRef, useState } from 'react';
import type { ServiceAccountCredentials } from '@/api/types';
import { SummaryList } from '@/components/ui/summary-list';

/**
 * A service account's client secret, shown the one time the API gives it: with a copy button and
 * a warning that it will not be shown again. It lives only in this component's props: never in the
 * query cache, the URL or storage.
 */
export function SecretPanel({ credentials, heading }: { credentials: ServiceAccountCredentials; heading: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  useEffect(() => ref.current?.focus(), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(credentials.client_secret);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  }

  return (
    <div
      ref={ref}
      tabIndex={-1}
      className="govuk-notification-banner govuk-notification-banner--success"
      role="region"
      aria-labelledby="secret-title"
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="secret-title">
          Client secret
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{heading}</p>
        <SummaryList
          rows={[
            { key: 'Client ID', value: <code className="app-admin-secret">{credentials.account.client_id}</code> },
            {
              key: 'Client secret',
              value: (
                <code className="app-admin-secret" id="client-secret">
                  {credentials.client_secret}
                </code>
              ),
            },
          ]}
        />
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            Copy the client secret now and store it securely. It will not be shown again: if it is lost, you will
            have to make a new one.
          </strong>
        </div>
        <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-2" onClick={() => void copy()}>
          Copy the client secret
        </button>
        <p className="govuk-body govuk-!-margin-bottom-0" role="status">
          {copied === 'yes'
            ? 'Copied to the clipboard.'
            : copied === 'failed'
              ? 'It could not be copied automatically: select the secret above and copy it.'
              : ''}
        </p>
      </div>
    </div>
  );
}
