/** Romance: a protagonist, a love interest met by chance, and a best friend who pushes them on. */
import type { GenreKit } from './kit.types.ts';

export const ROMANCE_KIT: GenreKit = {
  genre: 'romance',
  defaultTime: 'EVENING',
  defaultSetting: 'street',
  roles: [
    {
      id: 'A',
      en: {
        label: 'the love interest',
        title: '',
        description: 'who is warm, funny and just as lonely underneath',
        humanKinds: ['street musician', 'bookshop clerk', 'young architect'],
        animalAdjectives: ['gentle', 'bright-eyed', 'graceful'],
        attire: ['soft wool coat', 'yellow raincoat', 'hand-knitted scarf'],
      },
      zh: {
        label: '心上人',
        title: '',
        description: '温暖、风趣，心底却同样孤单',
        humanKinds: ['街头音乐人', '书店店员', '年轻建筑师'],
        animalAdjectives: ['温柔的', '眼睛亮晶晶的', '优雅的'],
        attire: ['柔软的羊毛大衣', '黄色雨衣', '手织围巾'],
      },
    },
    {
      id: 'B',
      en: {
        label: 'the best friend',
        title: '',
        description: 'who has seen every failed date and still believes in love',
        humanKinds: ['café owner', 'chatty neighbour', 'old school friend'],
        animalAdjectives: ['cheerful', 'plump', 'bouncy'],
        attire: ['striped apron', 'bright sneakers', 'round glasses'],
      },
      zh: {
        label: '好朋友',
        title: '',
        description: '见证过每一次失败的约会，却依然相信爱情',
        humanKinds: ['咖啡馆老板', '爱聊天的邻居', '老同学'],
        animalAdjectives: ['开朗的', '胖乎乎的', '活蹦乱跳的'],
        attire: ['条纹围裙', '亮色球鞋', '圆框眼镜'],
      },
    },
  ],
  en: {
    defaultProtagonist: 'shy bookseller',
    protagonistNote: 'kind, a little shy, and braver than they know',
    objects: ['red umbrella', 'handwritten letter', 'pair of concert tickets', 'paper crane'],
    titles: ['The {Object}', '{P} in {Place}', 'Love and the {Object}'],
    hook: 'but one mixed-up {object} and one misunderstanding stand between {p} and a second chance',
    defaultLocation: 'old town square',
    style: 'warm romantic cinema, soft golden light, shallow depth of field',
    summaries: {
      setup: '{P} goes through another ordinary day in {place}.',
      inciting: 'A mix-up with a {object} brings {P} and {A} together.',
      rising: '{B} pushes {P} on, and {P} and {A} grow closer.',
      confrontation: 'A misunderstanding drives {P} and {A} apart.',
      resolution: '{P} finds the courage to speak, and {A} answers.',
    },
    beats: {
      setup: [
        { cast: ['P'], action: '{P} crosses {place} alone, hands in pockets, watching couples pass by', lines: [['P', 'Maybe tomorrow.']] },
        { cast: ['P', 'B'], action: '{B} teases {P} over two cups of tea', lines: [['B', 'You could at least say hello to someone.'], ['P', "I say hello to you every day."]] },
        { cast: ['P'], action: '{P} sighs as the lights come on across {place}', lines: [] },
      ],
      inciting: [
        { cast: ['P', 'A'], action: '{P} and {A} reach for the same {object} at the same moment', lines: [['A', 'Oh! I think this is mine.'], ['P', "I'm... sorry. Yes. Of course."]] },
        { cast: ['P', 'A'], action: '{A} smiles at {P} and leaves the {object} behind on purpose', lines: [['A', 'Keep it. Bring it back tomorrow?']] },
      ],
      rising: [
        { cast: ['P', 'B'], action: '{B} grabs {P} by the shoulders, delighted by the news', lines: [['B', 'Tomorrow? You are going, right?'], ['P', 'I might be going.']] },
        { cast: ['P', 'A'], action: '{P} and {A} walk side by side through {place}, laughing', lines: [['A', 'You are funnier than you look.'], ['P', 'I practise in the mirror.']] },
        { cast: ['P', 'A'], action: '{P} and {A} share a quiet moment, shoulders almost touching', lines: [['A', 'I like it here. With you.']] },
        { cast: ['P'], action: '{P} holds the {object} and smiles alone for the first time in ages', lines: [['P', "Don't mess this up."]] },
      ],
      confrontation: [
        { cast: ['P', 'A'], action: '{P} sees {A} with someone else and turns away before hearing a word', lines: [['A', 'Wait, it is not what you think!']] },
        { cast: ['P', 'B'], action: '{B} finds {P} sitting alone and refuses to let the story end there', lines: [['B', 'Did you even ask?'], ['P', "I didn't need to."]] },
        { cast: ['P', 'A'], action: '{P} and {A} face each other, both too proud to speak first', lines: [['P', 'I thought you were different.'], ['A', 'I thought you were braver.']] },
      ],
      resolution: [
        { cast: ['P', 'A'], action: '{P} finally says it, and {A} answers with a smile', lines: [['P', 'I should have asked. I am asking now.'], ['A', 'Then yes.']] },
        { cast: ['P', 'A'], action: '{P} and {A} walk off together into {place}, sharing the {object}', lines: [] },
      ],
    },
  },
  zh: {
    defaultProtagonist: '害羞的书店店员',
    protagonistNote: '善良、有点害羞，却比自己以为的更勇敢',
    objects: ['红雨伞', '手写的信', '音乐会门票', '纸鹤'],
    titles: ['{object}', '{place}的{P}', '爱与{object}'],
    hook: '拿错的{object}和一场误会，挡在{p}和第二次机会之间',
    defaultLocation: '老城广场',
    style: '温暖的爱情电影风格，柔和的金色光线，浅景深',
    summaries: {
      setup: '{P}在{place}度过又一个平凡的日子。',
      inciting: '一次{object}的乌龙让{P}和{A}相遇。',
      rising: '{B}推了{P}一把，{P}和{A}越走越近。',
      confrontation: '一场误会让{P}和{A}分开。',
      resolution: '{P}鼓起勇气开口，{A}给出了回答。',
    },
    beats: {
      setup: [
        { cast: ['P'], action: '{P}独自穿过{place}，双手插兜，看着成双的行人走过', lines: [['P', '也许明天吧。']] },
        { cast: ['P', 'B'], action: '{B}端着两杯茶打趣{P}', lines: [['B', '你好歹跟人打个招呼嘛。'], ['P', '我每天都跟你打招呼。']] },
        { cast: ['P'], action: '{place}亮起灯火，{P}轻轻叹气', lines: [] },
      ],
      inciting: [
        { cast: ['P', 'A'], action: '{P}和{A}同时伸手去拿{object}', lines: [['A', '啊，这好像是我的。'], ['P', '对、对不起，当然。']] },
        { cast: ['P', 'A'], action: '{A}冲{P}一笑，故意把{object}留了下来', lines: [['A', '先留着，明天还我？']] },
      ],
      rising: [
        { cast: ['P', 'B'], action: '{B}抓着{P}的肩膀，比当事人还兴奋', lines: [['B', '明天？你会去的吧？'], ['P', '也许会去。']] },
        { cast: ['P', 'A'], action: '{P}和{A}并肩走过{place}，一路说笑', lines: [['A', '你比看起来有趣多了。'], ['P', '我对着镜子练过。']] },
        { cast: ['P', 'A'], action: '{P}和{A}安静地坐着，肩膀几乎碰在一起', lines: [['A', '我喜欢这里，和你一起。']] },
        { cast: ['P'], action: '{P}握着{object}，很久以来第一次一个人笑了', lines: [['P', '这次别搞砸了。']] },
      ],
      confrontation: [
        { cast: ['P', 'A'], action: '{P}看见{A}和别人在一起，没等解释就转身离开', lines: [['A', '等等，不是你想的那样！']] },
        { cast: ['P', 'B'], action: '{B}找到独自坐着的{P}，不许故事就这样结束', lines: [['B', '你问过吗？'], ['P', '不用问。']] },
        { cast: ['P', 'A'], action: '{P}和{A}面对面站着，谁都不肯先开口', lines: [['P', '我以为你不一样。'], ['A', '我以为你更勇敢。']] },
      ],
      resolution: [
        { cast: ['P', 'A'], action: '{P}终于说出了口，{A}笑着回答', lines: [['P', '我早该问的，现在问还来得及吗？'], ['A', '来得及。']] },
        { cast: ['P', 'A'], action: '{P}和{A}带着{object}，一起走进{place}', lines: [] },
      ],
    },
  },
};
