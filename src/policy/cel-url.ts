/**
 * Kubernetes' CEL URL library: `url(s)` parses as Go's `url.ParseRequestURI` does (an absolute
 * URI, or an absolute path), without normalising: `https://example.com:443/` keeps its port.
 * https://kubernetes.io/docs/reference/using-api/cel/#kubernetes-url-library
 */

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s;
/** Characters Go leaves as written in a path (`validEncoded`), besides `%XX` escapes. */
const VALID_ENCODED_PATH = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@[\]/]|%[0-9A-Fa-f]{2})*$/;
/** Characters Go's `EscapedPath` does not escape. */
const PATH_SAFE = /[A-Za-z0-9\-._~$&+,/:;=@]/;

export class CelUrl {
  private constructor(
    readonly scheme: string,
    readonly host: string,
    readonly rawPath: string,
    readonly rawQuery: string,
    private readonly text: string,
  ) {}

  static parse(text: string): CelUrl | undefined {
    if (text === '' || /[\x00-\x1f\x7f]/.test(text)) return undefined;
    const [beforeQuery, ...queryParts] = text.split('?');
    const rawQuery = queryParts.join('?');
    let rest = beforeQuery!;
    let scheme = '';
    const schemed = SCHEME.exec(rest);
    if (schemed) {
      scheme = schemed[1]!.toLowerCase();
      rest = schemed[2]!;
      if (!rest.startsWith('/')) return new CelUrl(scheme, '', '', rawQuery, text); // opaque: mailto:x
    } else if (!rest.startsWith('/')) return undefined;
    let host = '';
    if (scheme && rest.startsWith('//')) {
      const end = rest.indexOf('/', 2);
      const authority = end < 0 ? rest.slice(2) : rest.slice(2, end);
      rest = end < 0 ? '' : rest.slice(end);
      host = authority.slice(authority.lastIndexOf('@') + 1);
      if (!validHost(host)) return undefined;
    }
    if (!validEscapes(rest)) return undefined;
    return new CelUrl(scheme, host, rest, rawQuery, text);
  }

  hostname(): string {
    if (this.host.startsWith('[')) return this.host.slice(1, this.host.indexOf(']'));
    const colon = this.host.lastIndexOf(':');
    return colon < 0 ? this.host : this.host.slice(0, colon);
  }

  port(): string {
    const afterBracket = this.host.startsWith('[') ? this.host.slice(this.host.indexOf(']') + 1) : this.host;
    const colon = afterBracket.lastIndexOf(':');
    return colon < 0 ? '' : afterBracket.slice(colon + 1);
  }

  escapedPath(): string {
    if (VALID_ENCODED_PATH.test(this.rawPath)) return this.rawPath;
    return [...decodeURIComponentLoose(this.rawPath)].map((char) => (PATH_SAFE.test(char) ? char : encodeURIComponent(char))).join('');
  }

  /** The query as Go's `url.ParseQuery` reads it: `+` is a space, repeated keys collect values. */
  query(): Map<string, string[]> {
    const values = new Map<string, string[]>();
    for (const pair of this.rawQuery.split('&')) {
      if (pair === '' || pair.includes(';')) continue;
      const equals = pair.indexOf('=');
      const key = unescapeQuery(equals < 0 ? pair : pair.slice(0, equals));
      const value = unescapeQuery(equals < 0 ? '' : pair.slice(equals + 1));
      if (key === undefined || value === undefined) continue;
      values.set(key, [...(values.get(key) ?? []), value]);
    }
    return values;
  }

  toString(): string {
    return this.text;
  }
}

function validHost(host: string): boolean {
  if (host.startsWith('[')) return /^\[[0-9A-Fa-f:.]+(?:%25[^\]]+)?\](?::\d*)?$/.test(host);
  return /^[^\s/?#@[\]]*$/.test(host) && (!host.includes(':') || /^[^:]*:\d*$/.test(host));
}

function validEscapes(text: string): boolean {
  return !/%(?![0-9A-Fa-f]{2})/.test(text);
}

function decodeURIComponentLoose(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function unescapeQuery(text: string): string | undefined {
  if (!validEscapes(text)) return undefined;
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return undefined;
  }
}
