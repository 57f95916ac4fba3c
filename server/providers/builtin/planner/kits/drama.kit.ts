/** Drama, the default: a protagonist with one big chance, a best friend and a rival. */
import type { GenreKit } from './kit.types.ts';

export const DRAMA_KIT: GenreKit = {
  genre: 'drama',
  defaultTime: 'DAY',
  defaultSetting: 'street',
  roles: [
    {
      id: 'A',
      en: {
        label: 'the best friend',
        title: '',
        description: 'who believes in the protagonist more than anyone',
        humanKinds: ['childhood friend', 'neighbour from downstairs', 'old mentor'],
        animalAdjectives: ['loyal', 'cheerful', 'wise old'],
        attire: ['faded denim jacket', 'bright knitted hat', 'round spectacles'],
      },
      zh: {
        label: '好朋友',
        title: '',
        description: '比任何人都相信主角',
        humanKinds: ['发小', '楼下的邻居', '老导师'],
        animalAdjectives: ['忠心的', '开朗的', '睿智的老'],
        attire: ['褪色的牛仔外套', '亮色毛线帽', '圆框眼镜'],
      },
    },
    {
      id: 'B',
      en: {
        label: 'the rival',
        title: '',
        description: 'who is talented, proud and secretly afraid of losing',
        humanKinds: ['star pupil', 'polished competitor', 'local champion'],
        animalAdjectives: ['proud', 'glossy', 'haughty'],
        attire: ['spotless white shirt', 'polished shoes', 'silver medal on a ribbon'],
      },
      zh: {
        label: '对手',
        title: '',
        description: '有天赋、很骄傲，暗地里害怕输',
        humanKinds: ['尖子生', '光鲜的竞争者', '本地冠军'],
        animalAdjectives: ['骄傲的', '油光水滑的', '傲慢的'],
        attire: ['一尘不染的白衬衫', '锃亮的皮鞋', '挂在缎带上的银牌'],
      },
    },
  ],
  en: {
    defaultProtagonist: 'young dreamer',
    protagonistNote: 'hopeful, stubborn, and not yet sure they are good enough',
    objects: ['invitation letter', 'old photograph', 'borrowed violin', 'lost notebook'],
    titles: ['The {Object}', '{P}', 'A Day in {Place}'],
    hook: 'and one {object} decides whether {p} gives up or tries one last time',
    defaultLocation: 'small town',
    style: 'naturalistic cinematic drama, soft window light, gentle handheld feel',
    summaries: {
      setup: '{P} goes about an ordinary day in {place}.',
      inciting: 'The {object} arrives and offers {P} one big chance.',
      rising: '{P} prepares with {A}, while {B} looks down on the effort.',
      confrontation: '{P} stands up to {B} and to their own fear.',
      resolution: '{P} takes the chance and shares the moment with {A}.',
    },
    beats: {
      setup: [
        { cast: ['P'], action: '{P} starts the day in {place}, going through a familiar routine', lines: [['P', 'Same as yesterday.']] },
        { cast: ['P', 'A'], action: '{A} waves at {P} from across the way, holding two warm drinks', lines: [['A', 'You look like you need this.'], ['P', 'You always know.']] },
        { cast: ['P'], action: '{P} stops and watches the life of {place} go by', lines: [] },
      ],
      inciting: [
        { cast: ['P', 'A'], action: '{P} opens the {object} with shaking hands while {A} reads over a shoulder', lines: [['A', 'This is it. Your chance.'], ['P', 'What if I am not ready?']] },
        { cast: ['P', 'B'], action: '{B} sees the {object} and laughs', lines: [['B', 'You? Really?'], ['P', 'Yes. Me.']] },
      ],
      rising: [
        { cast: ['P', 'A'], action: '{P} practises again and again while {A} keeps count', lines: [['A', 'Again. Better.'], ['P', 'My hands hurt.']] },
        { cast: ['P'], action: '{P} fails, sits down in the dust, then gets back up', lines: [['P', 'One more time.']] },
        { cast: ['P', 'B'], action: '{B} stops to watch {P}, arms folded, saying nothing for once', lines: [['B', 'Not bad. For you.']] },
        { cast: ['P', 'A'], action: '{A} hands {P} the {object} back and squeezes once for luck', lines: [['A', 'Whatever happens, I am proud of you.']] },
      ],
      confrontation: [
        { cast: ['P', 'B'], action: '{P} and {B} face each other before the big moment', lines: [['B', 'You will freeze.'], ['P', 'Then I will freeze trying.']] },
        { cast: ['P'], action: '{P} stands alone in the spotlight and takes a long breath', lines: [] },
        { cast: ['P', 'A', 'B'], action: '{P} gives everything, while {A} cheers and {B} slowly stops smiling', lines: [['A', 'Go on, {p}!']] },
      ],
      resolution: [
        { cast: ['P', 'A'], action: '{A} throws both arms around {P}, laughing', lines: [['A', 'You did it!'], ['P', 'We did it.']] },
        { cast: ['P', 'B'], action: '{B} offers {P} a hand, a little embarrassed', lines: [['B', 'Next time, I win.'], ['P', 'Next time.']] },
      ],
    },
  },
  zh: {
    defaultProtagonist: '年轻的追梦人',
    protagonistNote: '满怀希望，性子倔，还不确定自己够不够好',
    objects: ['邀请函', '旧照片', '借来的小提琴', '遗失的笔记本'],
    titles: ['{object}', '{P}', '{place}的一天'],
    hook: '{object}将决定{p}是放弃，还是再试最后一次',
    defaultLocation: '小镇',
    style: '自然主义电影感剧情风格，柔和的窗光，轻微手持感',
    summaries: {
      setup: '{P}在{place}度过平常的一天。',
      inciting: '{object}到来，给了{P}一次大机会。',
      rising: '{P}和{A}一起准备，{B}却不屑一顾。',
      confrontation: '{P}直面{B}，也直面自己的恐惧。',
      resolution: '{P}抓住了机会，和{A}分享这一刻。',
    },
    beats: {
      setup: [
        { cast: ['P'], action: '{P}在{place}开始新的一天，一切照旧', lines: [['P', '和昨天一样。']] },
        { cast: ['P', 'A'], action: '{A}端着两杯热饮，从对面朝{P}招手', lines: [['A', '你看起来需要这个。'], ['P', '你总是知道。']] },
        { cast: ['P'], action: '{P}停下脚步，看着{place}的人来人往', lines: [] },
      ],
      inciting: [
        { cast: ['P', 'A'], action: '{P}双手发抖地打开{object}，{A}在肩后一起看', lines: [['A', '就是这个，你的机会。'], ['P', '万一我还没准备好呢？']] },
        { cast: ['P', 'B'], action: '{B}看见{object}，笑出了声', lines: [['B', '你？真的假的？'], ['P', '对，就是我。']] },
      ],
      rising: [
        { cast: ['P', 'A'], action: '{P}一遍又一遍地练习，{A}在旁边数着', lines: [['A', '再来，更好了。'], ['P', '手好疼。']] },
        { cast: ['P'], action: '{P}失败了，坐在地上，又站了起来', lines: [['P', '再来一次。']] },
        { cast: ['P', 'B'], action: '{B}停下来抱着胳膊看{P}，难得没有说话', lines: [['B', '还不错，对你来说。']] },
        { cast: ['P', 'A'], action: '{A}把{object}还给{P}，用力握了握手', lines: [['A', '不管结果怎样，我都为你骄傲。']] },
      ],
      confrontation: [
        { cast: ['P', 'B'], action: '关键时刻之前，{P}和{B}面对面', lines: [['B', '你会紧张得动不了。'], ['P', '那我也要试过再说。']] },
        { cast: ['P'], action: '{P}独自站在聚光灯下，深吸一口气', lines: [] },
        { cast: ['P', 'A', 'B'], action: '{P}拼尽全力，{A}大声欢呼，{B}的笑容慢慢消失', lines: [['A', '加油，{p}！']] },
      ],
      resolution: [
        { cast: ['P', 'A'], action: '{A}笑着一把抱住{P}', lines: [['A', '你做到了！'], ['P', '是我们做到了。']] },
        { cast: ['P', 'B'], action: '{B}有点不好意思地向{P}伸出手', lines: [['B', '下次我赢。'], ['P', '下次见。']] },
      ],
    },
  },
};
