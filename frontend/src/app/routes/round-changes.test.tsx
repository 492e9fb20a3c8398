// Changing an open round: its details (with If-Match), a recommendation added, an untouched draft
// removed; and the round's history for council staff.
import { screen, waitFor, within } from '@testing-library/react';
import {
  auditEvent,
  contributor,
  ENTRY_ID,
  me,
  POLICE_ID,
  progressEntry,
  progressRound,
  REC_2,
  recommendations,
  REVIEW_ID,
  reviewDetail,
  ROUND_ID,
} from '@/testing/fixtures';
import { json, mockApi, problem } from '@/testing/mock-api';
import { renderApp, signedIn } from '@/testing/render';

const LOADED = { timeout: 5000 };

function setup(path: string, who = me()) {
  signedIn();
  let round = progressRound();
  const server = mockApi()
    .get('/api/v1/me', () => who)
    .get(`/api/v1/progress-rounds/${ROUND_ID}/history`, () => ({
      items: [
        auditEvent({
          action: 'progress_round.updated',
          entity_id: ROUND_ID,
          before: { label: 'May 2023', deadline: '2023-05-05', status: 'open' },
          after: { label: 'May 2023', deadline: '2023-05-12', status: 'open' },
        }),
        auditEvent({ action: 'progress_round.opened', entity_id: ROUND_ID, after: { label: 'May 2023', deadline: '2023-05-05', status: 'open' } }),
      ],
    }))
    .get(`/api/v1/progress-rounds/${ROUND_ID}/entries`, () => [progressEntry({ recommendation: { ...progressEntry().recommendation, id: REC_2 } })])
    .get(`/api/v1/progress-rounds/${ROUND_ID}`, () => round)
    .get(`/api/v1/reviews/${REVIEW_ID}/recommendations`, () => ({ items: recommendations() }))
    .get(`/api/v1/reviews/${REVIEW_ID}`, () => reviewDetail())
    .get('/api/v1/organisations', () => ({
      items: [{ id: POLICE_ID, name: 'Cleveland Police', kind: 'police', responsible_authority: true, created_at: '', updated_at: '', version: 1 }],
    }))
    .get(`/api/v1/progress-entries/${ENTRY_ID}`, () => progressEntry());
  const setRound = (next: typeof round) => {
    round = next;
  };
  return { server, setRound, ...renderApp(path) };
}

describe('the round page for council staff', () => {
  it('offers to change the round and add a recommendation, and shows its history', async () => {
    setup(`/progress-rounds/${ROUND_ID}`);
    expect(await screen.findByRole('link', { name: 'Change the round' }, LOADED)).toHaveAttribute('href', `/progress-rounds/${ROUND_ID}/edit`);
    expect(screen.getByRole('link', { name: 'Add a recommendation to the round' })).toHaveAttribute(
      'href',
      `/progress-rounds/${ROUND_ID}/entries/new`,
    );
    const history = await screen.findByRole('list', { name: 'Changes to the round, newest first' });
    expect(within(history).getAllByRole('listitem')[0]).toHaveTextContent('Round changed');
    expect(within(history).getAllByRole('listitem')[0]).toHaveTextContent('Deadline for partners12 May 2023');
  });

  it('offers none of it to a partner, and does not ask for the history', async () => {
    const { server } = setup(`/progress-rounds/${ROUND_ID}`, contributor());
    await screen.findByRole('heading', { level: 1, name: /May 2023/ }, LOADED);
    await screen.findByText('Pat Contributor');
    expect(screen.queryByRole('link', { name: 'Change the round' })).not.toBeInTheDocument();
    expect(server.callsTo('GET', `/api/v1/progress-rounds/${ROUND_ID}/history`)).toHaveLength(0);
  });
});

describe('changing a round', () => {
  it('sends only what changed, with If-Match, then shows the round', async () => {
    const { server, user } = setup(`/progress-rounds/${ROUND_ID}/edit`);
    server.on('PATCH', `/api/v1/progress-rounds/${ROUND_ID}`, () => progressRound({ minute_reference: 'CDS/12/23', version: 2 }));
    const minute = await screen.findByLabelText('Minute reference (optional)', {}, LOADED);
    await user.type(minute, 'CDS/12/23');
    const deadline = screen.getByRole('group', { name: /Deadline for partners/ });
    await user.clear(within(deadline).getByLabelText('Day'));
    await user.type(within(deadline).getByLabelText('Day'), '12');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('The May 2023 round has been changed.')).toBeInTheDocument();
    const call = server.callsTo('PATCH', `/api/v1/progress-rounds/${ROUND_ID}`)[0]!;
    expect(call.headers.get('If-Match')).toBe('"1"');
    expect(call.body).toEqual({ deadline: '2023-05-12', minute_reference: 'CDS/12/23' });
  });

  it('keeps what was typed when someone else changed the round, and saves it over their version', async () => {
    const { server, setRound, user } = setup(`/progress-rounds/${ROUND_ID}/edit`);
    let first = true;
    server.on('PATCH', `/api/v1/progress-rounds/${ROUND_ID}`, () => {
      if (first) {
        first = false;
        setRound(progressRound({ meeting_date: '2023-06-01', version: 2 }));
        return problem(412, 'Precondition Failed');
      }
      return progressRound({ meeting_date: '2023-06-01', minute_reference: 'CDS/12/23', version: 3 });
    });
    await user.type(await screen.findByLabelText('Minute reference (optional)', {}, LOADED), 'CDS/12/23');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText(/Someone else changed this round after you opened this page/)).toBeInTheDocument();
    expect(screen.getByLabelText('Minute reference (optional)')).toHaveValue('CDS/12/23');
    await waitFor(() => expect(server.callsTo('GET', `/api/v1/progress-rounds/${ROUND_ID}`).length).toBeGreaterThan(1));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByText('The May 2023 round has been changed.');
    const second = server.callsTo('PATCH', `/api/v1/progress-rounds/${ROUND_ID}`)[1]!;
    expect(second.headers.get('If-Match')).toBe('"2"');
    // Only the officer's change: the other person's meeting date is not sent back over theirs.
    expect(second.body).toEqual({ minute_reference: 'CDS/12/23' });
  });
});

describe('adding a recommendation to an open round', () => {
  it("offers the review's open recommendations and their parts, and sends the one chosen", async () => {
    const { server, user } = setup(`/progress-rounds/${ROUND_ID}/entries/new`);
    server.post(`/api/v1/progress-rounds/${ROUND_ID}/entries`, () =>
      json(progressEntry({ id: '00000000-0000-4000-8000-000000000802', part: { id: '00000000-0000-4000-8000-000000000300', label: 'a', text: 'x' } }), 201),
    );
    await user.click(await screen.findByRole('button', { name: 'Add to the round' }, LOADED));
    expect(await screen.findByRole('link', { name: 'Recommendation: choose the recommendation to add to the round' })).toBeInTheDocument();
    const rec2 = screen.getByRole('radio', { name: 'Recommendation 2' });
    expect(rec2).toHaveAccessibleDescription(/^Already in this round\./);
    expect(screen.getByRole('radio', { name: 'Recommendation 1' })).toBeInTheDocument();
    await user.click(rec2);
    await user.selectOptions(screen.getByLabelText('Part (optional)'), '00000000-0000-4000-8000-000000000300');
    await user.selectOptions(screen.getByLabelText('Who reports (optional)'), POLICE_ID);
    await user.click(screen.getByRole('button', { name: 'Add to the round' }));
    expect(await screen.findByText('Recommendation 2a) has been added to the round.')).toBeInTheDocument();
    const call = server.callsTo('POST', `/api/v1/progress-rounds/${ROUND_ID}/entries`)[0]!;
    expect(call.body).toEqual({ recommendation_id: REC_2, part_id: '00000000-0000-4000-8000-000000000300', organisation_id: POLICE_ID });
    expect(call.headers.get('Idempotency-Key')).toBeTruthy();
    expect(server.callsTo('GET', `/api/v1/reviews/${REVIEW_ID}/recommendations`)).toHaveLength(1);
  });
});

describe('removing an untouched draft', () => {
  it('is offered on the draft to council staff, asks first, then removes it', async () => {
    const { server, user } = setup(`/progress-entries/${ENTRY_ID}`);
    server.on('DELETE', `/api/v1/progress-entries/${ENTRY_ID}`, () => new Response(null, { status: 204 }));
    await user.click(await screen.findByRole('link', { name: 'Remove this update from the round' }, LOADED));
    await screen.findByRole('heading', { level: 1, name: 'Remove the update on recommendation 2 from the round?' });
    await user.click(screen.getByRole('button', { name: 'Remove the update' }));
    expect(await screen.findByText('The update on recommendation 2 has been removed from the round.')).toBeInTheDocument();
    expect(server.callsTo('DELETE', `/api/v1/progress-entries/${ENTRY_ID}`)).toHaveLength(1);
  });

  it('says why when the API keeps it (409)', async () => {
    const { server, user } = setup(`/progress-entries/${ENTRY_ID}/remove`);
    server.on('DELETE', `/api/v1/progress-entries/${ENTRY_ID}`, () =>
      problem(409, 'Conflict', { detail: 'The entry has attachments; it is kept.' }),
    );
    await user.click(await screen.findByRole('button', { name: 'Remove the update' }, LOADED));
    expect(await screen.findByText('The entry has attachments; it is kept.')).toBeInTheDocument();
  });

  it('is not offered once someone has written in it', async () => {
    signedIn();
    mockApi()
      .get('/api/v1/me', () => me())
      .get(`/api/v1/progress-entries/${ENTRY_ID}/attachments`, () => ({ items: [] }))
      .get(`/api/v1/progress-entries/${ENTRY_ID}`, () => progressEntry({ written_at: '2023-05-02T09:00:00Z', editable: false }));
    renderApp(`/progress-entries/${ENTRY_ID}`);
    await screen.findByRole('link', { name: 'See every change to this update' }, LOADED);
    expect(screen.queryByRole('link', { name: 'Remove this update from the round' })).not.toBeInTheDocument();
  });
});
