import type { Language } from './kits/kit.types.ts';

/**
 * The fixed character colours. The animatic draws each character as a figure in its colour over
 * day, dusk and night backdrops, so every entry is saturated, mid-light and far from its
 * neighbours; order matters because characters take colours by their order in the plan.
 */

/** A palette entry with the words a prompt can use for it, in every language the planner writes. */
export type PaletteColour = { hex: string } & Record<Language, string>;

/** Ten colours a viewer tells apart at a glance, most distinct first. */
export const CHARACTER_PALETTE: readonly PaletteColour[] = [
  { hex: '#e4572e', en: 'vermilion', zh: '朱红', ja: '朱色', es: 'bermellón', fr: 'vermillon', de: 'Zinnoberrot' },
  { hex: '#2e9fe4', en: 'sky-blue', zh: '天蓝', ja: '空色', es: 'azul cielo', fr: 'bleu ciel', de: 'Himmelblau' },
  { hex: '#f2c14e', en: 'golden', zh: '金黄', ja: '金色', es: 'dorado', fr: 'or', de: 'Gold' },
  { hex: '#4caf50', en: 'leaf-green', zh: '翠绿', ja: '若葉色', es: 'verde hoja', fr: 'vert feuille', de: 'Blattgrün' },
  { hex: '#b05ad9', en: 'violet', zh: '紫罗兰', ja: 'すみれ色', es: 'violeta', fr: 'violet', de: 'Violett' },
  { hex: '#f08fc0', en: 'rose-pink', zh: '玫瑰粉', ja: 'ローズピンク', es: 'rosa', fr: 'rose', de: 'Rosa' },
  { hex: '#17bebb', en: 'teal', zh: '青绿', ja: '青緑', es: 'verde azulado', fr: 'bleu canard', de: 'Petrol' },
  { hex: '#ff8c1a', en: 'orange', zh: '橙', ja: 'オレンジ', es: 'naranja', fr: 'orange', de: 'Orange' },
  { hex: '#c0ca33', en: 'lime', zh: '青柠', ja: 'ライム色', es: 'lima', fr: 'citron vert', de: 'Limettengrün' },
  { hex: '#7986cb', en: 'periwinkle', zh: '长春花蓝', ja: 'ペリウィンクル', es: 'azul lavanda', fr: 'pervenche', de: 'Immergrünblau' },
];

/**
 * The colour of the character at `index` (0-based). Past the fixed palette, hues step by the
 * golden angle so even a large screenplay cast stays distinct and readable.
 */
export function paletteColour(index: number): PaletteColour {
  const fixed = CHARACTER_PALETTE[index];
  if (fixed) return fixed;
  const extra = index - CHARACTER_PALETTE.length;
  const hue = (extra * 137.508 + 17) % 360;
  const lightness = extra % 2 === 0 ? 0.58 : 0.5;
  return { hex: hslToHex(hue, 0.65, lightness), en: 'bright', zh: '亮色', ja: '明るい色', es: 'vivo', fr: 'vif', de: 'Leuchtfarbe' };
}

function hslToHex(hue: number, saturation: number, lightness: number): string {
  const chroma = (1 - Math.abs(2 * lightness - 1)) * saturation;
  const x = chroma * (1 - Math.abs(((hue / 60) % 2) - 1));
  const m = lightness - chroma / 2;
  const sector = Math.floor(hue / 60) % 6;
  const [r, g, b] =
    sector === 0 ? [chroma, x, 0]
    : sector === 1 ? [x, chroma, 0]
    : sector === 2 ? [0, chroma, x]
    : sector === 3 ? [0, x, chroma]
    : sector === 4 ? [x, 0, chroma]
    : [chroma, 0, x];
  const channel = (value: number) => Math.round((value + m) * 255).toString(16).padStart(2, '0');
  return `#${channel(r)}${channel(g)}${channel(b)}`;
}
