import { Link, useNavigate } from 'react-router';
import { useSignOut } from '../api/sign-out';
import { useMe } from '../api/get-me';

/** Who is signed in, a link to their account (and changing their password), and the sign-out button, for the header. */
export function Account() {
  const me = useMe();
  const signOut = useSignOut();
  const navigate = useNavigate();
  return (
    <>
      {me.data ? (
        <p className="govuk-body-s app-account__name">
          <span className="govuk-visually-hidden">Signed in as </span>
          {me.data.name}
          <span className="app-account__organisation">, {me.data.organisation.name}</span>
        </p>
      ) : null}
      <Link to="/account" className="govuk-link govuk-body-s app-account__link">
        Your account
      </Link>
      <button
        type="button"
        className="govuk-button govuk-button--secondary app-account__sign-out"
        disabled={signOut.isPending}
        onClick={() => signOut.mutate(undefined, { onSettled: () => navigate('/sign-in') })}
      >
        Sign out
      </button>
    </>
  );
}
