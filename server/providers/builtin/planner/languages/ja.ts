/** The plan's joining words in Japanese. */
import { cjkPrompt, type PlanWords } from './plan-words.ts';

export const ja: PlanWords = {
  gap: '',
  sentence: (action) => (/[。！？」]$/u.test(action) ? action : `${action}。`),
  heroDoes: (hero, event) => `${hero}は${event}`,
  titled: (title, name) => `${title}${name}`,
  names: {
    western: { f: ['エイダ', 'アイリス', 'ノーラ', 'ルビー', 'ヴェラ', 'レナ'], m: ['フェリックス', 'マイロ', 'オットー', 'テオ', 'ジョナ', 'ユーゴ'] },
    japanese: { f: ['美子', '花', '由紀', '亜希', '紀子', '恵美'], m: ['健二', '空', '蓮', '春樹', '太郎', '凛太郎'] },
    chinese: { f: ['美玲', '蘭', '夏', '慧', '雨', '林'], m: ['偉', '俊', '明', '波', '濤', '平'] },
  },
  aiNames: ['ハロ', 'エコー', 'ノヴァ', 'アイリス'],
  accessories: ['マフラー', '蝶ネクタイ', 'ベレー帽', 'リュック', 'レインコート', 'スカーフ', 'キャップ', '傘'],
  accessory: (colour, item) => `${colour}の${item}`,
  marks: {
    animal: ['明るい緑の目', '琥珀色の目', '片目のまわりの白い模様'],
    human: ['あごの小さな傷', 'そばかす', '丸眼鏡'],
    machine: ['青く光る片目', 'へこんだ肩のプレート'],
  },
  hair: ['黒い短髪の', '赤い巻き毛の', '銀色のボブの', '茶色の三つ編みの', '金色のぼさぼさ髪の'],
  withHair: (kind, hair) => `${hair}${kind}`,
  glowing: (kind, colour) => `${colour}に光る${kind}`,
  intro: (phrase) => phrase,
  protagonist: (name, intro, note) => `${name}は物語の主人公、${intro}。${note}。`,
  support: (name, label, _kind, kindText, adjective, detail) => `${name}は${label}。${adjective}${kindText}で、${detail}。`,
  named: (name) => `${name}、アイデアに登場する人物。`,
  framings: {
    establishing: ['状況説明のロングショット'],
    solo: ['クローズアップ', 'ミディアムショット', 'ミディアム・クローズアップ'],
    pair: ['ツーショット', '肩越しのショット', 'ミディアムショット'],
    group: ['ロングショット', 'グループのフルショット'],
  },
  cameraNote(move, framing, focus, place) {
    switch (move) {
      case 'static': return `固定カメラ、${framing}で${focus ?? place}を捉える`;
      case 'push-in': return focus ? `${focus}の顔へゆっくりと寄る` : `${place}の奥へゆっくりと進む`;
      case 'pull-out': return focus ? `${focus}から引いて${place}を見せる` : `ゆっくり引いて${place}の全景を見せる`;
      case 'pan-left': return focus ? `${place}を左へパンして${focus}をとらえる` : `${place}を左へパンする`;
      case 'pan-right': return focus ? `右へパンして${focus}を追う` : `${place}を右へパンする`;
    }
  },
  prompt: (words) => cjkPrompt(words, { characters: '登場人物', setting: '舞台', style: 'スタイル', camera: 'カメラ', comma: '、' }),
  placeReference: ({ inSentence }) => inSentence,
  placeTitle: ({ name }) => name,
  objectTitle: (object) => object,
  logline: (hero, intro, _predicate, place, _proper, hook) => `${place}の${intro}、${hero}。${hook}。`,
  opening(hero, intro, _predicate, place, quoted, company) {
    const source = quoted === undefined ? '' : `（アイデア：「${quoted}」）`;
    const others = company.map(({ name, label }) => `${label}の${name}`).join('、');
    return `${hero}は${intro}、舞台は${place}。${source}物語には${others}も登場する。`;
  },
  locationDescription: (place, _proper, time, corner, details) => `${time}${place}。${corner ? `${corner}、` : ''}${details.join('。')}。`,
};
