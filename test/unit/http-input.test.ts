import { describe, expect, it } from 'vitest';
import { redactUrl } from '../../apps/api/common/http-input.js';

describe('request URLs in the logs', () => {
  it('replace the secret of one-click links and iCal feeds, and nothing else', () => {
    expect(redactUrl('/api/one-click/eyJpZCI6IngifQ.c2lnbmF0dXJl')).toBe('/api/one-click/[redacted]');
    expect(redactUrl('/api/one-click/abc.def?x=1')).toBe('/api/one-click/[redacted]?x=1');
    expect(redactUrl(`/api/ical/${'A'.repeat(43)}.ics`)).toBe('/api/ical/[redacted]');
    expect(redactUrl('/api/assignments/kh%2FTT.01%2Fmot_cua')).toBe('/api/assignments/kh%2FTT.01%2Fmot_cua');
    expect(redactUrl('/api/units/mot_cua/calendar')).toBe('/api/units/mot_cua/calendar');
  });
});
