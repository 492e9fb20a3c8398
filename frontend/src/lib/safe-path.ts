/**
 * A path inside this app to go back to after signing in; never another site (`//host`, or a
 * backslash, which browsers read as a slash), nor a sign-in page again.
 */
export function safeReturnPath(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) {
    return '/';
  }
  if (value.startsWith('/sign-in') || value.startsWith('/signin')) return '/';
  return value;
}
