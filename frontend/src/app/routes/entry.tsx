import { useState } from 'react';
import { useParams } from 'react-router';
import { ApiError } from '@/api/problem';
import type { Me, ProgressEntry } from '@/api/types';
import { Link } from '@/components/ui/link';
import { Loading } from '@/components/ui/loading';
import { NotificationBanner } from '@/components/ui/notification-banner';
import { PageTitle } from '@/components/ui/page-title';
import { QueryError } from '@/components/ui/query-error';
import { SummaryList } from '@/components/ui/summary-list';
import { useMe } from '@/features/auth/api/get-me';
import { isCouncilStaff } from '@/features/auth/lib/roles';
import { useEntry } from '@/features/progress/api/get-entry';
import { AcceptanceForm, AssessmentForms } from '@/features/progress/components/assessment';
import { Attachments } from '@/features/progress/components/attachments';
import { EntryRecord, EntryReport } from '@/features/progress/components/entry-report';
import { EntryStateTag, OverdueTag } from '@/features/progress/components/entry-state-tag';
import { GradesCompare } from '@/features/progress/components/grades';
import { SubmissionForm } from '@/features/progress/components/submission-form';
import { untouched } from '@/features/progress/lib/states';
import { RecommendationRefText } from '@/features/recommendations/components/recommendation-ref-text';
import { formatDate } from '@/lib/format';
import { NotFound } from './not-found';

function heading(entry: ProgressEntry): string {
  return entry.part
    ? `Recommendation ${entry.recommendation.number}${entry.part.label})`
    : `Recommendation ${entry.recommendation.number}`;
}

/** Whether the user writes this entry as its reporter, rather than reading it. */
function writesAsReporter(me: Me | undefined, entry: ProgressEntry): boolean {
  if (!me || !entry.editable) return false;
  if (!isCouncilStaff(me)) return true;
  // An officer writes the council's own entries; a partner's only when they choose to.
  return !entry.organisation || entry.organisation.id === me.organisation.id;
}

function submittedMessage(entry: ProgressEntry): string {
  return `Your update on recommendation ${entry.recommendation.number} is submitted. The council's scrutiny officer will assess it.`;
}

export default function EntryRoute() {
  const { entryId = '' } = useParams();
  const entry = useEntry(entryId);
  const me = useMe();
  const [flash, setFlash] = useState<string | null>(null);
  const [onBehalf, setOnBehalf] = useState(false);

  if (entry.isPending) return <Loading label="Loading the progress update" />;
  if (entry.isError) {
    if (entry.error instanceof ApiError && [400, 404].includes(entry.error.status)) return <NotFound />;
    return (
      <>
        <PageTitle title="Progress update" />
        <QueryError error={entry.error} what="the progress update" />
      </>
    );
  }

  const data = entry.data;
  const officer = me.data ? isCouncilStaff(me.data) : false;
  const writing = writesAsReporter(me.data, data) || (onBehalf && data.editable);
  const done = (_next: ProgressEntry, message: string) => {
    setOnBehalf(false);
    setFlash(message);
  };
  const graded = Boolean(data.grades.proposed || data.grades.officer || data.grades.accepted);
  const header = (
    <>
      <span className="govuk-caption-l">
        <Link to={`/reviews/${data.review_id}`}>{data.review_title}</Link>
      </span>
      <h1 className="govuk-heading-l">
        {heading(data)}: progress update, {data.round.label}
      </h1>
      {data.part ? (
        <p className="govuk-body app-pre-line">{data.part.text}</p>
      ) : (
        <RecommendationRefText recommendation={data.recommendation} />
      )}
      <SummaryList
        rows={[
          { key: 'Reported by', value: data.organisation?.name ?? 'The council' },
          {
            key: 'Round',
            value: <Link to={`/progress-rounds/${data.round.id}`}>{data.round.label}</Link>,
          },
          {
            key: 'Due',
            value: (
              <>
                {formatDate(data.round.deadline)} {data.overdue ? <OverdueTag /> : null}
              </>
            ),
          },
          {
            key: 'Committee meeting',
            value: data.round.meeting_date ? formatDate(data.round.meeting_date) : null,
          },
          { key: 'Status', value: <EntryStateTag entry={data} /> },
        ]}
      />
      {data.state === 'returned' && data.return_comments ? (
        <div className="govuk-inset-text app-return-comments">
          <h2 className="govuk-heading-s">Returned with comments</h2>
          <p className="govuk-body app-pre-line">{data.return_comments}</p>
        </div>
      ) : null}
    </>
  );

  return (
    <>
      {writing ? null : <PageTitle title={`${heading(data)}, ${data.round.label}`} />}
      {flash ? <NotificationBanner kind="success" heading={flash} /> : null}
      {writing ? null : header}
      {writing ? (
        <SubmissionForm
          key={data.id}
          entry={data}
          intro={header}
          onSubmitted={(submitted) => done(submitted, submittedMessage(submitted))}
        />
      ) : (
        <>
          <EntryReport entry={data} />
          {officer && data.editable && !onBehalf ? (
            <p className="govuk-body">
              <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setOnBehalf(true)}>
                Edit on behalf of {data.organisation?.name ?? 'the partner'}
              </button>
            </p>
          ) : null}
          {!officer && !data.editable && data.state === 'submitted' ? (
            <p className="govuk-body">
              Submitted to the council. You can change it again only if the council returns it to you.
            </p>
          ) : null}
        </>
      )}

      {graded && !writing ? <GradesCompare grades={data.grades} /> : null}
      {officer && !writing ? (
        <>
          <AssessmentForms key={`assess-${data.version}`} entry={data} onDone={done} />
          <AcceptanceForm key={`accept-${data.version}`} entry={data} onDone={done} />
        </>
      ) : null}

      <Attachments entry={data} />
      <EntryRecord entry={data} />
      <p className="govuk-body">
        <Link to={`/progress-entries/${data.id}/history`}>See every change to this update</Link>
      </p>
      {officer && untouched(data) ? (
        <p className="govuk-body">
          <Link to={`/progress-entries/${data.id}/remove`}>Remove this update from the round</Link>
          <span className="govuk-body-s app-secondary-text app-block">
            For a recommendation added to the round by mistake. Only while nobody has written in it.
          </span>
        </p>
      ) : null}
    </>
  );
}
