import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';

afterEach(() => {
  cleanup();
  localStorage.clear();
});

// jsdom has no scrolling.
window.scrollTo = () => {};
Element.prototype.scrollIntoView = function scrollIntoView() {};
