// The file name a server gives in `Content-Disposition` (RFC 6266): `filename*` (RFC 8187/5987,
// for names beyond plain ASCII) wins over `filename`, as browsers do.

/** Splits the header's parameters, minding quoted strings (`filename="a; b.pdf"`). */
function parameters(header: string): Map<string, string> {
  const params = new Map<string, string>();
  // attachment; name=token | name="quoted \"string\""
  const re = /;\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
  for (let m = re.exec(header); m; m = re.exec(header)) {
    const name = m[1]!.toLowerCase();
    const value = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '').trim();
    if (!params.has(name)) params.set(name, value);
  }
  return params;
}

/** `UTF-8''%E2%82%AC%20rates.pdf` → "€ rates.pdf"; null when it cannot be read. */
function extValue(value: string): string | null {
  const m = /^([^']*)'[^']*'(.*)$/.exec(value.trim());
  if (!m) return null;
  const charset = m[1]!.toLowerCase();
  const encoded = m[2]!;
  try {
    if (charset === 'utf-8' || charset === '') return decodeURIComponent(encoded);
    if (charset === 'iso-8859-1') {
      // Each %XX is one Latin-1 character.
      return encoded.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    }
  } catch {
    return null;
  }
  return null;
}

/** A name safe to save under: no folders, no control characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  return base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
}

/**
 * The file name in a `Content-Disposition` header, or null when it gives none:
 * `attachment; filename="plan.pdf"; filename*=UTF-8''plan%20%E2%80%93%20v2.pdf` → "plan – v2.pdf".
 */
export function fileNameFromContentDisposition(header: string | null | undefined): string | null {
  if (!header) return null;
  // Past the disposition type (`attachment`, `inline`).
  const params = parameters(header.replace(/^[^;]*/, ''));
  const ext = params.get('filename*');
  if (ext !== undefined) {
    const decoded = extValue(ext);
    const safe = decoded === null ? '' : safeFileName(decoded);
    if (safe) return safe;
  }
  const plain = params.get('filename');
  if (plain !== undefined) {
    const safe = safeFileName(plain);
    if (safe) return safe;
  }
  return null;
}
