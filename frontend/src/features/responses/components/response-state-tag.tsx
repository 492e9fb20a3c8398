import type { StatutoryResponse, Verdict } from '@/api/types';
import { Tag } from '@/components/ui/tag';
import { OverdueTag } from '@/features/progress/components/entry-state-tag';
import { RESPONSE_STATES, VERDICTS } from '../lib/labels';

/** Where the response is, and "Overdue" beside it when it is awaited past its due day. */
export function ResponseStateTag({ response }: { response: Pick<StatutoryResponse, 'state' | 'overdue'> }) {
  const state = RESPONSE_STATES[response.state];
  return (
    <>
      <Tag colour={state.colour}>{state.label}</Tag>
      {response.overdue ? (
        <>
          {' '}
          <OverdueTag />
        </>
      ) : null}
    </>
  );
}

export function VerdictTag({ verdict }: { verdict: Verdict | null | undefined }) {
  if (!verdict) return <Tag colour="grey">Not answered yet</Tag>;
  const v = VERDICTS[verdict];
  return <Tag colour={v.colour}>{v.label}</Tag>;
}
