import { useSearchParams } from 'react-router';
import { Loading } from '@/components/ui/loading';
import { NextPage } from '@/components/ui/next-page';
import { PageTitle } from '@/components/ui/page-title';
import { QueryError } from '@/components/ui/query-error';
import { formatInstant } from '@/lib/format';
import { useCalendars, useCouncilSettings, useCouncilSettingsHistory } from '../api/council-settings';
import { useOrganisation } from '../api/organisations';
import { AuditChanges } from './audit-changes';
import { BackLink } from './back-link';
import { CouncilSettingsForm } from './council-settings-form';
import { ScrollTable } from './list-state';

function SettingsHistory({ councilId }: { councilId: string }) {
  const [params] = useSearchParams();
  const cursor = params.get('history');
  const history = useCouncilSettingsHistory(councilId, cursor);
  const base = `/admin/councils/${councilId}/settings`;
  if (history.isPending) return <Loading label="Loading the history" />;
  if (history.isError) return <QueryError error={history.error} what="the history" />;
  if (history.data.items.length === 0) return <p className="govuk-body">The settings have not been changed.</p>;
  return (
    <>
      <ScrollTable label="Changes to the settings">
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--s">Changes, newest first</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">When</th>
              <th scope="col" className="govuk-table__header">Who</th>
              <th scope="col" className="govuk-table__header">What changed</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {history.data.items.map((e) => (
              <tr className="govuk-table__row" key={e.id}>
                <td className="govuk-table__cell">{formatInstant(e.occurred_at)}</td>
                <td className="govuk-table__cell">{e.actor.name}</td>
                <td className="govuk-table__cell">
                  <AuditChanges event={e} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
      <NextPage
        next={history.data.next_cursor ? `${base}?history=${encodeURIComponent(history.data.next_cursor)}` : null}
        first={cursor ? base : null}
      />
    </>
  );
}

/** A council's settings, the form to change them, and their history. */
export function CouncilSettingsPage({ councilId, backTo }: { councilId: string; backTo: string }) {
  const settings = useCouncilSettings(councilId);
  const calendars = useCalendars();
  const council = useOrganisation(councilId);
  const name = council.data?.name;
  return (
    <>
      <PageTitle title="Council settings" />
      <BackLink to={backTo}>Back</BackLink>
      <h1 className="govuk-heading-l">
        {name ? <span className="govuk-caption-l">{name}</span> : null}
        Council settings
      </h1>
      {settings.isPending || calendars.isPending ? (
        <Loading label="Loading the settings" />
      ) : settings.isError ? (
        <QueryError error={settings.error} what="the settings" />
      ) : calendars.isError ? (
        <QueryError error={calendars.error} what="the calendars" />
      ) : (
        <CouncilSettingsForm
          councilId={councilId}
          settings={settings.data}
          calendars={calendars.data}
          onReload={() => settings.refetch()}
        />
      )}
      <h2 className="govuk-heading-m">History</h2>
      {settings.data?.updated_at ? (
        <p className="govuk-body">Last changed {formatInstant(settings.data.updated_at)}.</p>
      ) : null}
      <SettingsHistory councilId={councilId} />
    </>
  );
}
