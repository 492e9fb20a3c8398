import type { CallIn, CallInState as State } from '@/api/types';
import { Tag, type TagColour } from '@/components/ui/tag';
import { formatLocalDateTime, formatMinutes } from '@/lib/format';

const STATES: Record<State, { label: string; colour: TagColour }> = {
  open: { label: 'Open for call-in', colour: 'yellow' },
  expired: { label: 'Call-in period over', colour: 'grey' },
  called_in: { label: 'Called in', colour: 'orange' },
  upheld: { label: 'Upheld after call-in', colour: 'green' },
  referred_back: { label: 'Referred back', colour: 'red' },
  referred_to_council: { label: 'Referred to full council', colour: 'orange' },
};

/** "Called in", "Upheld after call-in"…: a call-in state in words; anything unknown as given. */
export function callInStateLabel(state: string): string {
  return STATES[state as State]?.label ?? state.replace(/_/g, ' ');
}

export function CallInState({ callIn }: { callIn: CallIn }) {
  const state = STATES[callIn.state];
  return <Tag colour={state.colour}>{state.label}</Tag>;
}

export function ImplementableTag({ callIn }: { callIn: CallIn }) {
  return callIn.implementable ? (
    <Tag colour="green">Implementable</Tag>
  ) : (
    <Tag colour="grey">Not yet implementable</Tag>
  );
}

function zoneName(zone: string): string {
  return zone === 'Europe/London' ? 'UK time' : zone;
}

/** The call-in deadline: computed from the council's working days, beside what the document says. */
export function CallInDeadline({ callIn }: { callIn: CallIn }) {
  if (callIn.agreement === 'not_published') {
    return (
      <p className="govuk-body">
        Not published yet: the call-in period starts when the Proper Officer publishes the decision.
      </p>
    );
  }
  return (
    <>
      {callIn.computed_deadline_local ? (
        <p className="govuk-body govuk-!-margin-bottom-1">
          <span className="govuk-!-font-weight-bold" data-testid="call-in-deadline">
            {formatLocalDateTime(callIn.computed_deadline_local)}
          </span>{' '}
          <span className="app-secondary-text">({zoneName(callIn.time_zone)})</span>
        </p>
      ) : null}
      {callIn.stated_text ? (
        <p className="govuk-body govuk-!-margin-bottom-1">
          The decision record states: <q>{callIn.stated_text}</q>
        </p>
      ) : null}
      {callIn.agreement === 'agrees' ? (
        <p className="govuk-body-s app-secondary-text">The stated deadline agrees with the computed one.</p>
      ) : null}
      {callIn.agreement === 'not_stated' ? (
        <p className="govuk-body-s app-secondary-text">The decision record does not state a deadline.</p>
      ) : null}
      {callIn.agreement === 'disagrees' ? (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            The stated deadline differs from the computed one
            {callIn.difference_minutes
              ? `: it allows ${formatMinutes(callIn.difference_minutes)} ${callIn.difference_minutes > 0 ? 'longer' : 'less'}`
              : ''}
            . The stated deadline is kept as the document gives it.
          </strong>
        </div>
      ) : null}
    </>
  );
}
