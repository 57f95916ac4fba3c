/** The plan's joining words in Chinese. */
import { HAIR } from '../lexicon.ts';
import { cjkPrompt, type PlanWords } from './plan-words.ts';

const MEASURE = /^(?:有)?(一|两|三|几|某)(只|个|位|名|条|头|匹|群|对|台|艘|支|队)/;
const TIMED = /夜|晚|晨|昏|黎明|白天/;

export const zh: PlanWords = {
  gap: '',
  sentence: (action) => `${action}。`,
  heroDoes: (hero, event) => `${hero}${event}`,
  titled: (title, name) => `${title}${name}`,
  names: {
    western: { f: ['艾达', '艾丽丝', '诺拉', '露比', '维拉', '莉娜'], m: ['菲利克斯', '米洛', '奥托', '西奥', '乔纳', '雨果'] },
    japanese: { f: ['美子', '花子', '由纪', '秋子', '纪子', '惠美'], m: ['健二', '春树', '太郎', '阿莲', '小空', '一郎'] },
    chinese: { f: ['小雨', '小桃', '林澜', '小满', '青禾', '美玲'], m: ['小墨', '阿福', '阿明', '老周', '星河', '大勇'] },
  },
  aiNames: ['星环', '回声', '诺娃', '织女'],
  accessories: ['围巾', '领结', '贝雷帽', '背包', '雨衣', '领巾', '帽子', '雨伞'],
  accessory: (colour, item) => `${colour.endsWith('色') ? colour : `${colour}色`}${item}`,
  marks: {
    animal: ['翠绿的眼睛', '琥珀色的眼睛', '一只眼睛上的白斑'],
    human: ['下巴上的小疤', '雀斑', '圆框眼镜'],
    machine: ['一只发蓝光的眼睛', '凹陷的肩甲'],
  },
  hair: HAIR.zh,
  withHair: (kind, hair) => `${hair}${kind}`,
  glowing: (kind, colour) => `${colour}光芒的${kind}`,
  intro(phrase, animal, idea) {
    const measure = MEASURE.exec(idea)?.[0]?.replace(/^有/, '');
    return `${measure ?? (animal ? '一只' : '一位')}${phrase}`;
  },
  protagonist: (name, intro, note) => `${name}，故事的主角，${intro}：${note}。`,
  support(name, label, kind, kindText, adjective, detail) {
    const measure = kind === 'fixed' ? '一个' : kind === 'animal' ? '一只' : '一位';
    return `${name}，${label}：${measure}${adjective}${kindText}，${detail}。`;
  },
  named: (name) => `${name}，创意里提到的人物。`,
  framings: {
    establishing: ['全景建立镜头'],
    solo: ['特写', '中景', '中近景'],
    pair: ['双人镜头', '过肩镜头', '中景'],
    group: ['全景', '群像中景'],
  },
  cameraNote(move, framing, focus, place) {
    switch (move) {
      case 'static': return focus ? `固定机位，${framing}拍摄${focus}` : `固定机位，${framing}拍摄${place}`;
      case 'push-in': return focus ? `缓缓推近${focus}的脸` : `缓缓推向${place}深处`;
      case 'pull-out': return focus ? `从${focus}拉远，展现${place}` : `缓缓拉远，展现整个${place}`;
      case 'pan-left': return focus ? `向左摇过${place}，找到${focus}` : `向左摇过${place}`;
      case 'pan-right': return focus ? `向右摇，跟随${focus}` : `向右摇过${place}`;
    }
  },
  prompt: (words) => cjkPrompt(words, { characters: '角色', setting: '场景', style: '风格', camera: '镜头', comma: '，' }),
  placeReference: ({ inSentence }) => inSentence,
  placeTitle: ({ name }) => name,
  objectTitle: (object) => object,
  logline: (hero, intro, predicate, place, _proper, hook) => `${hero}（${intro}）${predicate || `身在${place}`}——${hook}。`,
  opening(hero, intro, predicate, place, quoted, company) {
    const source = quoted === undefined ? '' : `（创意：“${quoted}”）`;
    const others = company.map(({ name, label }) => `${label}${name}`).join('、');
    return `${hero}是${intro}${predicate ? `，${predicate}` : `，生活在${place}`}。${source}故事里还有${others}。`;
  },
  locationDescription(place, _proper, time, corner, details) {
    const timed = TIMED.test(place) ? place : `${time}${place}`;
    return `${timed}${corner ? `，${corner}` : ''}：${details.join('；')}。`;
  },
};
