/**
 * The plan's joining words in German. Phrases avoid articles and endings that would have to agree
 * with a noun whose gender the planner does not know ("Schal in Zinnoberrot").
 */
import { capitalize } from '../text-utils.ts';
import { latinPrompt, stop, type PlanWords } from './plan-words.ts';

export const de: PlanWords = {
  gap: ' ',
  sentence: (action) => stop(capitalize(action)),
  heroDoes: (hero, event) => `${hero} ${event}`,
  titled: (title, name) => `${title} ${name}`,
  names: {
    western: { f: ['Lena', 'Greta', 'Mila', 'Ida', 'Frieda', 'Hanna'], m: ['Jonas', 'Felix', 'Paul', 'Emil', 'Anton', 'Karl'] },
    japanese: { f: ['Miko', 'Hana', 'Yuki', 'Emi', 'Rin', 'Aki'], m: ['Kenji', 'Ren', 'Haru', 'Taro', 'Sora', 'Nori'] },
    chinese: { f: ['Mei', 'Lan', 'Xia', 'Hui', 'Lin', 'Yu'], m: ['Wei', 'Jun', 'Ming', 'Bo', 'Tao', 'Ping'] },
  },
  aiNames: ['HALO', 'ECHO', 'NOVA', 'IRIS'],
  accessories: ['Schal', 'Fliege', 'Baskenmütze', 'Rucksack', 'Regenmantel', 'Halstuch', 'Schirmmütze', 'Regenschirm'],
  accessory: (colour, item) => `${item} in ${colour}`,
  marks: {
    animal: ['leuchtend grüne Augen', 'bernsteinfarbene Augen', 'ein weißer Fleck um ein Auge'],
    human: ['eine kleine Narbe am Kinn', 'Sommersprossen', 'eine runde Brille'],
    machine: ['ein blau leuchtendes Auge', 'eine verbeulte Schulterplatte'],
  },
  hair: ['mit kurzen schwarzen Haaren', 'mit roten Locken', 'mit silbernem Bob', 'mit braunen Zöpfen', 'mit zerzaustem blondem Haar'],
  withHair: (kind, hair) => `${kind} ${hair}`,
  glowing: (kind, colour) => `${kind}, leuchtet in ${colour}`,
  intro: (phrase) => phrase,
  protagonist: (name, intro, note) => `${name}, ${intro}, steht im Mittelpunkt der Geschichte: ${note}.`,
  support: (name, label, _kind, kindText, adjective, detail) => `${name}, ${label}: ${kindText}${adjective ? ` (${adjective})` : ''}, ${detail}.`,
  named: (name) => `${name}, von dem die Idee spricht.`,
  framings: {
    establishing: ['Totale zur Orientierung'],
    solo: ['Großaufnahme', 'Halbnahe', 'Naheinstellung'],
    pair: ['Zweiereinstellung', 'Einstellung über die Schulter', 'Halbnahe'],
    group: ['Totale', 'Halbtotale der Gruppe'],
  },
  cameraNote(move, framing, focus, place) {
    switch (move) {
      case 'static': return `Statische ${framing} ${focus ? `von ${focus}` : `von ${place}`}`;
      case 'push-in': return focus ? `Langsame Fahrt auf das Gesicht von ${focus}` : `Langsame Fahrt nach vorn, hinein in ${place}`;
      case 'pull-out': return focus ? `Rückfahrt von ${focus}, bis ${place} zu sehen ist` : `Langsame Rückfahrt, bis ${place} ganz zu sehen ist`;
      case 'pan-left': return focus ? `Schwenk nach links über ${place} bis zu ${focus}` : `Schwenk nach links über ${place}`;
      case 'pan-right': return focus ? `Schwenk nach rechts, der ${focus} folgt` : `Schwenk nach rechts über ${place}`;
    }
  },
  prompt: (words) => latinPrompt(words, { characters: 'Figuren', setting: 'Schauplatz', style: 'Stil', camera: 'Kamera' }),
  placeReference: ({ inSentence }) => inSentence,
  placeTitle: ({ inSentence }) => inSentence,
  objectTitle: (object) => object,
  logline: (hero, intro, _predicate, place, proper, hook) => `${hero}, ${intro}${proper ? `, in ${place}` : ''}: ${hook}.`,
  opening(hero, intro, _predicate, place, quoted, company) {
    const source = quoted === undefined ? '' : ` (Nach der Idee: „${quoted}“.)`;
    const others = company.map(({ name, label }) => `${name}, ${label}`).join('; ');
    return `Im Mittelpunkt der Geschichte steht ${hero}, ${intro}. Der Schauplatz: ${place}.${source} Außerdem dabei: ${others}.`;
  },
  locationDescription: (place, _proper, time, corner, details) => `${capitalize(place)} ${time}${corner ? `, ${corner}` : ''}: ${details.join('; ')}.`,
};
