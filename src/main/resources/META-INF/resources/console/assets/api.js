// Talks to /api/v1 only. The token lives in sessionStorage (this tab), goes out as a bearer header,
// and is never put in a URL, logged or written to localStorage.
const KEY = 'kfm.console.token';

export const token = {
  get: () => sessionStorage.getItem(KEY),
  set: (t) => sessionStorage.setItem(KEY, t.trim()),
  clear: () => sessionStorage.removeItem(KEY),
};

/** An RFC 9457 problem answered by the API (or made up for a network failure). */
export class ApiProblem extends Error {
  constructor(status, body) {
    super((body && (body.detail || body.title)) || ('HTTP ' + status));
    this.status = status;
    this.body = body || {};
  }
}

export async function api(method, path, body) {
  const headers = { Accept: 'application/json, application/problem+json' };
  const t = token.get();
  if (t) headers.Authorization = 'Bearer ' + t;
  const init = { method, headers, cache: 'no-store', credentials: 'omit' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch('/api/v1' + path, init);
  } catch (e) {
    throw new ApiProblem(0, { title: 'Service unreachable', detail: 'the request to the service failed: ' + e.message });
  }
  const text = await res.text();
  let json = null;
  if (text) {
    try { json = JSON.parse(text); } catch (e) { json = { title: 'Unreadable answer', detail: text.slice(0, 200) }; }
  }
  if (!res.ok) throw new ApiProblem(res.status, json);
  return json;
}
