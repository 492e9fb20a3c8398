import { useNavigate } from 'react-router';
import { Link } from '@/components/ui/link';
import { ChangePasswordForm } from '@/features/auth/components/change-password-form';

export default function AccountPasswordRoute() {
  const navigate = useNavigate();
  return (
    <>
      <ChangePasswordForm onChanged={() => void navigate('/account', { state: { passwordChanged: true } })} />
      <p className="govuk-body">
        <Link to="/account">Cancel</Link>
      </p>
    </>
  );
}
