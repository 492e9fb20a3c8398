// Navigations out of the single-page app, to another site's page (an identity provider's sign-out
// page), in one object so that tests can watch them: jsdom's `window.location` cannot be replaced.
export const browserLocation = {
  /** Leaves the app for `url`, as following a link to it does. */
  assign(url: string): void {
    window.location.assign(url);
  },
};
