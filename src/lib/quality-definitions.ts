/**
 * What every quality measure of a take means and how it is computed, in words a reviewer can
 * follow. Shared by the analyzer (server/media/quality.ts), the README and the review page.
 */

export interface QualityDefinition {
  /** A key of the measured metrics (QualityMetrics in server/media/quality.ts). */
  name: string;
  /** What the review page calls it. */
  label: string;
  formula: string;
  range: string;
  meaning: string;
}

/** What every measure means and how it is computed, in words a reviewer can follow. */
export const QUALITY_DEFINITIONS: readonly QualityDefinition[] = [
  {
    name: 'score',
    label: 'Overall',
    formula:
      'product of (1 − weight × penalty): black 0.9 × black_ratio, frozen 0.7 × frozen_ratio (only when motion is expected), blur 0.6 × (1 − sharpness), exposure 0.4 × exposure_error, silence 0.3 × silence_ratio (only when audio is expected), duration 0.5 × min(1, max(0, duration_error − 0.1 s) ÷ expected)',
    range: '0–1',
    meaning: 'Overall technical quality; 1 means no problem was found. Each problem lowers it on its own and it never rises when a problem grows.',
  },
  {
    name: 'visual_quality',
    label: 'Picture',
    formula: 'the score’s picture factors only: black 0.9 × black_ratio, frozen 0.7 × frozen_ratio (only when motion is expected), blur 0.6 × (1 − sharpness), exposure 0.4 × exposure_error',
    range: '0–1',
    meaning: 'The picture alone, leaving out sound and length; 1 means no problem was seen.',
  },
  { name: 'black_ratio', label: 'Black frames', formula: 'frames that are ≥ 98 % black (blackframe) ÷ frames', range: '0–1', meaning: 'How much of the take is black screen.' },
  {
    name: 'frozen_ratio',
    label: 'Frozen frames',
    formula: 'seconds inside freezes of ≥ 0.5 s (freezedetect, noise −60 dB) ÷ duration',
    range: '0–1',
    meaning: 'How much of the take does not move at all (a stuck or still-image take). Measured for every take; it costs the score only where the shot asked for a moving camera, not for a locked-off (static) one.',
  },
  { name: 'blur', label: 'Blur', formula: 'mean blurdetect value, 4 frames per second scaled to 640 px wide', range: '0–~30', meaning: 'Roughly the width of edges in pixels; higher is softer.' },
  {
    name: 'sharpness',
    label: 'Sharpness',
    formula: 'clamp((15 − blur) ÷ 12, 0, 1)',
    range: '0–1',
    meaning: '1 is crisp (blur ≤ 3), 0 is very soft (blur ≥ 15).',
  },
  { name: 'mean_luma', label: 'Brightness', formula: 'mean of signalstats YAVG after conversion to full range', range: '0–255', meaning: 'Average brightness; 128 is mid-grey.' },
  {
    name: 'clipped_highlights_ratio',
    label: 'Blown highlights',
    formula: 'frames whose 90th-percentile luma ≥ 250 ÷ frames',
    range: '0–1',
    meaning: 'Share of frames with at least a tenth of the picture blown to white.',
  },
  {
    name: 'crushed_shadows_ratio',
    label: 'Crushed shadows',
    formula: 'frames whose 10th-percentile luma ≤ 5 ÷ frames',
    range: '0–1',
    meaning: 'Share of frames with at least a tenth of the picture crushed to black.',
  },
  { name: 'mean_saturation', label: 'Colourfulness', formula: 'mean of signalstats SATAVG', range: '0–~181', meaning: 'Colourfulness; 0 is black-and-white.' },
  { name: 'scene_cuts', label: 'Cuts inside the take', formula: 'frames scdet marks as a scene change (threshold 10)', range: '0–∞', meaning: 'Hard cuts inside the take; a single shot usually has none.' },
  {
    name: 'loudness_lufs',
    label: 'Loudness',
    formula: 'EBU R128 integrated loudness (ebur128)',
    range: '−70–0 LUFS',
    meaning: 'Perceived loudness of the whole take; speech is usually mixed near −23 to −16 LUFS.',
  },
  { name: 'true_peak_dbtp', label: 'True peak', formula: 'highest EBU R128 true peak over all channels', range: '−∞–+6 dBTP', meaning: 'Above −1 dBTP the sound risks clipping after encoding.' },
  {
    name: 'silence_ratio',
    label: 'Silence',
    formula: 'seconds below −50 dBFS for ≥ 0.5 s (silencedetect) ÷ duration',
    range: '0–1',
    meaning: 'How much of the sound track is silent. Penalised only when the take is expected to have sound.',
  },
  {
    name: 'duration_error_seconds',
    label: 'Off the planned length',
    formula: '|duration − expected duration|',
    range: '0–∞ s',
    meaning: 'How far the length is from what the shot asked for.',
  },
];
