/**
 * A small HTTP client for tests that keeps cookies like a browser would (per client) and can send
 * an API token instead.
 */
export interface ClientOptions {
  bearer?: string;
  /** Sent as the Origin header of unsafe requests (a browser always sends one). */
  origin?: string;
}

export class TestClient {
  readonly base: string;
  readonly cookies = new Map<string, string>();
  readonly options: ClientOptions;

  constructor(base: string, options: ClientOptions = {}) {
    this.base = base;
    this.options = options;
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const all: Record<string, string> = { ...headers };
    if (this.cookies.size > 0) all.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (this.options.bearer) all.authorization = `Bearer ${this.options.bearer}`;
    if (this.options.origin && method !== 'GET' && method !== 'HEAD') all.origin ??= this.options.origin;
    if (body !== undefined) all['content-type'] ??= 'application/json';
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: all,
      ...(body !== undefined ? { body: typeof body === 'string' ? body : body instanceof Uint8Array ? new Blob([new Uint8Array(body)]) : JSON.stringify(body) } : {}),
      redirect: 'manual',
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const [name = '', ...rest] = pair.split('=');
      const value = rest.join('=');
      const expired = attributes.some((a) => /max-age=0/i.test(a) || /expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === '') this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
    return response;
  }

  get = (path: string, headers?: Record<string, string>) => this.request('GET', path, undefined, headers);
  post = (path: string, body?: unknown, headers?: Record<string, string>) => this.request('POST', path, body ?? {}, headers);
  put = (path: string, body?: unknown) => this.request('PUT', path, body ?? {});
  delete = (path: string, body?: unknown) => this.request('DELETE', path, body);

  async json<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await this.request(method, path, body);
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  }
}

export const PASSWORD = 'correct horse battery staple';

/** Signs up a new account and returns a client holding its session cookie. */
export async function signedUpClient(base: string, email: string, displayName?: string): Promise<TestClient> {
  const client = new TestClient(base);
  const response = await client.post('/api/v1/auth/signup', { email, password: PASSWORD, ...(displayName && { display_name: displayName }) });
  if (response.status !== 201) throw new Error(`signup of ${email} gave ${response.status}: ${await response.text()}`);
  return client;
}
