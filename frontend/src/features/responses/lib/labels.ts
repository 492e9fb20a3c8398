// Words and colours for a response's state, its responder and each verdict.
import type { ResponderKind, ResponseState, Verdict } from '@/api/types';
import type { TagColour } from '@/components/ui/tag';

export const RESPONSE_STATES: Record<ResponseState, { label: string; colour: TagColour }> = {
  awaited: { label: 'Awaited', colour: 'yellow' },
  received: { label: 'Received', colour: 'blue' },
  published: { label: 'Published', colour: 'green' },
};

export const RESPONSE_STATE_VALUES: readonly ResponseState[] = ['awaited', 'received', 'published'];

export const RESPONDER_KINDS: Record<ResponderKind, string> = {
  executive: 'Executive',
  partner: 'Responsible partner',
};

export const VERDICTS: Record<Verdict, { label: string; colour: TagColour }> = {
  accepted: { label: 'Accepted', colour: 'green' },
  partly_accepted: { label: 'Partly accepted', colour: 'yellow' },
  not_accepted: { label: 'Not accepted', colour: 'red' },
};

export const VERDICT_VALUES: readonly Verdict[] = ['accepted', 'partly_accepted', 'not_accepted'];
