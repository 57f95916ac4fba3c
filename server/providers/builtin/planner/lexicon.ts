/**
 * The words the rule-based planner recognises in an idea, in English and Chinese: what the
 * protagonist is (kind), what they do (role), where the story happens, and the weather and time.
 * A word missing here is not an error; the planner falls back to genre defaults.
 */

export const SETTING_KINDS = ['street', 'nature', 'interior', 'vessel', 'water', 'open'] as const;
export type SettingKind = (typeof SETTING_KINDS)[number];
export const TIMES_OF_DAY = ['DAY', 'NIGHT', 'DAWN', 'DUSK', 'MORNING', 'EVENING'] as const;
export type TimeOfDay = (typeof TIMES_OF_DAY)[number];
export const WEATHERS = ['rain', 'storm', 'snow', 'fog', 'wind', 'sun'] as const;
export type Weather = (typeof WEATHERS)[number];

/** A creature or person the protagonist can be; `looks` give the visible detail of each variant. */
export interface KindWord {
  en: string;
  enAlt: string[];
  zh: string[];
  animal: boolean;
  /** English looks go before the noun for animals and machines, after it ("with …") for people. */
  looks: { en: string[]; zh: string[] };
}

const furry = (en: string[], zh: string[]) => ({ en, zh });
export const HAIR = furry(
  ['with short black hair', 'with curly red hair', 'with a silver bob', 'with braided brown hair', 'with a messy blond crop'],
  ['黑色短发的', '红色卷发的', '银色短发的', '棕色辫子的', '金色乱发的'],
);

/** Longest Chinese spellings first matters: 猫头鹰 must win over 猫. */
export const KINDS: readonly KindWord[] = [
  { en: 'owl', enAlt: [], zh: ['猫头鹰'], animal: true, looks: furry(['brown', 'snowy', 'grey speckled'], ['棕色', '雪白', '灰斑']) },
  { en: 'panda', enAlt: [], zh: ['熊猫'], animal: true, looks: furry(['round', 'small', 'sleepy-eyed'], ['圆滚滚的', '小个子', '睡眼惺忪的']) },
  { en: 'cat', enAlt: ['kitten'], zh: ['小猫', '猫咪', '猫'], animal: true, looks: furry(['grey tabby', 'jet-black', 'ginger', 'snow-white', 'calico'], ['灰色虎斑', '乌黑的', '橘色', '雪白的', '三花']) },
  { en: 'dog', enAlt: ['puppy', 'hound'], zh: ['小狗', '狗'], animal: true, looks: furry(['brown', 'black-and-white', 'golden', 'spotted'], ['棕色', '黑白相间的', '金色', '斑点']) },
  { en: 'fox', enAlt: [], zh: ['狐狸'], animal: true, looks: furry(['red', 'silver', 'arctic-white'], ['红色', '银色', '雪白的']) },
  { en: 'rabbit', enAlt: ['bunny', 'hare'], zh: ['兔子', '兔'], animal: true, looks: furry(['white', 'brown', 'grey lop-eared'], ['白色', '棕色', '垂耳灰色']) },
  { en: 'bear', enAlt: [], zh: ['熊'], animal: true, looks: furry(['brown', 'black', 'honey-coloured'], ['棕色', '黑色', '蜜色']) },
  { en: 'mouse', enAlt: [], zh: ['老鼠', '小老鼠'], animal: true, looks: furry(['tiny grey', 'brown', 'white'], ['灰色的小', '棕色', '白色']) },
  { en: 'raccoon', enAlt: [], zh: ['浣熊'], animal: true, looks: furry(['masked grey', 'stocky', 'ring-tailed'], ['戴着“面罩”的灰色', '壮实的', '环尾']) },
  { en: 'pigeon', enAlt: ['dove'], zh: ['鸽子'], animal: true, looks: furry(['plump grey', 'white', 'iridescent-necked'], ['胖乎乎的灰色', '白色', '颈羽闪亮的']) },
  { en: 'crow', enAlt: ['raven'], zh: ['乌鸦'], animal: true, looks: furry(['glossy black', 'one-eyed', 'scruffy'], ['油亮的黑色', '独眼', '羽毛蓬乱的']) },
  { en: 'penguin', enAlt: [], zh: ['企鹅'], animal: true, looks: furry(['small', 'emperor', 'rockhopper'], ['小个子', '帝', '冠毛']) },
  { en: 'frog', enAlt: ['toad'], zh: ['青蛙'], animal: true, looks: furry(['bright green', 'spotted', 'tree'], ['翠绿的', '斑点', '树']) },
  { en: 'hedgehog', enAlt: [], zh: ['刺猬'], animal: true, looks: furry(['small brown', 'pale', 'round'], ['棕色的小', '浅色', '圆滚滚的']) },
  { en: 'dragon', enAlt: [], zh: ['龙'], animal: true, looks: furry(['emerald', 'small red', 'silver-scaled'], ['翡翠色的', '红色小', '银鳞']) },
  { en: 'robot', enAlt: ['android', 'droid', 'machine'], zh: ['机器人'], animal: false, looks: furry(['chrome', 'rust-red', 'boxy white', 'brass'], ['铬银色的', '锈红色的', '方方正正的白色', '黄铜']) },
  { en: 'alien', enAlt: [], zh: ['外星人'], animal: false, looks: furry(['pale blue', 'three-eyed', 'tall slender'], ['淡蓝色的', '三只眼的', '高瘦的']) },
  { en: 'girl', enAlt: [], zh: ['小女孩', '女孩', '少女'], animal: false, looks: HAIR },
  { en: 'boy', enAlt: [], zh: ['小男孩', '男孩', '少年'], animal: false, looks: HAIR },
  { en: 'woman', enAlt: ['lady'], zh: ['女人', '女子'], animal: false, looks: HAIR },
  { en: 'man', enAlt: ['guy'], zh: ['男人', '男子'], animal: false, looks: HAIR },
  { en: 'child', enAlt: ['kid', 'kids', 'children'], zh: ['孩子'], animal: false, looks: HAIR },
  { en: 'grandmother', enAlt: ['grandma', 'granny'], zh: ['老奶奶', '奶奶'], animal: false, looks: HAIR },
  { en: 'grandfather', enAlt: ['grandpa'], zh: ['老爷爷', '爷爷', '老人'], animal: false, looks: HAIR },
];

/** An occupation; `title` is put before the name ("Detective Miko"). */
export interface RoleWord {
  en: string;
  enAlt: string[];
  zh: string[];
  title: { en: string; zh: string } | undefined;
  clothing: { en: string; zh: string };
}

const role = (en: string, enAlt: string[], zh: string[], title: [string, string] | undefined, clothing: [string, string]): RoleWord => ({
  en,
  enAlt,
  zh,
  title: title && { en: title[0], zh: title[1] },
  clothing: { en: clothing[0], zh: clothing[1] },
});

export const ROLES: readonly RoleWord[] = [
  role('detective', ['sleuth', 'private eye'], ['侦探'], ['Detective', '侦探'], ['tan trench coat and a small fedora', '棕褐色风衣和小礼帽']),
  role('inspector', [], ['探长', '督察'], ['Inspector', '探长'], ['rumpled raincoat', '皱巴巴的雨衣']),
  role('police officer', ['cop', 'policeman', 'policewoman', 'officer'], ['警察', '警官'], ['Officer', '警官'], ['dark blue police uniform', '深蓝色警服']),
  role('spy', ['agent'], ['间谍', '特工'], ['Agent', '特工'], ['sharp grey suit and dark glasses', '笔挺的灰西装和墨镜']),
  role('thief', ['burglar', 'cat burglar'], ['怪盗', '盗贼', '小偷'], undefined, ['black hooded cloak', '黑色连帽斗篷']),
  role('journalist', ['reporter'], ['记者'], undefined, ['notebook and a press badge', '笔记本和记者证']),
  role('hacker', [], ['黑客'], undefined, ['oversized hoodie', '宽大的连帽衫']),
  role('astronaut', ['cosmonaut', 'spacewoman', 'spaceman'], ['宇航员'], undefined, ['white spacesuit with orange patches', '带橙色补丁的白色宇航服']),
  role('captain', [], ['舰长', '船长'], ['Captain', '舰长'], ['navy coat with brass buttons', '钉着铜扣的海军蓝外套']),
  role('pilot', [], ['飞行员'], undefined, ['leather flight jacket', '皮质飞行夹克']),
  role('engineer', [], ['工程师'], undefined, ['grease-stained overalls', '沾着油污的工装']),
  role('mechanic', [], ['机械师', '修理工'], undefined, ['oil-stained jumpsuit', '满是油渍的连体服']),
  role('scientist', ['researcher', 'inventor'], ['科学家', '发明家'], undefined, ['lab coat and safety goggles', '白大褂和护目镜']),
  role('explorer', ['adventurer', 'treasure hunter'], ['探险家', '冒险家'], undefined, ['khaki field jacket and a battered hat', '卡其色野外夹克和旧帽子']),
  role('archaeologist', [], ['考古学家'], ['Professor', '教授'], ['dusty field vest and a wide hat', '落满灰尘的工作背心和宽檐帽']),
  role('pirate', [], ['海盗'], undefined, ['red bandana and a long coat', '红头巾和长外套']),
  role('sailor', [], ['水手'], undefined, ['striped shirt and a knitted cap', '条纹衫和毛线帽']),
  role('knight', [], ['骑士'], ['Sir', '骑士'], ['dented silver armour', '有凹痕的银色盔甲']),
  role('samurai', [], ['武士'], undefined, ['dark kimono with a sword at the hip', '腰佩长刀的深色和服']),
  role('ninja', [], ['忍者'], undefined, ['midnight-blue shinobi garb', '午夜蓝的忍者服']),
  role('wizard', ['mage', 'sorcerer'], ['巫师', '魔法师'], undefined, ['star-speckled robe and a pointed hat', '缀满星星的长袍和尖帽']),
  role('witch', [], ['女巫'], undefined, ['wide-brimmed black hat', '宽檐黑帽']),
  role('princess', [], ['公主'], ['Princess', '公主'], ['embroidered gown and a thin circlet', '刺绣长裙和细头环']),
  role('prince', [], ['王子'], ['Prince', '王子'], ['embroidered jacket and a thin circlet', '刺绣外套和细头环']),
  role('king', [], ['国王'], ['King', '国王'], ['heavy crown and a fur-trimmed cloak', '沉重的王冠和毛边斗篷']),
  role('queen', [], ['女王'], ['Queen', '女王'], ['tall crown and a velvet cloak', '高冠和天鹅绒斗篷']),
  role('soldier', [], ['士兵'], undefined, ['worn field uniform', '旧军装']),
  role('chef', ['cook'], ['厨师'], ['Chef', '主厨'], ["white chef's jacket and a tall hat", '白色厨师服和高帽']),
  role('baker', [], ['面包师'], undefined, ['flour-dusted apron', '沾满面粉的围裙']),
  role('doctor', [], ['医生'], ['Dr.', '医生'], ['white coat with a stethoscope', '挂着听诊器的白大褂']),
  role('nurse', [], ['护士'], undefined, ['pale blue scrubs', '淡蓝色护士服']),
  role('teacher', [], ['老师'], undefined, ['cardigan with chalk dust on the sleeves', '袖口沾着粉笔灰的开衫']),
  role('student', ['schoolgirl', 'schoolboy'], ['学生'], undefined, ['school uniform and a worn backpack', '校服和旧书包']),
  role('librarian', [], ['图书管理员'], undefined, ['cardigan and reading glasses', '开衫和老花镜']),
  role('musician', ['guitarist', 'singer', 'pianist', 'violinist'], ['音乐家', '歌手', '吉他手'], undefined, ['instrument case slung across the back', '背着乐器盒']),
  role('painter', ['artist'], ['画家'], undefined, ['paint-spattered smock', '溅满颜料的罩衫']),
  role('dancer', ['ballerina'], ['舞者'], undefined, ['flowing practice clothes', '飘逸的练功服']),
  role('florist', [], ['花匠', '花店店主'], undefined, ['green apron with seed packets in the pockets', '口袋里装着花种的绿围裙']),
  role('farmer', [], ['农夫', '农民'], undefined, ['straw hat and muddy boots', '草帽和沾泥的靴子']),
  role('courier', ['delivery driver', 'postman', 'mail carrier'], ['快递员', '邮递员'], undefined, ['bright courier jacket and a satchel', '醒目的快递夹克和挎包']),
  role('lighthouse keeper', ['keeper'], ['灯塔看守人'], undefined, ['thick wool sweater and an oil lamp', '厚羊毛衫和油灯']),
];

/** A place noun; the setting decides INT./EXT. and the ambience of the location description. */
export interface PlaceWord {
  words: string[];
  setting: SettingKind;
}

export const PLACES_EN: readonly PlaceWord[] = [
  { words: ['space station', 'spaceship', 'space ship', 'starship', 'spacecraft', 'moon base', 'submarine', 'airship', 'train', 'laboratory', 'lab', 'ship', 'base'], setting: 'vessel' },
  { words: ['alley', 'alleyway', 'street', 'streets', 'city', 'town', 'village', 'market', 'marketplace', 'square', 'plaza', 'rooftop', 'rooftops', 'bridge', 'neighborhood', 'neighbourhood', 'district', 'downtown', 'road', 'highway', 'station', 'crossing'], setting: 'street' },
  { words: ['forest', 'woods', 'jungle', 'mountain', 'mountains', 'valley', 'meadow', 'field', 'fields', 'garden', 'park', 'swamp', 'canyon', 'hills', 'orchard', 'farm', 'countryside'], setting: 'nature' },
  { words: ['beach', 'shore', 'coast', 'harbor', 'harbour', 'port', 'pier', 'lake', 'river', 'sea', 'ocean', 'island', 'bay'], setting: 'water' },
  { words: ['desert', 'planet', 'moon', 'wasteland', 'tundra', 'kingdom', 'ruins'], setting: 'open' },
  { words: ['coffee shop', 'house', 'home', 'apartment', 'flat', 'room', 'bedroom', 'kitchen', 'office', 'library', 'museum', 'school', 'classroom', 'cafe', 'café', 'bar', 'restaurant', 'diner', 'shop', 'store', 'bookshop', 'bookstore', 'bakery', 'hotel', 'hospital', 'theater', 'theatre', 'castle', 'mansion', 'palace', 'temple', 'church', 'tower', 'lighthouse', 'factory', 'warehouse', 'studio', 'cave', 'tavern', 'inn', 'attic', 'basement', 'cabin', 'mall', 'casino', 'dojo', 'subway'], setting: 'interior' },
];

export const PLACES_ZH: readonly PlaceWord[] = [
  { words: ['太空站', '空间站', '宇宙飞船', '飞船', '星舰', '潜水艇', '列车', '火车', '实验室', '基地'], setting: 'vessel' },
  { words: ['小巷', '巷子', '胡同', '街道', '街头', '大街', '城市', '小镇', '村庄', '村子', '市场', '集市', '广场', '屋顶', '天台', '车站', '桥', '街'], setting: 'street' },
  { words: ['森林', '树林', '丛林', '山谷', '山顶', '深山', '草原', '花园', '公园', '田野', '农场', '沼泽'], setting: 'nature' },
  { words: ['海边', '海滩', '沙滩', '海岸', '港口', '码头', '大海', '海上', '湖边', '河边', '小岛', '岛'], setting: 'water' },
  { words: ['沙漠', '星球', '火星', '月球', '王国', '废墟'], setting: 'open' },
  { words: ['房间', '公寓', '厨房', '办公室', '图书馆', '博物馆', '学校', '教室', '咖啡馆', '咖啡店', '酒吧', '餐厅', '商店', '书店', '面包店', '酒店', '旅馆', '医院', '剧院', '城堡', '宫殿', '寺庙', '灯塔', '工厂', '仓库', '洞穴', '山洞', '阁楼', '地下室', '家里', '家中'], setting: 'interior' },
];

/** Adjectives that describe the weather or light rather than the place; they leave the name. */
export const ATMOSPHERE_EN = new Set([
  'rainy', 'rain-soaked', 'rain-slicked', 'wet', 'snowy', 'snow-covered', 'foggy', 'misty', 'stormy', 'windy',
  'sunny', 'sunlit', 'moonlit', 'night-time', 'nighttime', 'midnight', 'dark', 'neon-lit', 'neon', 'gloomy',
  'shadowy', 'starlit', 'dusky', 'dawn', 'morning', 'evening',
]);

/** A whole word of any script in Spanish, French or German: `\b` knows only ASCII letters. */
const word = (alternatives: string) => new RegExp(`(?<!\\p{L})(?:${alternatives})(?!\\p{L})`, 'iu');

/**
 * [pattern, value]; the earliest match in the idea wins, and at the same place the earlier pattern.
 * English and Chinese, then Spanish, French and German, then Japanese.
 */
export const TIME_PATTERNS: ReadonlyArray<[RegExp, TimeOfDay]> = [
  // First, so that 夜明け (dawn) is not read as 夜 (night): at the same place the earlier pattern wins.
  [/夜明け|朝焼け/u, 'DAWN'],
  [/\b(night|nights|midnight|night-?time|moonlit|after dark|nocturnal|starlit)\b|夜|晚上|月光/i, 'NIGHT'],
  [/\b(dawn|sunrise|daybreak)\b|黎明|日出|破晓/i, 'DAWN'],
  [/\b(dusk|sunset|twilight)\b|黄昏|日落/i, 'DUSK'],
  [/\b(morning)\b|清晨|早晨|早上/i, 'MORNING'],
  [/\b(evening)\b|傍晚/i, 'EVENING'],
  [/\b(noon|afternoon|daytime|by day|midday)\b|白天|中午|下午|正午/i, 'DAY'],
  [word('noche|noches|medianoche|nocturn[ao]s?|nuit|nuits|minuit|nocturnes?|nacht|nachts|mitternacht|nächtlich\\p{L}*'), 'NIGHT'],
  [word('amanecer|madrugada|aube|aurore|morgengrauen|sonnenaufgang|tagesanbruch'), 'DAWN'],
  [word('atardecer|anochecer|crepúsculo|ocaso|crépuscule|coucher du soleil|dämmerung|abenddämmerung|sonnenuntergang'), 'DUSK'],
  [word('matin|matinée|vormittag'), 'MORNING'],
  [word('soir|soirée|abend|abends'), 'EVENING'],
  [word('mediodía|midi|mittag|mittags|tagsüber'), 'DAY'],
  [/夕暮れ|夕方|日暮れ|夕焼け/u, 'DUSK'],
  [/早朝|朝/u, 'MORNING'],
  [/昼間|真昼|昼/u, 'DAY'],
];

export const WEATHER_PATTERNS: ReadonlyArray<[RegExp, Weather]> = [
  [/\b(storm|stormy|thunder\w*|lightning)\b|暴风雨|雷/i, 'storm'],
  [/\b(rain|rainy|raining|rains|drizzle|downpour|rain-soaked|rain-slicked)\b|雨/i, 'rain'],
  [/\b(snow|snowy|snowing|blizzard|snow-covered)\b|雪/i, 'snow'],
  [/\b(fog|foggy|mist|misty)\b|雾/i, 'fog'],
  [/\b(wind|windy|gale)\b|大风|狂风|寒风|风中|刮风/i, 'wind'],
  [/\b(sunny|sunshine|scorching|sunlit)\b|阳光|晴/i, 'sun'],
  [word('tormenta|tempestad|tempête|orage|orageu\\p{L}*|gewitter|sturm|stürmisch\\p{L}*|unwetter'), 'storm'],
  [/嵐/u, 'storm'],
  [word('lluvia|lluvios[ao]|llueve|llovizna|pluie|pluvieu\\p{L}*|pleut|averse|regen|regnet|regnerisch\\p{L}*|verregnet\\p{L}*'), 'rain'],
  [word('nieve|nieva|nevad[ao]|neige|neigeu\\p{L}*|enneigé\\p{L}*|schnee|schneit|verschneit\\p{L}*'), 'snow'],
  [word('niebla|neblina|brouillard|brume|nebel|neblig\\p{L}*'), 'fog'],
  [/霧/u, 'fog'],
  [word('viento|ventos[ao]|vent|venteu\\p{L}*|wind|windig\\p{L}*'), 'wind'],
  [/強風|風の/u, 'wind'],
  [word('soleado|ensoleillé\\p{L}*|sonnig\\p{L}*'), 'sun'],
  [/晴れ|日差し/u, 'sun'],
];
