/**
 * The plan's joining words in French. Phrases avoid articles and adjectives that would have to
 * agree with a noun whose gender the planner does not know ("écharpe couleur vermillon").
 */
import { capitalize } from '../text-utils.ts';
import { latinPrompt, stop, type PlanWords } from './plan-words.ts';

export const fr: PlanWords = {
  gap: ' ',
  sentence: (action) => stop(capitalize(action)),
  heroDoes: (hero, event) => `${hero} ${event}`,
  titled: (title, name) => `${title} ${name}`,
  names: {
    western: { f: ['Camille', 'Chloé', 'Léa', 'Manon', 'Inès', 'Margaux'], m: ['Louis', 'Hugo', 'Jules', 'Théo', 'Lucien', 'Basile'] },
    japanese: { f: ['Miko', 'Hana', 'Yuki', 'Emi', 'Rin', 'Aki'], m: ['Kenji', 'Ren', 'Haru', 'Taro', 'Sora', 'Nori'] },
    chinese: { f: ['Mei', 'Lan', 'Xia', 'Hui', 'Lin', 'Yu'], m: ['Wei', 'Jun', 'Ming', 'Bo', 'Tao', 'Ping'] },
  },
  aiNames: ['HALO', 'ÉCHO', 'NOVA', 'IRIS'],
  accessories: ['écharpe', 'nœud papillon', 'béret', 'sac à dos', 'imperméable', 'foulard', 'casquette', 'parapluie'],
  accessory: (colour, item) => `${item} couleur ${colour}`,
  marks: {
    animal: ['des yeux vert vif', 'des yeux ambrés', 'une tache blanche autour d’un œil'],
    human: ['une petite cicatrice au menton', 'des taches de rousseur', 'des lunettes rondes'],
    machine: ['un œil bleu lumineux', 'une épaulière cabossée'],
  },
  hair: ['aux cheveux noirs et courts', 'aux cheveux roux bouclés', 'au carré argenté', 'aux tresses brunes', 'aux cheveux blonds en bataille'],
  withHair: (kind, hair) => `${kind} ${hair}`,
  glowing: (kind, colour) => `${kind} à la lueur ${colour}`,
  intro: (phrase) => phrase,
  protagonist: (name, intro, note) => `${name}, ${intro}, au cœur de l’histoire : ${note}.`,
  support: (name, label, _kind, kindText, adjective, detail) => `${name}, ${label} : ${kindText}${adjective ? ` ${adjective}` : ''} ${detail}.`,
  named: (name) => `${name}, que l’idée nomme.`,
  framings: {
    establishing: ['Plan d’ensemble d’ouverture'],
    solo: ['Gros plan', 'Plan rapproché taille', 'Plan rapproché poitrine'],
    pair: ['Plan à deux', 'Plan par-dessus l’épaule', 'Plan rapproché taille'],
    group: ['Plan large', 'Plan moyen du groupe'],
  },
  cameraNote(move, framing, focus, place) {
    switch (move) {
      case 'static': return `${framing} fixe ${focus ? `sur ${focus}` : `de ${place}`}`;
      case 'push-in': return focus ? `Lent travelling avant sur le visage de ${focus}` : `Lent travelling avant vers ${place}`;
      case 'pull-out': return focus ? `Travelling arrière depuis ${focus}, qui dévoile ${place}` : `Travelling arrière qui dévoile ${place} en entier`;
      case 'pan-left': return focus ? `Panoramique vers la gauche à travers ${place} jusqu’à ${focus}` : `Panoramique vers la gauche à travers ${place}`;
      case 'pan-right': return focus ? `Panoramique vers la droite qui suit ${focus}` : `Panoramique vers la droite à travers ${place}`;
    }
  },
  prompt: (words) => latinPrompt(words, { characters: 'Personnages', setting: 'Décor', style: 'Style', camera: 'Caméra' }),
  placeReference: ({ inSentence }) => inSentence,
  placeTitle: ({ inSentence }) => inSentence,
  objectTitle: (object) => object,
  logline: (hero, intro, _predicate, place, proper, hook) => `${hero}, ${intro}${proper ? `, à ${place}` : ''} : ${hook}.`,
  opening(hero, intro, _predicate, place, quoted, company) {
    const source = quoted === undefined ? '' : ` (D’après l’idée : « ${quoted} ».)`;
    const others = company.map(({ name, label }) => `${name}, ${label}`).join(' ; ');
    return `Au centre de l’histoire, il y a ${hero}, ${intro}. Le lieu : ${place}.${source} Avec aussi : ${others}.`;
  },
  locationDescription: (place, _proper, time, corner, details) => `${capitalize(place)} ${time}${corner ? `, ${corner}` : ''} : ${details.join(' ; ')}.`,
};
