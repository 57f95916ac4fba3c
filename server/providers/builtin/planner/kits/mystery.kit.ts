/** Mystery: a protagonist, a frightened witness and a smooth suspect around a missing object. */
import type { GenreKit } from './kit.types.ts';

export const MYSTERY_KIT: GenreKit = {
  genre: 'mystery',
  defaultTime: 'NIGHT',
  defaultSetting: 'street',
  roles: [
    {
      id: 'A',
      en: {
        label: 'the witness',
        title: '',
        description: 'who saw something the night the {object} vanished and is too frightened to say what',
        humanKinds: ['noodle-stall owner', 'night-shift waitress', 'newspaper seller'],
        animalAdjectives: ['jittery', 'nervous', 'wide-eyed'],
        attire: ['rain-spotted apron', 'oversized raincoat', 'knitted cap'],
      },
      zh: {
        label: '目击者',
        title: '',
        description: '{object}失踪那晚看到了什么，却吓得不敢说',
        humanKinds: ['面摊老板', '夜班服务员', '报贩'],
        animalAdjectives: ['胆小的', '紧张的', '瞪大眼睛的'],
        attire: ['沾着雨点的围裙', '过大的雨衣', '毛线帽'],
      },
    },
    {
      id: 'B',
      en: {
        label: 'the suspect',
        title: '',
        description: 'with a perfect alibi and something to hide',
        humanKinds: ['pawnshop owner', 'jazz pianist', 'well-dressed stranger'],
        animalAdjectives: ['sleek', 'smooth-talking', 'sharp-eyed'],
        attire: ['velvet waistcoat', 'silk scarf', 'gold signet ring'],
      },
      zh: {
        label: '嫌疑人',
        title: '',
        description: '有完美的不在场证明，却藏着秘密',
        humanKinds: ['当铺老板', '爵士钢琴师', '衣着考究的陌生人'],
        animalAdjectives: ['油滑的', '能说会道的', '目光锐利的'],
        attire: ['天鹅绒马甲', '丝绸围巾', '金色图章戒指'],
      },
    },
  ],
  en: {
    defaultProtagonist: 'young detective',
    protagonistNote: 'patient, sharp-eyed and stubborn about the truth',
    objects: ['jade pendant', 'silver music box', 'old brass key', 'ruby ring'],
    titles: ['The {Object} Affair', '{P} and the Missing {Object}', 'Shadows over {Place}'],
    hook: 'when the {object} vanishes, {p} has one night to find out who took it',
    defaultLocation: 'city alley',
    style: 'cinematic film noir, low-key lighting, deep shadows, reflections on wet surfaces',
    summaries: {
      setup: '{P} keeps watch over {place}.',
      inciting: '{A} reports that the {object} is gone.',
      rising: '{P} follows the clues, questions {A} and meets {B}.',
      confrontation: '{P} confronts {B} with the evidence.',
      resolution: 'The {object} comes home and {P} moves on.',
    },
    beats: {
      setup: [
        { cast: ['P'], action: '{P} walks slowly through {place}, collar up, watching every doorway', lines: [['P', 'Quiet night. Too quiet.']] },
        { cast: ['P', 'A'], action: '{P} stops to greet {A}, who is closing up for the night', lines: [['A', 'Working late again, {p}?'], ['P', 'The city never sleeps. Neither do I.']] },
        { cast: ['P'], action: '{P} pauses under a flickering light and studies the empty street', lines: [] },
      ],
      inciting: [
        { cast: ['P', 'A'], action: '{A} rushes up to {P}, breathless, pointing back into the shadows', lines: [['A', "The {object}! It's gone!"], ['P', 'Slow down. Tell me everything.']] },
        { cast: ['P', 'A'], action: '{P} finds an empty velvet box where the {object} should be while {A} looks on', lines: [['P', 'Someone knew exactly where to look.']] },
      ],
      rising: [
        { cast: ['P'], action: '{P} crouches over a fresh footprint and follows the trail', lines: [['P', 'Small steps. Careful ones.']] },
        { cast: ['P', 'A'], action: '{P} questions {A}, who keeps glancing over one shoulder', lines: [['P', 'What did you really see?'], ['A', 'A shadow. And the smell of cologne.']] },
        { cast: ['P', 'B'], action: '{P} meets {B}, who smiles a little too easily', lines: [['B', 'What brings you out in weather like this?'], ['P', 'A missing {object}. Heard anything?']] },
        { cast: ['P'], action: '{P} lays the clues side by side and sees how they fit', lines: [['P', 'The cologne. The footprints. Of course.']] },
      ],
      confrontation: [
        { cast: ['P', 'B'], action: '{P} corners {B} at the far end of {place}', lines: [['P', 'You were here tonight.'], ['B', 'Prove it.']] },
        { cast: ['P', 'B'], action: '{P} sets out the evidence piece by piece as {B} edges backwards', lines: [['P', 'The trail ends at your door.']] },
        { cast: ['P', 'A', 'B'], action: '{A} steps out of hiding to back {P} up, and {B} finally gives in', lines: [['A', 'I saw you. I saw everything.'], ['B', 'All right. I took it.']] },
      ],
      resolution: [
        { cast: ['P', 'A'], action: '{P} returns the {object} to {A}, who holds it close', lines: [['A', 'Thank you, {p}.'], ['P', 'Just doing my job.']] },
        { cast: ['P'], action: '{P} walks away through {place} as everything finally grows calm', lines: [['P', 'Another case closed.']] },
      ],
    },
  },
  zh: {
    defaultProtagonist: '年轻的侦探',
    protagonistNote: '耐心、眼尖，对真相寸步不让',
    objects: ['翡翠吊坠', '银色音乐盒', '旧黄铜钥匙', '红宝石戒指'],
    titles: ['{object}疑案', '{P}与失踪的{object}', '{place}疑云'],
    hook: '{object}不翼而飞，{p}只有一夜的时间找出真相',
    defaultLocation: '城市小巷',
    style: '电影感黑色电影风格，低调布光，浓重阴影，湿润地面上的倒影',
    summaries: {
      setup: '{P}在{place}巡视。',
      inciting: '{A}报告{object}不见了。',
      rising: '{P}追查线索，询问{A}，并见到了{B}。',
      confrontation: '{P}拿着证据与{B}对质。',
      resolution: '{object}物归原主，{P}继续上路。',
    },
    beats: {
      setup: [
        { cast: ['P'], action: '{P}竖起衣领，慢慢走过{place}，留意着每一扇门', lines: [['P', '今晚太安静了。']] },
        { cast: ['P', 'A'], action: '{P}停下来和正在收摊的{A}打招呼', lines: [['A', '{p}，又这么晚还在忙？'], ['P', '城市不睡，我也不睡。']] },
        { cast: ['P'], action: '{P}站在闪烁的灯下，打量着空荡荡的街道', lines: [] },
      ],
      inciting: [
        { cast: ['P', 'A'], action: '{A}气喘吁吁地跑向{P}，指着身后的暗处', lines: [['A', '{object}……不见了！'], ['P', '别急，慢慢说。']] },
        { cast: ['P', 'A'], action: '{P}发现本该放着{object}的丝绒盒子空了，{A}在一旁看着', lines: [['P', '有人很清楚东西放在哪。']] },
      ],
      rising: [
        { cast: ['P'], action: '{P}蹲下查看新鲜的脚印，顺着痕迹追去', lines: [['P', '步子很小，很小心。']] },
        { cast: ['P', 'A'], action: '{P}询问{A}，{A}不停地回头张望', lines: [['P', '你到底看见了什么？'], ['A', '一个影子……还有一股香水味。']] },
        { cast: ['P', 'B'], action: '{P}遇见了{B}，对方笑得有些过于轻松', lines: [['B', '这种天气，什么风把你吹来了？'], ['P', '丢了一件{object}。听说了吗？']] },
        { cast: ['P'], action: '{P}把线索一一摆开，终于看出了其中的联系', lines: [['P', '香水，脚印……原来如此。']] },
      ],
      confrontation: [
        { cast: ['P', 'B'], action: '{P}在{place}的尽头堵住了{B}', lines: [['P', '今晚你来过这里。'], ['B', '证据呢？']] },
        { cast: ['P', 'B'], action: '{P}一件件摆出证据，{B}步步后退', lines: [['P', '线索的尽头，就是你家门口。']] },
        { cast: ['P', 'A', 'B'], action: '{A}从藏身处走出来为{P}作证，{B}终于认了', lines: [['A', '我看见了，全都看见了。'], ['B', '好吧，是我拿的。']] },
      ],
      resolution: [
        { cast: ['P', 'A'], action: '{P}把{object}还给{A}，{A}紧紧抱在怀里', lines: [['A', '谢谢你，{p}。'], ['P', '分内之事。']] },
        { cast: ['P'], action: '一切渐渐平静，{P}穿过{place}离去', lines: [['P', '又一桩案子了结了。']] },
      ],
    },
  },
};
