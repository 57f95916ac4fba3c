/**
 * Turns the idea's location into scenes' places: the screenplay heading, a corner of the location
 * for each later scene (so scenes differ but stay in one world), and a location description that
 * carries the weather and the time of day into every generation of the scene.
 */
import type { IdeaAnalysis } from './idea-rules.ts';
import type { Language } from './kits/kit.types.ts';
import type { SettingKind, TimeOfDay, Weather } from './lexicon.ts';
import type { SeededRandom } from './seeded-random.ts';
import { capitalize, withArticle } from './text-utils.ts';

/** A corner of the location: `head` goes into the heading, `en`/`zh` into the description. */
export interface SubArea {
  head: string;
  en: string;
  zhHead: string;
  zh: string;
}

const area = (head: string, en: string, zhHead: string, zh: string): SubArea => ({ head, en, zhHead, zh });

const SUB_AREAS: Record<SettingKind, SubArea[]> = {
  street: [
    area('SIDE STREET', 'in a narrow side street', '小路', '狭窄的小路上'),
    area('ROOFTOP', 'up on a rooftop', '屋顶', '屋顶上'),
    area('DOORWAY', 'in a recessed doorway', '门洞', '凹进去的门洞里'),
    area('CORNER', 'at the corner under a flickering sign', '街角', '闪烁招牌下的街角'),
  ],
  nature: [
    area('CLEARING', 'in a clearing', '空地', '林间空地上'),
    area('RIVERBANK', 'on the riverbank', '河岸', '河岸边'),
    area('OLD TREE', 'beneath an ancient tree', '古树', '古树下'),
    area('RIDGE', 'up on the ridge', '山脊', '山脊上'),
  ],
  interior: [
    area('BACK ROOM', 'in the back room', '里屋', '里屋'),
    area('WINDOW', 'by the window', '窗边', '窗边'),
    area('STAIRCASE', 'on the staircase', '楼梯', '楼梯上'),
    area('HALLWAY', 'in the hallway', '走廊', '走廊里'),
  ],
  vessel: [
    area('BRIDGE', 'on the bridge', '舰桥', '舰桥上'),
    area('ENGINE ROOM', 'in the engine room', '引擎舱', '引擎舱里'),
    area('CORRIDOR', 'in a narrow corridor', '走廊', '狭窄的走廊里'),
    area('OBSERVATION DECK', 'on the observation deck', '观景台', '观景台上'),
  ],
  water: [
    area('PIER', 'at the end of the pier', '码头', '码头尽头'),
    area('SHORELINE', 'along the shoreline', '海岸线', '海岸线上'),
    area('BOATHOUSE', 'by an old boathouse', '船屋', '旧船屋旁'),
    area('ROCKS', 'out on the rocks', '礁石', '礁石上'),
  ],
  open: [
    area('RIDGE', 'on a high ridge', '山脊', '高高的山脊上'),
    area('CRATER', 'at the rim of a crater', '陨石坑', '陨石坑边缘'),
    area('OUTPOST', 'near a lonely outpost', '前哨站', '孤零零的前哨站附近'),
    area('DUNES', 'among the dunes', '沙丘', '沙丘之间'),
  ],
};

const AMBIENCE: Record<SettingKind, Record<Language, string[]>> = {
  street: {
    en: ['signs glow above shuttered shops', 'old brick walls crowd in close', 'a lone streetlamp hums overhead'],
    zh: ['招牌在紧闭的店铺上方发光', '老砖墙挤得很近', '一盏孤零零的路灯嗡嗡作响'],
  },
  nature: {
    en: ['tall trees lean in overhead', 'moss covers every stone', 'birds call from far away'],
    zh: ['高大的树木在头顶交错', '青苔覆盖着每一块石头', '远处传来鸟鸣'],
  },
  interior: {
    en: ['warm lamps pool light on worn floorboards', 'shelves crowd every wall', 'dust drifts in a shaft of light'],
    zh: ['暖黄的灯光洒在旧地板上', '墙边摆满了架子', '灰尘在一束光里飘浮'],
  },
  vessel: {
    en: ['consoles blink in the half-dark', 'pipes hum behind metal panels', 'stars drift past a wide viewport'],
    zh: ['控制台在昏暗中闪烁', '金属面板后管道嗡嗡作响', '宽大的舷窗外星辰缓缓掠过'],
  },
  water: {
    en: ['waves slap against old wood', 'gulls wheel overhead', 'the water glitters to the horizon'],
    zh: ['浪花拍打着旧木桩', '海鸥在头顶盘旋', '水面一直闪到天边'],
  },
  open: {
    en: ['the horizon stretches empty and wide', 'wind-carved rocks throw long shadows', 'the sky feels enormous'],
    zh: ['地平线空旷而辽远', '风蚀的岩石投下长长的影子', '天空显得无比辽阔'],
  },
};

const WEATHER_TEXT: Record<Weather, Record<Language, string>> = {
  rain: { en: 'rain falls steadily, drops shining on every surface', zh: '雨一直下着，水珠在每一处闪着光' },
  storm: { en: 'a storm rages, lightning flashing between the clouds', zh: '暴风雨肆虐，云间电光闪烁' },
  snow: { en: 'snow drifts down and muffles every sound', zh: '雪花飘落，四下无声' },
  fog: { en: 'fog hangs low and swallows the far end', zh: '浓雾低垂，吞没了远处' },
  wind: { en: 'wind tugs at everything loose', zh: '风吹动一切松散的东西' },
  sun: { en: 'bright sun throws hard shadows', zh: '明亮的阳光投下清晰的影子' },
};

const TIME_TEXT: Record<TimeOfDay, Record<Language, string>> = {
  NIGHT: { en: 'at night', zh: '夜晚的' },
  DAWN: { en: 'at dawn', zh: '黎明时分的' },
  DUSK: { en: 'at dusk', zh: '黄昏时的' },
  MORNING: { en: 'in the morning', zh: '清晨的' },
  EVENING: { en: 'in the evening', zh: '傍晚的' },
  DAY: { en: 'by day', zh: '白天的' },
};

/** Corners of the location for scenes after the first, in a seeded order. */
export function subAreasFor(setting: SettingKind, random: SeededRandom): SubArea[] {
  return random.shuffle(SUB_AREAS[setting]);
}

/** `EXT. TOKYO ALLEY - NIGHT`, or with a corner: `EXT. TOKYO ALLEY - ROOFTOP - NIGHT`. */
export function sceneHeading(analysis: IdeaAnalysis, subArea: SubArea | undefined): string {
  const { location, language, timeOfDay } = analysis;
  const prefix = location.setting === 'interior' || location.setting === 'vessel' ? 'INT.' : 'EXT.';
  const corner = subArea ? ` - ${language === 'zh' ? subArea.zhHead : subArea.head}` : '';
  return `${prefix} ${location.name.toUpperCase()}${corner} - ${timeOfDay}`;
}

/** What the place looks like in this scene; it always names the weather and light of the idea. */
export function locationDescription(analysis: IdeaAnalysis, subArea: SubArea | undefined, random: SeededRandom): string {
  const { location, language, timeOfDay, weather } = analysis;
  const ambience = random.pick(AMBIENCE[location.setting][language]);
  const weatherText = weather ? WEATHER_TEXT[weather][language] : undefined;
  if (language === 'zh') {
    const timed = /夜|晚|晨|昏|黎明|白天/.test(location.phrase) ? location.phrase : `${TIME_TEXT[timeOfDay].zh}${location.phrase}`;
    const corner = subArea ? `，${subArea.zh}` : '';
    return `${timed}${corner}：${[weatherText, ambience].filter(Boolean).join('；')}。`;
  }
  const place = location.proper ? location.phrase : withArticle(location.phrase);
  const corner = subArea ? `, ${subArea.en}` : '';
  return `${capitalize(place)} ${TIME_TEXT[timeOfDay].en}${corner}: ${[weatherText, ambience].filter(Boolean).join('; ')}.`;
}
