/** Space: a protagonist among a small crew (engineer, captain, the ship's AI) facing a crisis. */
import type { GenreKit } from './kit.types.ts';

export const SPACE_KIT: GenreKit = {
  genre: 'space',
  defaultTime: 'NIGHT',
  defaultSetting: 'vessel',
  roles: [
    {
      id: 'A',
      en: {
        label: 'the engineer',
        title: 'Engineer',
        description: 'who can fix anything with tape and stubbornness',
        humanKinds: ['ship engineer', 'flight engineer', 'reactor technician'],
        animalAdjectives: ['grease-smudged', 'quick-pawed', 'tireless'],
        attire: ['tool belt', 'scratched welding visor', 'rolled-up sleeves'],
      },
      zh: {
        label: '工程师',
        title: '工程师',
        description: '靠胶带和倔脾气能修好一切',
        humanKinds: ['飞船工程师', '飞行工程师', '反应堆技师'],
        animalAdjectives: ['满身油污的', '手脚麻利的', '不知疲倦的'],
        attire: ['工具腰带', '划痕累累的焊接面罩', '卷起的袖子'],
      },
    },
    {
      id: 'B',
      en: {
        label: 'the captain',
        title: 'Captain',
        description: 'who carries every decision alone',
        humanKinds: ['veteran commander', 'stern ship captain', 'weathered commander'],
        animalAdjectives: ['grizzled', 'steady', 'scarred'],
        attire: ['long navy command coat', 'rank pins on the collar', 'captain’s cap'],
      },
      zh: {
        label: '舰长',
        title: '舰长',
        description: '独自扛下每一个决定',
        humanKinds: ['老练的指挥官', '严肃的舰长', '饱经风霜的指挥官'],
        animalAdjectives: ['久经沙场的', '沉稳的', '带着伤疤的'],
        attire: ['海军蓝指挥长外套', '领口的军衔徽章', '舰长帽'],
      },
    },
    {
      id: 'C',
      en: {
        label: "the ship's AI",
        title: '',
        description: 'that speaks softly and counts everything',
        humanKinds: [],
        animalAdjectives: [],
        attire: ['flickering hologram outline', 'ring of slow blue light', 'soft pulsing core'],
        fixedKind: 'holographic ship AI',
      },
      zh: {
        label: '舰载AI',
        title: '',
        description: '说话轻柔，什么都在计算',
        humanKinds: [],
        animalAdjectives: [],
        attire: ['闪烁的全息轮廓', '缓缓旋转的蓝色光环', '柔和跳动的核心'],
        fixedKind: '全息舰载AI',
      },
    },
  ],
  en: {
    defaultProtagonist: 'rookie pilot',
    protagonistNote: 'untested, quick-thinking, and the first to volunteer',
    objects: ['distress signal', 'failing reactor core', 'star map', 'alien beacon'],
    titles: ['Signal from the Dark', '{P} and the {Object}', 'The Last Watch on {Place}'],
    hook: 'when a {object} puts the whole crew in danger, {p} has hours to save them',
    defaultLocation: 'space station',
    style: 'cinematic science fiction, cool blue practical lights, drifting dust in the beams',
    summaries: {
      setup: '{P} stands a quiet watch aboard {place}.',
      inciting: 'Alarms: {C} reports the {object}.',
      rising: '{P} and {A} race to understand the {object} while {B} weighs the risk.',
      confrontation: '{P} takes the dangerous way out, against orders.',
      resolution: 'The crew is safe, and {P} has earned a place among them.',
    },
    beats: {
      setup: [
        { cast: ['P'], action: '{P} floats past the viewport of {place}, stars wheeling slowly outside', lines: [['P', 'Day forty. Nothing out here but us.']] },
        { cast: ['P', 'C'], action: '{C} glows softly beside {P} during the night watch', lines: [['C', 'All systems nominal, {p}.'], ['P', 'Tell me something interesting.']] },
        { cast: ['P', 'A'], action: '{A} tosses {P} a wrench across the cramped corridor', lines: [['A', 'Hold that. And do not touch anything red.']] },
      ],
      inciting: [
        { cast: ['P', 'C'], action: 'Red lights flood {place} as {C} announces the {object}', lines: [['C', 'Warning. I am detecting a {object}.'], ['P', 'Wake the captain. Now.']] },
        { cast: ['P', 'A', 'B'], action: '{B} arrives at a run while {P} and {A} stare at the flashing console', lines: [['B', 'Report.'], ['A', 'It is bad, Captain.']] },
      ],
      rising: [
        { cast: ['P', 'A'], action: '{P} and {A} pull open a panel, sparks spilling over their hands', lines: [['A', 'We have twenty minutes, maybe less.'], ['P', 'Then we use fifteen.']] },
        { cast: ['P', 'B'], action: '{B} studies {P} across the glowing map table', lines: [['B', 'You want to go outside. Alone.'], ['P', 'I am the smallest. I fit.']] },
        { cast: ['P', 'C'], action: '{C} projects the {object} in slowly turning light in front of {P}', lines: [['C', 'Probability of success: low.'], ['P', 'Low is not zero.']] },
        { cast: ['P', 'A'], action: '{A} checks the seals on {P}’s suit one last time', lines: [['A', 'Come back. That is an order from engineering.']] },
      ],
      confrontation: [
        { cast: ['P'], action: '{P} drifts along the hull, tether taut, the {object} pulsing ahead', lines: [['P', 'Almost there. Almost.']] },
        { cast: ['P', 'B'], action: '{B} grips the console as {P}’s signal breaks up', lines: [['B', 'Talk to me!'], ['P', 'Doing it now!']] },
        { cast: ['P', 'A', 'C'], action: '{P} makes the final fix while {A} and {C} count down together', lines: [['C', 'Three. Two.'], ['A', 'Now, {p}!']] },
      ],
      resolution: [
        { cast: ['P', 'A', 'B'], action: '{B} pins a small crew badge on {P} while {A} grins', lines: [['B', 'Welcome to the crew. Properly.'], ['P', 'Thank you, Captain.']] },
        { cast: ['P', 'C'], action: '{P} watches the stars again, {C} glowing quietly nearby', lines: [['C', 'All systems nominal, {p}.']] },
      ],
    },
  },
  zh: {
    defaultProtagonist: '新手飞行员',
    protagonistNote: '没经过考验，脑子转得快，总是第一个举手',
    objects: ['求救信号', '失控的反应堆核心', '星图', '外星信标'],
    titles: ['黑暗中的信号', '{P}与{object}', '{place}的最后一班岗'],
    hook: '{object}让全体船员陷入危险，{p}只有几个小时来拯救大家',
    defaultLocation: '空间站',
    style: '电影感科幻风格，冷蓝色实景灯光，光束中漂浮的尘埃',
    summaries: {
      setup: '{P}在{place}上安静地值夜班。',
      inciting: '警报响起：{C}报告发现{object}。',
      rising: '{P}和{A}争分夺秒研究{object}，{B}权衡着风险。',
      confrontation: '{P}违抗命令，选择了最危险的办法。',
      resolution: '船员们安然无恙，{P}赢得了大家的认可。',
    },
    beats: {
      setup: [
        { cast: ['P'], action: '{P}飘过{place}的舷窗，窗外星辰缓缓旋转', lines: [['P', '第四十天。这里只有我们。']] },
        { cast: ['P', 'C'], action: '值夜班时，{C}在{P}身旁发出柔和的光', lines: [['C', '{p}，所有系统正常。'], ['P', '说点有意思的吧。']] },
        { cast: ['P', 'A'], action: '{A}隔着狭窄的走廊把扳手抛给{P}', lines: [['A', '拿着。红色的东西别碰。']] },
      ],
      inciting: [
        { cast: ['P', 'C'], action: '红光淹没了{place}，{C}报告发现{object}', lines: [['C', '警告，检测到{object}。'], ['P', '叫醒舰长，马上。']] },
        { cast: ['P', 'A', 'B'], action: '{B}快步赶到，{P}和{A}正盯着闪烁的控制台', lines: [['B', '报告。'], ['A', '情况很糟，舰长。']] },
      ],
      rising: [
        { cast: ['P', 'A'], action: '{P}和{A}拉开面板，火花溅在手上', lines: [['A', '我们只有二十分钟，也许更少。'], ['P', '那就用十五分钟搞定。']] },
        { cast: ['P', 'B'], action: '{B}隔着发光的星图桌打量{P}', lines: [['B', '你要一个人出去？'], ['P', '我个子最小，钻得进去。']] },
        { cast: ['P', 'C'], action: '{C}在{P}面前投射出缓缓旋转的{object}', lines: [['C', '成功概率：很低。'], ['P', '很低不等于零。']] },
        { cast: ['P', 'A'], action: '{A}最后一次检查{P}宇航服的密封', lines: [['A', '给我回来，这是工程部的命令。']] },
      ],
      confrontation: [
        { cast: ['P'], action: '{P}拉紧安全绳沿着船体漂移，{object}在前方闪动', lines: [['P', '快到了，就快到了。']] },
        { cast: ['P', 'B'], action: '{P}的信号断断续续，{B}紧紧抓住控制台', lines: [['B', '回答我！'], ['P', '正在弄！']] },
        { cast: ['P', 'A', 'C'], action: '{P}完成最后的修复，{A}和{C}一起倒数', lines: [['C', '三，二……'], ['A', '{p}，就是现在！']] },
      ],
      resolution: [
        { cast: ['P', 'A', 'B'], action: '{B}给{P}别上船员徽章，{A}在一旁咧嘴笑', lines: [['B', '正式欢迎你加入。'], ['P', '谢谢舰长。']] },
        { cast: ['P', 'C'], action: '{P}又望向星空，{C}在一旁静静发光', lines: [['C', '{p}，所有系统正常。']] },
      ],
    },
  },
};
