/**
 * The plan's joining words in Spanish. Phrases avoid articles and adjectives that would have to
 * agree with a noun whose gender the planner does not know ("bufanda de color bermellón").
 */
import { capitalize } from '../text-utils.ts';
import { latinPrompt, stop, type PlanWords } from './plan-words.ts';

export const es: PlanWords = {
  gap: ' ',
  sentence: (action) => stop(capitalize(action)),
  heroDoes: (hero, event) => `${hero} ${event}`,
  titled: (title, name) => `${title} ${name}`,
  names: {
    western: { f: ['Lucía', 'Carmen', 'Elena', 'Inés', 'Marta', 'Rosa'], m: ['Mateo', 'Diego', 'Pablo', 'Tomás', 'Julián', 'Andrés'] },
    japanese: { f: ['Miko', 'Hana', 'Yuki', 'Emi', 'Rin', 'Aki'], m: ['Kenji', 'Ren', 'Haru', 'Taro', 'Sora', 'Nori'] },
    chinese: { f: ['Mei', 'Lan', 'Xia', 'Hui', 'Lin', 'Yu'], m: ['Wei', 'Jun', 'Ming', 'Bo', 'Tao', 'Ping'] },
  },
  aiNames: ['HALO', 'ECO', 'NOVA', 'IRIS'],
  accessories: ['bufanda', 'pajarita', 'boina', 'mochila', 'impermeable', 'pañuelo al cuello', 'gorra', 'paraguas'],
  accessory: (colour, item) => `${item} de color ${colour}`,
  marks: {
    animal: ['ojos verdes brillantes', 'ojos color ámbar', 'una mancha blanca sobre un ojo'],
    human: ['una pequeña cicatriz en la barbilla', 'pecas', 'gafas redondas'],
    machine: ['un ojo azul luminoso', 'una hombrera abollada'],
  },
  hair: ['con el pelo corto y negro', 'con el pelo rizado y pelirrojo', 'con una melena corta plateada', 'con trenzas castañas', 'con el pelo rubio revuelto'],
  withHair: (kind, hair) => `${kind} ${hair}`,
  glowing: (kind, colour) => `${kind} que brilla en color ${colour}`,
  intro: (phrase) => phrase,
  protagonist: (name, intro, note) => `${name}, ${intro}, en el centro de la historia: ${note}.`,
  support: (name, label, _kind, kindText, adjective, detail) => `${name}, ${label}: ${kindText}${adjective ? ` ${adjective}` : ''} ${detail}.`,
  named: (name) => `${name}, a quien nombra la idea.`,
  framings: {
    establishing: ['Plano general de situación'],
    solo: ['Primer plano', 'Plano medio', 'Plano medio corto'],
    pair: ['Plano a dos', 'Plano por encima del hombro', 'Plano medio'],
    group: ['Plano general', 'Plano entero del grupo'],
  },
  cameraNote(move, framing, focus, place) {
    switch (move) {
      case 'static': return `${framing} fijo de ${focus ?? place}`;
      case 'push-in': return focus ? `Lento acercamiento al rostro de ${focus}` : `Lento avance de la cámara hacia ${place}`;
      case 'pull-out': return focus ? `La cámara se aleja de ${focus} y descubre ${place}` : `La cámara se aleja y muestra ${place} por completo`;
      case 'pan-left': return focus ? `Panorámica a la izquierda por ${place} hasta encontrar a ${focus}` : `Panorámica a la izquierda por ${place}`;
      case 'pan-right': return focus ? `Panorámica a la derecha siguiendo a ${focus}` : `Panorámica a la derecha por ${place}`;
    }
  },
  prompt: (words) => latinPrompt(words, { characters: 'Personajes', setting: 'Escenario', style: 'Estilo', camera: 'Cámara' }),
  placeReference: ({ inSentence }) => inSentence,
  placeTitle: ({ inSentence }) => inSentence,
  objectTitle: (object) => object,
  logline: (hero, intro, _predicate, place, proper, hook) => `${hero}, ${intro}${proper ? `, en ${place}` : ''}: ${hook}.`,
  opening(hero, intro, _predicate, place, quoted, company) {
    const source = quoted === undefined ? '' : ` (Según la idea: «${quoted}».)`;
    const others = company.map(({ name, label }) => `${name}, ${label}`).join('; ');
    return `En el centro de la historia está ${hero}, ${intro}. El lugar: ${place}.${source} También aparecen: ${others}.`;
  },
  locationDescription: (place, _proper, time, corner, details) => `${capitalize(place)} ${time}${corner ? `, ${corner}` : ''}: ${details.join('; ')}.`,
};
