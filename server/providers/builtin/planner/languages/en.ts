/** The plan's joining words in English. */
import { HAIR } from '../lexicon.ts';
import { capitalize, titleCase, withArticle } from '../text-utils.ts';
import { latinPrompt, type PlanWords } from './plan-words.ts';

export const en: PlanWords = {
  gap: ' ',
  sentence: (action) => `${capitalize(action)}.`,
  heroDoes: (hero, event) => `${hero} ${event}`,
  titled: (title, name) => `${title} ${name}`,
  names: {
    western: { f: ['Ada', 'Iris', 'Nora', 'Ruby', 'Vera', 'Lena'], m: ['Felix', 'Milo', 'Otto', 'Theo', 'Jonah', 'Hugo'] },
    japanese: { f: ['Miko', 'Hana', 'Yuki', 'Emi', 'Rin', 'Aki'], m: ['Kenji', 'Ren', 'Haru', 'Taro', 'Sora', 'Nori'] },
    chinese: { f: ['Mei', 'Lan', 'Xia', 'Hui', 'Lin', 'Yu'], m: ['Wei', 'Jun', 'Ming', 'Bo', 'Tao', 'Ping'] },
  },
  aiNames: ['HALO', 'ECHO', 'NOVA', 'IRIS'],
  accessories: ['scarf', 'bow tie', 'beret', 'backpack', 'raincoat', 'neckerchief', 'cap', 'umbrella'],
  accessory: (colour, item) => `${colour} ${item}`,
  marks: {
    animal: ['bright green eyes', 'amber eyes', 'a white patch over one eye'],
    human: ['a small scar on the chin', 'freckles', 'round spectacles'],
    machine: ['one glowing blue eye', 'a dented shoulder plate'],
  },
  hair: HAIR.en,
  withHair: (kind, hair) => `${kind} ${hair}`,
  glowing: (kind, colour) => `${kind} glowing ${colour}`,
  intro: (phrase) => (/^(two|three|four|five|several|some)\b/i.test(phrase) ? phrase : withArticle(phrase)),
  protagonist: (name, intro, note) => `${name} is ${intro} at the heart of the story — ${note}.`,
  support: (name, label, _kind, kindText, adjective, detail) => `${name}, ${label}: ${withArticle(`${adjective ? `${adjective} ` : ''}${kindText}`)} ${detail}.`,
  named: (name) => `${name}, who the idea names.`,
  framings: {
    establishing: ['Wide establishing shot'],
    solo: ['Close-up', 'Medium shot', 'Medium close-up'],
    pair: ['Two-shot', 'Over-the-shoulder shot', 'Medium shot'],
    group: ['Wide shot', 'Medium-wide group shot'],
  },
  cameraNote(move, framing, focus, place) {
    switch (move) {
      case 'static': return `Locked-off ${framing.toLowerCase()} ${focus ? `on ${focus}` : `of ${place}`}`;
      case 'push-in': return focus ? `Slow push-in on ${focus}'s face` : `Slow push-in towards ${place}`;
      case 'pull-out': return focus ? `Pull out from ${focus} to reveal ${place}` : `Pull out to reveal all of ${place}`;
      case 'pan-left': return focus ? `Pan left across ${place} to find ${focus}` : `Pan left across ${place}`;
      case 'pan-right': return focus ? `Pan right, following ${focus}` : `Pan right across ${place}`;
    }
  },
  prompt: (words) => latinPrompt(words, { characters: 'Characters', setting: 'Setting', style: 'Style', camera: 'Camera' }),
  placeReference: ({ inSentence, proper }) => (proper ? inSentence : `the ${inSentence}`),
  placeTitle: ({ inSentence, proper }) => (proper ? inSentence : `the ${titleCase(inSentence)}`),
  objectTitle: (object) => titleCase(object),
  logline: (hero, intro, predicate, place, _proper, hook) => `${hero}, ${intro}, ${predicate || `in ${place}`} — ${hook}.`,
  opening(hero, intro, predicate, place, quoted, company) {
    const source = quoted === undefined ? '' : ` (From the idea: “${quoted}”.)`;
    const others = company.map(({ name, label }) => `${name}, ${label}`).join('; ');
    return `${hero} is ${intro}${predicate ? ` who ${predicate}` : ` in ${place}`}.${source} Along the way: ${others}.`;
  },
  locationDescription(place, proper, time, corner, details) {
    return `${capitalize(proper ? place : withArticle(place))} ${time}${corner ? `, ${corner}` : ''}: ${details.join('; ')}.`;
  },
};
