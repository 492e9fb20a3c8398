// What Chromium exposes to screen readers, read from its accessibility tree (the Chrome DevTools
// Protocol's `Accessibility.getFullAXTree`, the tree the platform accessibility APIs are built
// from): the landmarks, the headings with their levels and the live regions. It is the structure a
// screen reader announces and lets people move by; it is not a screen reader session.
import { writeFileSync } from 'node:fs';
import { fileURLToPath, URL } from 'node:url';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const artifacts = fileURLToPath(new URL('../test-artifacts/', import.meta.url));

type AXValue = { type: string; value?: unknown };
type AXNode = {
  nodeId: string;
  ignored: boolean;
  role?: AXValue;
  name?: AXValue;
  properties?: { name: string; value: AXValue }[];
  childIds?: string[];
};

export type Outline = {
  url: string;
  title: string;
  landmarks: { role: string; name: string }[];
  headings: { level: number; name: string }[];
  live: { role: string; live: string; text: string }[];
};

const LANDMARKS = new Set(['banner', 'navigation', 'main', 'contentinfo', 'complementary', 'search', 'region', 'form']);

/** The page's landmarks, headings and live regions, in document order, as Chromium exposes them. */
export async function outline(page: Page): Promise<Outline> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Accessibility.enable');
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as unknown as { nodes: AXNode[] };
    const byId = new Map(nodes.map((n) => [n.nodeId, n]));
    const parentOf = new Map<string, AXNode>();
    for (const n of nodes) for (const id of n.childIds ?? []) parentOf.set(id, n);
    const prop = (n: AXNode, name: string) => n.properties?.find((p) => p.name === name)?.value.value;
    const text = (n: AXNode): string => {
      const own = n.role?.value === 'StaticText' ? String(n.name?.value ?? '') : '';
      return [own, ...(n.childIds ?? []).map((id) => byId.get(id)).filter((c): c is AXNode => Boolean(c)).map(text)]
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim();
    };
    const result: Outline = { url: new URL(page.url()).pathname, title: await page.title(), landmarks: [], headings: [], live: [] };
    // The tree in document order: depth first from the root, through ignored nodes' children too.
    const ordered: AXNode[] = [];
    const visit = (n: AXNode) => {
      ordered.push(n);
      for (const id of n.childIds ?? []) {
        const child = byId.get(id);
        if (child) visit(child);
      }
    };
    for (const root of nodes.filter((n) => !parentOf.has(n.nodeId))) visit(root);
    for (const n of ordered) {
      if (n.ignored) continue;
      const role = String(n.role?.value ?? '');
      const name = String(n.name?.value ?? '').replace(/\s+/g, ' ').trim();
      if (LANDMARKS.has(role) && (role !== 'region' || name)) result.landmarks.push({ role, name });
      if (role === 'heading') result.headings.push({ level: Number(prop(n, 'level') ?? 0), name });
      const live = prop(n, 'live');
      // The region itself, not each of its descendants (they carry `live` too).
      const parent = parentOf.get(n.nodeId);
      const inherited = parent ? prop(parent, 'live') : undefined;
      if (live && live !== 'off' && (!inherited || inherited === 'off')) {
        result.live.push({ role, live: String(live), text: text(n) });
      }
    }
    return result;
  } finally {
    await cdp.detach();
  }
}

/**
 * The structure every page must have: one banner, one main and one contentinfo landmark, the
 * "Menu" navigation once signed in, one h1, and headings that never skip a level going down.
 * Saved beside the screenshots as `<name>.outline.json`.
 */
export async function checkStructure(page: Page, name: string, signedIn = true): Promise<Outline> {
  const found = await outline(page);
  writeFileSync(`${artifacts}${name}.outline.json`, `${JSON.stringify(found, null, 2)}\n`);
  const count = (role: string) => found.landmarks.filter((l) => l.role === role).length;
  expect(count('banner'), `banner landmarks on ${name}`).toBe(1);
  expect(count('main'), `main landmarks on ${name}`).toBe(1);
  expect(count('contentinfo'), `contentinfo landmarks on ${name}`).toBe(1);
  if (signedIn) expect(found.landmarks, `navigation on ${name}`).toContainEqual({ role: 'navigation', name: 'Menu' });
  expect(found.headings.filter((h) => h.level === 1).length, `h1s on ${name}`).toBe(1);
  let previous = 0;
  for (const h of found.headings) {
    expect(h.level, `heading "${h.name}" on ${name} after a level ${previous}`).toBeLessThanOrEqual(Math.max(previous, 1) + 1);
    previous = h.level;
  }
  return found;
}
