/**
 * Ideas for the planner's fidelity benchmark, written by hand with what a reader expects the plan
 * to keep: the people and creatures the idea names (as characters), the places it names (in the
 * scenes or shots), the language the plan must be written in, and the hero when the idea names one.
 * The expectations are a person's reading of each idea, not the planner's output.
 */

export type CorpusLanguage = 'en' | 'zh' | 'ja' | 'es' | 'fr' | 'de';

export interface CorpusIdea {
  /** The language of the idea as a person reads it; `plannedIn` says the plan's language when it differs. */
  language: CorpusLanguage | 'other';
  /** The language the plan must be written in. */
  plannedIn: CorpusLanguage;
  /** The genre a reader would file it under (reported, not scored). */
  genre: string;
  idea: string;
  /** Named people and creatures; each must be a character under this name. */
  names: string[];
  /** Named places; each must appear in a scene (heading, location, description) or a shot. */
  places: string[];
  /** The hero's name when the idea gives one; otherwise the plan must still give the hero a proper name. */
  hero?: string;
  /** Written after the planner's rules were last changed and never used to change them: an honest sample. */
  heldOut?: boolean;
  /** The things the story turns on, unnamed ("pocket watch"): each must be shown in a shot, as the idea words it. */
  objects?: string[];
}

/** `en('heist', idea, names, places, hero, objects)`: an idea in that language, planned in it. */
const writtenIn =
  (language: CorpusLanguage) =>
  (genre: string, idea: string, names: string[], places: string[], hero?: string, objects?: string[]): CorpusIdea => ({
    language, plannedIn: language, genre, idea, names, places, ...(hero ? { hero } : {}), ...(objects ? { objects } : {}),
  });
const en = writtenIn('en');
const zh = writtenIn('zh');
const ja = writtenIn('ja');
const es = writtenIn('es');
const fr = writtenIn('fr');
const de = writtenIn('de');

export const CORPUS: readonly CorpusIdea[] = [
  // English
  en('heist', 'Felix, a retired safecracker, is pulled back for one last job: the vault of the Royal Bank in Geneva, with his niece Ada as the inside woman.', ['Felix', 'Ada'], ['Geneva'], 'Felix'),
  en('documentary', 'Nora films a documentary about the last lighthouse keeper of Cape Wrath, a man called Angus who has kept the light for forty years.', ['Nora', 'Angus'], ['Cape Wrath'], 'Nora'),
  en('thriller', 'Iris is a night-shift nurse in Chicago who overhears a murder plot over the hospital intercom and has until dawn to stop it.', ['Iris'], ['Chicago'], 'Iris'),
  en('horror', 'Tomas and his sister Elin move into a farmhouse outside Uppsala, where something scratches inside the walls every night at three.', ['Tomas', 'Elin'], ['Uppsala'], 'Tomas'),
  en('sports', 'A teenage goalkeeper named Kofi gets one chance to play for Accra United in the cup final.', ['Kofi'], ['Accra'], 'Kofi'),
  en('fable', 'A tortoise called Pebble wants to cross the great river before winter, and only the crow Marlow knows the way.', ['Pebble', 'Marlow'], [], 'Pebble'),
  en('cooking', 'Three home cooks compete on a reality show in Lyon; Priya must win the final round with a dessert she has never made, judged by chef Laurent.', ['Priya', 'Laurent'], ['Lyon'], 'Priya'),
  en('comedy', 'Gary accidentally becomes the mayor of a tiny village in Cornwall after a typo on the ballot.', ['Gary'], ['Cornwall'], 'Gary'),
  en('scifi', 'On a mining station orbiting Europa, engineer Sam Okafor discovers that the station AI, Vesper, has been lying about the oxygen.', ['Sam Okafor', 'Vesper'], ['Europa'], 'Sam Okafor'),
  en('romance', 'Two rival bakers on the same street in Brooklyn, Rosa and Eli, fall in love during a snowed-in week.', ['Rosa', 'Eli'], ['Brooklyn'], 'Rosa'),
  en('mystery', 'Detective Miko searches Kyoto for a stolen tea bowl.', ['Miko'], ['Kyoto'], 'Miko'),
  en('adventure', 'Young cartographer Lena follows her grandfather Otto\'s map from Marrakesh across the Atlas Mountains to find a lost library.', ['Lena', 'Otto'], ['Marrakesh', 'Atlas Mountains'], 'Lena'),
  en('drama', 'Old Walter teaches his granddaughter June to fish on Lake Tahoe.', ['Walter', 'June'], ['Lake Tahoe'], 'Walter'),
  en('drama', 'A lonely lighthouse.', [], []),
  en('mystery',
    'It is 1923 in Cairo. Evelyn Hart, a young archaeologist, returns from the desert to find her mentor, Professor Aldous Crane, missing from his rooms at the Shepheard Hotel. ' +
    'The only clue is a scarab ring left on his pillow and a train ticket to Luxor. Evelyn teams up with Hassan, a taxi driver who knows every alley of the old city, ' +
    'and together they follow a trail of forged antiquities from the bazaar of Khan el-Khalili to a riverboat on the Nile, where Crane\'s rival, the collector Victor Sloane, ' +
    'is hosting a party. Nobody is who they seem, and by the time the boat reaches Luxor, Evelyn must decide whether to save her mentor or the truth.',
    ['Evelyn Hart', 'Aldous Crane', 'Hassan', 'Victor Sloane'], ['Cairo', 'Luxor'], 'Evelyn Hart'),

  // Chinese
  zh('heist', '退休的开锁高手老周被徒弟阿杰拉回上海，去偷外滩一家银行金库里的一枚玉印。', ['老周', '阿杰'], ['上海'], '老周'),
  zh('horror', '林晓搬进重庆一栋老楼，每到午夜，楼上空房间里就传来弹钢琴的声音。', ['林晓'], ['重庆'], '林晓'),
  zh('documentary', '纪录片：记者陈静走访云南的茶农王伯，记录一季普洱茶从采摘到压饼的全过程。', ['陈静', '王伯'], ['云南'], '陈静'),
  zh('sports', '农村少年李明想进北京的国家乒乓球队，教练张红只给他一次试训机会。', ['李明', '张红'], ['北京'], '李明'),
  zh('fable', '小兔子豆豆想在冬天来临之前找到回家的路，只有老乌龟阿慢知道怎么走。', ['豆豆', '阿慢'], [], '豆豆'),
  zh('cooking', '厨艺真人秀里，成都姑娘小雨必须在三十分钟内做出一道让评委老刘满意的麻婆豆腐。', ['小雨', '老刘'], ['成都'], '小雨'),
  zh('scifi', '宇航员赵远在火星基地醒来，发现基地的人工智能“织女”已经把其他人都锁在了舱外。', ['赵远', '织女'], ['火星'], '赵远'),
  zh('romance', '杭州西湖边的书店老板苏晴，爱上了每周来借同一本诗集的建筑师顾言。', ['苏晴', '顾言'], ['杭州'], '苏晴'),
  zh('comedy', '社恐程序员王小明被误认为是公司新来的总裁，只好硬着头皮在深圳总部主持年会。', ['王小明'], ['深圳'], '王小明'),
  zh('mystery', '侦探沈默在西安的古玩市场追查一件失踪的唐代铜镜。', ['沈默'], ['西安'], '沈默'),
  zh('adventure', '少女阿朵和她的牦牛格桑从拉萨出发，穿越雪山去寻找传说中的盐湖。', ['阿朵', '格桑'], ['拉萨'], '阿朵'),

  // Japanese
  ja('heist', '元金庫破りの老人ケンジは、孫娘のユキと組んで、大阪の美術館から盗まれた掛け軸を取り戻す。', ['ケンジ', 'ユキ'], ['大阪'], 'ケンジ'),
  ja('horror', '大学生のハルカは、京都の古い旅館で夜ごと聞こえる足音の正体を探る。', ['ハルカ'], ['京都'], 'ハルカ'),
  ja('documentary', 'ドキュメンタリー：北海道の漁師、佐藤さんの一年を追う。冬の海、家族、そして最後の漁。', ['佐藤'], ['北海道'], '佐藤'),
  ja('sports', '高校生の翔太は、甲子園を目指す弱小野球部のエースになる。', ['翔太'], ['甲子園'], '翔太'),
  ja('fable', '子ぎつねのコンは、森の長老であるフクロウのホーに、冬を越す知恵を教わる。', ['コン', 'ホー'], [], 'コン'),
  ja('cooking', '料理コンテスト番組で、見習い料理人のミナは審査員の田中シェフをうならせるラーメンを作らなければならない。', ['ミナ', '田中'], [], 'ミナ'),
  ja('scifi', '火星の植民地で、技術者のアキラは管理AIのミライが嘘をついていることに気づく。', ['アキラ', 'ミライ'], ['火星'], 'アキラ'),
  ja('romance', '東京の小さな花屋で働くサクラは、毎朝同じ花を買う青年ソウタに恋をする。', ['サクラ', 'ソウタ'], ['東京'], 'サクラ'),
  ja('comedy', 'サラリーマンの山田は、間違えて社長の犬の散歩を引き受けてしまい、渋谷で大騒ぎになる。', ['山田'], ['渋谷'], '山田'),
  ja('mystery', '探偵のレイは、横浜の港で消えた豪華客船の宝石を追う。', ['レイ'], ['横浜'], 'レイ'),

  // Spanish
  es('heist', 'Tomás, un viejo ladrón de cajas fuertes, reúne a su antigua banda para robar el Banco de España en Madrid.', ['Tomás'], ['Madrid'], 'Tomás'),
  es('horror', 'Lucía hereda una casa en Toledo donde las muñecas cambian de lugar cada noche.', ['Lucía'], ['Toledo'], 'Lucía'),
  es('documentary', 'Un documental sobre Rosario, la última pescadora de perlas de la isla Margarita, y su nieta Ana.', ['Rosario', 'Ana'], ['Margarita'], 'Rosario'),
  es('sports', 'Diego, un chico de Rosario, sueña con jugar la final del campeonato con el club de su barrio.', ['Diego'], ['Rosario'], 'Diego'),
  es('fable', 'El burro Perico y la gallina Clara viajan juntos para salvar la cosecha del pueblo.', ['Perico', 'Clara'], [], 'Perico'),
  es('cooking', 'En un concurso de cocina en Lima, Valentina debe preparar un ceviche perfecto para el chef Ramírez.', ['Valentina', 'Ramírez'], ['Lima'], 'Valentina'),
  es('scifi', 'En una estación espacial sobre la Tierra, la ingeniera Carmen descubre que el robot Hugo ha desactivado el soporte vital.', ['Carmen', 'Hugo'], [], 'Carmen'),
  es('romance', 'Marta y Andrés, dos músicos callejeros de Sevilla, se enamoran durante la Feria de Abril.', ['Marta', 'Andrés'], ['Sevilla'], 'Marta'),
  es('comedy', 'Paco, un taxista de Barcelona, lleva por error a una estrella de cine a su boda familiar.', ['Paco'], ['Barcelona'], 'Paco'),
  es('mystery', 'La detective Inés busca un cuadro robado en Buenos Aires.', ['Inés'], ['Buenos Aires'], 'Inés'),

  // French
  fr('heist', 'Antoine, un ancien perceur de coffres, prépare avec Chloé le cambriolage d’une bijouterie de la place Vendôme à Paris.', ['Antoine', 'Chloé'], ['Paris'], 'Antoine'),
  fr('horror', 'Camille passe une nuit seule dans un vieux manoir de Bretagne où une voix l’appelle par son nom.', ['Camille'], ['Bretagne'], 'Camille'),
  fr('documentary', 'Un documentaire sur Marcel, le dernier berger des Pyrénées, et une année avec son troupeau.', ['Marcel'], ['Pyrénées'], 'Marcel'),
  fr('sports', 'Yasmine, une jeune boxeuse de Marseille, prépare le combat de sa vie contre la championne en titre.', ['Yasmine'], ['Marseille'], 'Yasmine'),
  fr('fable', 'Le renard Filou et la cigogne Margot apprennent à partager leur repas.', ['Filou', 'Margot'], [], 'Filou'),
  fr('cooking', 'Dans une émission de cuisine à Lyon, Julien doit réussir un soufflé devant le chef Bocuse.', ['Julien', 'Bocuse'], ['Lyon'], 'Julien'),
  fr('scifi', 'À bord d’un vaisseau vers Mars, la pilote Élise découvre que l’ordinateur de bord, Orion, a changé de cap.', ['Élise', 'Orion'], ['Mars'], 'Élise'),
  fr('romance', 'Hugo, libraire à Montmartre, tombe amoureux de Léa, une peintre qui vient chaque jeudi.', ['Hugo', 'Léa'], ['Montmartre'], 'Hugo'),
  fr('comedy', 'Gérard, un boulanger de Lille, se retrouve par erreur juge d’un concours de beauté canine.', ['Gérard'], ['Lille'], 'Gérard'),
  fr('mystery', 'L’inspectrice Mathilde enquête sur un meurtre dans le train de nuit pour Nice.', ['Mathilde'], ['Nice'], 'Mathilde'),

  // German
  de('heist', 'Der alte Tresorknacker Otto plant mit seiner Enkelin Lena einen letzten Einbruch in die Bundesbank in Frankfurt.', ['Otto', 'Lena'], ['Frankfurt'], 'Otto'),
  de('horror', 'Jonas verbringt den Winter allein in einer Hütte im Schwarzwald, bis nachts jemand an die Fenster klopft.', ['Jonas'], ['Schwarzwald'], 'Jonas'),
  de('documentary', 'Ein Dokumentarfilm über Greta, die letzte Fährfrau auf der Elbe, und ihren Alltag zwischen Hamburg und Cuxhaven.', ['Greta'], ['Hamburg', 'Cuxhaven'], 'Greta'),
  de('sports', 'Mehmet, ein junger Läufer aus Köln, will beim Berlin-Marathon seinen Vater stolz machen.', ['Mehmet'], ['Köln'], 'Mehmet'),
  de('fable', 'Der Igel Stachel und die Maus Fiona suchen im Herbstwald einen Platz für den Winterschlaf.', ['Stachel', 'Fiona'], [], 'Stachel'),
  de('cooking', 'In einer Kochshow in München muss Anna für den strengen Juror Weber einen Apfelstrudel backen.', ['Anna', 'Weber'], ['München'], 'Anna'),
  de('scifi', 'Auf einer Raumstation über dem Mond entdeckt die Ingenieurin Frieda, dass der Roboter Kaspar Geheimnisse hat.', ['Frieda', 'Kaspar'], [], 'Frieda'),
  de('romance', 'Paul und Sophie, zwei Fremde, verlieben sich während einer Zugfahrt von Wien nach Venedig.', ['Paul', 'Sophie'], ['Wien', 'Venedig'], 'Paul'),
  de('comedy', 'Klaus, ein pedantischer Beamter aus Bremen, muss eine Woche lang den chaotischen Zirkus seines Bruders leiten.', ['Klaus'], ['Bremen'], 'Klaus'),
  de('mystery', 'Kommissarin Hanna sucht in Leipzig nach einer verschwundenen Geige.', ['Hanna'], ['Leipzig'], 'Hanna'),

  // Languages the planner does not write: the plan is in English and keeps the names.
  { language: 'other', plannedIn: 'en', genre: 'romance', idea: 'Giulia e Marco si innamorano durante l’estate a Napoli.', names: ['Giulia', 'Marco'], places: ['Napoli'], hero: 'Giulia' },
  { language: 'other', plannedIn: 'en', genre: 'adventure', idea: 'Pieter, een jonge schipper uit Amsterdam, zeilt naar het verre noorden om zijn vader te vinden.', names: ['Pieter'], places: ['Amsterdam'], hero: 'Pieter' },

  // Written after the rules and first scored as held out (recall 0.882, proper hero 0.833); what
  // they lost was then fixed, so they are part of the tuned corpus now.
  ...[
    en('thriller', 'When her brother vanishes in Lisbon, Marguerite, a retired spy, has one night to find him before the ferry to Tangier leaves.', ['Marguerite'], ['Lisbon', 'Tangier'], 'Marguerite'),
    en('fable', 'A hedgehog named Bramble and a shy mole called Tuck build a bridge over the stream.', ['Bramble', 'Tuck'], [], 'Bramble'),
    zh('drama', '大学毕业的周宁回到桂林老家，和父亲周建国一起经营快要倒闭的米粉店。', ['周宁', '周建国'], ['桂林'], '周宁'),
    zh('thriller', '出租车司机马强在广州深夜接到一个神秘乘客，对方让他立刻开往珠海。', ['马强'], ['广州', '珠海'], '马强'),
    ja('drama', '名古屋で暮らす祖母のハナは、孫のリクに最後の手紙を書く。', ['ハナ', 'リク'], ['名古屋'], 'ハナ'),
    ja('adventure', '少年タケルは、相棒の犬ポチと一緒に、富士山の頂上を目指す。', ['タケル', 'ポチ'], ['富士山'], 'タケル'),
    es('thriller', 'Gabriel, un periodista de Bogotá, recibe una llamada anónima que lo lleva hasta Cartagena.', ['Gabriel'], ['Bogotá', 'Cartagena'], 'Gabriel'),
    es('fable', 'La tortuga Lola y el conejo Pepe organizan una carrera en el bosque.', ['Lola', 'Pepe'], [], 'Lola'),
    fr('drama', 'Après la mort de son père, Céline revient à Bordeaux pour vendre les vignes familiales avec son frère Julien.', ['Céline', 'Julien'], ['Bordeaux'], 'Céline'),
    fr('adventure', 'Le petit Théo et sa chienne Praline partent à la recherche d’un trésor dans les Alpes.', ['Théo', 'Praline'], ['Alpes'], 'Théo'),
    de('drama', 'Nach dreißig Jahren kehrt Heinrich in sein Dorf an der Mosel zurück, wo seine Schwester Ilse noch immer wartet.', ['Heinrich', 'Ilse'], ['Mosel'], 'Heinrich'),
    de('sports', 'Die Schwimmerin Marie trainiert in Rostock für die Europameisterschaft in Rom.', ['Marie'], ['Rostock', 'Rom'], 'Marie'),
  ],

  // Held out until the key-object rules were tuned on them (the sought thing after "for", 把, a
  // trade before a name, an adjective that is part of a name, every noun of a compound, a thing
  // jieba takes for a name): now part of the tuned set.
  ...[
    en('mystery', 'Inspector Halloran searches the docks of Belfast for a stolen pocket watch that belonged to his late father.', ['Halloran'], ['Belfast'], 'Halloran', ['pocket watch']),
    en('adventure', 'Two sisters, Maeve and Orla, sail from Galway to find the lighthouse their mother painted.', ['Maeve', 'Orla'], ['Galway'], 'Maeve'),
    zh('mystery', '记者唐薇在重庆调查一封寄错的旧信，信里藏着二十年前的秘密。', ['唐薇'], ['重庆'], '唐薇', ['旧信']),
    zh('fable', '小狐狸阿橙想在冬天之前把一颗红果子送给生病的奶奶。', ['阿橙'], [], '阿橙', ['红果子']),
    ja('mystery', '刑事の山本サキは、大阪の美術館から消えた絵を追う。', ['山本サキ'], ['大阪'], '山本サキ', ['絵']),
    ja('sports', 'ボクサーのジンは、横浜の小さなジムで最後の試合に備える。', ['ジン'], ['横浜'], 'ジン'),
    es('heist', 'Valentina, una ladrona retirada, planea robar el collar de esmeraldas del casino de Montecarlo con su viejo socio Rafael.', ['Valentina', 'Rafael'], ['Montecarlo'], 'Valentina', ['collar de esmeraldas']),
    es('drama', 'En un pueblo de Asturias, el abuelo Ramón enseña a su nieta Irene a tocar la gaita.', ['Ramón', 'Irene'], ['Asturias'], 'Ramón', ['gaita']),
    fr('mystery', 'À Nantes, la commissaire Hélène Garnier cherche une statuette volée au musée des Beaux-Arts.', ['Hélène Garnier'], ['Nantes'], 'Hélène Garnier', ['statuette']),
    fr('comedy', 'Bernard, boulanger à Dijon, doit livrer une pièce montée géante au mariage du maire.', ['Bernard'], ['Dijon'], 'Bernard', ['pièce montée']),
    de('mystery', 'In Leipzig sucht der Privatdetektiv Otto Brandt eine verschwundene Taschenuhr.', ['Otto Brandt'], ['Leipzig'], 'Otto Brandt', ['Taschenuhr']),
    de('adventure', 'Die junge Bergführerin Lotte führt eine Gruppe Touristen über die Zugspitze.', ['Lotte'], ['Zugspitze'], 'Lotte'),
    en('drama', 'The old clockmaker Anselm repairs a broken cuckoo clock for the mayor of Salzburg before the festival.', ['Anselm'], ['Salzburg'], 'Anselm', ['cuckoo clock']),
    zh('mystery', '少年阿杰在西安的夜市寻找丢失的玉佩。', ['阿杰'], ['西安'], '阿杰', ['玉佩']),
  ],

  // Held out: written after the rules above, never used to tune them. Each names its key object.
  ...[
    en('mystery', 'Detective Moira Quinn combs the flea markets of Dublin for a silver music box stolen from a children’s hospital.', ['Moira Quinn'], ['Dublin'], 'Moira Quinn', ['music box']),
    zh('drama', '老木匠许师傅在苏州修复一张祖传的红木桌子。', ['许师傅'], ['苏州'], '许师傅', ['桌子']),
    ja('adventure', '漁師のタケシは、函館の港で古い地図を見つける。', ['タケシ'], ['函館'], 'タケシ', ['地図']),
    ja('fable', '少女ハナは、京都の祖母に手作りの人形を届ける。', ['ハナ'], ['京都'], 'ハナ', ['人形']),
    es('cooking', 'En Valencia, el cocinero Andrés busca la receta perdida de la paella de su abuela.', ['Andrés'], ['Valencia'], 'Andrés', ['receta']),
    es('drama', 'La pintora Carmen pierde su cuaderno de bocetos en un tren hacia Granada.', ['Carmen'], ['Granada'], 'Carmen', ['cuaderno de bocetos']),
    fr('drama', 'À Lille, le jeune luthier Mathis fabrique un violon pour le concert de sa sœur Chloé.', ['Mathis', 'Chloé'], ['Lille'], 'Mathis', ['violon']),
    fr('fable', 'La fermière Odile cherche sa vache Marguerite dans les brumes de Normandie.', ['Odile', 'Marguerite'], ['Normandie'], 'Odile'),
    de('drama', 'In Hamburg repariert die Uhrmacherin Frieda eine alte Schiffsglocke.', ['Frieda'], ['Hamburg'], 'Frieda', ['Schiffsglocke']),
    de('comedy', 'Der Bäcker Konrad aus Bremen verliert seinen Ehering im Brotteig.', ['Konrad'], ['Bremen'], 'Konrad', ['Ehering']),
  ].map((entry) => ({ ...entry, heldOut: true })),
];
