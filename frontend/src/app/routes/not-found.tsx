import { Link } from '@/components/ui/link';
import { PageTitle } from '@/components/ui/page-title';

export function NotFound() {
  return (
    <>
      <PageTitle title="Page not found" />
      <h1 className="govuk-heading-l">Page not found</h1>
      <p className="govuk-body">If you typed the web address, check it is correct.</p>
      <p className="govuk-body">If you pasted the web address, check you copied the entire address.</p>
      <p className="govuk-body">
        If you followed a link to a review, it may not exist or your organisation may not have access to it.{' '}
        <Link to="/reviews">Find it in the list of reviews</Link>.
      </p>
    </>
  );
}

export default NotFound;
