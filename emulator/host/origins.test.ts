import { crossSiteOrigins } from './origins';

describe('the origins of the pages and of the Custom UI CDN', () => {
  const origins = crossSiteOrigins(8080, 8081);

  it('serves the frames of a page from the other loopback name, on the CDN port: another site, not only another origin', () => {
    expect(origins.frameOriginFor('127.0.0.1:8080')).toBe('http://localhost:8081');
    expect(origins.frameOriginFor('localhost:8080')).toBe('http://127.0.0.1:8081');
    expect(origins.frameOriginFor('LOCALHOST:8080')).toBe('http://127.0.0.1:8081');
  });

  it('names the page a frame belongs to from the name the frame was asked for', () => {
    expect(origins.pageOriginFor('localhost:8081')).toBe('http://127.0.0.1:8080');
    expect(origins.pageOriginFor('127.0.0.1:8081')).toBe('http://localhost:8080');
  });

  it('takes any Host but localhost (or none) for 127.0.0.1', () => {
    expect(origins.frameOriginFor(undefined)).toBe('http://localhost:8081');
    expect(origins.frameOriginFor('evil.example')).toBe('http://localhost:8081');
    expect(origins.pageOriginFor('[::1]:8081')).toBe('http://localhost:8080');
  });

  it('lets both page origins embed the frames', () => {
    expect(origins.pageOrigins).toEqual(['http://127.0.0.1:8080', 'http://localhost:8080']);
  });
});
