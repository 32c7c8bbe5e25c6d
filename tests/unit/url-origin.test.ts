// Base-URL origins (what a key is bound to) and where plain http is allowed.
import { describe, expect, it } from 'vitest';
import { baseUrlProblem, originOf } from '../../shared/url';

describe('originOf', () => {
  it('is scheme://host:port, default ports dropped, path and /v1 ignored', () => {
    expect(originOf('https://yibuapi.com/v1/')).toBe('https://yibuapi.com');
    expect(originOf('yibuapi.com')).toBe('https://yibuapi.com');
    expect(originOf('https://YibuAPI.com:443/api')).toBe('https://yibuapi.com');
    expect(originOf('http://127.0.0.1:8080/v1')).toBe('http://127.0.0.1:8080');
    expect(originOf('https://gw.example:8443')).not.toBe(originOf('https://gw.example'));
    expect(originOf('ftp://x.example')).toBeNull();
  });
});

describe('baseUrlProblem', () => {
  it('allows plain http only for loopback, private and link-local addresses and local names', () => {
    const ok = [
      'http://127.0.0.1:3000', 'http://127.8.9.10', 'http://localhost', 'http://api.localhost:8080', 'http://printer.local',
      'http://10.1.2.3', 'http://172.16.0.1', 'http://172.31.255.255', 'http://192.168.0.10:3000', 'http://169.254.1.1',
      'http://[::1]:8080', 'http://[fd00::1]', 'http://[fc12:3456::1]', 'http://[fe80::1]', 'http://[::ffff:192.168.1.1]',
      'http://2130706433', // 127.0.0.1 written as one number: the URL parser normalises it
      'https://example.com', 'https://8.8.8.8',
    ];
    for (const url of ok) expect([url, baseUrlProblem(url)]).toEqual([url, null]);
  });

  it('refuses plain http to public hosts, including look-alikes of local ones', () => {
    const refused = [
      'http://example.com', 'http://8.8.8.8', 'http://172.15.0.1', 'http://172.32.0.1', 'http://192.169.0.1',
      'http://127.0.0.1.example.com', 'http://localhost.example.com', 'http://[2001:db8::1]', 'http://[fc::1]',
      'http://[::ffff:8.8.8.8]',
    ];
    for (const url of refused) expect([url, baseUrlProblem(url)]).toEqual([url, 'insecure_http']);
    expect(baseUrlProblem('not a url at all')).toBe('invalid');
    expect(baseUrlProblem('file:///etc/passwd')).toBe('invalid');
  });
});
