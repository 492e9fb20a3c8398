import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type { CreateStatutoryResponse, ExpectedResponder, Organisation, Recommendation, ResponderKind } from '@/api/types';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Checkboxes, DateInput, EMPTY_DATE, isoDate, Radios, Select, TextInput, type DateParts } from '@/components/ui/form';
import { Link } from '@/components/ui/link';
import { PageTitle } from '@/components/ui/page-title';
import { recommendationSummary } from '@/features/recommendations/lib/text';
import { NO_ERRORS, problemErrors, type FieldTarget, type FormErrors } from '@/lib/problem-errors';
import { useCreateResponse } from '../api/write-response';

type Values = {
  kind: ResponderKind | '';
  organisation_id: string;
  responder_name: string;
  report_received_on: DateParts;
  recommendation_ids: string[];
};

const FIELDS: Record<string, FieldTarget> = {
  responder_kind: { id: 'responder_kind', label: 'Who responds' },
  organisation_id: { id: 'organisation_id', label: 'Partner organisation' },
  responder_name: { id: 'responder_name', label: 'Name in the papers' },
  report_received_on: { id: 'report_received_on-day', label: 'Report received' },
  recommendation_ids: { id: 'recommendation_ids', label: 'Recommendations' },
};

function locate(field: string): FieldTarget | undefined {
  return FIELDS[field] ?? (field.startsWith('recommendation_ids') ? FIELDS.recommendation_ids : undefined);
}

type Props = {
  reviewId: string;
  reviewTitle: string;
  recommendations: readonly Recommendation[];
  /** Who must respond and has no response yet (the tracker's). */
  expected: readonly ExpectedResponder[];
  /** Partner organisations, for a responder the tracker does not propose. */
  organisations: readonly Organisation[];
  /** From the tracker's "Record" link. */
  initialKind: ResponderKind | '';
  initialOrganisationId: string;
};

/** A recommendation's words, shortened for a hint. */
function shorten(text: string): string {
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

/** The recommendations put to a responder by default: the tracker's, else all of them for the executive. */
function defaultRecommendations(
  kind: ResponderKind | '',
  organisationId: string,
  expected: readonly ExpectedResponder[],
  recommendations: readonly Recommendation[],
): string[] {
  const match = expected.find(
    (e) => e.responder_kind === kind && (kind === 'executive' || e.organisation_id === organisationId),
  );
  if (match) return [...match.recommendation_ids];
  return kind === 'executive' ? recommendations.map((r) => r.id) : [];
}

/**
 * Recording who must respond to the review's report: the executive or a responsible partner, the
 * day they received the report (the due day follows from the council's settings) and the
 * recommendations put to them. On success, to the response's page.
 */
export function RecordResponseForm({
  reviewId,
  reviewTitle,
  recommendations,
  expected,
  organisations,
  initialKind,
  initialOrganisationId,
}: Props) {
  const navigate = useNavigate();
  const create = useCreateResponse(reviewId);
  const sorted = [...recommendations].sort((a, b) => a.position - b.position);
  const [values, setValues] = useState<Values>(() => {
    const match = expected.find(
      (e) => e.responder_kind === initialKind && (initialKind === 'executive' || e.organisation_id === initialOrganisationId),
    );
    return {
      kind: initialKind,
      organisation_id: initialKind === 'partner' ? initialOrganisationId : '',
      responder_name: match?.name ?? '',
      report_received_on: EMPTY_DATE,
      recommendation_ids: defaultRecommendations(initialKind, initialOrganisationId, expected, sorted),
    };
  });
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);

  /** Another responder: the recommendations (and the name, unless typed) follow. */
  function choose(kind: ResponderKind | '', organisationId: string) {
    setValues((v) => {
      const before = expected.find((e) => e.organisation_id === v.organisation_id && e.responder_kind === v.kind);
      const after = expected.find((e) => e.responder_kind === kind && (kind === 'executive' || e.organisation_id === organisationId));
      const typed = v.responder_name.trim() && v.responder_name !== (before?.name ?? '');
      return {
        ...v,
        kind,
        organisation_id: organisationId,
        responder_name: typed ? v.responder_name : (after?.name ?? ''),
        recommendation_ids: defaultRecommendations(kind, organisationId, expected, sorted),
      };
    });
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (create.isPending) return;
    const found: { field: string; text: string }[] = [];
    if (!values.kind) found.push({ field: 'responder_kind', text: 'Who responds: choose the executive or a responsible partner' });
    if (values.kind === 'partner' && !values.organisation_id) {
      found.push({ field: 'organisation_id', text: 'Partner organisation: choose the partner that responds' });
    }
    const received = isoDate(values.report_received_on);
    if (received === null) {
      found.push({ field: 'report_received_on-day', text: 'Report received: enter the day the responder received the report' });
    } else if (received === 'invalid') {
      found.push({ field: 'report_received_on-day', text: 'Report received: enter a real date, for example 20 1 2022' });
    }
    if (values.recommendation_ids.length === 0) {
      found.push({ field: 'recommendation_ids', text: 'Recommendations: choose at least one recommendation to respond to' });
    }
    if (found.length > 0) {
      setErrors({
        fields: Object.fromEntries(found.map((f) => [f.field, f.text])),
        summary: found,
      });
      return;
    }
    setErrors(NO_ERRORS);
    const body: CreateStatutoryResponse = {
      responder_kind: values.kind as ResponderKind,
      report_received_on: received as string,
      recommendation_ids: sorted.filter((r) => values.recommendation_ids.includes(r.id)).map((r) => r.id),
    };
    if (values.kind === 'partner') body.organisation_id = values.organisation_id;
    if (values.responder_name.trim()) body.responder_name = values.responder_name.trim();
    create.mutate(body, {
      onSuccess: (created) =>
        void navigate(`/statutory-responses/${created.id}`, { state: { recorded: true } }),
      onError: (error) => setErrors(problemErrors(error, locate)),
    });
  }

  const expectedPartners = expected.filter((e) => e.responder_kind === 'partner');
  const others = organisations
    .filter((o) => o.kind !== 'council' && !expectedPartners.some((e) => e.organisation_id === o.id))
    .sort((a, b) => a.name.localeCompare(b.name));
  const partnerOptions = [
    ...expectedPartners.map((e) => ({ value: e.organisation_id, label: `${e.name} (named in the recommendations)` })),
    ...others.map((o) => ({ value: o.id, label: o.name })),
  ];
  const executive = expected.find((e) => e.responder_kind === 'executive');
  const e = errors.fields;
  return (
    <>
      <PageTitle title="Record a statutory response" error={errors.summary.length > 0} />
      <ErrorSummary errors={errors.summary} />
      <h1 className="govuk-heading-l">
        <span className="govuk-caption-l">{reviewTitle}</span>
        Record a statutory response
      </h1>
      <p className="govuk-body">
        Record who must respond to the review&apos;s report and when they received it. The day the response is due
        follows from the council&apos;s settings: by law, 2 months for the executive and 28 days for a responsible
        partner, unless the council has set other periods.
      </p>
      <form onSubmit={submit} noValidate>
        <Radios
          id="responder_kind"
          name="responder_kind"
          legend="Who responds"
          legendClass="govuk-fieldset__legend--m"
          error={e.responder_kind}
          value={values.kind}
          onChange={(kind) => choose(kind, kind === 'partner' ? values.organisation_id : '')}
          options={[
            {
              value: 'executive',
              label: 'The executive',
              hint: `Cabinet, or the council's executive${executive ? `: ${executive.period} to respond` : ''}`,
            },
            {
              value: 'partner',
              label: 'A responsible partner',
              hint: 'A partner authority a crime and disorder committee reported on',
              conditional: (
                <Select
                  id="organisation_id"
                  label="Partner organisation"
                  placeholder="Choose an organisation"
                  error={e.organisation_id}
                  value={values.organisation_id}
                  onChange={(id) => choose('partner', id)}
                  options={partnerOptions}
                />
              ),
            },
          ]}
        />
        <TextInput
          id="responder_name"
          label="Name in the papers (optional)"
          labelClass="govuk-label--s"
          hint="How the papers name the responder. Leave blank for Cabinet, or the partner's name."
          width="govuk-input--width-20"
          error={e.responder_name}
          value={values.responder_name}
          onChange={(responder_name) => setValues((v) => ({ ...v, responder_name }))}
        />
        <DateInput
          id="report_received_on"
          legend="Report received"
          legendClass="govuk-fieldset__legend--s"
          hint="The day the responder received the report: the period to respond runs from it. For example, 20 1 2022"
          error={e['report_received_on-day']}
          value={values.report_received_on}
          onChange={(report_received_on) => setValues((v) => ({ ...v, report_received_on }))}
        />
        {sorted.length === 0 ? (
          <p className="govuk-body">This review has no recommendations to respond to yet.</p>
        ) : (
          <Checkboxes
            id="recommendation_ids"
            name="recommendation_ids"
            legend="Recommendations put to the responder"
            legendClass="govuk-fieldset__legend--s"
            hint="All of them for the executive; for a partner, those that name it."
            error={e.recommendation_ids}
            options={sorted.map((r) => ({
              value: r.id,
              label: `Recommendation ${r.number}`,
              hint: shorten(recommendationSummary(r)),
            }))}
            values={values.recommendation_ids}
            onChange={(recommendation_ids) => setValues((v) => ({ ...v, recommendation_ids }))}
            small
          />
        )}
        <button type="submit" className="govuk-button" disabled={create.isPending}>
          Record the response
        </button>
      </form>
      <p className="govuk-body">
        <Link to={`/reviews/${reviewId}#responses`}>Cancel</Link>
      </p>
    </>
  );
}
