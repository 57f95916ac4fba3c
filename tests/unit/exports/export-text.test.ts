/**
 * The small text rules of the export files: download names, CSV fields, timecodes at rates with
 * a drop-frame convention, FCPXML attribute text, EDL reels and marker colours.
 */
import { describe, expect, it } from 'vitest';
import { markerColourName } from '../../../server/exports/colours.ts';
import { attachmentDisposition, exportFileName } from '../../../server/exports/download-name.ts';
import { reelName } from '../../../server/exports/edl.ts';
import { xmlAttr } from '../../../server/exports/fcpxml.ts';
import { csvField } from '../../../server/exports/shot-list-csv.ts';
import { ndfTimecode, rationalSeconds } from '../../../server/exports/timecode.ts';

describe('download names', () => {
  it('name the file after the episode and scene, with an ASCII fallback and the exact name encoded', () => {
    expect(exportFileName('Café / "Noir"', 2, 'edl')).toBe('Café Noir - scene 2.edl');
    expect(exportFileName('  \u0007 ', null, 'otio')).toBe('episode.otio');
    expect(attachmentDisposition('Café Noir.edl')).toBe(`attachment; filename="Cafe Noir.edl"; filename*=UTF-8''Caf%C3%A9%20Noir.edl`);
    expect(attachmentDisposition('雨の夜 (1).srt')).toBe(`attachment; filename="___ (1).srt"; filename*=UTF-8''%E9%9B%A8%E3%81%AE%E5%A4%9C%20%281%29.srt`);
  });
});

describe('CSV fields', () => {
  it('quote commas, quotes and line breaks, and defuse text a spreadsheet would run as a formula', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('one\ntwo')).toBe('"one\ntwo"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('@sum')).toBe("'@sum");
    expect(csvField(-3)).toBe('-3');
    expect(csvField(null)).toBe('');
  });
});

describe('timecodes', () => {
  it('are non-drop-frame at the nominal rate, even at 29.97', () => {
    // 1800 frames at 30 nominal is exactly one minute; drop-frame would write 00:01:00;02.
    expect(ndfTimecode(1800, 30000 / 1001)).toBe('00:01:00:00');
    expect(ndfTimecode(37, 25, 90_000)).toBe('01:00:01:12');
  });

  it('write FCPXML times as exact fractions of the frame rate', () => {
    expect(rationalSeconds(0, 24)).toBe('0s');
    expect(rationalSeconds(13, 25)).toBe('13/25s');
    expect(rationalSeconds(3, 30000 / 1001)).toBe('3003/30000s');
  });
});

describe('FCPXML attribute text', () => {
  it('escapes markup and line breaks and drops control characters XML forbids', () => {
    expect(xmlAttr('a < b & "c"\nd\u0001')).toBe('a &lt; b &amp; &quot;c&quot;&#10;d');
  });
});

describe('EDL reels and marker colours', () => {
  it('name reels by scene and shot in at most eight characters', () => {
    expect(reelName({ sceneNumber: 3, numberInScene: 12, shotNumber: 40 })).toBe('S3T12');
    expect(reelName({ sceneNumber: 1234, numberInScene: 5678, shotNumber: 99 })).toBe('SHOT99');
  });

  it('map an author colour to the nearest named marker colour', () => {
    expect(markerColourName('#e03131')).toBe('RED');
    expect(markerColourName('#2f9e44')).toBe('GREEN');
    expect(markerColourName('#1c7ed6')).toBe('BLUE');
    expect(markerColourName('not a colour')).toBe('RED');
  });
});
