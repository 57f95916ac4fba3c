/** The part of kuromoji's API the planner uses (the package ships no types). */
declare module 'kuromoji' {
  export interface IpadicToken {
    surface_form: string;
    /** 名詞, 助詞, 動詞 … */
    pos: string;
    /** 固有名詞, 一般, 連体化 … */
    pos_detail_1: string;
    /** 人名, 地域 … */
    pos_detail_2: string;
    /** 姓 (family name), 名 (given name) … */
    pos_detail_3: string;
    /** 連用形, 基本形 … for verbs and adjectives; '*' for words that do not conjugate. */
    conjugated_form?: string;
    /** The dictionary form of a conjugated word (直し → 直す). */
    basic_form?: string;
    /** How the word is read, in katakana ('*' when the dictionary does not know it). */
    reading?: string;
  }
  export interface Tokenizer {
    tokenize(text: string): IpadicToken[];
  }
  /** CommonJS: the functions come in as the default export. */
  const kuromoji: {
    builder(options: { dicPath: string }): { build(callback: (error: Error | null, tokenizer: Tokenizer) => void): void };
  };
  export default kuromoji;
}
