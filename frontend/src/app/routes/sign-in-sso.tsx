import { SignInLanding } from '@/features/auth/components/sign-in-landing';

/** `/signin/sso`: where a sign-in with a council's identity provider comes back to (no session needed). */
export default function SignInSsoRoute() {
  return <SignInLanding />;
}
