/** Adventure: a protagonist, a loyal companion and a rival racing for the same prize. */
import type { GenreKit } from './kit.types.ts';

export const ADVENTURE_KIT: GenreKit = {
  genre: 'adventure',
  defaultTime: 'DAY',
  defaultSetting: 'nature',
  roles: [
    {
      id: 'A',
      en: {
        label: 'the companion',
        title: '',
        description: 'who knows the old paths and never stops talking',
        humanKinds: ['local guide', 'young mapmaker', 'retired sailor'],
        animalAdjectives: ['loyal', 'scrappy', 'chatty'],
        attire: ['patched satchel', 'rope coiled over one shoulder', 'lantern on the belt'],
      },
      zh: {
        label: '同伴',
        title: '',
        description: '认得古老的小路，一路说个不停',
        humanKinds: ['当地向导', '年轻的地图师', '退休的老水手'],
        animalAdjectives: ['忠心的', '机灵的', '话多的'],
        attire: ['打着补丁的挎包', '肩上盘着的绳子', '腰间的提灯'],
      },
    },
    {
      id: 'B',
      en: {
        label: 'the rival',
        title: '',
        description: 'who wants the same prize and plays dirty to get it',
        humanKinds: ['rival treasure hunter', 'greedy collector', 'mercenary captain'],
        animalAdjectives: ['cunning', 'scarred', 'sneering'],
        attire: ['black leather gloves', 'long dark coat', 'gold tooth'],
      },
      zh: {
        label: '对手',
        title: '',
        description: '想要同一件宝物，不惜耍手段',
        humanKinds: ['敌对的寻宝人', '贪婪的收藏家', '雇佣兵头目'],
        animalAdjectives: ['狡猾的', '带疤的', '冷笑着的'],
        attire: ['黑色皮手套', '深色长外套', '一颗金牙'],
      },
    },
  ],
  en: {
    defaultProtagonist: 'young explorer',
    protagonistNote: 'curious, reckless, and loyal to a fault',
    objects: ['golden compass', 'lost crown', 'star-shaped key', 'map of the sunken temple'],
    titles: ['The {Object}', '{P} and the {Object}', 'Beyond {Place}'],
    hook: 'and the race for the {object} has only just begun',
    defaultLocation: 'ancient forest',
    style: 'vivid cinematic adventure, sweeping light, rich saturated colour',
    summaries: {
      setup: '{P} sets out across {place}.',
      inciting: 'A clue to the {object} changes everything.',
      rising: '{P} and {A} follow the trail, with {B} close behind.',
      confrontation: '{P} faces {B} for the {object}.',
      resolution: '{P} chooses friendship over treasure and heads home richer anyway.',
    },
    beats: {
      setup: [
        { cast: ['P'], action: '{P} stands at the edge of {place}, eyes shining', lines: [['P', 'Somewhere out there.']] },
        { cast: ['P', 'A'], action: '{A} catches up with {P}, out of breath and already complaining', lines: [['A', 'You said it was a short walk!'], ['P', 'It is. Mostly.']] },
        { cast: ['P'], action: '{P} checks an old sketchbook against every detail of {place}', lines: [] },
      ],
      inciting: [
        { cast: ['P', 'A'], action: '{P} brushes away dust to reveal a carved symbol as {A} leans in', lines: [['A', 'Is that... the mark of the {object}?'], ['P', 'It is real. It was always real.']] },
        { cast: ['P', 'B'], action: '{B} steps out of the shadows, clapping slowly', lines: [['B', 'Thank you for leading the way.'], ['P', 'You again.']] },
      ],
      rising: [
        { cast: ['P', 'A'], action: '{P} and {A} pick their way across a crumbling floor, one careful step at a time', lines: [['A', 'Do not look down.'], ['P', 'I was not going to.']] },
        { cast: ['P'], action: '{P} solves an old stone puzzle, and a hidden door grinds open', lines: [['P', 'Left, right, then the moon.']] },
        { cast: ['P', 'A'], action: '{P} and {A} share a small fire and the last of the bread', lines: [['A', 'Why do you want it so badly?'], ['P', 'Everyone said it did not exist.']] },
        { cast: ['B'], action: '{B} studies their footprints, grinning, a few steps behind', lines: [['B', 'Keep going. I am right behind you.']] },
      ],
      confrontation: [
        { cast: ['P', 'B'], action: '{P} and {B} reach for the {object} at the same moment', lines: [['B', 'Let go.'], ['P', 'Never.']] },
        { cast: ['P', 'A', 'B'], action: '{B} holds {A} back as the ground starts to shake', lines: [['B', 'The {object}, or your friend.'], ['A', 'Take it and run!']] },
        { cast: ['P', 'A'], action: '{P} lets the {object} fall to pull {A} to safety', lines: [['P', 'Grab my hand!']] },
      ],
      resolution: [
        { cast: ['P', 'A'], action: '{P} and {A} laugh, dusty and alive, as the light breaks through', lines: [['A', 'You gave it up. For me.'], ['P', 'Worth it.']] },
        { cast: ['P', 'A'], action: '{A} presses a small piece of the {object} into {P}’s hand, saved from the fall', lines: [['A', 'Not all of it was lost.']] },
      ],
    },
  },
  zh: {
    defaultProtagonist: '年轻的探险家',
    protagonistNote: '好奇、鲁莽，对朋友忠心耿耿',
    objects: ['黄金罗盘', '失落的王冠', '星形钥匙', '沉没神庙的地图'],
    titles: ['{object}', '{P}与{object}', '{place}之外'],
    hook: '争夺{object}的比赛才刚刚开始',
    defaultLocation: '古老的森林',
    style: '鲜明的电影感冒险风格，壮阔的光线，浓郁饱和的色彩',
    summaries: {
      setup: '{P}出发穿越{place}。',
      inciting: '一条关于{object}的线索改变了一切。',
      rising: '{P}和{A}追寻线索，{B}紧随其后。',
      confrontation: '{P}与{B}争夺{object}。',
      resolution: '{P}选择了友情而不是宝藏，却满载而归。',
    },
    beats: {
      setup: [
        { cast: ['P'], action: '{P}站在{place}的边缘，眼里闪着光', lines: [['P', '就在那里的某个地方。']] },
        { cast: ['P', 'A'], action: '{A}气喘吁吁地追上{P}，已经开始抱怨', lines: [['A', '你说只是走一小段！'], ['P', '是啊，差不多。']] },
        { cast: ['P'], action: '{P}拿着旧素描本对照{place}的每一处细节', lines: [] },
      ],
      inciting: [
        { cast: ['P', 'A'], action: '{P}拂去灰尘，露出一个刻着的符号，{A}凑过来看', lines: [['A', '这是……{object}的记号？'], ['P', '是真的，一直都是真的。']] },
        { cast: ['P', 'B'], action: '{B}从阴影里走出来，慢慢鼓掌', lines: [['B', '多谢你带路。'], ['P', '又是你。']] },
      ],
      rising: [
        { cast: ['P', 'A'], action: '{P}和{A}踩着摇摇欲坠的地面，一步一步小心翼翼', lines: [['A', '别往下看。'], ['P', '我没打算看。']] },
        { cast: ['P'], action: '{P}解开古老的石头机关，一扇暗门轰隆打开', lines: [['P', '左，右，然后是月亮。']] },
        { cast: ['P', 'A'], action: '{P}和{A}围着小火堆分吃最后一块面包', lines: [['A', '你为什么这么想要它？'], ['P', '所有人都说它不存在。']] },
        { cast: ['B'], action: '{B}看着他们的脚印冷笑，就在几步之后', lines: [['B', '继续走吧，我就在后面。']] },
      ],
      confrontation: [
        { cast: ['P', 'B'], action: '{P}和{B}同时抓住了{object}', lines: [['B', '放手。'], ['P', '休想。']] },
        { cast: ['P', 'A', 'B'], action: '地面开始震动，{B}扣住了{A}', lines: [['B', '要{object}，还是要朋友？'], ['A', '拿上它快跑！']] },
        { cast: ['P', 'A'], action: '{P}松开{object}，把{A}拉到安全的地方', lines: [['P', '抓住我的手！']] },
      ],
      resolution: [
        { cast: ['P', 'A'], action: '光亮透了进来，{P}和{A}满身尘土地笑了', lines: [['A', '你为了我放弃了它。'], ['P', '值得。']] },
        { cast: ['P', 'A'], action: '{A}把从坠落中抢回的一小块{object}放进{P}手里', lines: [['A', '也不是全都没了。']] },
      ],
    },
  },
};
