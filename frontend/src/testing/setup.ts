import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';

// The first screen of a test is a lazy route: on a loaded machine (the Rust tests beside them) it
// can take more than the default second to appear. Waiting longer changes no outcome, only how
// long a failing lookup takes to fail.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  localStorage.clear();
});

// jsdom has no scrolling.
window.scrollTo = () => {};
Element.prototype.scrollIntoView = function scrollIntoView() {};
