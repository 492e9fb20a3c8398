// The people an action plan names whom the council does not know yet: the API proposes them as
// new contacts on a dry run (`proposed_contacts`), and a commit creates those asked for with
// `create_contacts` (`all`, or their names one per line). Actions naming a person not created
// are rejected.
import type { ProposedContact } from '@/api/types';

/** The proposals' names, once each, in the API's order (`create_contacts` matches by name). */
export function proposedNames(proposals: readonly ProposedContact[]): string[] {
  return [...new Set(proposals.map((p) => p.name))];
}

/**
 * `create_contacts` for the ticked names: `all` when every proposal is ticked, else the ticked
 * names one per line, or nothing when none is ticked (or nothing is proposed).
 */
export function createContactsParam(
  proposals: readonly ProposedContact[],
  ticked: readonly string[],
): string | undefined {
  const names = proposedNames(proposals);
  const chosen = names.filter((name) => ticked.includes(name));
  if (chosen.length === 0) return undefined;
  if (chosen.length === names.length) return 'all';
  return chosen.join('\n');
}

/** Whether two choices tick the same proposals (what else they hold does not count). */
export function sameChoice(proposals: readonly ProposedContact[], a: readonly string[], b: readonly string[]): boolean {
  return proposedNames(proposals).every((name) => a.includes(name) === b.includes(name));
}

/** "row 7", "rows 2, 5". */
export function rowsText(rows: readonly number[]): string {
  return `${rows.length === 1 ? 'row' : 'rows'} ${rows.join(', ')}`;
}

/** "At Cleveland Police (a police rank); named on rows 2, 5". */
export function proposalWhere(proposal: ProposedContact): string {
  const where = `At ${proposal.organisation_name} (${proposal.because})`;
  return proposal.rows.length > 0 ? `${where}; named on ${rowsText(proposal.rows)}` : where;
}

/** "Perhaps the same person as: Sgt John Smith, Jo Smith", or null when the name resembles no contact. */
export function proposalCandidates(proposal: ProposedContact): string | null {
  const names = [...new Set(proposal.candidates.map((c) => c.name))];
  return names.length > 0 ? `Perhaps the same person as: ${names.join(', ')}` : null;
}
